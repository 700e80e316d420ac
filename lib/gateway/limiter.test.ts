import { describe, expect, it } from "vitest";

import { type GatewayPriority, AccountRateLimiter, limiterForAccount, withDefaultPriority } from "./limiter";
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

  it("lets an aborted waiter leave without costing a token: the next caller gets the one it would have had", async () => {
    const clock = fakeClock();
    const limiter = new AccountRateLimiter({ clock, requestsPerWindow: 1, marginMs: 0 });
    await limiter.acquire();
    const controller = new AbortController();
    const leaving = limiter.acquire(controller.signal);
    const granted: number[] = [];
    const next = limiter.acquire().then(() => granted.push(clock.now()));
    controller.abort(new Error("closed the tab"));
    await expect(leaving).rejects.toThrow("closed the tab");
    expect(limiter.waiting).toBe(1);
    await next;
    expect(granted).toEqual([1000]); // one window, not two
  });

  it("rejects at once when the signal is already aborted", async () => {
    const limiter = new AccountRateLimiter();
    await expect(limiter.acquire(AbortSignal.abort(new Error("no")))).rejects.toThrow("no");
  });

  it("lets a waiting agent's call overtake a queue of background calls", async () => {
    const clock = fakeClock();
    const limiter = new AccountRateLimiter({ clock, requestsPerWindow: 2, marginMs: 0 });
    const order: string[] = [];
    const call = (name: string, priority: GatewayPriority) => limiter.acquire(undefined, priority).then(() => order.push(`${name}@${clock.now()}`));
    const background = Array.from({ length: 6 }, (_, index) => call(`sync${index}`, "background"));
    await Promise.all(background.slice(0, 2));
    expect(limiter.waiting).toBe(4);
    const agent = call("agent", "interactive");
    await Promise.all([...background, agent]);
    expect(order).toEqual(["sync0@0", "sync1@0", "agent@1000", "sync2@1000", "sync3@2000", "sync4@2000", "sync5@3000"]);
  });

  it("serves interactive, then API, then campaign, then background calls, each first come, first served", async () => {
    const clock = fakeClock();
    const limiter = new AccountRateLimiter({ clock, requestsPerWindow: 1, marginMs: 0 });
    await limiter.acquire(); // the budget is spent: everyone below waits in line
    const order: string[] = [];
    const calls: Array<[string, GatewayPriority | undefined]> = [
      ["poll1", "background"],
      ["campaign1", "campaign"],
      ["api1", "api"],
      ["poll2", "background"],
      ["agent1", undefined],
      ["campaign2", "campaign"],
      ["agent2", "interactive"],
      ["api2", "api"],
    ];
    await Promise.all(calls.map(([name, priority]) => limiter.acquire(undefined, priority).then(() => order.push(name))));
    expect(order).toEqual(["agent1", "agent2", "api1", "api2", "campaign1", "campaign2", "poll1", "poll2"]);
  });

  it("gives calls that name no priority the default of a background client", async () => {
    const clock = fakeClock();
    const limiter = new AccountRateLimiter({ clock, requestsPerWindow: 1, marginMs: 0 });
    const background = withDefaultPriority(limiter, "background");
    await limiter.acquire();
    const order: string[] = [];
    await Promise.all([
      background.acquire().then(() => order.push("poll")),
      background.acquire(undefined, "interactive").then(() => order.push("asked interactive")),
      limiter.acquire().then(() => order.push("agent")),
    ]);
    expect(order).toEqual(["asked interactive", "agent", "poll"]);
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
