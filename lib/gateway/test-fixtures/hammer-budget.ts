/**
 * One dashboard instance hammering an account's shared budget, for the two-process test of
 * `shared-limiter.test.ts`: prints "ready", waits for "go" on stdin, then takes `calls` tokens through
 * each of `limiters` independent limiters (as many instances) with priorities in turn, and prints the
 * wall-clock times at which its callers were let through as one JSON line.
 * Usage: tsx hammer-budget.ts <database url> <api key> <calls> <budget> <window ms> <margin ms> <limiters>
 */
import { createInterface } from "node:readline";

import { openDatabase } from "@/db/client";

import { GATEWAY_PRIORITIES } from "../limiter";
import { SharedRateLimiter } from "../shared-limiter";

const [url, apiKey, calls, budget, windowMs, marginMs, limiters] = process.argv.slice(2);
if (!url || !apiKey || !calls || !budget || !windowMs || !marginMs || !limiters) {
  throw new Error("usage: hammer-budget.ts <database url> <api key> <calls> <budget> <window ms> <margin ms> <limiters>");
}

const handle = await openDatabase({ driver: "postgres", url });
const instances = Array.from(
  { length: Number(limiters) },
  () => new SharedRateLimiter(apiKey, handle.db, { requestsPerWindow: Number(budget), windowMs: Number(windowMs), marginMs: Number(marginMs) }),
);
// One round trip first, so connecting does not count in the race.
await handle.db.execute("select 1");

const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.on("line", (line) => line.trim() === "go" && resolve()));
process.stdout.write("ready\n");
await go;
lines.close();

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes. */
const wallClock = () => performance.timeOrigin + performance.now();
const stamps: number[] = [];
await Promise.all(
  instances.flatMap((limiter) =>
    Array.from({ length: Number(calls) }, (_, index) =>
      limiter.acquire(undefined, GATEWAY_PRIORITIES[index % GATEWAY_PRIORITIES.length]).then(() => stamps.push(wallClock())),
    ),
  ),
);
process.stdout.write(`${JSON.stringify({ stamps })}\n`);
await handle.close();
