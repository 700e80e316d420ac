import "server-only";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import {
  claimDelivery,
  failPendingDeliveries,
  findEndpointForUpdate,
  markEndpointFailing,
  recordDeliveryFailed,
  recordDeliverySucceeded,
  updateEndpointRow,
  type AttemptResult,
  type ClaimedDelivery,
} from "@/db/queries/outbound-webhooks";
import { env } from "@/lib/env";

import { checkDestination, type Resolve } from "./address-guard";
import { postWebhook, REQUEST_TIMEOUT_MS } from "./http";
import { signatureHeaders } from "./signing";

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Standard Webhooks' schedule after a failed attempt: the first attempt goes at once, then 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, and 10 h again, for as long as the retry window lasts.
 */
export const RETRY_DELAYS_MS = [5 * SECOND_MS, 5 * MINUTE_MS, 30 * MINUTE_MS, 2 * HOUR_MS, 5 * HOUR_MS, 10 * HOUR_MS] as const;
/** Retries stop this long after the first attempt (the last one comes at its end): the delivery has failed. */
export const RETRY_WINDOW_MS = 24 * HOUR_MS;
/** An endpoint failing (no 2xx) for this long is turned off at its next failure. */
export const DISABLE_AFTER_FAILING_MS = 24 * HOUR_MS;
/** How long an attempt holds its delivery; a worker that dies lets another take it up after this. */
export const LEASE_MS = 60 * SECOND_MS;
/** What a delivery failed by an endpoint's disabling says (it can be replayed later). */
export const ENDPOINT_DISABLED = "endpoint disabled";
/** Of a refusing answer's body, this much is kept as the delivery's last error. */
const KEPT_ERROR_CHARS = 2000;

/** How attempts are made; the defaults are production's. */
export interface DeliveryOptions {
  /**
   * Multiplies every duration of the schedule: the retry delays, the 24-hour retry window and the
   * 24-hour disabling (tests use e.g. 0.0005: 5 s becomes 2.5 ms, 24 h becomes 43 s). Default 1.
   */
  retryScale?: number;
  /** The clock (tests move it); default the system's. */
  now?: () => Date;
  /** Private and loopback destinations, and http://, allowed; default OUTBOUND_WEBHOOKS_ALLOW_PRIVATE. */
  allowPrivate?: boolean;
  /** Host name resolution (tests make a name resolve where they need it); default the system's. */
  resolve?: Resolve;
  /** The whole attempt's limit; default 10 s. */
  timeoutMs?: number;
}

/** The private-address switch as configured (the service and attempts read it when not told). */
export function allowPrivateDestinations(options: { allowPrivate?: boolean } = {}): boolean {
  return options.allowPrivate ?? env().outboundWebhooksAllowPrivate;
}

/**
 * When to try again after the failed attempt number `attempts`, or null when the retry window
 * (from the first attempt) is over. The last retry comes at the window's end rather than after it.
 */
export function nextAttemptAt(attempts: number, firstAttemptAt: Date, failedAt: Date, retryScale = 1): Date | null {
  const deadline = firstAttemptAt.getTime() + RETRY_WINDOW_MS * retryScale;
  if (failedAt.getTime() >= deadline) return null;
  const delay = (RETRY_DELAYS_MS[attempts - 1] ?? RETRY_DELAYS_MS.at(-1)!) * retryScale;
  return new Date(Math.min(failedAt.getTime() + delay, deadline));
}

/** What an attempt came to. */
export type AttemptOutcome =
  /** Nothing sent: done already, held by another worker, gone, or not due yet (`notDue`). */
  | { kind: "skipped"; notDue: { until: Date; endpointId: string } | undefined }
  | { kind: "succeeded"; endpointId: string; status: number }
  | { kind: "retrying"; endpointId: string; nextAttemptAt: Date }
  | { kind: "failed"; endpointId: string; endpointDisabled: boolean };

/**
 * One attempt of one delivery: claims it (so no other worker sends it meanwhile), checks where it
 * goes, signs and POSTs it, and records the outcome: a 2xx succeeds it and ends the endpoint's
 * failing; anything else schedules the next attempt or, past the retry window, fails it. A failure
 * of an endpoint failing for 24 hours turns the endpoint off (audited) and fails its pending
 * deliveries.
 */
