/**
 * Which cost a campaign shows: what it actually cost once messages went out (from their pricing),
 * else the estimate made before sending, always labelled as one or the other. Pure and browser-safe.
 */
import type { CampaignView, CostSummary } from "@/lib/campaigns/types";

export type CostDisplay =
  | { kind: "none" }
  /** `amount` null: no total can be given (unknown rates only, or several currencies). */
  | { kind: "actual" | "estimate"; amount: number | null; currency: string | null; unknownCount: number };

function hasFigures(summary: CostSummary | null): summary is CostSummary {
  return summary !== null && (summary.lines.length > 0 || summary.total !== null || summary.unknownCount > 0);
}

function displayOf(kind: "actual" | "estimate", summary: CostSummary): CostDisplay {
  const amount = summary.total === null ? null : Number(summary.total);
  return {
    kind,
    amount: amount !== null && Number.isFinite(amount) && summary.currency ? amount : null,
    currency: summary.currency,
    unknownCount: summary.unknownCount,
  };
}

/** The actual cost once there is any, else the estimate, else nothing to show. */
export function costShown(campaign: Pick<CampaignView, "actualCost" | "estimate">): CostDisplay {
  if (hasFigures(campaign.actualCost)) return displayOf("actual", campaign.actualCost);
  if (hasFigures(campaign.estimate)) return displayOf("estimate", campaign.estimate);
  return { kind: "none" };
}

/** A summary's total as a display (for the estimate-versus-actual comparison), or nothing when absent. */
export function costOf(kind: "actual" | "estimate", summary: CostSummary | null): CostDisplay {
  return hasFigures(summary) ? displayOf(kind, summary) : { kind: "none" };
}
