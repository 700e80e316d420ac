import "server-only";

import type { Database } from "@/db";
import { ingestDelivery, type IngestSummary } from "@/db/queries/webhook-ingest";
import {
  findWebhookEvent,
  insertWebhookEvent,
  markWebhookEventFailed,
  markWebhookEventProcessed,
} from "@/db/queries/webhook-events";
import { recordsFromChanges } from "@/lib/whatsapp/inbound";
import { parseWebhookChanges, webhookPayloadSchema } from "@/lib/whatsapp/webhook-types";

/** Deliveries refused for a missing or wrong signature: only counted, never stored. */
export const REJECTED_DELIVERIES_COUNTER = "webhooks.rejected";

export type ProcessOutcome = { ok: true; summary: IngestSummary } | { ok: false; error: string };

/** Parses and applies a stored delivery; a failure is written on the event for a later replay. */
export async function processWebhookEvent(db: Database, eventId: number, body: string): Promise<ProcessOutcome> {
  try {
    const envelope = webhookPayloadSchema.safeParse(JSON.parse(body));
    if (!envelope.success) throw new Error(`Not a WhatsApp webhook: ${envelope.error.issues[0]?.message ?? "invalid"}`);
    const summary = await ingestDelivery(db, recordsFromChanges(parseWebhookChanges(envelope.data)));
    await markWebhookEventProcessed(db, eventId, { ...summary });
    return { ok: true, summary };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[webhooks] event ${eventId} could not be processed: ${message}`);
    await markWebhookEventFailed(db, eventId, message);
    return { ok: false, error: message };
  }
}

/** Stores an authenticated delivery first, so nothing is lost, then processes it. */
export async function receiveWebhook(
  db: Database,
  body: string,
  authenticatedBy: "signature" | "token",
): Promise<{ eventId: number } & ProcessOutcome> {
  const eventId = await insertWebhookEvent(db, { body, authenticatedBy });
  return { eventId, ...(await processWebhookEvent(db, eventId, body)) };
}

/** Runs a stored delivery again; safe because ingest is idempotent. */
export async function replayWebhookEvent(db: Database, eventId: number): Promise<ProcessOutcome | undefined> {
  const event = await findWebhookEvent(db, eventId);
  if (!event) return undefined;
  return processWebhookEvent(db, eventId, event.body);
}
