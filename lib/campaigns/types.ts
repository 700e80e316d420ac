/**
 * The shapes campaigns share across the services, the doors and the screens. Browser-safe: types and
 * constants only.
 */
import type { CampaignRecipientStatus, CampaignStatus } from "@/db/schema";
import type { RenderedTemplate, TemplateValues } from "@/lib/whatsapp/template-fill";

export type CampaignAudience =
  | { kind: "segment"; segmentId: string }
  | { kind: "tags"; tagIds: string[] } // contacts with ANY of these tags
  | { kind: "import"; importId: string }; // the contacts a finished import created or updated

/** Where one variable's value (or the header media) comes from. */
export type VariableSource =
  | { source: "field"; field: "name" | "display_name" | "profile_name" | "phone"; fallback?: string }
  | { source: "attribute"; key: string; fallback?: string }
  | { source: "fixed"; value: string };

/** Keys: a body/header/button variable's input key as templateVariableInputs() names it; "header_media" → { mediaId }. */
export interface CampaignMapping {
  variables: Record<string, VariableSource>;
  headerMediaId?: string;
}

export const SKIP_REASONS = ["opted_out", "no_consent", "invalid_number", "missing_variable", "duplicate", "no_number"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface CampaignCounts {
  audience: number;
  eligible: number;
  skipped: number;
  pending: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  cancelled: number;
}

/** One line of a cost: null amounts mean the rate is unknown. */
export interface CostLine {
  category: string;
  country: string | null;
  count: number;
  currency: string | null;
  unitAmount: string | null;
  total: string | null;
}

export interface CostSummary {
  currency: string | null;
  total: string | null;
  lines: CostLine[];
  unknownCount: number;
}

export interface CampaignView {
  id: string;
  name: string;
  status: CampaignStatus;
  phoneNumberId: string;
  businessNumber: string;
  template: { id: string | null; name: string; language: string; category: string };
  audience: CampaignAudience;
  audienceLabel: string;
  mapping: CampaignMapping;
  scheduledAt: string | null;
  timeZone: string | null;
  counts: CampaignCounts;
  /**
   * Recipients left out when it started, by reason (every reason present, zeros included), read from its
   * recipients. Null while it is a draft or scheduled: nothing is fixed yet, and evaluating the whole
   * audience for every view would cost a pass over it each time (the plan, asked for one draft, says it).
   */
  skippedByReason: Record<SkipReason, number> | null;
  estimate: CostSummary | null;
  actualCost: CostSummary | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  startedAt: string | null;
  pausedAt: string | null;
  finishedAt: string | null;
  cancelledAt: string | null;
  error: string | null;
  can: { manage: boolean };
}

/** The pre-send summary. */
export interface CampaignPlan {
  eligible: number;
  skipped: Record<SkipReason, number>;
  estimate: CostSummary;
  sample: RecipientPreview[];
}

export interface RecipientPreview {
  contactId: string;
  name: string | null;
  phoneNumber: string | null;
  values: TemplateValues;
  rendered: RenderedTemplate | null;
  skipReason: SkipReason | null;
  missing: string[];
}

export interface RecipientView {
  id: number;
  contactId: string | null;
  name: string | null;
  phoneNumber: string | null;
  status: CampaignRecipientStatus;
  skipReason: SkipReason | null;
  error: { code: number | null; title: string | null; explanationKey?: string; retrySafe: boolean } | null;
  conversationId: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  repliedAt: string | null;
  failedAt: string | null;
}

export interface FailureGroup {
  code: number | null;
  title: string | null;
  explanationKey: string | null;
  retrySafe: boolean;
  count: number;
}
