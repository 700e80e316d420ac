import "server-only";

import type { Database } from "@/db";
import { recordOutboundEvents, subscribedEventTypes, type OutboundEventsRecorder, type RecordedDelivery } from "@/db/queries/outbound-webhooks";
import { logger } from "@/lib/log";

import { dispatchDeliveries } from "./jobs";
import { buildEvents } from "./payloads";

const log = logger("outbound-webhooks");

/**
 * The recorder a change's transaction calls with what it changed: it builds the events some
 * enabled endpoint subscribes to (nothing, and one cheap query, when none does) and records them
 * with their deliveries. Recording runs in a savepoint: if it fails, the change still commits (an
 * inbound message is never lost to an outbound webhook's trouble) and the failure is logged.
 */
export function outboundEventsRecorder(onRecorded: (deliveries: RecordedDelivery[]) => void, now: () => Date = () => new Date()): OutboundEventsRecorder {
  return async (tx, changes) => {
    if (changes.length === 0) return;
    const subscribed = await subscribedEventTypes(tx);
    const wanted = changes.filter((change) => subscribed.has(change.type));
    if (wanted.length === 0) return;
    const at = now();
    try {
      const deliveries = await tx.transaction(async (savepoint) => recordOutboundEvents(savepoint, await buildEvents(savepoint, wanted, at), at));
      onRecorded(deliveries);
    } catch (error) {
      log.error({ err: error, types: [...new Set(wanted.map((change) => change.type))] }, "outbound webhook events could not be recorded");
    }
  };
}

/**
 * Runs a change with a recorder for its outbound events, then, once it has committed, queues a job
 * for each delivery it created. `run` passes the recorder to the data layer's function making the
 * change (`ingestDelivery(db, records, { outbound })`, `assignConversation(…, { outbound })`…).
 */
export async function withOutboundEvents<T>(db: Database, run: (outbound: OutboundEventsRecorder) => Promise<T>): Promise<T> {
  const recorded: RecordedDelivery[] = [];
  const result = await run(outboundEventsRecorder((deliveries) => recorded.push(...deliveries)));
  // Not awaited: the change's answer does not wait for the queue (a lost send is the sweep's).
  void dispatchDeliveries(db, recorded);
  return result;
}
