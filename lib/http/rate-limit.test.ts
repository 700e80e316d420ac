import { describe, expect, it } from "vitest";

import { FixedWindowRateLimit, tooManyRequests } from "./rate-limit";

describe("FixedWindowRateLimit", () => {
  it("allows the limit per window and source, then tells how long to wait", () => {
    let now = 0;
    const limit = new FixedWindowRateLimit({ limit: 3, windowMs: 10_000, now: () => now });
    expect([1, 2, 3].map(() => limit.take("a").allowed)).toEqual([true, true, true]);
    now = 2_500;
    expect(limit.take("a")).toEqual({ allowed: false, retryAfterSeconds: 8 });
    expect(limit.take("b").allowed).toBe(true);
    now = 10_000;
    expect(limit.take("a").allowed).toBe(true);
  });

  it("peeks without counting, and takes back an event that did not count", () => {
    const now = 0;
    const limit = new FixedWindowRateLimit({ limit: 2, windowMs: 1000, now: () => now });
    expect(limit.peek("a").allowed).toBe(true);
    limit.take("a");
    expect(limit.peek("a").allowed).toBe(true);
    limit.take("a");
    expect(limit.peek("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    limit.giveBack("a");
    expect(limit.peek("a").allowed).toBe(true);
  });

  it("remembers a bounded number of sources, forgetting the least recently seen", () => {
    const limit = new FixedWindowRateLimit({ limit: 1, windowMs: 60_000, maxSources: 100, now: () => 0 });
    limit.take("kept");
    for (let index = 0; index < 10_000; index += 1) {
      limit.take(`flood-${index}`);
      if (index % 50 === 0) limit.take("kept");
    }
    expect(limit.size).toBe(100);
    // The source seen recently is still over its limit; the flood's first addresses were forgotten.
    expect(limit.peek("kept").allowed).toBe(false);
    expect(limit.peek("flood-0").allowed).toBe(true);
  });
});

describe("tooManyRequests", () => {
  it("answers 429 with Retry-After", async () => {
    const response = tooManyRequests({ retryAfterSeconds: 7 });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({ error: "too many requests" });
  });
});
