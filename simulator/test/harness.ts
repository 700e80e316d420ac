import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll } from "vitest";
import { DEMO_APP_SECRET, DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import type { RunningSimulator, SimulatorOptions } from "../server";
import { startSimulator } from "../server";

export const KEY = DEMO_MATON_API_KEY;
export const SECRET = DEMO_APP_SECRET;

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { entry: Array<{ id: string; changes: Array<{ field: string; value: Record<string, unknown> }> }> };
}

/** A real HTTP receiver standing in for the dashboard's webhook route. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  handshakes: URLSearchParams[];
  /** Status answered to the next deliveries (default 200). */
  answer: (status: number) => void;
  waitFor: (predicate: (webhook: ReceivedWebhook) => boolean, timeoutMs?: number) => Promise<ReceivedWebhook>;
  close: () => Promise<void>;
}

export async function startReceiver(verifyToken = "token-123"): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const handshakes: URLSearchParams[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://receiver");
    if (req.method === "GET") {
      handshakes.push(url.searchParams);
      const ok = url.searchParams.get("hub.mode") === "subscribe" && url.searchParams.get("hub.verify_token") === verifyToken;
      res.writeHead(ok ? 200 : 403, { "content-type": "text/plain" });
      res.end(ok ? (url.searchParams.get("hub.challenge") ?? "") : "forbidden");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      if (status >= 200 && status < 300) received.push({ headers: req.headers, raw, body: JSON.parse(raw) as ReceivedWebhook["body"] });
      res.writeHead(status);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    handshakes,
    answer: (next) => {
      status = next;
    },
    waitFor: (predicate, timeoutMs = 5000) => waitFor(() => received.find(predicate), timeoutMs),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function sign(raw: string, secret = SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
}

/** Test defaults: fast statuses, fast reviews, fast retries, no rate limit in the way. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    templateReviewMs: 100,
    statusDelaysMs: { sent: 20, delivered: 40, read: 60 },
    webhookRetry: { baseMs: 50, maxAttempts: 4 },
    rateLimitPerSecond: 10_000,
    ...options,
  });
}

export interface TestSimulatorOptions {
  /** Start a webhook receiver and send the simulator's webhooks to it (default true). */
  receiver?: boolean;
  /** Options for `startTestSimulator`, on top of the receiver's `webhookUrl`. */
  simulator?: SimulatorOptions;
}

/** The running simulator of a test file, read once `beforeAll` has started it. */
export interface TestSimulator {
  readonly sim: RunningSimulator;
}

export interface TestSimulatorWithReceiver extends TestSimulator {
  readonly receiver: WebhookReceiver;
}

/**
 * Registers a test file's hooks: start a webhook receiver (unless `receiver: false`) and a test simulator
 * delivering to it in `beforeAll`, close both in `afterAll`, reset the simulator and forget what the receiver
 * got after each test. `sim` and `receiver` are getters, so read them inside tests and hooks, not at load time.
 */
export function setupTestSimulator(options: TestSimulatorOptions & { receiver: false }): TestSimulator;
export function setupTestSimulator(options?: TestSimulatorOptions & { receiver?: true }): TestSimulatorWithReceiver;
export function setupTestSimulator(options?: TestSimulatorOptions): TestSimulator;
export function setupTestSimulator(options: TestSimulatorOptions = {}): TestSimulatorWithReceiver {
  const withReceiver = options.receiver !== false;
  let sim: RunningSimulator | undefined;
  let receiver: WebhookReceiver | undefined;

  beforeAll(async () => {
    if (withReceiver) receiver = await startReceiver();
    sim = await startTestSimulator({ ...(receiver ? { webhookUrl: receiver.url } : {}), ...options.simulator });
  });
  afterAll(async () => {
    await sim?.close();
    await receiver?.close();
  });
  afterEach(async () => {
    if (sim) await control(sim.url, "reset", {});
    if (receiver) receiver.received.length = 0;
  });

  return {
    get sim() {
      if (!sim) throw new Error("The test simulator is not running: read env.sim inside a test or hook.");
      return sim;
    },
    get receiver() {
      if (!receiver) throw new Error(withReceiver ? "The webhook receiver is not running: read env.receiver inside a test or hook." : "setupTestSimulator({ receiver: false }) starts no webhook receiver.");
      return receiver;
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field and assert on them
export type AnyBody = any;

export interface Answer<T = AnyBody> {
  status: number;
  headers: Headers;
  body: T;
}

/** A call through the simulated gateway with the Maton key. */
export async function gateway(base: string, path: string, init: { method?: string; body?: unknown; connection?: string; key?: string | null } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? KEY}`;
  if (init.connection) headers["maton-connection"] = init.connection;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${base}/whatsapp-business/v21.0/${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A call to the `/_sim/` control API. */
export async function control(base: string, path: string, body?: unknown, method?: string): Promise<Answer> {
  const response = await fetch(`${base}/_sim/${path}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
