import { asc, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { conversations, liveEvents, phoneNumbers, templates, wabas, type LiveEvent } from "../schema";

export const LIVE_EVENTS_CHANNEL = "live_events";

/**
 * What changed. A new message also changes its conversation (last message, order, unread count):
 * "message.created" says both; "conversation.updated" is for changes without a message (assigned,
 * resolved, read).
 */
export type LiveEventKind =
  | "message.created"
  | "message.status"
  | "conversation.updated"
  | "template.updated"
  | "phone_number.updated"
  /** A contact's record changed (name, tags, attributes, consent, notes): `{ contactId }`. */
  | "contact.updated"
  /** An import moved on (a batch, its end): `{ importId }`. */
  | "contact_import.updated"
  /** A campaign moved on (a status change, a batch of sends, statuses and replies of its messages): `{ campaignId }`. */
  | "campaign.updated"
  /** Something for one user (a mention, an assignment by someone else): `{ forUserId, notificationId, conversationId }`. */
  | "notification.created"
  /** The conversation labels' catalogue changed (added, renamed, recoloured, deleted): `{ labelId }`. */
  | "conversation_label.updated"
  /** A canned response changed: `{ cannedResponseId }`, with `forUserId` for a personal one. */
  | "canned_response.updated"
  /** A user's availability changed (available, away): `{ availabilityOf: userId }`. */
  | "user.availability"
  /** A business number's hours, automatic messages or auto-assignment changed: `{ settingsOf: phoneNumberId }`. */
  | "inbox_settings.updated";

/**
 * What changed, by ids only. An event about an account's data names its conversation, message,
 * template or number; the stored payload also says which phone number (`phoneNumberId`) or WABA
 * (`wabaId`) it concerns and that one's connection (`connectionId`, when known), so each stream
 * sends a user only the events of their connections.
 */
export interface LiveEventInput {
  kind: LiveEventKind;
  payload: Record<string, unknown>;
}

const UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

/**
 * The events' insert as a data-modifying `with` part, and the NOTIFY that wakes listeners when the
 * transaction commits (delivered at commit, in PostgreSQL and in PGlite alike), for a statement
 * that does more: `with ${part}, … select … ${notify}`. Each payload is completed as it is stored:
 * the number from its conversation and the WABA from its template when the publisher left them
 * out, then their connection, so no publisher can forget whose event it is.
 */
export function liveEventsStatementParts(events: LiveEventInput[]): { part: SQL; notify: SQL } {
  const rows = events.map((event, ordinal) => sql`(${sql.raw(String(ordinal))}, ${event.kind}::text, ${JSON.stringify(event.payload)}::jsonb)`);
  const conversationId = sql.raw(`(case when input.payload ->> 'conversationId' ~* '${UUID_PATTERN}' then (input.payload ->> 'conversationId')::uuid end)`);
  return {
    part: sql`live as (
      insert into ${liveEvents} (kind, payload)
      select kind, payload || jsonb_strip_nulls(jsonb_build_object('phoneNumberId', phone_number_id, 'wabaId', waba_id, 'connectionId', connection_id))
      from (
        select named.*, case
          when named.phone_number_id is not null then (
            select coalesce(${phoneNumbers.connectionId}, ${wabas.connectionId}) from ${phoneNumbers}
            left join ${wabas} on ${wabas.id} = ${phoneNumbers.wabaId} where ${phoneNumbers.id} = named.phone_number_id)
          when named.waba_id is not null then (select ${wabas.connectionId} from ${wabas} where ${wabas.id} = named.waba_id)
        end as connection_id
        from (
          select input.ordinal, input.kind, input.payload,
            coalesce(input.payload ->> 'phoneNumberId', (select ${conversations.phoneNumberId} from ${conversations} where ${conversations.id} = ${conversationId})) as phone_number_id,
            coalesce(input.payload ->> 'wabaId', (select ${templates.wabaId} from ${templates} where ${templates.id} = input.payload ->> 'templateId')) as waba_id
          from (values ${sql.join(rows, sql`, `)}) as input (ordinal, kind, payload)
        ) as named
      ) as located
      order by ordinal
    )`,
    notify: sql`pg_notify(${LIVE_EVENTS_CHANNEL}, '')`,
  };
}

/** Records events in the caller's transaction (call it last, just before the commit), in one statement with their NOTIFY. */
export async function publishLiveEvents(db: Database, events: LiveEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const { part, notify } = liveEventsStatementParts(events);
  await db.execute(sql`with ${part} select ${notify}`);
}

/**
 * Ids are handed out when a transaction inserts, not when it commits: id 10 can become visible
 * after id 11. Readers therefore look back this many ids and drop the ones they have seen.
 */
export const LIVE_EVENTS_LOOK_BACK = 2000;

/** Events after `afterId`, and those of `alsoIds` (older ids not committed when last read), in id order. */
export async function liveEventsAfter(db: Database, afterId: number, limit = 500, alsoIds: number[] = []): Promise<LiveEvent[]> {
  const condition = alsoIds.length > 0 ? or(gt(liveEvents.id, afterId), inArray(liveEvents.id, alsoIds)) : gt(liveEvents.id, afterId);
  return db.select().from(liveEvents).where(condition).orderBy(asc(liveEvents.id)).limit(limit);
}

export async function latestLiveEventId(db: Database): Promise<number> {
  const [row] = await db.select({ id: sql<number>`coalesce(max(${liveEvents.id}), 0)::bigint` }).from(liveEvents);
  return Number(row?.id ?? 0);
}

export async function pruneLiveEvents(db: Database, olderThan: Date): Promise<void> {
  await db.delete(liveEvents).where(lt(liveEvents.at, olderThan));
}
