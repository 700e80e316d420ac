/** The real client against the local simulator: Maton's own errors, rate limits, faults, timeouts, network. */
import { createServer } from "node:net";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { buildTextMessage, validateOutboundMessage } from "@/lib/whatsapp/message-builders";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { type GatewayClientConfig, createGatewayClient } from "./client";
import { GatewayNetworkError, GatewayTimeoutError, GraphError, MatonError } from "./errors";
import { simControl } from "./test-helpers";

let sim: RunningSimulator;
let control: ReturnType<typeof simControl>;
let phoneNumberId: string;
let customer: string;

/** "hi" to the customer, built and checked by lib/whatsapp as the inbox hands it to the gateway. */
function hello() {
  const validation = validateOutboundMessage(buildTextMessage({ to: customer, body: "hi" }));
  if (!validation.ok) throw new Error(`not a valid message: ${JSON.stringify(validation.problems)}`);
  return validation.message;
}

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
const clientWith = (config: Partial<GatewayClientConfig> = {}) =>
  createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, retry: { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 3 }, ...config });

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null, templateReviewMs: 600_000 });
  control = simControl(sim.url);
});

afterAll(async () => {
  await sim?.close();
});

beforeEach(async () => {
  await control.reset();
  const state = await control.state();
  phoneNumberId = state.connections[0]!.wabas[0]!.phone_numbers[0]!.id;
  customer = state.customers[0]!.wa_id!;
  await control.inbound({ phone_number_id: phoneNumberId, from: customer, type: "text", text: { body: "hi" } });
});

afterEach(async () => {
  await control.clearFaults();
});

describe("Maton's own answers", () => {
  it("401 for a wrong key, on the gateway and on the control plane: check MATON_API_KEY", async () => {
    const client = clientWith({ apiKey: "not-the-key" });
    for (const call of [client.phoneNumbers.getPhoneNumber(phoneNumberId), client.connections.listConnections()]) {
      const error = (await caught(call)) as MatonError;
      expect(error).toBeInstanceOf(MatonError);
      expect(error).toMatchObject({ status: 401, code: 401, title: "Maton key rejected" });
      expect(error.action).toContain("MATON_API_KEY");
      expect(error.serverMessage).toMatch(/API key/);
      expect(error.rawBody).toMatchObject({ error: { type: "MatonError" } });
    }
  });

  it("400 when the chosen connection is unknown (no usable connection)", async () => {
    const error = (await caught(clientWith().messages.sendMessage(phoneNumberId, hello(), { connectionId: "no-such-connection" }))) as MatonError;
    expect(error).toBeInstanceOf(MatonError);
    expect(error).toMatchObject({ status: 400, title: "No usable connection", outcomeUnknown: false });
  });

  it("400 for a path without the whatsapp-business app name", async () => {
    const error = (await caught(clientWith().request({ plane: "absolute", method: "GET", path: `${sim.url}/whatsapp/v21.0/${phoneNumberId}` }))) as MatonError;
    expect(error).toBeInstanceOf(MatonError);
    expect(error.status).toBe(400);
  });

  it("404 for an unknown connection on the control plane", async () => {
    const error = (await caught(clientWith().connections.getConnection("00000000-0000-0000-0000-000000000000"))) as MatonError;
    expect(error).toMatchObject({ status: 404, title: "Not found" });
  });
});

describe("rate limits", () => {
  it("a burst of 30 calls through the limiter all succeed", async () => {
    // Start from an empty one-second window; a 429 from arrival jitter on a loaded machine is retried, as in production.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const client = clientWith({ retry: { maxAttempts: 3 } });
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => client.phoneNumbers.getPhoneNumber(phoneNumberId)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  });

  it("without the limiter the gateway answers 429 with Retry-After, kept on the error", async () => {
    const client = clientWith({ limiter: false, retry: { maxAttempts: 1 } });
    const results = await Promise.allSettled(Array.from({ length: 15 }, () => client.phoneNumbers.getPhoneNumber(phoneNumberId)));
    const limited = results.flatMap((r) => (r.status === "rejected" ? [r.reason as MatonError] : []));
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toBeInstanceOf(MatonError);
    expect(limited[0]).toMatchObject({ status: 429, title: "Too many requests", retryLater: true });
    expect(limited[0]!.retryAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it("retries a send after 429 (it was not processed) and reports the last 429", async () => {
    await control.faults({ rate_429: 1 });
    const error = (await caught(clientWith({ retry: { maxAttempts: 2 } }).messages.sendMessage(phoneNumberId, hello()))) as MatonError;
    expect(error).toMatchObject({ status: 429, attempts: 2, outcomeUnknown: false });
  });
});

describe("faults", () => {
  it("a send that meets a 5xx is not retried and its outcome is unknown", async () => {
    await control.faults({ rate_5xx: 1 });
    const error = (await caught(clientWith().messages.sendMessage(phoneNumberId, hello(), { idempotencyKey: "idem-1" }))) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 503, outcomeUnknown: true, attempts: 1, idempotencyKey: "idem-1", retryLater: true });
  });

  it("a read that meets 5xx is retried up to the limit", async () => {
    await control.faults({ rate_5xx: 1 });
    const error = (await caught(clientWith().phoneNumbers.getPhoneNumber(phoneNumberId))) as GraphError;
    expect(error).toMatchObject({ status: 503, attempts: 3, outcomeUnknown: false });
  });

  it("a slow gateway times out: a send is not retried, a read is", async () => {
    await control.faults({ latency_ms: 400 });
    const client = clientWith({ timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 } });
    const send = (await caught(client.messages.sendMessage(phoneNumberId, hello()))) as GatewayTimeoutError;
    expect(send).toBeInstanceOf(GatewayTimeoutError);
    expect(send).toMatchObject({ outcomeUnknown: true, attempts: 1, timeoutMs: 100 });
    const read = (await caught(client.phoneNumbers.getPhoneNumber(phoneNumberId))) as GatewayTimeoutError;
    expect(read).toMatchObject({ outcomeUnknown: false, attempts: 2 });
  });
});

describe("network", () => {
  it("a refused connection is retried even for a send, then reported as not sent", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = clientWith({ gatewayUrl: `http://127.0.0.1:${port}`, ctrlUrl: `http://127.0.0.1:${port}` });
    const error = (await caught(client.messages.sendMessage(phoneNumberId, hello()))) as GatewayNetworkError;
    expect(error).toBeInstanceOf(GatewayNetworkError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", notSent: true, outcomeUnknown: false, attempts: 3, title: "Gateway unreachable" });
  });
});
