/**
 * Measures what the shared budget costs per acquire on a PostgreSQL server (not run by the tests):
 * `npx tsx --conditions=react-server bench/shared-budget.ts postgres://…/postgres` creates a scratch database,
 * prints median and p95 of a granted acquire, a refused one, and acquires racing for one account's row,
 * beside the design it replaced on paper: a row per grant, taken under an advisory lock in a transaction.
 */
import { randomBytes, randomUUID } from "node:crypto";

import { sql } from "drizzle-orm";
import postgres from "postgres";

import { openDatabase } from "@/db/client";
import { takeGatewayGrant } from "@/db/queries/gateway-budget";

import { SharedRateLimiter } from "@/lib/gateway/shared-limiter";

const serverUrl = process.argv[2] ?? process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error("usage: bench/shared-budget.ts <postgres server url>");

const name = `budget_measure_${randomBytes(4).toString("hex")}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const handle = await openDatabase({ driver: "postgres", url: url.toString() });

function summary(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  console.log(`${label.padEnd(58)} n=${String(samples.length).padStart(5)}  median ${at(0.5).toFixed(3)} ms  p95 ${at(0.95).toFixed(3)} ms`);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

try {
  await handle.migrate();
  const rounds = 2000;
  const wide = { size: 10, windowMs: 1000, rank: 1, graceMs: 100 };

  const account = randomUUID();
  for (let i = 0; i < 100; i += 1) await takeGatewayGrant(handle.db, { account, ...wide, windowMs: 0, attemptId: randomUUID() }); // warm up
  const granted: number[] = [];
  for (let i = 0; i < rounds; i += 1) granted.push(await timed(() => takeGatewayGrant(handle.db, { account, ...wide, size: 10, windowMs: 0, attemptId: randomUUID() })));
  summary("granted take (one UPDATE, budget 10)", granted);

  const refused: number[] = [];
  const full = randomUUID();
  for (let i = 0; i < 10; i += 1) await takeGatewayGrant(handle.db, { account: full, ...wide, size: 10, windowMs: 3_600_000, attemptId: randomUUID() });
  for (let i = 0; i < rounds; i += 1) refused.push(await timed(() => takeGatewayGrant(handle.db, { account: full, ...wide, size: 10, windowMs: 3_600_000, rank: 4, attemptId: randomUUID() })));
  summary("refused take (budget spent, announces the wait)", refused);

  const limiter = new SharedRateLimiter(randomUUID(), handle.db, { requestsPerWindow: 10, windowMs: 1, marginMs: 0 });
  const acquires: number[] = [];
  for (let i = 0; i < rounds; i += 1) acquires.push(await timed(() => limiter.acquire()));
  summary("SharedRateLimiter.acquire, nobody waiting", acquires);

  // Eight instances racing for one account's row: each UPDATE waits for the one before it.
  const racingKey = randomUUID();
  // (A budget of 100 per millisecond, so the row's lock is what they wait for, not the budget.)
  const racers = Array.from({ length: 8 }, () => new SharedRateLimiter(racingKey, handle.db, { requestsPerWindow: 100, windowMs: 1, marginMs: 0 }));
  const racing: number[] = [];
  const started = performance.now();
  await Promise.all(racers.map(async (racer) => {
    for (let i = 0; i < rounds / 8; i += 1) racing.push(await timed(() => racer.acquire()));
  }));
  summary("8 instances racing for one account's row (per acquire)", racing);
  console.log(`  ${((racing.length / (performance.now() - started)) * 1000).toFixed(0)} grants/s through one row`);

  // For comparison: a row per grant, read and written under pg_advisory_xact_lock in a transaction.
  await handle.db.execute(sql`create table grant_rows (account text not null, granted_at timestamptz not null)`);
  await handle.db.execute(sql`create index on grant_rows (account, granted_at desc)`);
  const lockedKey = randomUUID();
  const locked: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    locked.push(
      await timed(() =>
        handle.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockedKey}))`);
          await tx.execute(sql`select granted_at from grant_rows where account = ${lockedKey} order by granted_at desc offset 9 limit 1`);
          await tx.execute(sql`insert into grant_rows values (${lockedKey}, clock_timestamp())`);
          await tx.execute(sql`delete from grant_rows where account = ${lockedKey} and granted_at < clock_timestamp() - interval '2 seconds'`);
        }),
      ),
    );
  }
  summary("for comparison: advisory lock + select/insert/delete", locked);
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
