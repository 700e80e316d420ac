import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { contacts, conversations, messages, outboundEvents, users, webhookDeliveries, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from "../schema";

/*
 * The data side of outbound webhooks (lib/outbound-webhooks/ decides what is sent, when and how):
 * endpoints, events recorded once with their fan-out to subscribed endpoints, and the deliveries'
 * claim-attempt-outcome cycle.
 */

/** The event an admin sends to try an endpoint; like a replay, it is sent even to a disabled endpoint. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

/**
 * What a change made that an outbound webhook may announce, by ids: the code that makes the change
 * (ingest, send, assignment) reports these inside its transaction; lib/outbound-webhooks/ turns
 * them into events with their payloads (only for types an enabled endpoint subscribes to).
 */
export type OutboundChange =
  | { type: "message.received"; messageId: string }
  | { type: "message.status"; messageId: string; status: string; at: Date }
  | { type: "conversation.assigned"; conversationId: string; assigneeId: string | null; assignedById: string | null }
  | { type: "conversation.resolved"; conversationId: string; resolvedById: string | null }
  /** A customer's marketing consent moved (by their own word, a person, an import): `source` says which. */
  | { type: "contact.opted_out" | "contact.opted_in"; contactKey: string; source: string; at: Date };

/**
 * Records the events of `changes` in the caller's transaction (passed by the caller of a change,
 * built in lib/outbound-webhooks/emit.ts): the data layer only says what changed.
 */
export type OutboundEventsRecorder = (tx: Database, changes: OutboundChange[]) => Promise<void>;

/** An event to record once: its type and the payload every subscribed endpoint receives. */
export interface OutboundEventToRecord {
  type: string;
  payload: Record<string, unknown>;
}

/** A delivery the fan-out created: a job sends it after the commit. */
export interface RecordedDelivery {
  id: string;
  endpointId: string;
}

const newEventId = sql`'msg_' || replace(gen_random_uuid()::text, '-', '')`;
const newDeliveryId = sql`'dlv_' || replace(gen_random_uuid()::text, '-', '')`;

/** The event types some enabled endpoint subscribes to: changes of other types are not even built. */
export async function subscribedEventTypes(db: Database): Promise<Set<string>> {
  const rows = rowsOf<{ type: string }>(
    await db.execute(sql`select distinct unnest(${webhookEndpoints.events}) as type from ${webhookEndpoints} where ${webhookEndpoints.enabled}`),
  );
  return new Set(rows.map((row) => row.type));
}

/**
 * Records events once, with one pending delivery per enabled endpoint subscribed to each (at most
 * one per event and endpoint), in one statement of the caller's transaction. An event no endpoint
 * wants is not kept.
 */
export async function recordOutboundEvents(db: Database, events: OutboundEventToRecord[], now: Date): Promise<RecordedDelivery[]> {
  if (events.length === 0) return [];
  const rows = events.map((event, ordinal) => sql`(${ordinal}::int, ${event.type}::text, ${JSON.stringify(event.payload)}::jsonb)`);
  const result = await db.execute(sql`
    with input (ordinal, type, payload) as (values ${sql.join(rows, sql`, `)}),
    subscribed as (select id, events from ${webhookEndpoints} where enabled),
    recorded as (
      insert into ${outboundEvents} (id, type, payload, created_at)
      select ${newEventId}, i.type, i.payload, ${now.toISOString()}::timestamptz from input i
      where exists (select 1 from subscribed s where i.type = any(s.events))
      order by i.ordinal
      returning id, type
    )
    insert into ${webhookDeliveries} (id, endpoint_id, event_id, event_type, next_attempt_at, created_at)
    select ${newDeliveryId}, s.id, r.id, r.type, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from recorded r join subscribed s on r.type = any(s.events)
    on conflict (endpoint_id, event_id) where replay_of is null do nothing
    returning id, endpoint_id`);
  return rowsOf<{ id: string; endpoint_id: string }>(result).map((row) => ({ id: row.id, endpointId: row.endpoint_id }));
}

/** An event for one endpoint only, whatever it subscribes to (the test event), with its delivery. */
export async function recordEventForEndpoint(db: Database, endpointId: string, event: OutboundEventToRecord, now: Date): Promise<WebhookDelivery> {
  const result = await db.execute(sql`
    with recorded as (
      insert into ${outboundEvents} (id, type, payload, created_at)
      values (${newEventId}, ${event.type}, ${JSON.stringify(event.payload)}::jsonb, ${now.toISOString()}::timestamptz)
      returning id, type
    )
    insert into ${webhookDeliveries} (id, endpoint_id, event_id, event_type, next_attempt_at, created_at)
    select ${newDeliveryId}, ${endpointId}::uuid, id, type, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz from recorded
    returning id`);
  const [row] = rowsOf<{ id: string }>(result);
  return (await findDelivery(db, row!.id))!;
}

/** The same event to the same endpoint once more, as a new delivery that remembers which one it replays. */
export async function insertReplay(db: Database, original: WebhookDelivery, now: Date): Promise<WebhookDelivery> {
  const result = await db.execute(sql`
    insert into ${webhookDeliveries} (id, endpoint_id, event_id, event_type, replay_of, next_attempt_at, created_at)
    values (${newDeliveryId}, ${original.endpointId}::uuid, ${original.eventId}, ${original.eventType}, ${original.id},
      ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
    returning id`);
  const [row] = rowsOf<{ id: string }>(result);
  return (await findDelivery(db, row!.id))!;
}

/* Endpoints */

/** An endpoint with its deliveries of the last hours counted by status. */
export interface EndpointWithCounts extends WebhookEndpoint {
  recent: { succeeded: number; failed: number; pending: number };
}

function endpointsWithCounts(db: Database, since: Date, where: SQL | undefined) {
  const recent = alias(webhookDeliveries, "recent");
  const counted = (status: string) => sql<number>`(count(${recent.id}) filter (where ${recent.status} = ${status}))::int`;
  return db
    .select({ endpoint: webhookEndpoints, succeeded: counted("succeeded"), failed: counted("failed"), pending: counted("pending") })
    .from(webhookEndpoints)
    .leftJoin(recent, and(eq(recent.endpointId, webhookEndpoints.id), gt(recent.createdAt, since)))
    .where(where)
    .groupBy(webhookEndpoints.id)
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

export async function listEndpointsWithCounts(db: Database, since: Date): Promise<EndpointWithCounts[]> {
  const rows = await endpointsWithCounts(db, since, undefined);
  return rows.map((row) => ({ ...row.endpoint, recent: { succeeded: row.succeeded, failed: row.failed, pending: row.pending } }));
}

export async function findEndpointWithCounts(db: Database, id: string, since: Date): Promise<EndpointWithCounts | undefined> {
  const [row] = await endpointsWithCounts(db, since, eq(webhookEndpoints.id, id));
  return row && { ...row.endpoint, recent: { succeeded: row.succeeded, failed: row.failed, pending: row.pending } };
}

/** The endpoint's row, locked until the transaction ends (changes, rotation, disabling queue behind each other). */
export async function findEndpointForUpdate(db: Database, id: string): Promise<WebhookEndpoint | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for("update");
  return row;
}

/**
 * How many endpoints exist, counted under a lock held until the transaction ends, so two admins
 * adding one at the same moment cannot pass the limit together.
 */
export async function countEndpointsLocked(db: Database): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('webhook_endpoints.create'))`);
  const [row] = await db.select({ total: count() }).from(webhookEndpoints);
  return row?.total ?? 0;
}

export async function insertEndpoint(
  db: Database,
  values: { url: string; description: string; events: string[]; secret: string; createdBy: string | null },
): Promise<WebhookEndpoint> {
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  return row!;
}

export type EndpointChanges = Partial<
  Pick<
    WebhookEndpoint,
    | "url"
    | "description"
    | "events"
    | "enabled"
    | "disabledAt"
    | "disabledReason"
    | "failingSince"
    | "secret"
    | "previousSecret"
    | "previousSecretExpiresAt"
  >
>;

export async function updateEndpointRow(db: Database, id: string, changes: EndpointChanges): Promise<WebhookEndpoint | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return row;
}

/** Deletes the endpoint and, with it, its deliveries; the events stay for other endpoints. */
export async function deleteEndpointRow(db: Database, id: string): Promise<WebhookEndpoint | undefined> {
  const [row] = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning();
  return row;
}

/** An endpoint turned off because it kept failing. */
export const DISABLED_FOR_FAILING = and(eq(webhookEndpoints.enabled, false), eq(webhookEndpoints.disabledReason, "failing"));

/** Endpoints turned off because they kept failing (the admins' banner). */
export async function countEndpointsDisabledForFailing(db: Database): Promise<number> {
  const [row] = await db.select({ total: count() }).from(webhookEndpoints).where(DISABLED_FOR_FAILING);
  return row?.total ?? 0;
}

/** A previous secret past its overlap is forgotten: it signs nothing more. */
export async function forgetExpiredPreviousSecrets(db: Database, now: Date): Promise<number> {
  const rows = await db
    .update(webhookEndpoints)
    .set({ previousSecret: null, previousSecretExpiresAt: null })
    .where(and(isNotNull(webhookEndpoints.previousSecretExpiresAt), lte(webhookEndpoints.previousSecretExpiresAt, now)))
    .returning({ id: webhookEndpoints.id });
  return rows.length;
}

/* Deliveries */

/** Sent even to a disabled endpoint: what an admin asked for by hand (a test event, a replay); the claim says the same in SQL. */
const isManualDelivery = or(isNotNull(webhookDeliveries.replayOf), eq(webhookDeliveries.eventType, WEBHOOK_TEST_EVENT))!;

export async function findDelivery(db: Database, id: string): Promise<WebhookDelivery | undefined> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

/** A delivery with the payload of its event. */
export interface DeliveryWithPayload extends WebhookDelivery {
  payload: Record<string, unknown>;
}

export async function findDeliveryWithPayload(db: Database, id: string): Promise<DeliveryWithPayload | undefined> {
  const [row] = await db
    .select({ delivery: webhookDeliveries, payload: outboundEvents.payload })
    .from(webhookDeliveries)
    .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, id));
  return row && { ...row.delivery, payload: row.payload };
}

/** Where the next page of an endpoint's deliveries starts (newest first). */
export interface DeliveryCursor {
  createdAt: string;
  id: string;
}

/** A page of an endpoint's deliveries, newest first, with their events' payloads. */
export async function listDeliveryRows(
  db: Database,
  endpointId: string,
  options: { cursor: DeliveryCursor | null; status: string | undefined; limit: number },
): Promise<{ deliveries: DeliveryWithPayload[]; nextCursor: DeliveryCursor | null }> {
  const conditions: SQL[] = [eq(webhookDeliveries.endpointId, endpointId)];
  if (options.status) conditions.push(eq(webhookDeliveries.status, options.status));
  if (options.cursor) {
    conditions.push(sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${options.cursor.createdAt}::timestamptz, ${options.cursor.id})`);
  }
  const rows = await db
    .select({ delivery: webhookDeliveries, payload: outboundEvents.payload })
    .from(webhookDeliveries)
    .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit).map((row) => ({ ...row.delivery, payload: row.payload }));
  const last = page.at(-1);
  return {
    deliveries: page,
    nextCursor: rows.length > options.limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
  };
}

