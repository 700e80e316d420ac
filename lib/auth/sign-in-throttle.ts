/** Failures forgotten after this long without another one. */
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Failures allowed before each further attempt must wait; an address is shared by a whole office. */
export const FREE_FAILURES = { account: 5, address: 20 } as const;
const MAX_WAIT_MS = 5 * 60_000;

export type ThrottleScope = keyof typeof FREE_FAILURES;

export function throttleKey(scope: ThrottleScope, value: string): string {
  return `${scope}:${value}`;
}

/** How long after the last failure the next attempt must wait: doubling from 1 s, capped at 5 min. */
export function requiredWaitMs(scope: ThrottleScope, failures: number): number {
  const excess = failures - FREE_FAILURES[scope];
  if (excess < 0) return 0;
  return Math.min(2 ** excess * 1000, MAX_WAIT_MS);
}

/** Milliseconds the caller still has to wait given the recorded failures, 0 when free to try. */
export function remainingWaitMs(
  records: ReadonlyArray<{ key: string; failures: number; lastFailureAt: Date }>,
  now: Date,
): number {
  let wait = 0;
  for (const record of records) {
    const elapsed = now.getTime() - record.lastFailureAt.getTime();
    if (elapsed > FAILURE_WINDOW_MS) continue;
    const scope = record.key.slice(0, record.key.indexOf(":")) as ThrottleScope;
    if (!(scope in FREE_FAILURES)) continue;
    wait = Math.max(wait, requiredWaitMs(scope, record.failures) - elapsed);
  }
  return wait;
}

/**
 * How long to wait, in the unit a person reads it in ("45 seconds", "3 minutes"): the values of a
 * catalog message that words it (`{unit, select, minutes {…} other {…}}` with `{count, plural, …}`).
 */
export function waitTime(seconds: number): { unit: "minutes" | "seconds"; count: number } {
  return seconds >= 90 ? { unit: "minutes", count: Math.ceil(seconds / 60) } : { unit: "seconds", count: seconds };
}
