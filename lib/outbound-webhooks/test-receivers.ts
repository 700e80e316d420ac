/** For the outbound webhooks' tests: local receivers, an admin, the engine, and waiting on state. */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { sql } from "drizzle-orm";

import type { DatabaseHandle } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { rowsOf } from "@/db/rows";
import type { TestDatabase } from "@/db/test-databases";
import { startJobEngine, type JobEngine } from "@/lib/jobs/engine";

import { attachOutboundWebhookEngine, outboundWebhookJobs, type OutboundWebhookJobOptions } from "./jobs";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver answers to the request numbered `index` (0 for the first). */
export type Answer = (index: number, request: ReceivedRequest) => { status: number; body?: string; delayMs?: number };

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 (a random port) that keeps every request and answers as told. */
export async function startReceiver(answer: Answer = () => ({ status: 204 })): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const received = { method: request.method ?? "", path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      const index = requests.length;
      requests.push(received);
      const { status, body = "", delayMs = 0 } = answer(index, received);
      setTimeout(() => response.writeHead(status, { "content-type": "text/plain" }).end(body), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Polls until `probe` gives a value: tests wait on state, never for a fixed time. */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An admin to act as (endpoints' creator, audit entries' actor). */
export async function createAdmin(handle: DatabaseHandle, email = "admin@example.test") {
  const user = await insertUser(handle.db, { email, name: "Ada Admin", passwordHash: "-", role: "admin" });
  return { id: user!.id, email: user!.email, name: user!.name };
}

/** The URL of the test's own PostgreSQL database, for pg-boss's pool (PGlite needs none). */
export async function databaseUrlOf(testDatabase: TestDatabase, handle: DatabaseHandle): Promise<string | undefined> {
  if (testDatabase.name !== "postgres") return undefined;
  const [row] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

const quiet = { warn: () => {} };

/**
 * A job engine with the outbound webhooks' jobs (receivers on loopback allowed, no sweep unless
 * asked), attached so the service's and the emission's deliveries are queued on it.
 */
export async function startTestEngine(
  handle: DatabaseHandle,
  databaseUrl: string | undefined,
  options: OutboundWebhookJobOptions = {},
): Promise<JobEngine & { detach(): void }> {
  const engine = await startJobEngine({
    handle,
    databaseUrl,
    jobs: outboundWebhookJobs({ allowPrivate: true, sweepEverySeconds: 0, ...options }),
    pollingIntervalSeconds: 0.5,
    log: quiet,
  });
  const detach = attachOutboundWebhookEngine(handle.db, engine);
  return Object.assign(engine, { detach });
}