/** What an attempt needs: the delivery's progress, where to send, the secrets, the body's source. */
export interface ClaimedDelivery {
  deliveryId: string;
  endpointId: string;
  /** Attempts so far, this one included. */
  attempts: number;
  firstAttemptAt: Date;
  endpoint: { url: string; secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null };
  event: { id: string; type: string; payload: Record<string, unknown> };
  /** The lease this attempt holds: its outcome is written only while the row still carries it. */
  lease: Date;
}

/** A timestamp of a raw statement's row: PGlite answers a Date, postgres-js (through drizzle) the text. */
function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

/** A jsonb value of a raw statement's row (a driver may leave it as text). */
function jsonOf(value: unknown): Record<string, unknown> {
  return (typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>;
}

/**
 * Takes a delivery for one attempt, atomically: only a pending one that is due, not held by another
 * worker, to an enabled endpoint (or sent by hand). Two workers (two jobs, two instances) cannot
 * both take it; the lease lets another take it up if this worker dies mid-attempt. One statement,
 * with what the attempt needs. Answers, when not taken, whether it waits for a later time.
 */
export async function claimDelivery(
  db: Database,
  id: string,
  now: Date,
  lease: Date,
): Promise<{ claimed: ClaimedDelivery } | { claimed: undefined; notDue: { until: Date; endpointId: string } | undefined }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await db.execute(sql`
    with claimed as (
      update ${webhookDeliveries} as d
      set leased_until = ${lease.toISOString()}::timestamptz, attempts = d.attempts + 1, last_attempt_at = ${at},
        first_attempt_at = coalesce(d.first_attempt_at, ${at})
      where d.id = ${id} and d.status = 'pending' and d.next_attempt_at <= ${at} and (d.leased_until is null or d.leased_until <= ${at})
        and exists (select 1 from ${webhookEndpoints} e where e.id = d.endpoint_id
          and (e.enabled or d.replay_of is not null or d.event_type = ${WEBHOOK_TEST_EVENT}))
      returning d.id, d.endpoint_id, d.event_id, d.attempts, d.first_attempt_at
    )
    select c.id, c.endpoint_id, c.attempts, c.first_attempt_at, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at,
      ev.id as event_id, ev.type as event_type, ev.payload as event_payload
    from claimed c join ${webhookEndpoints} e on e.id = c.endpoint_id join ${outboundEvents} ev on ev.id = c.event_id`);
  const [row] = rowsOf<Record<string, unknown>>(result);
  if (!row) {
    const current = await findDelivery(db, id);
    const waiting = current?.status === "pending" && current.nextAttemptAt && current.nextAttemptAt > now && !(current.leasedUntil && current.leasedUntil > now);
    return { claimed: undefined, notDue: waiting ? { until: current.nextAttemptAt!, endpointId: current.endpointId } : undefined };
  }
  return {
    claimed: {
      deliveryId: String(row.id),
      endpointId: String(row.endpoint_id),
      attempts: Number(row.attempts),
      firstAttemptAt: dateOf(row.first_attempt_at)!,
      endpoint: {
        url: String(row.url),
        secret: String(row.secret),
        previousSecret: row.previous_secret === null ? null : String(row.previous_secret),
        previousSecretExpiresAt: dateOf(row.previous_secret_expires_at),
      },
      event: { id: String(row.event_id), type: String(row.event_type), payload: jsonOf(row.event_payload) },
      lease,
    },
  };
}

