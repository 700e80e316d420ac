import { describe, expect, it } from "vitest";

import { AccountRateLimiter, limiterForAccount } from "./limiter";
import { fakeClock, maxInAnyWindow } from "./test-helpers";

describe("AccountRateLimiter", () => {
  it("lets no more than 10 requests into any one-second window under a burst of 200 (fake clock)", async () => {
    const clock = fakeClock();
    const limiter = new AccountRateLimiter({ clock, marginMs: 0 });
    const grants: number[] = [];
    await Promise.all(Array.from({ length: 200 }, () => limiter.acquire().then(() => grants.push(clock.now()))));
    expect(grants).toHaveLength(200);
    expect(maxInAnyWindow(grants)).toBe(10);
    // 200 requests at 10/s take 19 windows after the first.
    expect(Math.max(...grants)).toBe(19_000);
  });

  it("keeps the 10-per-window rule when callers arrive spread over time", async () => {
    const clock = fakeClock();
    const limiter = new AccountRateLimiter({ clock, marginMs: 0 });
    const grants: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      clock.time += 37; // arrivals faster than the limit
      await limiter.acquire();
      grants.push(clock.now());
    }
    expect(maxInAnyWindow(grants)).toBeLessThanOrEqual(10);
  });

  it("serves callers first come, first served", async () => {
    const clock = fakeClock();
    const limiter = new AccountRateLimiter({ clock, requestsPerWindow: 2 });
    const order: number[] = [];
    await Promise.all(Array.from({ length: 7 }, (_, index) => limiter.acquire().then(() => order.push(index))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("drops a waiting caller whose signal aborts, and serves the others", async () => {
    const limiter = new AccountRateLimiter({ requestsPerWindow: 1, windowMs: 50, marginMs: 0 });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error("gave up"));
    await expect(aborted).rejects.toThrow("gave up");
    await expect(next).resolves.toBeUndefined();
    expect(limiter.waiting).toBe(0);
  });

  it("rejects at once when the signal is already aborted", async () => {
    const limiter = new AccountRateLimiter();
    await expect(limiter.acquire(AbortSignal.abort(new Error("no")))).rejects.toThrow("no");
  });

  it("shares one limiter per Maton API key", () => {
    expect(limiterForAccount("key-a")).toBe(limiterForAccount("key-a"));
    expect(limiterForAccount("key-a")).not.toBe(limiterForAccount("key-b"));
  });

  it("keeps real requests at or below 10 per second over about two seconds (real time)", async () => {
    const limiter = new AccountRateLimiter();
    const start = performance.now();
    const stamps: number[] = [];
    await Promise.all(Array.from({ length: 25 }, () => limiter.acquire().then(() => stamps.push(performance.now()))));
    const elapsed = performance.now() - start;
    expect(stamps).toHaveLength(25);
    expect(maxInAnyWindow(stamps)).toBeLessThanOrEqual(10);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(3000);
  });
});
