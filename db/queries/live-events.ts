import { asc, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { liveEvents, type LiveEvent } from "../schema";

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
  | "phone_number.updated";

export interface LiveEventInput {
  kind: LiveEventKind;
  payload: Record<string, unknown>;
}

/**
 * The events' insert as a data-modifying `with` part, and the NOTIFY that wakes listeners when the
 * transaction commits (delivered at commit, in PostgreSQL and in PGlite alike), for a statement
 * that does more: `with ${part}, … select … ${notify}`.
 */
export function liveEventsStatementParts(events: LiveEventInput[]): { part: SQL; notify: SQL } {
  const rows = events.map((event) => sql`(${event.kind}, ${JSON.stringify(event.payload)}::jsonb)`);
  return {
    part: sql`live as (insert into ${liveEvents} (kind, payload) values ${sql.join(rows, sql`, `)})`,
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
