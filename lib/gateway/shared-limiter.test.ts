import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";

import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { openDatabase, type DatabaseHandle } from "@/db/client";
import { listGatewayGrants, returnGatewayGrant, takeGatewayGrant, type GatewayGrantRequest } from "@/db/queries/gateway-budget";
import { rowsOf } from "@/db/rows";
import { testDatabases } from "@/db/test-databases";

import type { GatewayPriority } from "./limiter";
import { gatewayAccountKey, SharedRateLimiter } from "./shared-limiter";
import { fakeClock, maxInAnyWindow } from "./test-helpers";

describe.each(testDatabases)("the shared gateway budget on $name", (database) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  const attempt = (account: string, rank: number, extra: Partial<GatewayGrantRequest> = {}) =>
    takeGatewayGrant(handle.db, { account, size: 3, windowMs: 60_000, rank, graceMs: 100, attemptId: randomUUID(), ...extra });

  it("grants the budget's size per window, then says how long until the oldest grant's token comes back", async () => {
    const account = randomUUID();
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await attempt(account, 1));
    expect(answers.slice(0, 3).map((answer) => answer.granted)).toEqual([true, true, true]);
    const refused = answers[3]!;
    expect(refused.granted).toBe(false);
    if (refused.granted) return;
    expect(refused.waitMs).toBeGreaterThan(55_000);
    expect(refused.waitMs).toBeLessThanOrEqual(60_000);
    expect(await listGatewayGrants(handle.db, account)).toHaveLength(3);
  });

  it("holds back a less urgent caller while a more urgent one waits, and not the other way round", async () => {
    const account = randomUUID();
    const quick = { size: 1, windowMs: 0 };
    expect((await attempt(account, 1, quick)).granted).toBe(true);
    // The token is back at once, but an agent's call refused meanwhile (budget of 1 for a minute) holds back polling.
    expect((await attempt(account, 1, { size: 1, windowMs: 60_000 })).granted).toBe(false);
    const poll = await attempt(account, 4, quick);
    expect(poll.granted).toBe(false);
    if (!poll.granted) expect(poll.waitMs).toBeGreaterThan(50_000); // until the agent's token, plus the grace
    expect((await attempt(account, 1, quick)).granted).toBe(true); // the agent itself is not held back
  });

  it("takes a given-back token off the window", async () => {
    const account = randomUUID();
    const first = await attempt(account, 1);
    const second = await attempt(account, 1);
    if (!first.granted || !second.granted) throw new Error("expected two grants");
    await returnGatewayGrant(handle.db, account, first.grantedAt);
    expect(await listGatewayGrants(handle.db, account)).toEqual([second.grantedAt]);
  });

  it("keys an account by a hash of its API key, never the key", async () => {
    const limiter = new SharedRateLimiter("secret-key-1", handle.db);
    await limiter.acquire();
    const rows = await handle.db.execute("select account from gateway_budget");
    expect(JSON.stringify(rows)).not.toContain("secret-key-1");
    expect(await listGatewayGrants(handle.db, gatewayAccountKey("secret-key-1"))).toHaveLength(1);
  });

  it("gives back the token of a caller who aborted while it was being taken", async () => {
    const apiKey = randomUUID();
    const limiter = new SharedRateLimiter(apiKey, handle.db);
    const controller = new AbortController();
    const leaving = limiter.acquire(controller.signal);
    controller.abort(new Error("request aborted")); // the budget's round trip has started
    await expect(leaving).rejects.toThrow("request aborted");
    await limiter.idle();
    expect(await listGatewayGrants(handle.db, gatewayAccountKey(apiKey))).toEqual([]);
  });

  it("lets a waiting caller leave the line at once when aborted, costing no token", async () => {
    const apiKey = randomUUID();
    const limiter = new SharedRateLimiter(apiKey, handle.db, { requestsPerWindow: 1, windowMs: 300, marginMs: 0 });
    await limiter.acquire();
    const controller = new AbortController();
    const leaving = limiter.acquire(controller.signal);
    const staying = limiter.acquire();
    controller.abort(new Error("gave up"));
    await expect(leaving).rejects.toThrow("gave up");
    expect(limiter.waiting).toBe(1);
    await expect(staying).resolves.toBeUndefined();
    await limiter.idle();
  });

  it("lets an agent's call in one instance overtake background calls queued in another", async () => {
    const apiKey = randomUUID();
    // A generous grace: the agent's retry only has to come within it, however busy the machine.
    const options = { requestsPerWindow: 2, windowMs: 600, marginMs: 0, graceMs: 600 };
    const syncInstance = new SharedRateLimiter(apiKey, handle.db, options);
    const agentInstance = new SharedRateLimiter(apiKey, handle.db, options);
    const order: string[] = [];
    const call = (limiter: SharedRateLimiter, name: string, priority: GatewayPriority) =>
      limiter.acquire(undefined, priority).then(() => order.push(name));
    const polls = Array.from({ length: 5 }, (_, index) => call(syncInstance, `poll${index}`, "background"));
    await Promise.all(polls.slice(0, 2)); // the window is full; three polls wait in the other instance
    const agent = call(agentInstance, "agent", "interactive");
    await Promise.all([...polls, agent]);
    expect(order).toEqual(["poll0", "poll1", "agent", "poll2", "poll3", "poll4"]);
  });
});

