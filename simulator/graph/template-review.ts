import type { Simulator } from "../sim";
import type { Template, TemplateStatus } from "../state";
import { templateStatusEnvelope } from "../webhooks/payloads";
import { defaultTarget } from "../webhooks/routing";

const SCAM_WORDS = /\b(guaranteed (income|returns|profit)|bitcoin|crypto|lottery|casino|wire transfer|free money|get rich)\b/i;
const ABUSIVE_WORDS = /\b(idiot|stupid|hate you|loser)\b/i;
const PROMOTIONAL_WORDS = /(\d+\s?% off|\bdiscount\b|\bsale\b|\bpromo code\b|\bbuy now\b)/i;

export interface ReviewDecision {
  status: TemplateStatus;
  reason: string | null;
  /** A UTILITY template recategorised as MARKETING when allow_category_change was set. */
  recategorised: boolean;
}

function allText(template: Template): string {
  return template.components.map((component) => `${String(component.text ?? "")} ${JSON.stringify(component.buttons ?? "")}`).join(" ");
}

/**
 * The simulator's deterministic review: names containing "reject" → INVALID_FORMAT; scam or abusive words →
 * SCAM / ABUSIVE_CONTENT; promotional wording in a UTILITY template → MARKETING if allowed, else INCORRECT_CATEGORY.
 */
export function reviewTemplate(template: Template): ReviewDecision {
  const text = allText(template);
  if (template.name.includes("reject")) return { status: "REJECTED", reason: "INVALID_FORMAT", recategorised: false };
  if (SCAM_WORDS.test(text)) return { status: "REJECTED", reason: "SCAM", recategorised: false };
  if (ABUSIVE_WORDS.test(text)) return { status: "REJECTED", reason: "ABUSIVE_CONTENT", recategorised: false };
  if (template.category === "UTILITY" && PROMOTIONAL_WORDS.test(text)) {
    if (template.allowCategoryChange) return { status: "APPROVED", reason: null, recategorised: true };
    return { status: "REJECTED", reason: "INCORRECT_CATEGORY", recategorised: false };
  }
  return { status: "APPROVED", reason: null, recategorised: false };
}

/** Applies a status and announces it with `message_template_status_update`, to the default callback only. */
export function decideTemplate(sim: Simulator, template: Template, status: TemplateStatus, reason: string | null): Promise<unknown> {
  template.status = status;
  template.rejectedReason = status === "REJECTED" ? reason ?? "NONE" : null;
  if (status === "APPROVED" && template.qualityScore === "UNKNOWN") template.qualityScore = "GREEN";
  const payload = templateStatusEnvelope(template, status, status === "REJECTED" ? template.rejectedReason : reason, sim.clock.nowSeconds());
  return sim.webhooks.deliver(defaultTarget(sim), "message_template_status_update", payload);
}

/** A PENDING template is decided after `templateReviewMs`, unless something decided it first. */
export function scheduleReview(sim: Simulator, template: Template): void {
  const revision = template.revision;
  sim.scheduler.after(sim.options.templateReviewMs, () => {
    const current = sim.state.templates.get(template.id);
    if (!current || current.status !== "PENDING" || current.revision !== revision) return;
    const decision = reviewTemplate(current);
    if (decision.recategorised) {
      current.previousCategory = current.category;
      current.category = "MARKETING";
    }
    void decideTemplate(sim, current, decision.status, decision.reason);
  });
}
