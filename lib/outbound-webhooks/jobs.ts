import "server-only";

import type { Database } from "@/db";
import { forgetExpiredPreviousSecrets, overdueDeliveries, pruneOutboundEvents, type RecordedDelivery } from "@/db/queries/outbound-webhooks";
import { defineJob, type JobContext, type JobEngine, type QueuedJobDefinition, type RecurringJobDefinition } from "@/lib/jobs/engine";
import { logger } from "@/lib/log";

import { attemptDelivery, type DeliveryOptions } from "./delivery";

const log = logger("outbound-webhooks");

/**
 * Deliveries are worked in this many queues, an endpoint always in the same one: the engine runs
 * one job of a queue at a time per process, so an endpoint gets one attempt at a time (roughly in
 * order), and a slow or unreachable endpoint (up to 10 s an attempt) holds up only the endpoints
 * that share its queue, never all of them; a process sends up to this many at once.
 */
export const DELIVERY_LANES = 8;
/** How often lost deliveries are looked for (their job was never sent, or gave up). */
export const SWEEP_EVERY_SECONDS = 30;
const DAY_SECONDS = 24 * 60 * 60;
/** How long an event and its deliveries stay listed (and replayable) once none is pending. */
export const KEEP_EVENTS_MS = 30 * DAY_SECONDS * 1000;
/**
 * A pending delivery due for this long without being attempted has lost its job. Long enough that
 * a backlog's queued jobs are not queued twice (a second job would only find the delivery taken).
 */
const OVERDUE_GRACE_MS = 120_000;
const SWEEP_BATCH = 500;
/** Sends of jobs in flight at once after a commit (the engine's PostgreSQL pool has 4 connections). */
const DISPATCH_CONCURRENCY = 4;

export interface DeliveryJobData {
  deliveryId: string;
}

/** The options of the jobs of one engine: the schedule's scale, the clock, the sweep's period. */
export interface OutboundWebhookJobOptions extends DeliveryOptions {
  sweepEverySeconds?: number;
}

const laneName = (lane: number) => `outbound-webhook-delivery-${lane}`;

/** The queue an endpoint's deliveries go through. */
export function laneOf(endpointId: string): number {
  let hash = 0;
  for (const character of endpointId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return hash % DELIVERY_LANES;
}

/**
 * One delivery job: one attempt. A failure that will be retried sends the next job for its time
 * (the job is in the database, so the retry outlives a restart); a job that came early sends itself
 * again for the delivery's time. A throw (the database failing) is retried by the engine, and a
 * delivery whose jobs all gave up is found by the sweep.
 */
function deliveryHandler(options: DeliveryOptions) {
  return async (data: DeliveryJobData, context: JobContext) => {
    const outcome = await attemptDelivery(context.db, data.deliveryId, options);
    if (outcome.kind === "retrying") {
      await context.send(deliveryJobFor(outcome.endpointId), data, { startAfter: outcome.nextAttemptAt });
    } else if (outcome.kind === "skipped" && outcome.notDue) {
      await context.send(deliveryJobFor(outcome.notDue.endpointId), data, { startAfter: outcome.notDue.until });
    }
    return outcome;
  };
}

/**
 * Every period: re-sends the jobs of deliveries that are due but nobody attempts, and forgets
 * rotated secrets whose overlap is over.
 */
function sweepHandler(options: DeliveryOptions) {
  return async (_run: unknown, context: JobContext) => {
    const now = (options.now ?? (() => new Date()))();
    const forgotten = await forgetExpiredPreviousSecrets(context.db, now);
    const overdue = await overdueDeliveries(context.db, now, OVERDUE_GRACE_MS * (options.retryScale ?? 1), SWEEP_BATCH);
    for (const delivery of overdue) await context.send(deliveryJobFor(delivery.endpointId), { deliveryId: delivery.id });
    if (overdue.length > 0) log.info({ count: overdue.length }, "outbound webhook deliveries sent again after their job was lost");
    return { resent: overdue.length, forgottenSecrets: forgotten };
  };
}

const JOB_OPTIONS = { retryLimit: 3, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 60 };

function laneJobs(options: DeliveryOptions): QueuedJobDefinition<DeliveryJobData>[] {
  return Array.from({ length: DELIVERY_LANES }, (_, lane) => defineJob(laneName(lane), deliveryHandler(options), JOB_OPTIONS));
}

/** The production jobs' definitions, also what deliveries are sent to (an engine works a job by its name). */
const deliveryJobs = laneJobs({});

/** The job that attempts an endpoint's deliveries. */
export function deliveryJobFor(endpointId: string): QueuedJobDefinition<DeliveryJobData> {
  return deliveryJobs[laneOf(endpointId)]!;
}

/**
 * The jobs an engine runs for outbound webhooks: the delivery queues and the sweep. Listed in
 * lib/jobs/index.ts with the defaults; tests start engines with a faster schedule and clock.
 */
export function outboundWebhookJobs(options: OutboundWebhookJobOptions = {}): Array<QueuedJobDefinition<DeliveryJobData> | RecurringJobDefinition> {
  const { sweepEverySeconds = SWEEP_EVERY_SECONDS, ...deliveryOptions } = options;
  return [
    ...laneJobs(deliveryOptions),
    defineJob("outbound-webhook-sweep", sweepHandler(deliveryOptions), { everySeconds: sweepEverySeconds }),
    defineJob("outbound-webhook-prune", async (_run, { db }) => ({ removed: await pruneOutboundEvents(db, new Date(Date.now() - KEEP_EVENTS_MS)) }), {
      everySeconds: DAY_SECONDS,
    }),
  ];
}

/*
 * The engine deliveries of a database are sent to. The process's engine attaches itself when it
 * starts (lib/jobs/index.ts), tests attach theirs. Kept on globalThis: the server's bundles each
 * have their own copy of this module, but share the one database handle and engine.
 */
const globalForDispatch = globalThis as unknown as { outboundWebhookEngines?: WeakMap<Database, JobEngine> };
const engines = (globalForDispatch.outboundWebhookEngines ??= new WeakMap());

/** Sends this database's new deliveries to `engine` from now on; answers the undoing. */
export function attachOutboundWebhookEngine(db: Database, engine: JobEngine): () => void {
  engines.set(db, engine);
  return () => {
    if (engines.get(db) === engine) engines.delete(db);
  };
}

/**
 * Sends a job for each delivery a commit created, to the engine attached to the database. Never
 * throws: without an engine (a script, a failed send) the sweep sends them within a minute or so.
 */
export async function dispatchDeliveries(db: Database, deliveries: RecordedDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  const engine = engines.get(db);
  if (!engine) return;
  try {
    // A few at a time: each is an insert of its own on the engine's pool.
    let next = 0;
    const sendNext = async () => {
      while (next < deliveries.length) {
        const delivery = deliveries[next++]!;
        await engine.send(deliveryJobFor(delivery.endpointId), { deliveryId: delivery.id });
      }
    };
    await Promise.all(Array.from({ length: Math.min(DISPATCH_CONCURRENCY, deliveries.length) }, sendNext));
  } catch (error) {
    log.warn({ err: error, count: deliveries.length }, "outbound webhook deliveries not queued now; the sweep will");
  }
}