describe("a shared limiter whose database cannot be reached", () => {
  it("limits its own instance alone, and tries the database again only after a pause", async () => {
    const warn = vi.fn();
    const clock = fakeClock();
    let attempts = 0;
    const unreachable = () => {
      attempts += 1;
      return Promise.reject(new Error("connect ECONNREFUSED"));
    };
    const limiter = new SharedRateLimiter(randomUUID(), unreachable, { requestsPerWindow: 2, marginMs: 0, clock, log: { warn } });
    const grants: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire().then(() => grants.push(clock.now()))));
    expect(grants).toEqual([0, 0, 1000, 1000, 2000]);
    expect(attempts).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    clock.time += 5_000;
    await limiter.acquire();
    expect(attempts).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1); // one warning per outage
  });
});

/**
 * A fresh, migrated database on the test server, for processes that connect by URL, with a log of
 * every grant at the database's time (a trigger on the budget row: the test's own, not the product's).
 */
async function freshPostgresDatabase(serverUrl: string) {
  const name = `dashboard_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: "postgres", url: url.toString() });
  await handle.migrate();
  await handle.db.execute(`create table grant_log (granted_at timestamptz not null)`);
  await handle.db.execute(`
    create function log_grant() returns trigger language plpgsql as $$
    begin
      if new.last_grant_id is distinct from old.last_grant_id then
        insert into grant_log values (new.grants[cardinality(new.grants)]);
      end if;
      return new;
    end $$`);
  await handle.db.execute(`create trigger log_grant after update on gateway_budget for each row execute function log_grant()`);
  return {
    url: url.toString(),
    /** Milliseconds since the epoch of every grant, by the database's clock. */
    async grants(): Promise<number[]> {
      const rows = rowsOf<{ at: number | string }>(await handle.db.execute(`select extract(epoch from granted_at) * 1000 as at from grant_log`));
      return rows.map((row) => Number(row.at));
    },
    async drop() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Starts an instance of the hammer fixture and resolves once it is connected and waiting for "go". */
function startInstance(args: string[]) {
  const child: ChildProcessWithoutNullStreams = spawn(
    path.join(process.cwd(), "node_modules", ".bin", "tsx"),
    ["--conditions=react-server", path.join(process.cwd(), "lib", "gateway", "test-fixtures", "hammer-budget.ts"), ...args],
    { stdio: "pipe" },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<void>((resolve, reject) => {
    lines.on("line", (line) => line === "ready" && resolve());
    child.once("exit", (code) => reject(new Error(`instance exited (${code}) before it was ready: ${stderr}`)));
  });
  const stamps = new Promise<number[]>((resolve, reject) => {
    lines.on("line", (line) => line.startsWith("{") && resolve((JSON.parse(line) as { stamps: number[] }).stamps));
    child.once("exit", (code) => code !== 0 && reject(new Error(`instance failed (${code}): ${stderr}`)));
  });
  return { ready, stamps, go: () => child.stdin.write("go\n"), kill: () => child.kill() };
}

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("two dashboard processes on one PostgreSQL budget", () => {
  it("never grant more than the budget in any window, together", { timeout: 60_000 }, async () => {
    const database = await freshPostgresDatabase(serverUrl!);
    const budget = 10;
    const windowMs = 500;
    const marginMs = 25;
    const callsPerLimiter = 10;
    const limitersPerProcess = 2;
    const args = [database.url, `key-${randomUUID()}`, String(callsPerLimiter), String(budget), String(windowMs), String(marginMs), String(limitersPerProcess)];
    const instances = [startInstance(args), startInstance(args)];
    try {
      await Promise.all(instances.map((instance) => instance.ready));
      for (const instance of instances) instance.go();
      const [first, second] = await Promise.all(instances.map((instance) => instance.stamps));
      expect([...first!, ...second!]).toHaveLength(2 * limitersPerProcess * callsPerLimiter);
      // The two really raced: each was let through while the other still had callers waiting.
      expect(Math.min(Math.max(...first!), Math.max(...second!))).toBeGreaterThan(Math.max(Math.min(...first!), Math.min(...second!)));
      const grants = await database.grants();
      expect(grants).toHaveLength(2 * limitersPerProcess * callsPerLimiter);
      // Spaced by window + margin in the database's time: the margin absorbs the jitter of each request's way out.
      expect(maxInAnyWindow(grants, windowMs + marginMs)).toBe(budget);
      // And the budget was used, not wasted: 40 grants at 10 per window take a little over three windows.
      const span = Math.max(...grants) - Math.min(...grants);
      expect(span).toBeGreaterThanOrEqual(3 * (windowMs + marginMs));
      expect(span).toBeLessThan(6 * (windowMs + marginMs)); // slack for a busy machine
    } finally {
      for (const instance of instances) instance.kill();
      await database.drop();
    }
  });
});
