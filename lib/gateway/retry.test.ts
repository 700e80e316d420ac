import { describe, expect, it } from "vitest";

import { DEFAULT_RETRY_POLICY, type RetryPolicy, backoffDelay, decideRetry, parseRetryAfter } from "./retry";

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 30_000 };

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(" 0 ")).toBe(0);
    expect(parseRetryAfter("1.5")).toBe(1500);
  });

  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).toBe(0);
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  it("grows exponentially and is capped", () => {
    const top = () => 0.999999;
    expect(backoffDelay(1, policy, top)).toBe(99);
    expect(backoffDelay(2, policy, top)).toBe(199);
    expect(backoffDelay(3, policy, top)).toBe(399);
    expect(backoffDelay(10, policy, top)).toBe(999);
    expect(backoffDelay(60, policy, top)).toBe(999);
  });

  it("applies full jitter: always between 0 and the ceiling", () => {
    for (let retry = 1; retry <= 12; retry += 1) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
      for (let i = 0; i < 200; i += 1) {
        const delay = backoffDelay(retry, policy);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe("decideRetry", () => {
  const half = () => 0.5;

  it("honours Retry-After on 429, for reads and for sends", () => {
    expect(decideRetry({ kind: "status", status: 429, retryAfterMs: 2000 }, 1, true, policy, half)).toEqual({ retry: true, delayMs: 2000 });
    expect(decideRetry({ kind: "status", status: 429, retryAfterMs: 2000 }, 1, false, policy, half)).toEqual({ retry: true, delayMs: 2000 });
  });

  it("backs off on 429 without Retry-After", () => {
    expect(decideRetry({ kind: "status", status: 429 }, 2, false, policy, half)).toEqual({ retry: true, delayMs: 100 });
  });

  it("gives up when Retry-After is longer than the caller would wait", () => {
    expect(decideRetry({ kind: "status", status: 429, retryAfterMs: 60_000 }, 1, true, policy)).toEqual({ retry: false, outcomeUnknown: false });
  });

  it("retries 5xx, timeouts and connection resets on idempotent calls", () => {
    expect(decideRetry({ kind: "status", status: 503 }, 1, true, policy, half).retry).toBe(true);
    expect(decideRetry({ kind: "timeout" }, 1, true, policy, half).retry).toBe(true);
    expect(decideRetry({ kind: "network", notSent: false }, 1, true, policy, half).retry).toBe(true);
  });

  it("never retries a send after a 5xx, a timeout or a reset: the outcome is unknown", () => {
    expect(decideRetry({ kind: "status", status: 500 }, 1, false, policy)).toEqual({ retry: false, outcomeUnknown: true });
    expect(decideRetry({ kind: "timeout" }, 1, false, policy)).toEqual({ retry: false, outcomeUnknown: true });
    expect(decideRetry({ kind: "network", notSent: false }, 1, false, policy)).toEqual({ retry: false, outcomeUnknown: true });
  });

  it("retries a send refused before any byte was sent", () => {
    expect(decideRetry({ kind: "network", notSent: true }, 1, false, policy, half)).toEqual({ retry: true, delayMs: 50 });
  });

  it("does not retry other client errors", () => {
    for (const status of [400, 401, 403, 404]) {
      expect(decideRetry({ kind: "status", status }, 1, true, policy)).toEqual({ retry: false, outcomeUnknown: false });
    }
  });

  it("stops after the configured number of attempts", () => {
    expect(decideRetry({ kind: "status", status: 503 }, 4, true, policy).retry).toBe(true);
    expect(decideRetry({ kind: "status", status: 503 }, 5, true, policy)).toEqual({ retry: false, outcomeUnknown: false });
    expect(decideRetry({ kind: "status", status: 429 }, 5, false, policy)).toEqual({ retry: false, outcomeUnknown: false });
  });

  it("has sensible defaults", () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
    expect(DEFAULT_RETRY_POLICY.maxDelayMs).toBeGreaterThanOrEqual(DEFAULT_RETRY_POLICY.baseDelayMs);
  });
});
