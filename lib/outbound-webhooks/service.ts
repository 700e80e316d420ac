import "server-only";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import {
  countEndpointsDisabledForFailing,
  countEndpointsLocked,
  deleteEndpointRow,
  failPendingDeliveries,
  findDelivery,
  findDeliveryWithPayload,
  findEndpointForUpdate,
  findEndpointWithCounts,
  insertEndpoint,
  insertReplay,
  listDeliveryRows,
  listEndpointsWithCounts,
  recordEventForEndpoint,
  updateEndpointRow,
  type DeliveryCursor,
  type DeliveryWithPayload,
  type EndpointChanges,
  type EndpointWithCounts,
} from "@/db/queries/outbound-webhooks";
import type { WebhookDelivery } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { message } from "@/lib/i18n/translatable";

import { checkDestination, type Resolve } from "./address-guard";
import { allowPrivateDestinations, ENDPOINT_DISABLED } from "./delivery";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./event-types";
import { dispatchDeliveries } from "./jobs";
import { testEventPayload } from "./payloads";
import { generateSecret, secretPreview } from "./signing";

/*
 * Outbound webhooks: the dashboard tells the team's own systems (a CRM, a shop, scripts) what
 * happens, by signed HTTP POSTs to endpoints the admins add.
 *
 * Delivery design
 * - An event is recorded once, in the transaction of the change that causes it (a message stored by
 *   the ingest, a status applied, an assignment…): the data layer reports what changed
 *   (`OutboundChange`) to the recorder its caller passes (`withOutboundEvents`, ./emit.ts), which
 *   builds the payload `{ type, timestamp, data }` (the public API's objects, ./payloads.ts) and
 *   records the event with one delivery per enabled endpoint subscribed to its type, in one
 *   INSERT … SELECT (unique per endpoint and event). Nothing is built when no endpoint subscribes.
 * - After the commit, a job per delivery is queued on the job engine (pg-boss, in the database: it
 *   outlives restarts), in one of eight queues chosen by endpoint (./jobs.ts). A sweep every 30 s
 *   queues again the deliveries due for 2 minutes that nobody attempts (a crash between commit and
 *   queue, a job that gave up), so a delivery is never stranded.
 * - An attempt claims its delivery atomically (pending, due, not leased by another worker): two
 *   jobs or two instances never send one delivery at the same time, so an endpoint that answers
 *   2xx gets it once. (A worker that dies after the POST but before recording the 2xx is the one
 *   case of a second send: the lease runs out and the delivery is attempted again.)
 * - A 2xx succeeds the delivery and clears the endpoint's `failing_since`. Anything else (non-2xx,
 *   no answer in 10 s, a redirect, a refused address) is retried on Standard Webhooks' schedule:
 *   5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h… the last retry 24 h after the first attempt, then
 *   failed. `retryScale` (a job option, ./delivery.ts) shrinks the whole schedule for tests.
 * - The endpoint starts failing at its first failure; a failure when it has been failing for 24 h
 *   disables it (reason "failing", audited): its pending deliveries fail with "endpoint disabled"
 *   and can be replayed once it is fixed and enabled again.
 * - Each request: POST of the recorded JSON, `webhook-id` (the event's id: the same for every
 *   attempt and replay, so receivers can deduplicate), `webhook-timestamp` (the attempt's time) and
 *   `webhook-signature` (both secrets during a rotation's overlap), User-Agent
 *   WhatsApp-Business-Dashboard-Webhooks/1, no redirects followed, at most 64 KB of the answer read.
 * - SSRF: the host is resolved and every address must be public (./address-guard.ts), when the
 *   endpoint is saved and at every attempt, and the request connects to the address checked.
 *   OUTBOUND_WEBHOOKS_ALLOW_PRIVATE lifts this (and allows http://) for the demo and tests.
 * - A replay is the same event (same `webhook-id`) sent again as a new delivery; a test event is a
 *   `webhook.test` event to one endpoint. Both are sent even to a disabled endpoint: an admin asked.
 */

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./event-types";

/** At most this many endpoints. */
export const MAX_ENDPOINTS = 20;
const URL_MAX = 2048;
const DESCRIPTION_MAX = 500;
/** A rotation's overlap: from none to a week. */
const OVERLAP_HOURS_MAX = 168;
const RECENT_MS = 24 * 60 * 60 * 1000;
const DELIVERY_PAGE = { default: 25, max: 100 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EndpointView {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: "failing" | "admin" | null;
  failingSince: string | null;
  /** "whsec_…": the secret's first 10 characters and "…". */
  secretPreview: string;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  /** Deliveries created in the last 24 hours, by status. */
  recent: { succeeded: number; failed: number; pending: number };
}

export interface DeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastResponseMs: number | null;
  /** The answer's body (cut short) for a non-2xx, or what prevented an answer ("ECONNREFUSED: …", "endpoint disabled"): technical text, as received. */
  lastError: string | null;
  createdAt: string;
  /** The event as sent: `{ type, timestamp, data }`. */
  payload: unknown;
}