/** What one attempt got: the answer's status and time, or why there was none. */
export interface AttemptResult {
  at: Date;
  responseStatus: number | null;
  responseMs: number | null;
  error: string | null;
}

const heldBy = (claimed: ClaimedDelivery) => and(eq(webhookDeliveries.id, claimed.deliveryId), eq(webhookDeliveries.leasedUntil, claimed.lease));

/**
 * A 2xx: the delivery is done, and the endpoint is not failing any more (one statement). False when
 * the lease was lost meanwhile.
 */
export async function recordDeliverySucceeded(db: Database, claimed: ClaimedDelivery, result: AttemptResult): Promise<boolean> {
  const recorded = await db.execute(sql`
    with done as (
      update ${webhookDeliveries} set status = 'succeeded', succeeded_at = ${result.at.toISOString()}::timestamptz, next_attempt_at = null,
        leased_until = null, last_response_status = ${result.responseStatus}, last_response_ms = ${result.responseMs}, last_error = null
      where id = ${claimed.deliveryId} and leased_until = ${claimed.lease.toISOString()}::timestamptz
      returning id
    ),
    recovered as (
      update ${webhookEndpoints} set failing_since = null where id = ${claimed.endpointId}::uuid and failing_since is not null returning id
    )
    select count(*)::int as recorded from done`);
  const [row] = rowsOf<{ recorded: number }>(recorded);
  return Number(row?.recorded ?? 0) > 0;
}

