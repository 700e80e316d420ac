/**
 * What the results page derives from a campaign's counts and status: the progress, the funnel, which
 * lifecycle controls apply. Pure and browser-safe, so each rule is tested without rendering.
 */
import type { CampaignRecipientStatus, CampaignStatus } from "@/db/campaign-statuses";
import type { CampaignCounts, FailureGroup, RecipientView } from "@/lib/campaigns/types";
import { ERROR_TABLE, type ExplanationKey } from "@/lib/whatsapp/errors";

export interface Progress {
  /** Recipients whose send is over, whatever its outcome (sent, failed). */
  processed: number;
  eligible: number;
  /** 0–100, whole. */
  percent: number;
}

/** How far a campaign has got: processed out of eligible (cancelled recipients are neither, and are said apart). */
export function progressOf(counts: CampaignCounts): Progress {
  const eligible = Math.max(0, counts.eligible);
  const processed = Math.min(eligible, Math.max(0, counts.sent + counts.failed));
  const percent = eligible === 0 ? 0 : Math.floor((processed / eligible) * 100);
  return { processed, eligible, percent };
}

export const FUNNEL_STAGES = ["sent", "delivered", "read", "replied"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelStep {
  stage: FunnelStage;
  count: number;
  /** Share of the sent messages that reached this stage, 0–1 (0 when nothing was sent). */
  shareOfSent: number;
}

/** Sent → delivered → read → replied: each stage counts the messages that got at least that far. */
export function funnelOf(counts: CampaignCounts): FunnelStep[] {
  return FUNNEL_STAGES.map((stage) => ({ stage, count: counts[stage], shareOfSent: counts.sent === 0 ? 0 : counts[stage] / counts.sent }));
}

export type LifecycleControl = "review" | "pause" | "resume" | "cancel" | "retry";

/**
 * The controls a campaign offers in its status, to someone who manages campaigns (nobody else gets
 * any): a draft is started or scheduled from the builder's review step; a running or paused campaign
 * is paused, resumed or cancelled; failures whose error says retrying is safe are sent again.
 */
export function lifecycleControls(status: CampaignStatus, options: { canManage: boolean; retrySafeFailures: number }): LifecycleControl[] {
  if (!options.canManage) return [];
  const controls: LifecycleControl[] = [];
  if (status === "draft") controls.push("review");
  if (status === "sending") controls.push("pause");
  if (status === "paused") controls.push("resume");
  if (status === "scheduled" || status === "sending" || status === "paused") controls.push("cancel");
  if ((status === "sending" || status === "paused" || status === "finished") && options.retrySafeFailures > 0) controls.push("retry");
  return controls;
}

/** How many failed recipients "Retry failed" would send again. */
export function retrySafeCount(groups: readonly FailureGroup[]): number {
  return groups.reduce((total, group) => total + (group.retrySafe ? group.count : 0), 0);
}

/** Whether the campaign may still change by itself (a send, a status): its page says it updates live. */
export function isLive(status: CampaignStatus): boolean {
  return status === "sending" || status === "scheduled";
}

export type BadgeTone = "secondary" | "info" | "success" | "warning" | "destructive" | "outline";

const STATUS_TONES: Record<CampaignStatus, BadgeTone> = {
  draft: "outline",
  scheduled: "info",
  sending: "info",
  paused: "warning",
  finished: "success",
  cancelled: "secondary",
  failed: "destructive",
};

export function statusTone(status: CampaignStatus): BadgeTone {
  return STATUS_TONES[status];
}

const EXPLANATION_KEYS: ReadonlySet<string> = new Set(Object.values(ERROR_TABLE).map((explained) => explained.key));

/** An error's explanation key when the table knows it (an older or foreign key is shown by its code and title alone). */
export function knownExplanationKey(key: string | null | undefined): ExplanationKey | null {
  return key && EXPLANATION_KEYS.has(key) ? (key as ExplanationKey) : null;
}

/** Failure groups, the largest first (ties: retry-safe first, then by code), so what matters most leads. */
export function sortFailureGroups(groups: readonly FailureGroup[]): FailureGroup[] {
  return [...groups].sort((a, b) => b.count - a.count || Number(b.retrySafe) - Number(a.retrySafe) || (a.code ?? 0) - (b.code ?? 0));
}

export type RecipientMoment = "replied" | "read" | "delivered" | "sent" | "failed";

/** A recipient's latest moment and when it happened (a reply outranks the statuses), or null before any send. */
export function recipientMoment(recipient: Pick<RecipientView, "sentAt" | "deliveredAt" | "readAt" | "repliedAt" | "failedAt">): { moment: RecipientMoment; at: string } | null {
  if (recipient.repliedAt) return { moment: "replied", at: recipient.repliedAt };
  if (recipient.failedAt) return { moment: "failed", at: recipient.failedAt };
  if (recipient.readAt) return { moment: "read", at: recipient.readAt };
  if (recipient.deliveredAt) return { moment: "delivered", at: recipient.deliveredAt };
  if (recipient.sentAt) return { moment: "sent", at: recipient.sentAt };
  return null;
}

const RECIPIENT_TONES: Record<CampaignRecipientStatus, BadgeTone> = {
  pending: "secondary",
  skipped: "outline",
  sending: "info",
  sent: "info",
  delivered: "success",
  read: "success",
  failed: "destructive",
  cancelled: "secondary",
};

export function recipientTone(status: CampaignRecipientStatus): BadgeTone {
  return RECIPIENT_TONES[status];
}
