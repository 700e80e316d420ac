import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Database } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { DEMO_PASSWORD, seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { FixedWindowRateLimit } from "@/lib/http/rate-limit";

import { checkCredentials } from "./credentials";

/** A database that fails the test on any use: what a refused flood must not touch. */
const untouchable = new Proxy({} as Database, {
  get(_target, property) {
    throw new Error(`the database was used (${String(property)})`);
  },
});

describe.each(testDatabases)("sign-in attempts per address on $name", (database) => {
  let handle: DatabaseHandle;
  const now = new Date("2026-03-01T10:00:00Z");
  beforeEach(async () => {
    handle = await database.open();
    await seedDemoUsers(handle.db);
  });
  afterEach(async () => {
    await handle.close();
  });

  it("refuses an address's guesses past the limit before bcrypt or the database, until the minute is over", async () => {
    // A small limit of the same kind as the real one (30 a minute): each guess below costs a bcrypt.
    const limit = 2;
    const attempts = new FixedWindowRateLimit({ limit, windowMs: 60_000 });
    const guess = (db: Database, at: Date, clientAddress = "198.51.100.7") =>
      // Each guess names another account, so only the per-address limit is in play.
      checkCredentials(db, { email: `guess-${Math.random()}@demo.test`, password: "wrong", clientAddress }, at, attempts);
    for (let index = 0; index < limit; index += 1) expect((await guess(handle.db, now)).ok).toBe(false);

    expect(await guess(untouchable, new Date(now.getTime() + 20_000))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 40 });
    // Another address is not held back.
    expect(await guess(handle.db, now, "198.51.100.8")).toEqual({ ok: false, reason: "invalid" });
    expect(await guess(handle.db, new Date(now.getTime() + 60_000))).toEqual({ ok: false, reason: "invalid" });
  });

  it("does not count sign-ins that succeed: an office signing in from one address is never held back", async () => {
    const limit = 2;
    const attempts = new FixedWindowRateLimit({ limit, windowMs: 60_000 });
    for (let index = 0; index < limit + 2; index += 1) {
      const result = await checkCredentials(handle.db, { email: "agent@demo.test", password: DEMO_PASSWORD, clientAddress: "203.0.113.50" }, now, attempts);
      expect(result.ok).toBe(true);
    }
    // Each attempt checks a bcrypt hash of cost 12: slow on a busy machine, so more time than the default.
  }, 90_000);
});