export type Actor = { id: string; email: string };

/** What tests change; production takes the defaults (the configuration, the system's resolver and clock). */
export interface ServiceOptions {
  allowPrivate?: boolean;
  resolve?: Resolve;
  now?: () => Date;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const isEventType = (value: string): value is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
const clockOf = (options: ServiceOptions) => options.now ?? (() => new Date());

function endpointView(row: EndpointWithCounts, now: Date): EndpointView {
  const overlapping = row.previousSecret !== null && row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events.filter(isEventType),
    enabled: row.enabled,
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason === "failing" || row.disabledReason === "admin" ? row.disabledReason : null,
    failingSince: iso(row.failingSince),
    secretPreview: secretPreview(row.secret),
    previousSecretExpiresAt: overlapping ? iso(row.previousSecretExpiresAt) : null,
    createdAt: row.createdAt.toISOString(),
    recent: row.recent,
  };
}

function deliveryView(row: DeliveryWithPayload): DeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status === "succeeded" || row.status === "failed" ? row.status : "pending",
    attempts: row.attempts,
    nextAttemptAt: iso(row.nextAttemptAt),
    lastAttemptAt: iso(row.lastAttemptAt),
    lastResponseStatus: row.lastResponseStatus,
    lastResponseMs: row.lastResponseMs,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    payload: row.payload,
  };
}

const endpointNotFound = () => new NotFoundError(message("outboundWebhooks.errors.endpointNotFound"), "id");
const deliveryNotFound = () => new NotFoundError(message("outboundWebhooks.errors.deliveryNotFound"), "deliveryId");

/* Checks of what an admin typed */

/**
 * The URL as it is kept (normalised), or the reason it is refused: not a URL, not https (unless
 * private destinations are allowed, then http too), or a host that resolves to a refused address
 * (naming the rule) or to nothing.
 */
async function checkedUrl(raw: string, options: ServiceOptions): Promise<string> {
  const text = raw.trim();
  if (text.length > URL_MAX) throw new ActionError(message("outboundWebhooks.errors.urlTooLong", { maximum: URL_MAX }), { code: "INVALID_INPUT", field: "url" });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ActionError(message("outboundWebhooks.errors.invalidUrl"), { code: "INVALID_INPUT", field: "url" });
  }
  const allowPrivate = allowPrivateDestinations(options);
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    throw new ActionError(message("outboundWebhooks.errors.httpsRequired"), { code: "INVALID_INPUT", field: "url" });
  }
  if (url.hostname === "") throw new ActionError(message("outboundWebhooks.errors.invalidUrl"), { code: "INVALID_INPUT", field: "url" });
  const destination = await checkDestination(url, { allowPrivate, resolve: options.resolve });
  if (!destination.ok) {
    if (destination.reason === "unresolvable") {
      throw new ActionError(message("outboundWebhooks.errors.hostNotFound", { host: destination.host }), { code: "INVALID_INPUT", field: "url" });
    }
    throw new ActionError(message(`outboundWebhooks.errors.addressRefused.${destination.range}`, { host: destination.host, address: destination.address }), {
      code: "ADDRESS_REFUSED",
      field: "url",
    });
  }
  url.hash = "";
  return url.toString();
}

/** The events chosen, each once, in the catalog's order; none or an unknown one is refused. */
function checkedEvents(events: readonly string[]): WebhookEventType[] {
  const unknown = events.find((event) => !isEventType(event));
  if (unknown !== undefined) throw new ActionError(message("outboundWebhooks.errors.unknownEvent", { event: unknown }), { code: "INVALID_INPUT", field: "events" });
  if (events.length === 0) throw new ActionError(message("outboundWebhooks.errors.noEvents"), { code: "INVALID_INPUT", field: "events" });
  return WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type));
}

function checkedDescription(description: string): string {
  const text = description.trim();
  if (text.length > DESCRIPTION_MAX) {
    throw new ActionError(message("outboundWebhooks.errors.descriptionTooLong", { maximum: DESCRIPTION_MAX }), { code: "INVALID_INPUT", field: "description" });
  }
  return text;
}

/* Endpoints */

/** Every endpoint, oldest first, with its last 24 hours of deliveries counted. */
export async function listEndpoints(db: Database, options: ServiceOptions = {}): Promise<EndpointView[]> {
  const now = clockOf(options)();
  const rows = await listEndpointsWithCounts(db, new Date(now.getTime() - RECENT_MS));
  return rows.map((row) => endpointView(row, now));
}

