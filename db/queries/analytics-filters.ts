/**
 * The filters every analytics query shares, as SQL conditions on the columns a report reads: the
 * reader's connections, a business number, an agent, a conversation label, a campaign's conversations.
 */
import { and, sql, type SQL, type SQLWrapper } from "drizzle-orm";

import { campaignRecipients, conversationLabelLinks } from "../schema";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";

/** What a report is asked for, in the terms the database knows (lib/analytics/filters.ts builds it). */
export interface AnalyticsQuery {
  /** UTC instants: `start` inclusive, `end` exclusive. */
  start: Date;
  end: Date;
  /** IANA zone the days and hours of the week are counted in. */
  timeZone: string;
  scope: ConnectionScope;
  phoneNumberId: string | null;
  /** Agents see their own figures: the service sets their id here whatever they asked. */
  agentId: string | null;
  labelId: string | null;
  campaignId: string | null;
}

/**
 * The conditions of a query on rows carrying a phone number, a conversation and an agent (episodes,
 * waits, messages joined to their conversation). `agent` may be left out where a report groups by agent
 * itself or has no agent (costs, templates).
 */
export function analyticsConditions(
  query: AnalyticsQuery,
  columns: { phoneNumberId: SQLWrapper; conversationId?: SQLWrapper; agentId?: SQLWrapper },
): SQL | undefined {
  return and(
    phoneNumberInScope(query.scope, columns.phoneNumberId),
    query.phoneNumberId ? sql`${columns.phoneNumberId} = ${query.phoneNumberId}` : undefined,
    query.agentId && columns.agentId ? sql`${columns.agentId} = ${query.agentId}` : undefined,
    query.labelId && columns.conversationId
      ? sql`exists (select 1 from ${conversationLabelLinks} l where l.conversation_id = ${columns.conversationId} and l.label_id = ${query.labelId})`
      : undefined,
    query.campaignId && columns.conversationId
      ? sql`${columns.conversationId} in (select r.conversation_id from ${campaignRecipients} r where r.campaign_id = ${query.campaignId} and r.conversation_id is not null)`
      : undefined,
  );
}

/** `at` as a date in the query's zone (`YYYY-MM-DD`), for grouping by day. */
export const localDay = (query: AnalyticsQuery, at: SQLWrapper): SQL<string> => sql<string>`to_char((${at}) at time zone ${query.timeZone}, 'YYYY-MM-DD')`;
