import "server-only";

import type { Database } from "@/db";
import { ingestDelivery, type DeliveryToIngest, type IngestResult, type IngestSummary } from "@/db/queries/webhook-ingest";
import {
  findWebhookEvent,
  insertWebhookEvents,
  markWebhookEventFailed,
  markWebhookEventsProcessed,
} from "@/db/queries/webhook-events";
import { optOutKeywordMatcher, readOptOutKeywords } from "@/lib/contacts/keywords";
import { emptyRecords, recordsFromDelivery, type DeliveryRecords, type InboundRecord } from "@/lib/whatsapp/inbound";
import { logger } from "@/lib/log";
import { withOutboundEvents } from "@/lib/outbound-webhooks/emit";
import { queueInboundAutomation } from "@/lib/inbox/automation-jobs";

const log = logger("webhooks");

/**
 * Refused deliveries (wrong signature or token, too large, over a source's limit): never stored, only
 * counted, in memory first and in this counter row every few seconds (./refusals.ts).
 */
export const REJECTED_DELIVERIES_COUNTER = "webhooks.rejected";

export type ProcessOutcome = { ok: true; summary: IngestSummary } | { ok: false; error: string };

interface StoredDelivery {
  id: number;
  body: string;
  receivedAt: Date;
}

/** A stored body as records; a body that is not JSON is no webhook (kept with that error). */
function parseStoredBody(body: string, receivedAt: Date): DeliveryRecords {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return recordsFromDelivery(undefined, receivedAt);
  }
  return recordsFromDelivery(payload, receivedAt);
}

/** A text the customer wrote themself (not an echo, an edit or a revoke): what an opt-out keyword is looked for in. */
function customerText(message: InboundRecord): string | undefined {
  if (message.direction !== "inbound" || message.type !== "text" || message.revises) return undefined;
  const body = (message.content.text as { body?: unknown } | undefined)?.body;
  return typeof body === "string" ? body : undefined;
}

/**
 * The records with an opt-out for each customer's text message that is an opt-out keyword (source
 * keyword, the keyword as detail, recorded once by the message's wamid, at the message's time), so
 * the same transaction that stores the message applies it. The keywords are read (one read of app
 * settings) only for a batch holding some customer's text.
 */
async function withKeywordOptOuts(db: Database, records: DeliveryRecords): Promise<DeliveryToIngest> {
  const texts = records.inbound.flatMap((message) => {
    const text = customerText(message);
    return text === undefined ? [] : [{ message, text }];
  });
  if (texts.length === 0) return records;
  const match = optOutKeywordMatcher(await readOptOutKeywords(db));
  const optOuts: DeliveryToIngest["preferences"] = [];
  for (const { message, text } of texts) {
    const keyword = match(text);
    if (keyword === undefined) continue;
    optOuts.push({
      customer: message.customer,
      category: "marketing_messages",
      value: "stop",
      at: message.sentAt,
      source: "keyword",
      detail: keyword,
      ref: message.wamid,
    });
  }
  return optOuts.length === 0 ? records : { ...records, preferences: [...records.preferences, ...optOuts] };
}

/** The customer's own messages a commit stored (not echoes, edits or revokes): what the inbox automation answers. */
function customerMessagesStored(records: DeliveryRecords, inserted: ReadonlySet<string>): string[] {
  return records.inbound.filter((message) => message.direction === "inbound" && !message.revises && inserted.has(message.wamid)).map((message) => message.wamid);
}

/** Several deliveries' records as one, remembering which items came from which delivery. */
function mergeRecords(parts: DeliveryRecords[]) {
  const merged = emptyRecords();
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
    merged.identityChanges.push(...part.identityChanges);
    merged.preferences.push(...part.preferences);
    merged.problems.push(...part.problems);
    merged.ignored += part.ignored;
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
  let unreadable = 0;
  for (const message of part.inbound) {
    if (!result.insertedWamids.has(message.wamid) || claimed.has(message.wamid)) continue;
    claimed.add(message.wamid);
    messages += 1;
    if (message.type === "unreadable") unreadable += 1;
  }
  const count = (flags: boolean[], [from, to]: readonly [number, number]) => flags.slice(from, to).filter(Boolean).length;
  return {
    messages,
    duplicates: part.inbound.length - messages,
    unreadable,
    statuses: count(result.appliedStatuses, range.statuses),
    templates: count(result.appliedTemplates, range.templates),
    qualityUpdates: result.appliedQuality.slice(...range.quality).reduce((sum, n) => sum + n, 0),
    preferences: part.preferences.length,
    skipped: part.problems.length,
    ignored: part.ignored,
  };
}

/** Parses and applies one stored delivery, marked processed in the same commit; a failure is kept on it. */
async function processStoredDelivery(db: Database, delivery: StoredDelivery): Promise<ProcessOutcome> {
  try {
    const records = parseStoredBody(delivery.body, delivery.receivedAt);
    const toIngest = await withKeywordOptOuts(db, records);
    const result = await withOutboundEvents(db, (outbound) =>
      ingestDelivery(db, toIngest, {
        beforeCommit: (tx, applied) =>
          markWebhookEventsProcessed(tx, [{ id: delivery.id, summary: { ...applied.summary }, problems: records.problems }]),
        outbound,
      }),
    );
    await queueInboundAutomation(db, customerMessagesStored(records, result.insertedWamids));
    return { ok: true, summary: result.summary };
  } catch (error) {
    return recordFailure(db, delivery.id, error);
  }
}

