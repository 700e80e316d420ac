import { asc, gt, lt, sql } from "drizzle-orm";

import type { Database } from "../client";
import { liveEvents, type LiveEvent } from "../schema";

export const LIVE_EVENTS_CHANNEL = "live_events";


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
 * Records events in the caller's transaction (call it last, just before the commit) and wakes listeners when it commits
 * (NOTIFY is delivered at commit, in PostgreSQL and in PGlite alike).
 */
export async function publishLiveEvents(db: Database, events: LiveEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(liveEvents).values(events);
  await db.execute(sql`select pg_notify(${LIVE_EVENTS_CHANNEL}, '')`);
}

/**
 * Ids are handed out when a transaction inserts, not when it commits: id 10 can become visible
 * after id 11. Readers therefore look back this many ids and drop the ones they have seen.
 */
export const LIVE_EVENTS_LOOK_BACK = 2000;

export async function liveEventsAfter(db: Database, afterId: number, limit = 500): Promise<LiveEvent[]> {
  return db.select().from(liveEvents).where(gt(liveEvents.id, afterId)).orderBy(asc(liveEvents.id)).limit(limit);
}

export async function latestLiveEventId(db: Database): Promise<number> {
  const [row] = await db.select({ id: sql<number>`coalesce(max(${liveEvents.id}), 0)::bigint` }).from(liveEvents);
  return Number(row?.id ?? 0);
}

export async function pruneLiveEvents(db: Database, olderThan: Date): Promise<void> {
  await db.delete(liveEvents).where(lt(liveEvents.at, olderThan));
}
