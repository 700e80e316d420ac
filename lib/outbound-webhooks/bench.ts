/**
 * The outbound webhooks' fan-out, measured: a burst of events recorded in batches (as the webhook
 * ingest's group commits record them, a `message.received`-sized payload each), each to a few
 * endpoints served in this process on loopback; each delivery queued on the job engine after the
 * commit, claimed, signed and POSTed. Figures: deliveries per second from the first event to the
 * last receipt, and the 50th/95th percentile from an event's recording to its receipt (in a burst,
 * mostly the time spent waiting behind the deliveries queued before it).
 *
 * It loads no module of the translated layers (scripts run without Next's bundler): payloads are
 * made here in the shape ./payloads.ts gives them, and recorded with the data layer's own statement.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { openDatabase, type DatabaseConfig, type DatabaseHandle } from "@/db/client";
import { insertEndpoint, recordOutboundEvents, type OutboundEventToRecord, type RecordedDelivery } from "@/db/queries/outbound-webhooks";
import { startJobEngine } from "@/lib/jobs/engine";

import { attachOutboundWebhookEngine, dispatchDeliveries, outboundWebhookJobs } from "./jobs";
import { generateSecret } from "./signing";

export interface FanOutOptions {
  /** Events (customers' messages) to announce; default 1,000. */
  events?: number;
  /** Endpoints subscribed to them; default 3. */
  endpoints?: number;
  /** Events per transaction; default 25. */
  batch?: number;
  /** Where the data lives; default an in-memory PGlite. */
  database?: DatabaseConfig;
  /** Gives up waiting for receipts after this long; default 5 minutes. */
  timeoutMs?: number;
}

export type FanOutFigures = {
  database: string;
  events: number;
  endpoints: number;
  deliveries: number;
  "deliveries/s": number;
  "p95 event→receipt (ms)": number;
  "p50 event→receipt (ms)": number;
};

const quiet = { warn: () => {} };

/** A receiver on 127.0.0.1 that answers 204 and reports how long after its event's time each delivery arrived. */
async function startReceiver(onReceipt: (latencyMs: number) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const receivedAt = Date.now();
      const payload = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { timestamp: string };
      onReceipt(receivedAt - Date.parse(payload.timestamp));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` };
}

function percentileOf(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A customer's message as `message.received` announces it. */
function receivedEvent(index: number, at: Date): OutboundEventToRecord {
  const customer = `1555${String(index % 200).padStart(7, "0")}`;
  const data = {
    message: {
      id: crypto.randomUUID(),
      conversation_id: crypto.randomUUID(),
      wamid: `wamid.fanout.${index}`,
      direction: "inbound",
      type: "text",
      content: { body: `Fan-out message ${index}` },
      status: null,
      error: null,
      sent_at: at.toISOString(),
      delivered_at: null,
      read_at: null,
      sender: null,
      reply_to: null,
      pricing: null,
      origin: null,
      edited_at: null,
      revoked_at: null,
    },
    phone_number_id: "106540352242922",
    customer: { wa_id: customer, user_id: null, username: null, name: `Customer ${index % 200}` },
  };
  return { type: "message.received", payload: { type: "message.received", timestamp: at.toISOString(), data: { ...data, conversation_id: data.message.conversation_id } } };
}

export async function benchFanOut(options: FanOutOptions = {}): Promise<FanOutFigures> {
  const events = options.events ?? 1000;
  const endpointCount = options.endpoints ?? 3;
  const batch = options.batch ?? 25;
  const config = options.database ?? { driver: "pglite-memory" };
  const expected = events * endpointCount;
  const latencies: number[] = [];
  let lastReceiptAt = 0;
  let allReceived: () => void = () => {};
  const received = new Promise<void>((resolve) => (allReceived = resolve));
  const receivers = await Promise.all(
    Array.from({ length: endpointCount }, () =>
      startReceiver((latency) => {
        latencies.push(latency);
        lastReceiptAt = performance.now();
        if (latencies.length >= expected) allReceived();
      }),
    ),
  );

  let handle: DatabaseHandle | undefined;
  let engine: Awaited<ReturnType<typeof startJobEngine>> | undefined;
  try {
    handle = await openDatabase(config);
    await handle.migrate();
    const db = handle.db;
    for (const receiver of receivers) {
      await insertEndpoint(db, { url: receiver.url, description: "bench", events: ["message.received"], secret: generateSecret(), createdBy: null });
    }
    engine = await startJobEngine({
      handle,
      databaseUrl: config.driver === "postgres" ? config.url : undefined,
      jobs: outboundWebhookJobs({ allowPrivate: true }),
      pollingIntervalSeconds: 0.5,
      log: quiet,
    });
    const detach = attachOutboundWebhookEngine(db, engine);

    const startedAt = performance.now();
    for (let from = 0; from < events; from += batch) {
      const at = new Date();
      const recorded: RecordedDelivery[] = await db.transaction((tx) =>
        recordOutboundEvents(tx, Array.from({ length: Math.min(batch, events - from) }, (_, i) => receivedEvent(from + i, at)), at),
      );
      // After the commit, as a change's recorder does (./emit.ts).
      void dispatchDeliveries(db, recorded);
    }
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), options.timeoutMs ?? 300_000).unref());
    if ((await Promise.race([received, timeout])) === "timeout") {
      throw new Error(`only ${latencies.length} of ${expected} deliveries arrived in time`);
    }
    detach();
    const seconds = (lastReceiptAt - startedAt) / 1000;
    return {
      database: config.driver,
      events,
      endpoints: endpointCount,
      deliveries: latencies.length,
      "deliveries/s": Math.round(latencies.length / seconds),
      "p95 event→receipt (ms)": Math.round(percentileOf(latencies, 95)),
      "p50 event→receipt (ms)": Math.round(percentileOf(latencies, 50)),
    };
  } finally {
    await engine?.stop();
    await handle?.close();
    for (const { server } of receivers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }
}
