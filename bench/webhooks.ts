/**
 * Webhook ingest throughput: signed deliveries (one inbound message each) posted from a load
 * generator on loopback to a production server, on PGlite and on PostgreSQL, beside the raw
 * insert rate of the same rows straight into the same database. Counts rows afterwards.
 */
import { Agent } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { count, sql } from "drizzle-orm";

import { openDatabase, type DatabaseConfig } from "@/db/client";
import { contacts, conversations, messages, webhookEvents } from "@/db/schema";

import { formatRate, percentile, printTable } from "./report";
import { benchServerUrl, inboundDelivery, PHONE_NUMBER_ID, postSigned, startServer, stopServer, waitForServer, withFreshDatabase } from "./server";

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CUSTOMERS = 500;
const PORT = Number(process.env.BENCH_PORT ?? 3900);

function deliveryBody(run: string, index: number, now: number): string {
  return inboundDelivery({
    from: `1555${String(index % CUSTOMERS).padStart(7, "0")}`,
    name: `Customer ${index % CUSTOMERS}`,
    wamid: `wamid.bench.${run}.${index}`,
    body: `Benchmark message ${index}`,
    now,
  });
}

/** Posts every delivery with a fixed number in flight over kept-alive connections; returns each latency in ms. */
async function postDeliveries(url: string, bodies: string[]): Promise<{ latencies: number[]; seconds: number; failures: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(url);
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const sent = performance.now();
        const status = await postSigned(agent, target, body).catch(() => 0);
        latencies.push(performance.now() - sent);
        if (status !== 200) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies, seconds, failures };
}

/** The same rows a delivery writes (event, contact, conversation, message), one transaction each. */
async function rawInsertRate(config: DatabaseConfig, run: string): Promise<number> {
  const handle = await openDatabase(config);
  const inFlight = config.driver === "postgres" ? CONCURRENCY : 1;
  const now = new Date();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < DELIVERIES) {
        const index = next++;
        const waId = `1666${String(index % CUSTOMERS).padStart(7, "0")}`;
        await handle.db.transaction(async (tx) => {
          await tx.insert(webhookEvents).values({ body: deliveryBody(run, index, now.getTime()), authenticatedBy: "signature" });
          await tx.insert(contacts).values({ waId, profileName: "Raw" }).onConflictDoNothing();
          const [conversation] = await tx
            .insert(conversations)
            .values({ phoneNumberId: PHONE_NUMBER_ID, waId })
            .onConflictDoUpdate({ target: [conversations.phoneNumberId, conversations.waId], set: { updatedAt: now } })
            .returning({ id: conversations.id });
          await tx.insert(messages).values({
            conversationId: conversation!.id,
            wamid: `wamid.raw.${run}.${index}`,
            direction: "inbound",
            type: "text",
            content: { text: { body: `Raw ${index}` } },
            sentAt: now,
          });
        });
      }
    }),
  );
  const rate = DELIVERIES / ((performance.now() - started) / 1000);
  await handle.close();
  return rate;
}

async function countRows(config: DatabaseConfig, run: string) {
  const handle = await openDatabase(config);
  const [stored] = await handle.db
    .select({ messages: count(), distinct: sql<number>`count(distinct ${messages.wamid})::int` })
    .from(messages)
    .where(sql`${messages.wamid} like ${`wamid.bench.${run}.%`}`);
  await handle.close();
  return { messages: Number(stored?.messages ?? 0), distinct: Number(stored?.distinct ?? 0) };
}

async function benchDatabase(name: string, config: DatabaseConfig, serverEnv: Record<string, string>) {
  const run = Date.now().toString(36);
  const server = startServer(PORT, serverEnv);
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/api/health`, server);
    const now = Date.now();
    const bodies = Array.from({ length: DELIVERIES }, (_, index) => deliveryBody(run, index, now));
    // A warm-up (a sixth of the run) so the figures measure the server as it runs, not route
    // compilation, JIT warm-up and connection setup.
    const warmUp = bodies.slice(0, Math.ceil(DELIVERIES / 6)).map((b) => b.replace("wamid.bench", "wamid.warmup"));
    await postDeliveries(`http://127.0.0.1:${PORT}/api/webhooks/whatsapp`, warmUp);
    const load = await postDeliveries(`http://127.0.0.1:${PORT}/api/webhooks/whatsapp`, bodies);
    await stopServer(server);
    const stored = await countRows(config, run);
    const raw = await rawInsertRate(config, run);
    const rate = DELIVERIES / load.seconds;
    return {
      database: name,
      deliveries: DELIVERIES,
      "accepted/s": formatRate(rate),
      "p50 ms": percentile(load.latencies, 50).toFixed(1),
      "p99 ms": percentile(load.latencies, 99).toFixed(1),
      "raw inserts/s": formatRate(raw),
      "share of raw": `${Math.round((rate / raw) * 100)}%`,
      "non-200": load.failures,
      "rows stored": stored.messages,
      lost: DELIVERIES - stored.distinct,
      duplicated: stored.messages - stored.distinct,
    };
  } finally {
    await stopServer(server);
  }
}

export async function benchWebhooks(): Promise<void> {
  const rows = [];
  const dir = mkdtempSync(path.join(tmpdir(), "bench-pglite-"));
  try {
    const pgliteDir = path.join(dir, "db");
    rows.push(
      await benchDatabase("PGlite", { driver: "pglite", dir: pgliteDir }, { PGLITE_DIR: pgliteDir, MEDIA_DIR: path.join(dir, "media") }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const serverUrl = benchServerUrl();
  if (serverUrl) {
    rows.push(
      await withFreshDatabase(serverUrl, "dashboard_bench", (url) =>
        benchDatabase("PostgreSQL", { driver: "postgres", url }, { DATABASE_URL: url }),
      ),
    );
  } else {
    console.log("PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server the benchmark may create databases on.");
  }
  printTable(`Webhook ingest: ${DELIVERIES} signed deliveries, one message each, ${CONCURRENCY} in flight`, rows);
}
