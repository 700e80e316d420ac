/**
 * What the conversations report reads: messages per local hour (from the hourly rollup), the episodes
 * opened or resolved in the range, the backlog when the range starts, the replies of the range per
 * person, and the numbers' names and business hours. Each read goes through an index on the range.
 */
import { and, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { analyticsMessageHours, businessHours, conversationEpisodes, conversations, customerWaits, messages, phoneNumbers, type OpeningInterval } from "../schema";
import { analyticsConditions, localDay, type AnalyticsQuery } from "./analytics-filters";

/** Messages of one local hour, one number and one direction. */
export interface LocalHourCount {
  date: string;
  /** ISO weekday 1 (Monday) … 7 in the query's zone. */
  weekday: number;
  hour: number;
  phoneNumberId: string;
  direction: "inbound" | "outbound";
  messages: number;
}

const localWeekday = (query: AnalyticsQuery, at: SQL | typeof analyticsMessageHours.hour) =>
  sql<number>`extract(isodow from ${at} at time zone ${query.timeZone})::int`;
const localHour = (query: AnalyticsQuery, at: SQL | typeof analyticsMessageHours.hour) => sql<number>`extract(hour from ${at} at time zone ${query.timeZone})::int`;

/**
 * Messages per local hour in the range. From the hourly rollup, except with a label or campaign
 * filter: the rollup knows no conversations, so then the messages of the filtered conversations only
 * are read (bounded by the filter, each conversation's through messages_conversation_sent_idx). The
 * rollup's hours are UTC hours: in a zone whose offset is not whole hours, an hour counts in the local
 * hour it starts in.
 */
export async function messagesByLocalHour(db: Database, query: AnalyticsQuery): Promise<LocalHourCount[]> {
  if (query.labelId || query.campaignId) {
    const agent = sql`(case when ${messages.direction} = 'outbound' then ${messages.senderId} else ${conversations.assigneeId} end)`;
    const rows = await db
      .select({
        date: localDay(query, messages.sentAt),
        weekday: localWeekday(query, sql`${messages.sentAt}`),
        hour: localHour(query, sql`${messages.sentAt}`),
        phoneNumberId: conversations.phoneNumberId,
        direction: messages.direction,
        messages: sql<number>`count(*)::int`,
      })
      .from(conversations)
      .innerJoin(messages, eq(messages.conversationId, conversations.id))
      .where(
        and(
          analyticsConditions(query, { phoneNumberId: conversations.phoneNumberId, conversationId: conversations.id, agentId: agent }),
          gte(messages.sentAt, query.start),
          lt(messages.sentAt, query.end),
          sql`${messages.type} <> 'note'`,
        ),
      )
      .groupBy(sql`1`, sql`2`, sql`3`, conversations.phoneNumberId, messages.direction);
    return rows.map((row) => ({ ...row, messages: Number(row.messages) }));
  }
  const rows = await db
    .select({
      date: localDay(query, analyticsMessageHours.hour),
      weekday: localWeekday(query, analyticsMessageHours.hour),
      hour: localHour(query, analyticsMessageHours.hour),
      phoneNumberId: analyticsMessageHours.phoneNumberId,
      direction: analyticsMessageHours.direction,
      messages: sql<number>`sum(${analyticsMessageHours.messages})::int`,
    })
    .from(analyticsMessageHours)
    .where(
      and(
        analyticsConditions(query, { phoneNumberId: analyticsMessageHours.phoneNumberId, agentId: analyticsMessageHours.agentId }),
        gte(analyticsMessageHours.hour, query.start),
        lt(analyticsMessageHours.hour, query.end),
      ),
    )
    .groupBy(sql`1`, sql`2`, sql`3`, analyticsMessageHours.phoneNumberId, analyticsMessageHours.direction);
  return rows.map((row) => ({ ...row, messages: Number(row.messages) }));
}

/** An episode opened or resolved in the range, with the local days of both (null outside the range). */
export interface RangeEpisode {
  phoneNumberId: string;
  agentId: string | null;
  openedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  /** Local date of the opening when it lies in the range, else null. */
  openedDay: string | null;
  /** Local date of the resolution when it lies in the range, else null. */
  resolvedDay: string | null;
}

const inRange = (query: AnalyticsQuery, column: typeof conversationEpisodes.openedAt | typeof conversationEpisodes.resolvedAt) =>
  and(gte(column, query.start), lt(column, query.end))!;

/** Episodes opened in the range, or resolved in it (through the opened and resolved indexes). */
export async function episodesOfRange(db: Database, query: AnalyticsQuery): Promise<RangeEpisode[]> {
  const openedIn = inRange(query, conversationEpisodes.openedAt);
  const resolvedIn = inRange(query, conversationEpisodes.resolvedAt);
  return db
    .select({
      phoneNumberId: conversationEpisodes.phoneNumberId,
      agentId: conversationEpisodes.agentId,
      openedAt: conversationEpisodes.openedAt,
      firstResponseAt: conversationEpisodes.firstResponseAt,
      resolvedAt: conversationEpisodes.resolvedAt,
      openedDay: sql<string | null>`case when ${openedIn} then ${localDay(query, conversationEpisodes.openedAt)} end`,
      resolvedDay: sql<string | null>`case when ${resolvedIn} then ${localDay(query, conversationEpisodes.resolvedAt)} end`,
    })
    .from(conversationEpisodes)
    .where(
      and(
        analyticsConditions(query, {
          phoneNumberId: conversationEpisodes.phoneNumberId,
          conversationId: conversationEpisodes.conversationId,
          agentId: conversationEpisodes.agentId,
        }),
        or(openedIn, resolvedIn),
      ),
    );
}

/**
 * Episodes open when the range starts: opened before it and not resolved before it. Read as those
 * still open (a small partial index) plus those resolved since the start (the resolved index), so
 * the history before the range is never scanned.
 */
export async function openEpisodesAtStart(db: Database, query: AnalyticsQuery): Promise<number> {
  const count = async (still: SQL) => {
    const [row] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(conversationEpisodes)
      .where(
        and(
          analyticsConditions(query, {
            phoneNumberId: conversationEpisodes.phoneNumberId,
            conversationId: conversationEpisodes.conversationId,
            agentId: conversationEpisodes.agentId,
          }),
          lt(conversationEpisodes.openedAt, query.start),
          still,
        ),
      );
    return Number(row?.count ?? 0);
  };
  const [stillOpen, resolvedSince] = await Promise.all([count(isNull(conversationEpisodes.resolvedAt)), count(gte(conversationEpisodes.resolvedAt, query.start))]);
  return stillOpen + resolvedSince;
}

/**
 * Customer waits answered in the range, per person who answered (null: the WhatsApp Business app).
 * The agent filter applies to who answered.
 */
export async function repliesByPerson(db: Database, query: AnalyticsQuery): Promise<Array<{ answeredById: string | null; replies: number }>> {
  const rows = await db
    .select({ answeredById: customerWaits.answeredById, replies: sql<number>`count(*)::int` })
    .from(customerWaits)
    .where(
      and(
        analyticsConditions(query, {
          phoneNumberId: customerWaits.phoneNumberId,
          conversationId: customerWaits.conversationId,
          agentId: customerWaits.answeredById,
        }),
        gte(customerWaits.answeredAt, query.start),
        lt(customerWaits.answeredAt, query.end),
      ),
    )
    .groupBy(customerWaits.answeredById);
  return rows.map((row) => ({ answeredById: row.answeredById, replies: Number(row.replies) }));
}

export interface NumberWithHours {
  id: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  /** The number's business hours, when it has some. */
  hours: { timeZone: string; weekly: Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", OpeningInterval[]>; holidays: string[] } | null;
}

/** Numbers by id with their names and business hours. */
export async function numbersWithHours(db: Database, ids: readonly string[]): Promise<NumberWithHours[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: phoneNumbers.id,
      displayPhoneNumber: phoneNumbers.displayPhoneNumber,
      verifiedName: phoneNumbers.verifiedName,
      timeZone: businessHours.timeZone,
      weekly: businessHours.weekly,
      holidays: businessHours.holidays,
    })
    .from(phoneNumbers)
    .leftJoin(businessHours, eq(businessHours.phoneNumberId, phoneNumbers.id))
    .where(inArray(phoneNumbers.id, [...new Set(ids)]));
  return rows.map((row) => ({
    id: row.id,
    displayPhoneNumber: row.displayPhoneNumber,
    verifiedName: row.verifiedName,
    hours: row.timeZone !== null && row.weekly !== null ? { timeZone: row.timeZone, weekly: row.weekly, holidays: row.holidays ?? [] } : null,
  }));
}
