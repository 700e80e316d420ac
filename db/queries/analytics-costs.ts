/**
 * Priced messages of a period for the costs report: counts by local day, pricing category, pricing
 * type, charged or free, and the customer's country. Read from the hourly rollup analytics_cost_hours
 * (kept by the messages trigger of migration 0021), never from every message of the period.
 */
import { and, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { analyticsCostHours, campaignRecipients, conversations, messages } from "../schema";
import { analyticsConditions, type AnalyticsQuery } from "./analytics-filters";

export interface PricedMessageCount {
  /** `YYYY-MM-DD` in the query's time zone. */
  date: string;
  /** Lower case, as the rollup keeps it (marketing, utility, authentication, service, …). */
  category: string;
  /** WhatsApp's pricing type (regular, free_customer_service, free_entry_point); null when it sent none. */
  pricingType: string | null;
  /** Billable and of the regular type: the rule the rollup and lib/campaigns/costs.ts apply. */
  charged: boolean;
  country: string | null;
  count: number;
}

/** Instants, `start` inclusive and `end` exclusive: the report's range, or the month so far. */
export interface PricedWindow {
  start: Date;
  end: Date;
}

/**
 * The priced messages sent in `window` under the query's business number and connection scope, and its
 * label and campaign when set. The agent filter does not apply to costs: a price belongs to the account,
 * not to whoever sent the message (campaign sends have no sender at all).
 */
export async function pricedMessageCounts(db: Database, query: AnalyticsQuery, window: PricedWindow): Promise<PricedMessageCount[]> {
  if (query.labelId || query.campaignId) return pricedMessagesOfConversations(db, query, window);
  const h = analyticsCostHours;
  // Summed per local date first (a zone conversion per row is cheap; formatting each row's date is not),
  // then the few thousand groups are formatted.
  const result = await db.execute(sql`
    select to_char(s.day, 'YYYY-MM-DD') as date, s.category, s.pricing_type as "pricingType", s.charged, s.country, s.count
    from (
      select (${h.hour} at time zone ${query.timeZone})::date as day, ${h.category} as category, ${h.pricingType} as pricing_type,
             ${h.charged} as charged, ${h.country} as country, sum(${h.messages})::int as count
      from ${h}
      where ${and(
        // The rollup's key starts with the hour: the range is an index range scan.
        sql`${h.hour} >= ${window.start.toISOString()}`,
        sql`${h.hour} < ${window.end.toISOString()}`,
        analyticsConditions(query, { phoneNumberId: h.phoneNumberId }),
      )}
      group by 1, 2, 3, 4, 5
      -- A pricing that moved to another key leaves its old key at zero.
      having sum(${h.messages}) <> 0
    ) as s
  `);
  return rowsOf<PricedMessageCount>(result).map((row) => ({ ...row, count: Number(row.count) }));
}

/** Billable and of the regular type: the same expression as the rollup's trigger (migration 0021). */
const chargedRule = (pricing: SQL) =>
  sql`(coalesce(${pricing} ->> 'type', 'regular') = 'regular'
    and coalesce(case when ${pricing} ->> 'billable' in ('true', 'false') then (${pricing} ->> 'billable')::boolean end, true))`;

/**
 * With a label or a campaign the rollup cannot answer (it has no conversation), so the priced messages
 * are read from those conversations themselves, bounded by the filter: a label's conversations (through
 * conversation_label_links and messages_conversation_sent_idx), a campaign's own sends (its recipients'
 * message ids). The same lines as the rollup: the same charged rule and `analytics_country(wa_id)`.
 *
 * The filtered conversations are a materialized CTE: the label's few hundred conversations are found
 * first, whatever the label, and only their messages read. The statement is prepared and its plan
 * cached, so it must not depend on the planner guessing from one label's statistics how many
 * conversations a label has.
 */
async function pricedMessagesOfConversations(db: Database, query: AnalyticsQuery, window: PricedWindow): Promise<PricedMessageCount[]> {
  const m = messages;
  const pricing = sql`${m.pricing}`;
  // Each customer's country is looked up once (materialized: else the planner calls analytics_country
  // once per grouped row). Days are counted as dates and formatted once per group.
  const result = await db.execute(sql`
    with chosen as materialized (
      select ${conversations.id} as id, ${conversations.waId} as wa_id
      from ${conversations}
      where ${analyticsConditions(query, { phoneNumberId: conversations.phoneNumberId, conversationId: conversations.id })}
    ),
    per_customer as (
      select (${m.sentAt} at time zone ${query.timeZone})::date as day, lower(${pricing} ->> 'category') as category, ${pricing} ->> 'type' as pricing_type,
             ${chargedRule(pricing)} as charged, chosen.wa_id, count(*) as count
      from chosen
      join ${m} on ${m.conversationId} = chosen.id
      where ${and(
        sql`${pricing} ->> 'category' is not null`,
        sql`${m.type} <> 'note'`,
        sql`${m.sentAt} >= ${window.start.toISOString()}`,
        sql`${m.sentAt} < ${window.end.toISOString()}`,
        // A campaign's own sends, not its conversations' other messages.
        query.campaignId
          ? sql`${m.id} in (select r.message_id from ${campaignRecipients} r where r.campaign_id = ${query.campaignId} and r.message_id is not null)`
          : undefined,
      )}
      group by 1, 2, 3, 4, 5
    ),
    customers as materialized (
      select w.wa_id, analytics_country(w.wa_id) as country from (select distinct wa_id from per_customer) w
    )
    select to_char(p.day, 'YYYY-MM-DD') as date, p.category, p.pricing_type as "pricingType", p.charged, k.country, sum(p.count)::int as count
    from per_customer p
    join customers k on k.wa_id = p.wa_id
    group by p.day, p.category, p.pricing_type, p.charged, k.country
  `);
  return rowsOf<PricedMessageCount>(result).map((row) => ({ ...row, count: Number(row.count) }));
}
