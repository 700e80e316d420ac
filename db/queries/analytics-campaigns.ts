/** The campaigns an analytics period covers: those started in it, or the one filtered on. */
import { and, desc, gte, isNotNull, lt, ne, sql } from "drizzle-orm";

import type { Database } from "../client";
import { campaigns } from "../schema";
import type { AnalyticsQuery } from "./analytics-filters";
import { phoneNumberInScope } from "./connection-access";

export interface AnalyticsCampaignRow {
  id: string;
  name: string;
  status: string;
  startedAt: Date | null;
}

/**
 * Started campaigns (never drafts) on the reader's numbers, newest start first, at most `limit`: with a
 * campaign filter that one whenever it started, else those whose start falls in the period.
 */
export async function startedCampaigns(db: Database, query: AnalyticsQuery, limit: number): Promise<AnalyticsCampaignRow[]> {
  return db
    .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status, startedAt: campaigns.startedAt })
    .from(campaigns)
    .where(
      and(
        phoneNumberInScope(query.scope, campaigns.phoneNumberId),
        ne(campaigns.status, "draft"),
        isNotNull(campaigns.startedAt),
        query.phoneNumberId ? sql`${campaigns.phoneNumberId} = ${query.phoneNumberId}` : undefined,
        query.campaignId
          ? sql`${campaigns.id} = ${query.campaignId}`
          : and(gte(campaigns.startedAt, query.start), lt(campaigns.startedAt, query.end)),
      ),
    )
    .orderBy(desc(campaigns.startedAt), desc(campaigns.id))
    .limit(limit);
}
