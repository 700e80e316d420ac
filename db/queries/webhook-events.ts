import { desc, eq, sql } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { webhookEvents, type WebhookEvent } from "../schema";
import { liveEventsStatementParts, type LiveEventInput } from "./live-events";

export async function insertWebhookEvent(
  db: Database,
  event: { body: string; authenticatedBy: "signature" | "token" },
): Promise<number> {
  const [row] = await db.insert(webhookEvents).values(event).returning({ id: webhookEvents.id });
  return row!.id;
}

/** Stores several deliveries in one statement; ids come back in the order given. */
export async function insertWebhookEvents(
  db: Database,
  events: Array<{ body: string; authenticatedBy: "signature" | "token"; wabaId?: string | null }>,
): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = await db.insert(webhookEvents).values(events).returning({ id: webhookEvents.id });
  return rows.map((row) => row.id);
}

/**
 * Stores deliveries already applied, each with its summary, and the live events they caused, in
 * one statement of the caller's transaction; ids come back in the order given.
 */
export async function storeProcessedDeliveries(
  db: Database,
  deliveries: Array<{
    body: string;
    authenticatedBy: "signature" | "token";
    wabaId: string | null;
    summary: object;
    problems: Array<{ at: string; problem: string }>;
  }>,
  events: LiveEventInput[],
): Promise<number[]> {
  if (deliveries.length === 0) return [];
  const rows = deliveries.map(
    (delivery, ordinal) =>
      sql`(${ordinal}::int, ${delivery.body}::text, ${delivery.authenticatedBy}::text, ${delivery.wabaId}::text, ${JSON.stringify(delivery.summary)}::jsonb,
        ${delivery.problems.length > 0 ? JSON.stringify(delivery.problems) : null}::jsonb, ${delivery.problems.length}::int)`,
  );
  const live = events.length > 0 ? liveEventsStatementParts(events) : undefined;
  const result = await db.execute(sql`
    with incoming (ordinal, body, authenticated_by, waba_id, summary, problems, attention) as (values ${sql.join(rows, sql`, `)}),
    stored as (
      insert into ${webhookEvents} (body, authenticated_by, waba_id, processed_at, summary, problems, attention)
      select body, authenticated_by, waba_id, now(), summary, problems, attention from incoming order by ordinal
      returning id
    )${live ? sql`, ${live.part}` : sql``}
    select id${live ? sql`, ${live.notify}` : sql``} from stored order by id`);
  return rowsOf<{ id: number | string }>(result).map((row) => Number(row.id));
}

/** Marks deliveries processed, each with its own summary and the items it could not apply, in one statement. */
export async function markWebhookEventsProcessed(
  db: Database,
  processed: Array<{ id: number; summary: Record<string, number>; problems: Array<{ at: string; problem: string }> }>,
) {
  if (processed.length === 0) return;
  const values = processed.map(
    ({ id, summary, problems }) =>
      sql`(${id}::bigint, ${JSON.stringify(summary)}::jsonb, ${problems.length > 0 ? JSON.stringify(problems) : null}::jsonb, ${problems.length}::int)`,
  );
  await db.execute(sql`
    update ${webhookEvents} as e set processed_at = now(), error = null, summary = v.summary, problems = v.problems, attention = v.attention
    from (values ${sql.join(values, sql`, `)}) as v(id, summary, problems, attention)
    where e.id = v.id`);
}

/** A delivery that could not be applied at all: kept with the error, counted as needing attention. */
export async function markWebhookEventFailed(db: Database, id: number, error: string) {
  await db.update(webhookEvents).set({ processedAt: null, error, attention: 1 }).where(eq(webhookEvents.id, id));
}

export async function findWebhookEvent(db: Database, id: number): Promise<WebhookEvent | undefined> {
  const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, id)).limit(1);
  return row;
}

/**
 * A delivery needs attention when it could not be applied at all, or some of its items were not
 * (the condition of `webhook_events_attention_idx`).
 */
export const NEEDS_ATTENTION = sql`(${webhookEvents.error} is not null or ${webhookEvents.attention} > 0)`;

export async function latestWebhookEvents(db: Database, limit = 50, options: { needsAttention?: boolean } = {}): Promise<WebhookEvent[]> {
  return db
    .select()
    .from(webhookEvents)
    .where(options.needsAttention ? NEEDS_ATTENTION : undefined)
    .orderBy(desc(webhookEvents.id))
    .limit(limit);
}

/** How many stored deliveries need attention (served by `webhook_events_attention_idx`). */
export async function countWebhookEventsNeedingAttention(db: Database): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(webhookEvents).where(NEEDS_ATTENTION);
  return row?.count ?? 0;
}

/** When each WABA's latest delivery arrived. */
export async function lastDeliveryByWaba(db: Database): Promise<Map<string, Date>> {
  const rows = await db
    .select({ wabaId: webhookEvents.wabaId, at: sql<Date>`max(${webhookEvents.receivedAt})` })
    .from(webhookEvents)
    .where(sql`${webhookEvents.wabaId} is not null`)
    .groupBy(webhookEvents.wabaId);
  return new Map(rows.map((row) => [row.wabaId!, new Date(row.at)]));
}
