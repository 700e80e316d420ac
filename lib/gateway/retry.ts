/**
 * When a failed call is tried again, and after how long. A send (any non-idempotent call) is retried
 * only when it cannot have gone out twice: a 429 (not processed) or a connection refused before any
 * byte was sent. After a 5xx or a timeout its outcome is unknown and the caller must reconcile.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff ceiling; doubles per retry. */
  baseDelayMs: number;
  /** Backoff never exceeds this. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error goes back to the caller. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

/** Full jitter: a random delay between 0 and min(cap, base × 2^(retry − 1)). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export type AttemptFailure =
  | { kind: "status"; status: number; retryAfterMs?: number }
  | { kind: "timeout" }
  /** notSent: the connection was refused or the host not found, so nothing reached the server. */
  | { kind: "network"; notSent: boolean };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; outcomeUnknown: boolean };

/**
 * attempt: the attempt that just failed (1 = the first).
 * idempotent: repeating the call cannot do harm (GET, DELETE, settings updates); sends are not.
 */
export function decideRetry(
  failure: AttemptFailure,
  attempt: number,
  idempotent: boolean,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  // A send that may have reached WhatsApp: never repeat it blindly.
  const mayHaveBeenProcessed =
    failure.kind === "timeout" ||
    (failure.kind === "network" && !failure.notSent) ||
    (failure.kind === "status" && failure.status >= 500);
  const outcomeUnknown = !idempotent && mayHaveBeenProcessed;

  const transient =
    failure.kind !== "status" || failure.status === 429 || failure.status >= 500;
  if (!transient) return { retry: false, outcomeUnknown: false };
  if (outcomeUnknown) return { retry: false, outcomeUnknown: true };
  if (attempt >= policy.maxAttempts) return { retry: false, outcomeUnknown: false };

  if (failure.kind === "status" && failure.status === 429 && failure.retryAfterMs !== undefined) {
    if (failure.retryAfterMs > policy.maxRetryAfterMs) return { retry: false, outcomeUnknown: false };
    return { retry: true, delayMs: failure.retryAfterMs };
  }
  return { retry: true, delayMs: backoffDelay(attempt, policy, random) };
}
