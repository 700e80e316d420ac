import { desc, eq } from "drizzle-orm";

import type { Database } from "../client";
import { webhookEvents, type WebhookEvent } from "../schema";

export async function insertWebhookEvent(
  db: Database,
  event: { body: string; authenticatedBy: "signature" | "token" },
): Promise<number> {
  const [row] = await db.insert(webhookEvents).values(event).returning({ id: webhookEvents.id });
  return row!.id;
}

export async function markWebhookEventProcessed(db: Database, id: number, summary: Record<string, number>) {
  await db.update(webhookEvents).set({ processedAt: new Date(), error: null, summary }).where(eq(webhookEvents.id, id));
}

export async function markWebhookEventFailed(db: Database, id: number, error: string) {
  await db.update(webhookEvents).set({ processedAt: null, error }).where(eq(webhookEvents.id, id));
}

export async function findWebhookEvent(db: Database, id: number): Promise<WebhookEvent | undefined> {
  const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, id)).limit(1);
  return row;
}

export async function latestWebhookEvents(db: Database, limit = 50): Promise<WebhookEvent[]> {
  return db.select().from(webhookEvents).orderBy(desc(webhookEvents.id)).limit(limit);
}
