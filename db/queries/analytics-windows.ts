/**
 * The 24-hour window report's reads, from `customer_waits` (kept by triggers): waits started in a
 * period (customer_waits_started_idx) and windows that closed in it before any reply or resolution
 * (customer_waits_last_inbound_idx: a window closes a fixed time after the customer's last message).
 */
import { and, desc, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { contacts, conversations, customerWaits, users } from "../schema";
import { analyticsConditions, type AnalyticsQuery } from "./analytics-filters";

/** The filters of the query on a wait's number, conversation and agent. */
const waitConditions = (query: AnalyticsQuery): SQL | undefined =>
  analyticsConditions(query, { phoneNumberId: customerWaits.phoneNumberId, conversationId: customerWaits.conversationId, agentId: customerWaits.agentId });

/** `seconds` as an interval (a parameter cast, so both drivers type it the same). */
const secondsInterval = (seconds: number): SQL => sql`(${Math.round(seconds)}::integer * interval '1 second')`;

/** When a wait's window closes: `windowSeconds` after the customer's last message (parenthesised: `at time zone` binds tighter than `+`). */
const windowClosesAt = (windowSeconds: number): SQL => sql`(${customerWaits.lastInboundAt} + ${secondsInterval(windowSeconds)})`;

export interface WaitsRow {
  date: string;
  agentId: string | null;
  agentName: string | null;
  waits: number;
  answeredWithinHour: number;
}

/**
 * Waits that started in the query's period, by local day and agent: how many, and how many of them
 * were answered within `answeredWithinSeconds` of their start. Counted per local date and agent first,
 * then the few hundred groups are formatted and named: a 90-day period holds a hundred thousand waits,
 * and formatting each one's date (or sorting them by the text) costs more than the count itself.
 */
export async function waitsStartedByDayAndAgent(db: Database, query: AnalyticsQuery, answeredWithinSeconds: number): Promise<WaitsRow[]> {
  const w = customerWaits;
  const result = await db.execute(sql`
    select to_char(s.day, 'YYYY-MM-DD') as date, s.agent_id as "agentId", ${users.name} as "agentName", s.waits, s.answered as "answeredWithinHour"
    from (
      select (${w.startedAt} at time zone ${query.timeZone})::date as day, ${w.agentId} as agent_id, count(*)::integer as waits,
             (count(*) filter (where ${w.answeredAt} <= ${w.startedAt} + ${secondsInterval(answeredWithinSeconds)}))::integer as answered
      from ${w}
      where ${and(gte(w.startedAt, query.start), lt(w.startedAt, query.end), waitConditions(query))}
      group by 1, 2
    ) as s
    left join ${users} on ${users.id} = s.agent_id`);
  return rowsOf<WaitsRow>(result);
}

/** When a window is missed, and which ones closed within the period the query asks about. */
export interface MissedWindowsFilter {
  /** How long a window stays open after the customer's last message (seconds). */
  windowSeconds: number;
  /** Windows closing after this have not closed yet. */
  now: Date;
}

/**
 * Waits whose window (`windowSeconds` after the customer's last message) closed in [start, end) and by
 * `now`, with no reply or resolution until it closed. Bounded on last_inbound_at, so the index reads
 * only the waits of the period.
 */
function missedConditions(query: AnalyticsQuery, filter: MissedWindowsFilter): SQL | undefined {
  const windowMs = filter.windowSeconds * 1000;
  const lastInboundFrom = new Date(query.start.getTime() - windowMs);
  const lastInboundBefore = new Date(query.end.getTime() - windowMs);
  const lastInboundClosedBy = new Date(filter.now.getTime() - windowMs);
  const closesAt = windowClosesAt(filter.windowSeconds);
  return and(
    gte(customerWaits.lastInboundAt, lastInboundFrom),
    lt(customerWaits.lastInboundAt, lastInboundBefore),
    lte(customerWaits.lastInboundAt, lastInboundClosedBy),
    sql`(coalesce(${customerWaits.answeredAt}, ${customerWaits.closedAt}) is null or coalesce(${customerWaits.answeredAt}, ${customerWaits.closedAt}) > ${closesAt})`,
    waitConditions(query),
  );
}

export interface MissedRow {
  date: string;
  agentId: string | null;
  agentName: string | null;
  missed: number;
}

/** Missed windows by the local day they closed on, and by agent (counted per date and agent, then formatted and named). */
export async function missedWindowsByDayAndAgent(db: Database, query: AnalyticsQuery, filter: MissedWindowsFilter): Promise<MissedRow[]> {
  const result = await db.execute(sql`
    select to_char(s.day, 'YYYY-MM-DD') as date, s.agent_id as "agentId", ${users.name} as "agentName", s.missed
    from (
      select (${windowClosesAt(filter.windowSeconds)} at time zone ${query.timeZone})::date as day, ${customerWaits.agentId} as agent_id, count(*)::integer as missed
      from ${customerWaits}
      where ${missedConditions(query, filter)}
      group by 1, 2
    ) as s
    left join ${users} on ${users.id} = s.agent_id`);
  return rowsOf<MissedRow>(result);
}

export interface MissedWindowRow {
  conversationId: string;
  phoneNumberId: string;
  agentId: string | null;
  agentName: string | null;
  lastInboundAt: Date;
  answeredAt: Date | null;
  waId: string;
  customerName: string | null;
  customerDisplayName: string | null;
  customerPhone: string | null;
  customerUserId: string | null;
  customerUsername: string | null;
}

/** The missed windows themselves, the latest to close first, at most `limit`, with who the customer is. */
export async function listMissedWindows(db: Database, query: AnalyticsQuery, filter: MissedWindowsFilter & { limit: number }): Promise<MissedWindowRow[]> {
  return db
    .select({
      conversationId: customerWaits.conversationId,
      phoneNumberId: customerWaits.phoneNumberId,
      agentId: customerWaits.agentId,
      agentName: users.name,
      lastInboundAt: customerWaits.lastInboundAt,
      answeredAt: customerWaits.answeredAt,
      waId: conversations.waId,
      customerName: contacts.profileName,
      customerDisplayName: contacts.displayName,
      customerPhone: contacts.phoneNumber,
      customerUserId: contacts.userId,
      customerUsername: contacts.username,
    })
    .from(customerWaits)
    .innerJoin(conversations, eq(conversations.id, customerWaits.conversationId))
    .innerJoin(contacts, eq(contacts.waId, conversations.waId))
    .leftJoin(users, eq(users.id, customerWaits.agentId))
    .where(missedConditions(query, filter))
    .orderBy(desc(customerWaits.lastInboundAt), desc(customerWaits.id))
    .limit(filter.limit);
}