export async function attemptDelivery(db: Database, deliveryId: string, options: DeliveryOptions = {}): Promise<AttemptOutcome> {
  const clock = options.now ?? (() => new Date());
  const claimedAt = clock();
  const claim = await claimDelivery(db, deliveryId, claimedAt, new Date(claimedAt.getTime() + LEASE_MS));
  if (!claim.claimed) return { kind: "skipped", notDue: claim.notDue };
  const claimed = claim.claimed;

  // Whatever goes wrong in the attempt is its failure, so the delivery moves on through its schedule.
  const result = await send(claimed, claimedAt, options).catch((error: unknown) => ({
    responseStatus: null,
    responseMs: null,
    error: `not sent: ${error instanceof Error ? error.message : String(error)}`,
  }));
  const at = clock();
  const endpointId = claimed.endpointId;
  if (result.responseStatus !== null && result.responseStatus >= 200 && result.responseStatus < 300) {
    await recordDeliverySucceeded(db, claimed, { ...result, at });
    return { kind: "succeeded", endpointId, status: result.responseStatus };
  }

  const scale = options.retryScale ?? 1;
  const next = nextAttemptAt(claimed.attempts, claimed.firstAttemptAt, at, scale);
  let endpointDisabled = false;
  let recorded = false;
  // The endpoint's row first (locked): concurrent failures agree on when it started failing.
  await db.transaction(async (tx) => {
    const endpoint = await findEndpointForUpdate(tx, endpointId);
    if (!endpoint) return;
    const disabling = endpoint.enabled && endpoint.failingSince !== null && at.getTime() - endpoint.failingSince.getTime() >= DISABLE_AFTER_FAILING_MS * scale;
    recorded = await recordDeliveryFailed(tx, claimed, { ...result, at }, disabling ? null : next);
    if (!recorded) return;
    if (!endpoint.enabled) return;
    if (!disabling) {
      await markEndpointFailing(tx, endpointId, at);
      return;
    }
    await updateEndpointRow(tx, endpointId, { enabled: false, disabledAt: at, disabledReason: "failing" });
    await failPendingDeliveries(tx, endpointId, ENDPOINT_DISABLED);
    await recordAudit(tx, {
      actor: null,
      action: "webhook_endpoint.disabled",
      target: { type: "webhook_endpoint", id: endpointId },
      details: { reason: "failing", url: endpoint.url, failingSince: endpoint.failingSince!.toISOString(), lastError: result.error, lastResponseStatus: result.responseStatus },
    });
    endpointDisabled = true;
  });
  // The lease ran out meanwhile (or the endpoint is gone): whoever holds the delivery now decides.
  if (!recorded) return { kind: "skipped", notDue: undefined };
  if (next && !endpointDisabled) return { kind: "retrying", endpointId, nextAttemptAt: next };
  return { kind: "failed", endpointId, endpointDisabled };
}

/** Checks the destination again (DNS may have changed since the endpoint was saved), signs and POSTs. */
async function send(claimed: ClaimedDelivery, now: Date, options: DeliveryOptions): Promise<Omit<AttemptResult, "at">> {
  const startedAt = performance.now();
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const url = new URL(claimed.endpoint.url);
  const allowPrivate = allowPrivateDestinations(options);
  const destination = await withTimeout(checkDestination(url, { allowPrivate, resolve: options.resolve }), timeoutMs);
  if (!destination) return { responseStatus: null, responseMs: elapsedSince(startedAt), error: `DNS: no answer within ${timeoutMs / 1000} s` };
  if (!destination.ok) {
    const error =
      destination.reason === "refused"
        ? `refused: ${destination.host} resolves to ${destination.address}, a ${destination.range} address`
        : `DNS: ${destination.host}: ${destination.detail}`;
    return { responseStatus: null, responseMs: null, error };
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    return { responseStatus: null, responseMs: null, error: `refused: ${url.protocol}// is not allowed, only https://` };
  }

  // The same body for every attempt: the event's payload as recorded.
  const body = JSON.stringify(claimed.event.payload);
  const { endpoint } = claimed;
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) secrets.push(endpoint.previousSecret);
  // webhook-id is the event's id: the same for every attempt and replay, so receivers can deduplicate.
  const headers = signatureHeaders({ messageId: claimed.event.id, timestamp: now, body, secrets });
  const outcome = await postWebhook(url, destination.pinned, { headers, body }, { timeoutMs, startedAt });
  if (!outcome.answered) return { responseStatus: null, responseMs: outcome.ms, error: outcome.error };
  const ok = outcome.status >= 200 && outcome.status < 300;
  return { responseStatus: outcome.status, responseMs: outcome.ms, error: ok ? null : refusalText(outcome.status, outcome.body) };
}

/** A refusing answer as kept: its body, cut short (the status is kept beside it). */
function refusalText(status: number, body: string): string {
  const trimmed = body.trim();
  if (trimmed === "") return `HTTP ${status}`;
  return trimmed.length > KEPT_ERROR_CHARS ? `${trimmed.slice(0, KEPT_ERROR_CHARS)}…` : trimmed;
}

const elapsedSince = (startedAt: number) => Math.round(performance.now() - startedAt);

/** The promise's value, or undefined when it takes longer than `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
