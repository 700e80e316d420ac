/**
 * Campaigns side by side: each one's funnel (recipients, sent, delivered, read, replied, failed), its
 * reply rate and what it cost as WhatsApp billed it, for the campaigns started in the period.
 */
import "server-only";

import type { Database } from "@/db";
import { startedCampaigns } from "@/db/queries/analytics-campaigns";
import { billedMessagesOf } from "@/db/queries/campaign-recipients";
import { estimateCost } from "@/lib/campaigns/pricing";
import { campaignCounts } from "@/lib/campaigns/results";

import type { AnalyticsRequest } from "./types";
import type { CampaignsReport } from "./views";

/** The most campaigns one report compares. */
export const CAMPAIGNS_REPORT_MAX = 50;

/** GET /api/analytics/campaigns (readers who see everyone's figures: the door refuses agents). */
export async function campaignsReport(db: Database, request: AnalyticsRequest): Promise<CampaignsReport> {
  const listed = await startedCampaigns(db, request.query, CAMPAIGNS_REPORT_MAX);
  const ids = listed.map((campaign) => campaign.id);
  const [counts, billed] = await Promise.all([campaignCounts(db, ids), billedMessagesOf(db, ids)]);
  // The same rule as a campaign's own actual cost (lib/campaigns/costs.ts), its billed lines read for all at once.
  const costs = await Promise.all(ids.map((id) => estimateCost(db, billed.filter((line) => line.campaignId === id))));
  return {
    range: request.range,
    rows: listed.map((campaign, index) => {
      const count = counts.get(campaign.id)!;
      return {
        id: campaign.id,
        name: campaign.name,
        status: campaign.status,
        startedAt: campaign.startedAt?.toISOString() ?? null,
        recipients: count.eligible,
        sent: count.sent,
        delivered: count.delivered,
        read: count.read,
        replied: count.replied,
        failed: count.failed,
        replyRate: count.delivered > 0 ? count.replied / count.delivered : null,
        cost: costs[index]!,
      };
    }),
  };
}