export async function findEndpoint(db: Database, id: string, options: ServiceOptions = {}): Promise<EndpointView | undefined> {
  if (!UUID.test(id)) return undefined;
  const now = clockOf(options)();
  const row = await findEndpointWithCounts(db, id, new Date(now.getTime() - RECENT_MS));
  return row && endpointView(row, now);
}

async function endpointViewOrThrow(db: Database, id: string, options: ServiceOptions): Promise<EndpointView> {
  const view = await findEndpoint(db, id, options);
  if (!view) throw endpointNotFound();
  return view;
}

/** A new endpoint and its signing secret (the only time the secret is given out), audited. */
export async function createEndpoint(
  db: Database,
  actor: Actor,
  input: { url: string; description: string; events: WebhookEventType[] },
  options: ServiceOptions = {},
): Promise<{ endpoint: EndpointView; secret: string }> {
  const events = checkedEvents(input.events);
  const description = checkedDescription(input.description);
  const url = await checkedUrl(input.url, options);
  const secret = generateSecret();
  const created = await db.transaction(async (tx) => {
    if ((await countEndpointsLocked(tx)) >= MAX_ENDPOINTS) {
      throw new ActionError(message("outboundWebhooks.errors.tooManyEndpoints", { maximum: MAX_ENDPOINTS }), { code: "LIMIT_REACHED" });
    }
    const row = await insertEndpoint(tx, { url, description, events, secret, createdBy: actor.id });
    await recordAudit(tx, {
      actor,
      action: "webhook_endpoint.created",
      target: { type: "webhook_endpoint", id: row.id },
      details: { url, description, events },
    });
    return row;
  });
  return { endpoint: await endpointViewOrThrow(db, created.id, options), secret };
}

/**
 * Changes what is given. Turning an endpoint off fails its pending deliveries; turning it on again
 * (after an admin, or after failing) starts it afresh, no longer failing. Audited with what changed.
 */
export async function updateEndpoint(
  db: Database,
  actor: Actor,
  id: string,
  input: { url?: string; description?: string; events?: WebhookEventType[]; enabled?: boolean },
  options: ServiceOptions = {},
): Promise<EndpointView> {
  if (!UUID.test(id)) throw endpointNotFound();
  const now = clockOf(options)();
  const events = input.events === undefined ? undefined : checkedEvents(input.events);
  const description = input.description === undefined ? undefined : checkedDescription(input.description);
  const url = input.url === undefined ? undefined : await checkedUrl(input.url, options);
  await db.transaction(async (tx) => {
    const current = await findEndpointForUpdate(tx, id);
    if (!current) throw endpointNotFound();
    const changes: EndpointChanges = {};
    const audited: Record<string, { from: unknown; to: unknown }> = {};
    if (url !== undefined && url !== current.url) {
      changes.url = url;
      audited.url = { from: current.url, to: url };
    }
    if (description !== undefined && description !== current.description) {
      changes.description = description;
      audited.description = { from: current.description, to: description };
    }
    if (events !== undefined && events.join() !== current.events.join()) {
      changes.events = events;
      audited.events = { from: current.events, to: events };
    }
    if (input.enabled !== undefined && input.enabled !== current.enabled) {
      Object.assign(
        changes,
        input.enabled
          ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }
          : { enabled: false, disabledAt: now, disabledReason: "admin", failingSince: null },
      );
      audited.enabled = { from: current.enabled, to: input.enabled };
    }
    if (Object.keys(changes).length === 0) return;
    await updateEndpointRow(tx, id, changes);
    if (changes.enabled === false) await failPendingDeliveries(tx, id, ENDPOINT_DISABLED);
    await recordAudit(tx, { actor, action: "webhook_endpoint.updated", target: { type: "webhook_endpoint", id }, details: { changes: audited } });
  });
  return endpointViewOrThrow(db, id, options);
}

/** Deletes the endpoint with its deliveries, audited. */
export async function deleteEndpoint(db: Database, actor: Actor, id: string): Promise<void> {
  if (!UUID.test(id)) throw endpointNotFound();
  await db.transaction(async (tx) => {
    const deleted = await deleteEndpointRow(tx, id);
    if (!deleted) throw endpointNotFound();
    await recordAudit(tx, { actor, action: "webhook_endpoint.deleted", target: { type: "webhook_endpoint", id }, details: { url: deleted.url } });
  });
}

/**
 * A new signing secret, returned this once. The old one keeps signing beside it (two signatures in
 * `webhook-signature`) for `overlapHours`, so the receiver can switch without a failed delivery.
 * A rotation during an overlap ends the earlier overlap: only the secret being replaced carries on.
 */
