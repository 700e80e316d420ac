import { asc, gt, lt, sql } from "drizzle-orm";

import type { Database } from "../client";
import { liveEvents, type LiveEvent } from "../schema";

export const LIVE_EVENTS_CHANNEL = "live_events";
/** Held from the insert to the commit, so event ids are handed out in commit order. */
const PUBLISH_LOCK_ID = 726_354_902;

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
  // Without it a reader could see id 11 committed before id 10 and skip 10 for good.
  await db.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK_ID})`);
  await db.insert(liveEvents).values(events);
  await db.execute(sql`select pg_notify(${LIVE_EVENTS_CHANNEL}, '')`);
}

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
