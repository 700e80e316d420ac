/**
 * The statuses of a campaign and of its recipients: plain constants, so the screens can list them
 * without loading the schema (db/schema.ts builds its columns from them).
 */
export const CAMPAIGN_STATUSES = ["draft", "scheduled", "sending", "paused", "finished", "cancelled", "failed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_RECIPIENT_STATUSES = ["pending", "skipped", "sending", "sent", "delivered", "read", "failed", "cancelled"] as const;
export type CampaignRecipientStatus = (typeof CAMPAIGN_RECIPIENT_STATUSES)[number];
