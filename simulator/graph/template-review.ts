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

/** Every `event` Meta sends in `message_template_status_update`; an event is not always a status. */
export const TEMPLATE_EVENTS = [
  "APPROVED", "REJECTED", "PENDING", "PAUSED", "DISABLED", "FLAGGED", "REINSTATED", "LOCKED", "IN_APPEAL",
  "ARCHIVED", "UNARCHIVED", "DELETED", "PENDING_DELETION", "LIMIT_EXCEEDED",
] as const;
export type TemplateEvent = (typeof TEMPLATE_EVENTS)[number];

/** The status an event leaves the template in: FLAGGED and LOCKED keep it sendable, LIMIT_EXCEEDED is about the account. */
function statusAfter(event: TemplateEvent, current: TemplateStatus): TemplateStatus {
  switch (event) {
    case "FLAGGED":
    case "LOCKED":
    case "LIMIT_EXCEEDED":
      return current;
    case "REINSTATED":
    case "UNARCHIVED":
      return "APPROVED";
    default:
      return event;
  }
}

/** The extra objects Meta adds to some events (`other_info`, `disable_info`, `rejection_info`). */
function eventDetails(template: Template, event: string, reason: string | null, wasPaused: boolean, nowSeconds: number): Record<string, unknown> {
  switch (event) {
    case "FLAGGED":
      return { other_info: { title: "FIRST_PAUSE", description: `Your WhatsApp message template ${template.name} has received negative feedback from customers and may be paused if its quality does not improve.` } };
    case "PAUSED":
      return { other_info: { title: "FIRST_PAUSE", description: `Your WhatsApp message template ${template.name} has been paused for 3 hours because it had issues.` } };
    case "REINSTATED":
      return wasPaused ? { other_info: { title: "UNPAUSE", description: "Your WhatsApp message template has been unpaused." } } : {};
    case "DISABLED":
      return { disable_info: { disable_date: nowSeconds } };
    case "REJECTED":
      return reason === "INVALID_FORMAT"
        ? { rejection_info: { reason: "The template's format is not valid.", recommendation: "Check the variables' format and placement, then submit the template again." } }
        : {};
    default:
      return {};
  }
}

/** Sets the template's status and announces `event` with `message_template_status_update`, to the default callback only. */
function setStatusAndAnnounce(sim: Simulator, template: Template, status: TemplateStatus, event: string, reason: string | null): Promise<unknown> {
  const wasPaused = template.status === "PAUSED";
  template.status = status;
  if (event === "REJECTED") template.rejectedReason = reason ?? "NONE";
  else if (status !== "REJECTED") template.rejectedReason = null;
  if (status === "APPROVED" && template.qualityScore === "UNKNOWN") template.qualityScore = "GREEN";
  const nowSeconds = sim.clock.nowSeconds();
  const announced = event === "REJECTED" ? template.rejectedReason : reason;
  const payload = templateStatusEnvelope(template, event, announced, nowSeconds, eventDetails(template, event, announced, wasPaused, nowSeconds));
  return sim.webhooks.deliver(defaultTarget(sim), "message_template_status_update", payload);
}

/** `POST /_sim/template-event`: an event as Meta sends it, applied to the template's status as Meta would. */
export function applyTemplateEvent(sim: Simulator, template: Template, event: TemplateEvent, reason: string | null): Promise<unknown> {
  return setStatusAndAnnounce(sim, template, statusAfter(event, template.status), event, reason);
}

/** Applies a review decision (a status) and announces it. */
export function decideTemplate(sim: Simulator, template: Template, status: TemplateStatus, reason: string | null): Promise<unknown> {
  return setStatusAndAnnounce(sim, template, status, status, reason);
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
