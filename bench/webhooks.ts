/**
 * Webhook ingest throughput: signed deliveries (one inbound message each) posted from a load
 * generator on loopback to a production server, on PGlite and on PostgreSQL, beside the raw
 * insert rate of the same rows straight into the same database. Counts rows afterwards.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Agent, request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { count, sql } from "drizzle-orm";
import postgres from "postgres";

import { openDatabase, type DatabaseConfig } from "@/db/client";
import { contacts, conversations, messages, webhookEvents } from "@/db/schema";
import { signWebhookBody } from "@/lib/webhooks/signature";
import { DEMO_APP_SECRET } from "@/lib/whatsapp/demo";

import { formatRate, percentile, printTable } from "./report";

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CUSTOMERS = 500;
const PORT = Number(process.env.BENCH_PORT ?? 3900);
const PHONE_NUMBER_ID = "106540352242922";

function deliveryBody(run: string, index: number, now: number): string {
  const from = `1555${String(index % CUSTOMERS).padStart(7, "0")}`;
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550104821", phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: `Customer ${index % CUSTOMERS}` }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.bench.${run}.${index}`,
                  timestamp: String(Math.floor(now / 1000)),
                  type: "text",
                  text: { body: `Benchmark message ${index}` },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no answer from ${url}`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "X-Hub-Signature-256": signWebhookBody(body, DEMO_APP_SECRET),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
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
        const status = await post(agent, target, body).catch(() => 0);
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
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "--port", String(PORT), "--hostname", "127.0.0.1"], {
    env: { ...process.env, ...serverEnv, PORT: String(PORT), MATON_API_KEY: "", SIM_PORT: "4999" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/api/health`, server);
    const now = Date.now();
    const bodies = Array.from({ length: DELIVERIES }, (_, index) => deliveryBody(run, index, now));
    // A short warm-up so the first figures do not measure compilation and connection setup.
    await postDeliveries(`http://127.0.0.1:${PORT}/api/webhooks/whatsapp`, bodies.slice(0, 50).map((b) => b.replace("wamid.bench", "wamid.warmup")));
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
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `dashboard_bench_${Date.now().toString(36)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      rows.push(await benchDatabase("PostgreSQL", { driver: "postgres", url: url.toString() }, { DATABASE_URL: url.toString() }));
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else {
    console.log("PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server the benchmark may create databases on.");
  }
  printTable(`Webhook ingest: ${DELIVERIES} signed deliveries, one message each, ${CONCURRENCY} in flight`, rows);
}
