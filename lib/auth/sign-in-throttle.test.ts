import { describe, expect, it } from "vitest";

import { FAILURE_WINDOW_MS, remainingWaitMs, requiredWaitMs, throttleKey } from "./sign-in-throttle";

describe("sign-in throttle", () => {
  it("lets the first failures through, then doubles the wait up to five minutes", () => {
    expect([0, 4].map((n) => requiredWaitMs("account", n))).toEqual([0, 0]);
    expect([5, 6, 7, 10].map((n) => requiredWaitMs("account", n))).toEqual([1000, 2000, 4000, 32_000]);
    expect(requiredWaitMs("account", 40)).toBe(5 * 60_000);
    expect(requiredWaitMs("address", 19)).toBe(0);
    expect(requiredWaitMs("address", 20)).toBe(1000);
  });

  it("counts the wait from the last failure and takes the stricter key", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
    expect(
      remainingWaitMs(
        [
          { key: throttleKey("account", "a@b.c"), failures: 7, lastFailureAt: secondsAgo(1) },
          { key: throttleKey("address", "1.2.3.4"), failures: 3, lastFailureAt: secondsAgo(1) },
        ],
        now,
      ),
    ).toBe(3000);
    expect(
      remainingWaitMs([{ key: throttleKey("account", "a@b.c"), failures: 7, lastFailureAt: secondsAgo(5) }], now),
    ).toBe(0);
  });

  it("forgets failures older than the window", () => {
    const now = new Date();
    const old = new Date(now.getTime() - FAILURE_WINDOW_MS - 1);
    expect(remainingWaitMs([{ key: "account:a@b.c", failures: 50, lastFailureAt: old }], now)).toBe(0);
  });
});