export async function rotateEndpointSecret(
  db: Database,
  actor: Actor,
  id: string,
  overlapHours = 24,
  options: ServiceOptions = {},
): Promise<{ secret: string; previousSecretExpiresAt: string }> {
  if (!UUID.test(id)) throw endpointNotFound();
  if (!Number.isFinite(overlapHours) || overlapHours < 0 || overlapHours > OVERLAP_HOURS_MAX) {
    throw new ActionError(message("outboundWebhooks.errors.overlapOutOfRange", { maximum: OVERLAP_HOURS_MAX }), { code: "INVALID_INPUT", field: "overlapHours" });
  }
  const now = clockOf(options)();
  const secret = generateSecret();
  const expiresAt = new Date(now.getTime() + overlapHours * 60 * 60 * 1000);
  await db.transaction(async (tx) => {
    const current = await findEndpointForUpdate(tx, id);
    if (!current) throw endpointNotFound();
    await updateEndpointRow(tx, id, {
      secret,
      previousSecret: overlapHours > 0 ? current.secret : null,
      previousSecretExpiresAt: overlapHours > 0 ? expiresAt : null,
    });
    await recordAudit(tx, {
      actor,
      action: "webhook_endpoint.secret_rotated",
      target: { type: "webhook_endpoint", id },
      details: { overlapHours, previousSecretExpiresAt: expiresAt.toISOString() },
    });
  });
  return { secret, previousSecretExpiresAt: expiresAt.toISOString() };
}

/** Endpoints turned off after failing for 24 hours: the admins' banner shows while there are any. */
export async function countDisabledEndpoints(db: Database): Promise<number> {
  return countEndpointsDisabledForFailing(db);
}

/* Deliveries */

function encodeCursor(cursor: DeliveryCursor | null): string | null {
  return cursor ? Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString("base64url") : null;
}

function decodeCursor(text: string): DeliveryCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, id] = parsed as unknown[];
      if (typeof createdAt === "string" && !Number.isNaN(Date.parse(createdAt)) && typeof id === "string" && id.length <= 100) return { createdAt, id };
    }
  } catch {
    // Falls through to the refusal.
  }
  throw new ActionError(message("outboundWebhooks.errors.invalidCursor"), { code: "INVALID_INPUT", field: "cursor" });
}

/** A page of an endpoint's deliveries, newest first, optionally of one status; `nextCursor` continues it. */
export async function listDeliveries(
  db: Database,
  endpointId: string,
  options: { cursor?: string | null; status?: DeliveryView["status"]; limit?: number },
): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
  if (!UUID.test(endpointId)) return { deliveries: [], nextCursor: null };
  const limit = Math.min(Math.max(Math.floor(options.limit ?? DELIVERY_PAGE.default), 1), DELIVERY_PAGE.max);
  const cursor = options.cursor ? decodeCursor(options.cursor) : null;
  const page = await listDeliveryRows(db, endpointId, { cursor, status: options.status, limit });
  return { deliveries: page.deliveries.map(deliveryView), nextCursor: encodeCursor(page.nextCursor) };
}

async function deliveryViewOrThrow(db: Database, id: string): Promise<DeliveryView> {
  const row = await findDeliveryWithPayload(db, id);
  if (!row) throw deliveryNotFound();
  return deliveryView(row);
}

/** A `webhook.test` event to this endpoint only (whatever it subscribes to, enabled or not); answers its delivery. */
export async function sendTestEvent(db: Database, actor: Actor, endpointId: string, options: ServiceOptions = {}): Promise<DeliveryView> {
  if (!UUID.test(endpointId)) throw endpointNotFound();
  const now = clockOf(options)();
  const delivery = await db.transaction(async (tx) => {
    if (!(await findEndpointForUpdate(tx, endpointId))) throw endpointNotFound();
    return recordEventForEndpoint(tx, endpointId, testEventPayload(endpointId, actor, now), now);
  });
  await dispatchDeliveries(db, [{ id: delivery.id, endpointId }]);
  return deliveryViewOrThrow(db, delivery.id);
}

/**
 * The delivery's event once more, to the same endpoint, as a new delivery: same event id, so the
 * same `webhook-id` (a receiver deduplicating by it drops a replay of what it already accepted).
 * A delivery still being attempted is not replayed: its retries are on their way.
 */
export async function replayDelivery(db: Database, _actor: Actor, deliveryId: string, options: ServiceOptions = {}): Promise<DeliveryView> {
  const original: WebhookDelivery | undefined = await findDelivery(db, deliveryId);
  if (!original) throw deliveryNotFound();
  if (original.status === "pending") {
    throw new ActionError(message("outboundWebhooks.errors.replayPending"), { code: "CONFLICT", field: "deliveryId" });
  }
  const replay = await insertReplay(db, original, clockOf(options)());
  await dispatchDeliveries(db, [{ id: replay.id, endpointId: replay.endpointId }]);
  return deliveryViewOrThrow(db, replay.id);
}
