/**
 * The 24-hour window report's reads, from `customer_waits` (kept by triggers): waits started in a
 * period (customer_waits_started_idx) and windows that closed in it before any reply or resolution
 * (customer_waits_last_inbound_idx: a window closes a fixed time after the customer's last message).
 */
import { and, desc, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { contacts, conversations, customerWaits, users } from "../schema";
import { analyticsConditions, localDay, type AnalyticsQuery } from "./analytics-filters";

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
 * were answered within `answeredWithinSeconds` of their start.
 */
export async function waitsStartedByDayAndAgent(db: Database, query: AnalyticsQuery, answeredWithinSeconds: number): Promise<WaitsRow[]> {
  return db
    .select({
      date: localDay(query, customerWaits.startedAt),
      agentId: customerWaits.agentId,
      agentName: users.name,
      waits: sql<number>`count(*)::integer`,
      answeredWithinHour: sql<number>`(count(*) filter (where ${customerWaits.answeredAt} <= ${customerWaits.startedAt} + ${secondsInterval(answeredWithinSeconds)}))::integer`,
    })
    .from(customerWaits)
    .leftJoin(users, eq(users.id, customerWaits.agentId))
    .where(and(gte(customerWaits.startedAt, query.start), lt(customerWaits.startedAt, query.end), waitConditions(query)))
    // By position: the day's expression carries the zone as a parameter, so it cannot be repeated verbatim.
    .groupBy(sql`1`, sql`2`, sql`3`);
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

/** Missed windows by the local day they closed on, and by agent. */
export async function missedWindowsByDayAndAgent(db: Database, query: AnalyticsQuery, filter: MissedWindowsFilter): Promise<MissedRow[]> {
  return db
    .select({
      date: localDay(query, windowClosesAt(filter.windowSeconds)),
      agentId: customerWaits.agentId,
      agentName: users.name,
      missed: sql<number>`count(*)::integer`,
    })
    .from(customerWaits)
    .leftJoin(users, eq(users.id, customerWaits.agentId))
    .where(missedConditions(query, filter))
    .groupBy(sql`1`, sql`2`, sql`3`);
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
