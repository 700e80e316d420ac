import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { readCounter } from "@/db/queries/counters";
import { messages, webhookEvents } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { env } from "@/lib/env";
import { PUBLIC_RATE_LIMITS, publicRateLimit } from "@/lib/http/rate-limit";
import { headersFromSocket } from "@/lib/http/socket-address";
import { callbackToken } from "@/lib/webhooks/callback";
import { MAX_DELIVERY_BYTES } from "@/lib/webhooks/endpoint";
import { REJECTED_DELIVERIES_COUNTER } from "@/lib/webhooks/ingest";
import { webhookRefusals } from "@/lib/webhooks/refusals";
import { signWebhookBody } from "@/lib/webhooks/signature";
import { inbound } from "@/lib/webhooks/test-payloads";
import { DEMO_APP_SECRET } from "@/lib/whatsapp/demo";

import { GET, POST } from "./route";
import { POST as postWithToken } from "./[token]/route";

/** Every use of the database by the code under test: a refusal must cause no write. */
const database = vi.hoisted(() => ({
  handle: undefined as unknown as DatabaseHandle,
  opened: 0,
  writes: [] as string[],
}));
vi.mock("@/db", () => ({
  getDb: async () => {
    database.opened += 1;
    return new Proxy(database.handle.db, {
      get(target, property, receiver) {
        if (typeof property === "string" && ["insert", "update", "delete", "execute", "transaction"].includes(property)) {
          database.writes.push(property);
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  },
}));

const globalEnv = globalThis as unknown as { dashboardEnv?: ReturnType<typeof env> };
const URL_BASE = "http://127.0.0.1:3000/api/webhooks/whatsapp";
const META = "173.252.127.1";
const ATTACKER = "198.51.100.66";

let sequence = 0;
function deliveryBody(): string {
  sequence += 1;
  return JSON.stringify(inbound("15551230000", "text", { body: `hello ${sequence}` }));
}

function post(from: string, options: { signed?: boolean; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const body = options.body ?? deliveryBody();
  const headers = headersFromSocket(from, { "Content-Type": "application/json", ...options.headers });
  if (options.signed && typeof body === "string") headers.set("X-Hub-Signature-256", signWebhookBody(body, DEMO_APP_SECRET));
  return POST(new Request(URL_BASE, { method: "POST", headers, body, duplex: "half" } as RequestInit));
}

/** A body handed out in 1 MB chunks only when read, counting how many were read. */
function chunkedBody(chunks: number) {
  const read = { chunks: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.chunks === chunks) return controller.close();
        read.chunks += 1;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, read };
}

describe.each(testDatabases)("the webhook's public edge on $name", (testDatabase) => {
  let saved: ReturnType<typeof env>;
  beforeEach(async () => {
    database.handle = await testDatabase.open();
    database.opened = 0;
    database.writes = [];
    saved = env();
    publicRateLimit("webhookRefusals").clear();
    await webhookRefusals().flush();
  });
  afterEach(async () => {
    globalEnv.dashboardEnv = saved;
    await webhookRefusals().flush();
    await database.handle.close();
  });
  const stored = async () => ({
    events: (await database.handle.db.select().from(webhookEvents)).length,
    messages: (await database.handle.db.select().from(messages)).length,
  });

  it("refuses forged deliveries without touching the database, and writes their count once, later", async () => {
    const answers = await Promise.all(Array.from({ length: 15 }, () => post(ATTACKER, { headers: { "X-Hub-Signature-256": `sha256=${"0".repeat(64)}` } })));
    expect(answers.map((answer) => answer.status)).toEqual(new Array(15).fill(401));
    expect(database.opened).toBe(0);
    expect(database.writes).toEqual([]);
    expect(webhookRefusals().pending).toBe(15);
    expect(await readCounter(database.handle.db, REJECTED_DELIVERIES_COUNTER)).toBe(0);

    await webhookRefusals().flush();
    expect(database.writes).toEqual(["insert"]);
    expect(await readCounter(database.handle.db, REJECTED_DELIVERIES_COUNTER)).toBe(15);
    expect(await stored()).toEqual({ events: 0, messages: 0 });
  });

  it("refuses wrong callback tokens before reading the body, counting them in memory only", async () => {
    globalEnv.dashboardEnv = { ...saved, whatsappAppSecret: undefined };
    await callbackToken(database.handle.db);
    const bodies = [chunkedBody(1), chunkedBody(1), chunkedBody(1)];
    const answers = await Promise.all(
      bodies.map(({ stream }) =>
        postWithToken(
          new Request(`${URL_BASE}/${"x".repeat(43)}`, { method: "POST", headers: headersFromSocket(ATTACKER), body: stream, duplex: "half" } as RequestInit),
          { params: Promise.resolve({ token: "x".repeat(43) }) },
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(bodies.map(({ read }) => read.chunks)).toEqual([0, 0, 0]);
    expect(webhookRefusals().pending).toBe(3);
    expect(await readCounter(database.handle.db, REJECTED_DELIVERIES_COUNTER)).toBe(0);
  });

  it("answers 413 to a body declared larger than 3 MB, before reading a byte", async () => {
    const { stream, read } = chunkedBody(5);
    const answer = await post(ATTACKER, { body: stream, headers: { "Content-Length": String(MAX_DELIVERY_BYTES + 1) } });
    expect(answer.status).toBe(413);
    expect(read.chunks).toBe(0);
    expect(database.opened).toBe(0);
  });

  it("answers 413 to a chunked body without Content-Length as soon as it passes 3 MB", async () => {
    const { stream, read } = chunkedBody(50);
    const answer = await post(ATTACKER, { body: stream });
    expect(answer.status).toBe(413);
    // 3 MB fit; the fourth megabyte passes the cap and reading stops there.
    expect(read.chunks).toBe(4);
    expect(database.opened).toBe(0);
    expect(await stored()).toEqual({ events: 0, messages: 0 });
  });

  it("still takes a signed delivery of just under 3 MB", async () => {
    const padding = " ".repeat(MAX_DELIVERY_BYTES - deliveryBody().length - 16);
    const body = `${deliveryBody()}${padding}`;
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_DELIVERY_BYTES);
    const headers = headersFromSocket(META, { "X-Hub-Signature-256": signWebhookBody(body, DEMO_APP_SECRET) });
    expect((await POST(new Request(URL_BASE, { method: "POST", headers, body }))).status).toBe(200);
    expect((await stored()).events).toBe(1);
  });

  it("answers 429 unread to a source past its refusals, while a signed delivery from another source is taken", async () => {
    const { limit } = PUBLIC_RATE_LIMITS.webhookRefusals;
    const refused = await Promise.all(Array.from({ length: limit }, () => post(ATTACKER)));
    expect(refused.map((answer) => answer.status)).toEqual(new Array(limit).fill(401));

    const { stream, read } = chunkedBody(1);
    const throttled = await post(ATTACKER, { body: stream });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(read.chunks).toBe(0);
    // Even a correctly signed delivery from that source waits: its body is not read to find out.
    expect((await post(ATTACKER, { signed: true })).status).toBe(429);

    expect((await post(META, { signed: true })).status).toBe(200);
    expect(await stored()).toEqual({ events: 1, messages: 1 });
  });

  it("answers 429 to a source guessing the verify token past the limit, before reading the database", async () => {
    const { limit } = PUBLIC_RATE_LIMITS.webhookRefusals;
    const handshake = (from: string, token: string) =>
      GET(new Request(`${URL_BASE}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42`, { headers: headersFromSocket(from) }));
    for (let index = 0; index < limit; index += 1) expect((await handshake(ATTACKER, `guess-${index}`)).status).toBe(403);
    database.opened = 0;
    expect((await handshake(ATTACKER, "one-more-guess")).status).toBe(429);
    expect(database.opened).toBe(0);
    expect((await handshake(META, env().whatsappVerifyToken!)).status).toBe(200);
  });

  it("never limits a source whose deliveries are authentic", async () => {
    const { limit } = PUBLIC_RATE_LIMITS.webhookRefusals;
    const answers = await Promise.all(Array.from({ length: limit * 2 }, () => post(META, { signed: true })));
    expect(answers.map((answer) => answer.status)).toEqual(new Array(limit * 2).fill(200));
  });
});