/**
 * A failed attempt: the delivery waits for `nextAttemptAt`, or has failed for good when it is null.
 * A delivery that the endpoint's disabling failed meanwhile stays failed. False when the lease was
 * lost meanwhile (another attempt's outcome counts instead).
 */
export async function recordDeliveryFailed(db: Database, claimed: ClaimedDelivery, result: AttemptResult, nextAttemptAt: Date | null): Promise<boolean> {
  const next = nextAttemptAt ? sql`${nextAttemptAt.toISOString()}::timestamptz` : sql`null::timestamptz`;
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      status: sql`case when ${webhookDeliveries.status} = 'pending' then ${nextAttemptAt ? "pending" : "failed"} else ${webhookDeliveries.status} end`,
      nextAttemptAt: sql`case when ${webhookDeliveries.status} = 'pending' then ${next} end`,
      leasedUntil: null,
      lastResponseStatus: result.responseStatus,
      lastResponseMs: result.responseMs,
      lastError: result.error,
    })
    .where(heldBy(claimed))
    .returning({ id: webhookDeliveries.id });
  return row !== undefined;
}

/** The endpoint's first failure since its last success: it is failing from now on. */
export async function markEndpointFailing(db: Database, id: string, at: Date): Promise<void> {
  await db
    .update(webhookEndpoints)
    .set({ failingSince: at })
    .where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.failingSince)));
}

