/**
 * What the conversations report reads: messages per local hour (from the hourly rollup), the episodes
 * opened or resolved in the range, the backlog when the range starts, the replies of the range per
 * person, and the numbers' names and business hours. Each read goes through an index on the range.
 */
import { and, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
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

/**
 * Messages per local hour in the range. From the hourly rollup, except with a label or campaign
 * filter: the rollup knows no conversations, so then the messages of the filtered conversations only
 * are read (bounded by the filter, each conversation's through messages_conversation_sent_idx). The
 * rollup's hours are UTC hours: in a zone whose offset is not whole hours, an hour counts in the local
 * hour it starts in.
 *
 * Summed per hour first, then the few thousand hours are turned into local dates, weekdays and hours:
 * a zone conversion and a date format for each of the period's rows (tens of thousands) cost more than
 * the whole sum.
 */
export async function messagesByLocalHour(db: Database, query: AnalyticsQuery): Promise<LocalHourCount[]> {
  const hours = query.labelId || query.campaignId ? filteredMessageHours(query) : rollupHours(query);
  const result = await db.execute(sql`
    select to_char(h.local, 'YYYY-MM-DD') as date, extract(isodow from h.local)::int as weekday, extract(hour from h.local)::int as hour,
           h.phone_number_id as "phoneNumberId", h.direction, h.messages
    from (${hours}) as h`);
  return rowsOf<LocalHourCount>(result).map((row) => ({ ...row, messages: Number(row.messages) }));
}

/** The rollup's hours of the range (UTC), summed over agents, each then read on the local clock. */
function rollupHours(query: AnalyticsQuery): SQL {
  const h = analyticsMessageHours;
  return sql`
    select s.hour at time zone ${query.timeZone} as local, s.phone_number_id, s.direction, s.messages
    from (
      select ${h.hour} as hour, ${h.phoneNumberId} as phone_number_id, ${h.direction} as direction, sum(${h.messages})::int as messages
      from ${h}
      where ${and(
        analyticsConditions(query, { phoneNumberId: h.phoneNumberId, agentId: h.agentId }),
        gte(h.hour, query.start),
        lt(h.hour, query.end),
      )}
      group by 1, 2, 3
    ) as s`;
}

/** The filtered conversations' messages of the range, counted per local hour (one zone conversion each, no formatting). */
function filteredMessageHours(query: AnalyticsQuery): SQL {
  const agent = sql`(case when ${messages.direction} = 'outbound' then ${messages.senderId} else ${conversations.assigneeId} end)`;
  return sql`
    select date_trunc('hour', ${messages.sentAt} at time zone ${query.timeZone}) as local, ${conversations.phoneNumberId} as phone_number_id,
           ${messages.direction} as direction, count(*)::int as messages
    from ${conversations}
    join ${messages} on ${messages.conversationId} = ${conversations.id}
    where ${and(
      analyticsConditions(query, { phoneNumberId: conversations.phoneNumberId, conversationId: conversations.id, agentId: agent }),
      gte(messages.sentAt, query.start),
      lt(messages.sentAt, query.end),
      sql`${messages.type} <> 'note'`,
    )}
    group by 1, 2, 3`;
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
