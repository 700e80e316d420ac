import "server-only";

import type { Database } from "@/db";
import { ingestDelivery, type IngestResult, type IngestSummary } from "@/db/queries/webhook-ingest";
import {
  findWebhookEvent,
  insertWebhookEvents,
  markWebhookEventFailed,
  markWebhookEventsProcessed,
} from "@/db/queries/webhook-events";
import { recordsFromChanges, type DeliveryRecords } from "@/lib/whatsapp/inbound";
import { parseWebhookChanges, webhookPayloadSchema } from "@/lib/whatsapp/webhook-types";

/** Deliveries refused for a missing or wrong signature: only counted, never stored. */
export const REJECTED_DELIVERIES_COUNTER = "webhooks.rejected";

export type ProcessOutcome = { ok: true; summary: IngestSummary } | { ok: false; error: string };

interface StoredDelivery {
  id: number;
  body: string;
}

function parseDelivery(body: string): DeliveryRecords {
  const envelope = webhookPayloadSchema.safeParse(JSON.parse(body));
  if (!envelope.success) throw new Error(`Not a WhatsApp webhook: ${envelope.error.issues[0]?.message ?? "invalid"}`);
  return recordsFromChanges(parseWebhookChanges(envelope.data));
}

/** Several deliveries' records as one, remembering which items came from which delivery. */
function mergeRecords(parts: DeliveryRecords[]) {
  const merged: DeliveryRecords = {
    phoneNumbers: [],
    contacts: [],
    inbound: [],
    statuses: [],
    templateUpdates: [],
    qualityUpdates: [],
    unhandled: 0,
  };
  const ranges = parts.map((part) => {
    const range = {
      statuses: [merged.statuses.length, merged.statuses.length + part.statuses.length] as const,
      templates: [merged.templateUpdates.length, merged.templateUpdates.length + part.templateUpdates.length] as const,
      quality: [merged.qualityUpdates.length, merged.qualityUpdates.length + part.qualityUpdates.length] as const,
    };
    merged.phoneNumbers.push(...part.phoneNumbers);
    merged.contacts.push(...part.contacts);
    merged.inbound.push(...part.inbound);
    merged.statuses.push(...part.statuses);
    merged.templateUpdates.push(...part.templateUpdates);
    merged.qualityUpdates.push(...part.qualityUpdates);
    merged.unhandled += part.unhandled;
    return range;
  });
  return { merged, ranges };
}

/** What one delivery of a merged batch changed; a message sent twice in one batch counts for the first. */
function summaryOf(
  part: DeliveryRecords,
  range: ReturnType<typeof mergeRecords>["ranges"][number],
  result: IngestResult,
  claimed: Set<string>,
): IngestSummary {
  let messages = 0;
  for (const message of part.inbound) {
    if (!result.insertedWamids.has(message.wamid) || claimed.has(message.wamid)) continue;
    claimed.add(message.wamid);
    messages += 1;
  }
  const count = (flags: boolean[], [from, to]: readonly [number, number]) => flags.slice(from, to).filter(Boolean).length;
  return {
    messages,
    duplicates: part.inbound.length - messages,
    statuses: count(result.appliedStatuses, range.statuses),
    templates: count(result.appliedTemplates, range.templates),
    qualityUpdates: result.appliedQuality.slice(...range.quality).reduce((sum, n) => sum + n, 0),
    unhandled: part.unhandled,
  };
}

/**
 * Parses and applies stored deliveries in one transaction, each marked processed in the same
 * commit. If the batch fails, each delivery is tried alone so the failure lands on the right one.
 */
export async function processWebhookEvents(db: Database, deliveries: StoredDelivery[]): Promise<ProcessOutcome[]> {
  const outcomes: ProcessOutcome[] = new Array(deliveries.length);
  const parsed: Array<{ index: number; delivery: StoredDelivery; records: DeliveryRecords }> = [];
  for (const [index, delivery] of deliveries.entries()) {
    try {
      parsed.push({ index, delivery, records: parseDelivery(delivery.body) });
    } catch (error) {
      outcomes[index] = await recordFailure(db, delivery.id, error);
    }
  }
  if (parsed.length === 0) return outcomes;

  const { merged, ranges } = mergeRecords(parsed.map((item) => item.records));
  try {
    await ingestDelivery(db, merged, {
      async beforeCommit(tx, result) {
        const claimed = new Set<string>();
        const processed = parsed.map((item, i) => ({
          id: item.delivery.id,
          summary: summaryOf(item.records, ranges[i]!, result, claimed),
        }));
        await markWebhookEventsProcessed(tx, processed.map((entry) => ({ ...entry, summary: { ...entry.summary } })));
        processed.forEach((entry, i) => (outcomes[parsed[i]!.index] = { ok: true, summary: entry.summary }));
      },
    });
  } catch (error) {
    if (parsed.length === 1) {
      outcomes[parsed[0]!.index] = await recordFailure(db, parsed[0]!.delivery.id, error);
    } else {
      for (const item of parsed) outcomes[item.index] = (await processWebhookEvents(db, [item.delivery]))[0]!;
    }
  }
  return outcomes;
}

async function recordFailure(db: Database, eventId: number, error: unknown): Promise<ProcessOutcome> {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[webhooks] event ${eventId} could not be processed: ${message}`);
  await markWebhookEventFailed(db, eventId, message);
  return { ok: false, error: message };
}

interface Waiting {
  body: string;
  authenticatedBy: "signature" | "token";
  wabaId: string | null;
  resolve: (outcome: { eventId: number } & ProcessOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 250;
const queues = new WeakMap<Database, { waiting: Waiting[]; draining: boolean }>();

/**
 * Stores an authenticated delivery first, so nothing is lost, then processes it. Deliveries that
 * arrive while a batch is being written wait and go together into the next one (group commit):
 * alone a delivery is written at once; under load many share two commits instead of two each.
 */
export function receiveWebhook(
  db: Database,
  body: string,
  authenticatedBy: "signature" | "token",
  wabaId: string | null = null,
): Promise<{ eventId: number } & ProcessOutcome> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], draining: false }));
  const current = queue;
  return new Promise((resolve, reject) => {
    current.waiting.push({ body, authenticatedBy, wabaId, resolve, reject });
    if (!current.draining) void drain(db, current);
  });
}

async function drain(db: Database, queue: { waiting: Waiting[]; draining: boolean }) {
  queue.draining = true;
  try {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, MAX_BATCH);
      let ids: number[];
      try {
        ids = await insertWebhookEvents(db, batch.map(({ body, authenticatedBy, wabaId }) => ({ body, authenticatedBy, wabaId })));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
        continue;
      }
      const outcomes = await processWebhookEvents(
        db,
        batch.map((waiting, i) => ({ id: ids[i]!, body: waiting.body })),
      ).catch((error: unknown) => batch.map((): ProcessOutcome => ({ ok: false, error: String(error) })));
      batch.forEach((waiting, i) => waiting.resolve({ eventId: ids[i]!, ...outcomes[i]! }));
    }
  } finally {
    queue.draining = false;
  }
}

/** Runs a stored delivery again; safe because ingest is idempotent. */
export async function replayWebhookEvent(db: Database, eventId: number): Promise<ProcessOutcome | undefined> {
  const event = await findWebhookEvent(db, eventId);
  if (!event) return undefined;
  return (await processWebhookEvents(db, [{ id: event.id, body: event.body }]))[0];
}