/**
 * What went wrong, to keep on the delivery: the database's own words rather than the query
 * wrapper's (which repeats the whole statement and its parameters), and storable as text.
 */
function failureMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replaceAll("\u0000", "\uFFFD").slice(0, 2000);
}

async function recordFailure(db: Database, eventId: number, error: unknown): Promise<ProcessOutcome> {
  const message = failureMessage(error);
  log.error({ eventId, reason: message }, "webhook event could not be processed");
  await markWebhookEventFailed(db, eventId, message);
  return { ok: false, error: message };
}

interface Waiting {
  body: string;
  /** The body parsed, or undefined when it is not JSON. */
  payload: unknown;
  receivedAt: Date;
  authenticatedBy: "signature" | "token";
  wabaId: string | null;
  resolve: (outcome: { eventId: number } & ProcessOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 250;
const queues = new WeakMap<Database, { waiting: Waiting[]; draining: boolean }>();

/**
 * Stores an authenticated delivery and processes it. Deliveries that arrive while a batch is being
 * written wait and go together into the next one (group commit): alone a delivery is written at
 * once; under load many share one transaction. `payload` is `body` already parsed.
 */
export function receiveWebhook(
  db: Database,
  delivery: { body: string; payload: unknown; authenticatedBy: "signature" | "token"; wabaId?: string | null },
): Promise<{ eventId: number } & ProcessOutcome> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], draining: false }));
  const current = queue;
  return new Promise((resolve, reject) => {
    current.waiting.push({ ...delivery, receivedAt: new Date(), wabaId: delivery.wabaId ?? null, resolve, reject });
    if (!current.draining) void drain(db, current);
  });
}

async function drain(db: Database, queue: { waiting: Waiting[]; draining: boolean }) {
  queue.draining = true;
  try {
    while (queue.waiting.length > 0) {
      // Let the requests already on their way (read by the next turn of the event loop) join this
      // batch. Essential with PGlite, whose queries hold the event loop: without it every batch
      // held one delivery. Costs a fraction of a millisecond.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = queue.waiting.splice(0, MAX_BATCH);
      let outcomes: Array<{ eventId: number } & ProcessOutcome>;
      try {
        outcomes = await storeAndProcessTogether(db, batch);
      } catch {
        try {
          outcomes = await storeThenProcess(db, batch);
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
          continue;
        }
      }
      batch.forEach((waiting, i) => waiting.resolve(outcomes[i]!));
    }
  } finally {
    queue.draining = false;
  }
}

/**
 * The usual path: the batch is applied and its raw deliveries stored, marked processed, in one
 * transaction, so a batch costs one commit. Throws when any delivery cannot be applied: nothing
 * is kept and the batch goes the careful way instead.
 */
async function storeAndProcessTogether(db: Database, batch: Waiting[]): Promise<Array<{ eventId: number } & ProcessOutcome>> {
  const records = batch.map((waiting) => recordsFromDelivery(waiting.payload, waiting.receivedAt));
  const { merged, ranges } = mergeRecords(records);
  const toIngest = await withKeywordOptOuts(db, merged);
  let summaries: IngestSummary[] = [];
  const { storedIds, insertedWamids } = await withOutboundEvents(db, (outbound) =>
    ingestDelivery(db, toIngest, {
      store: {
        rows: batch.map(({ body, authenticatedBy, wabaId }, i) => ({ body, authenticatedBy, wabaId, problems: records[i]!.problems })),
        summarize(result) {
          const claimed = new Set<string>();
          summaries = records.map((part, i) => summaryOf(part, ranges[i]!, result, claimed));
          return summaries;
        },
      },
      outbound,
    }),
  );
  await queueInboundAutomation(db, customerMessagesStored(merged, insertedWamids));
  return storedIds.map((eventId, i) => ({ eventId, ok: true, summary: summaries[i]! }));
}

/**
 * When the batch could not be applied at once: the raw deliveries are stored first, on their own
 * commit, then each is applied alone, so a failure is kept on the delivery that caused it.
 */
async function storeThenProcess(db: Database, batch: Waiting[]): Promise<Array<{ eventId: number } & ProcessOutcome>> {
  const ids = await insertWebhookEvents(db, batch.map(({ body, authenticatedBy, wabaId }) => ({ body, authenticatedBy, wabaId })));
  const outcomes = [];
  for (const [i, waiting] of batch.entries()) {
    outcomes.push({ eventId: ids[i]!, ...(await processStoredDelivery(db, { id: ids[i]!, body: waiting.body, receivedAt: waiting.receivedAt })) });
  }
  return outcomes;
}

/** Runs a stored delivery again; safe because ingest is idempotent. */
export async function replayWebhookEvent(db: Database, eventId: number): Promise<ProcessOutcome | undefined> {
  const event = await findWebhookEvent(db, eventId);
  if (!event) return undefined;
  return processStoredDelivery(db, { id: event.id, body: event.body, receivedAt: event.receivedAt });
}