/** Fails an endpoint's pending deliveries (it was disabled); they can be replayed later. */
export async function failPendingDeliveries(db: Database, endpointId: string, reason: string): Promise<number> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: "failed", nextAttemptAt: null, lastError: reason })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "pending")))
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}

/**
 * Pending deliveries due for at least `graceMs` and held by nobody: their job was lost (a crash
 * between a commit and its enqueue, a job that gave up on a database error). Oldest first.
 */
export async function overdueDeliveries(db: Database, now: Date, graceMs: number, limit: number): Promise<RecordedDelivery[]> {
  const dueBefore = new Date(now.getTime() - graceMs);
  return db
    .select({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, dueBefore),
        or(isNull(webhookDeliveries.leasedUntil), lte(webhookDeliveries.leasedUntil, now)),
        or(eq(webhookEndpoints.enabled, true), isManualDelivery),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit);
}

/* What payloads are made of */

/** A message with its conversation's number, its customer and its sender, for message events. */
export async function messagesForEvents(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      message: messages,
      phoneNumberId: conversations.phoneNumberId,
      customer: {
        waId: contacts.waId,
        phone: contacts.phoneNumber,
        userId: contacts.userId,
        username: contacts.username,
        name: contacts.profileName,
      },
      senderName: users.name,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.waId, conversations.waId))
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(inArray(messages.id, ids));
}

export type MessageForEvent = Awaited<ReturnType<typeof messagesForEvents>>[number];

/** Customers by key, with the conversations they have (a consent change concerns all of them). */
export async function customersForEvents(db: Database, keys: string[]) {
  if (keys.length === 0) return [];
  return db
    .select({
      waId: contacts.waId,
      contactId: contacts.id,
      phone: contacts.phoneNumber,
      userId: contacts.userId,
      username: contacts.username,
      name: contacts.profileName,
      displayName: contacts.displayName,
      consent: contacts.consent,
      /** JSON text of `[{ id, phone_number_id }]` (text, so both drivers answer it alike). */
      conversations: sql<string>`coalesce((
        select json_agg(json_build_object('id', c.id, 'phone_number_id', c.phone_number_id) order by c.created_at)
        from ${conversations} c where c.wa_id = ${contacts.waId}), '[]'::json)::text`,
    })
    .from(contacts)
    .where(inArray(contacts.waId, keys));
}

export type CustomerForEvent = Awaited<ReturnType<typeof customersForEvents>>[number];

/** Users by id, for who assigned or resolved. */
export async function usersForEvents(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids));
}


/**
 * Removes the events recorded before `before` none of whose deliveries is still pending, with their
 * deliveries (cascade): the delivery lists keep their recent history, the tables do not grow forever.
 */
export async function pruneOutboundEvents(db: Database, before: Date): Promise<number> {
  const removed = await db
    .delete(outboundEvents)
    .where(
      and(
        sql`${outboundEvents.createdAt} < ${before.toISOString()}::timestamptz`,
        sql`not exists (select 1 from ${webhookDeliveries} where ${webhookDeliveries.eventId} = ${outboundEvents.id} and ${webhookDeliveries.status} = 'pending')`,
      ),
    )
    .returning({ id: outboundEvents.id });
  return removed.length;
}
