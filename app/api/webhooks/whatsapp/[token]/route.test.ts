import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { readCounter } from "@/db/queries/counters";
import { messages, webhookEvents } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { env } from "@/lib/env";
import { callbackToken, callbackUrl, rotateCallbackToken } from "@/lib/webhooks/callback";
import { publicRateLimit } from "@/lib/http/rate-limit";
import { REJECTED_DELIVERIES_COUNTER } from "@/lib/webhooks/ingest";
import { countRejectedDeliveries, webhookRefusals } from "@/lib/webhooks/refusals";
import { signWebhookBody } from "@/lib/webhooks/signature";
import { inbound } from "@/lib/webhooks/test-payloads";
import { DEMO_APP_SECRET } from "@/lib/whatsapp/demo";

import { POST as postWithoutToken } from "../route";
import { GET, POST } from "./route";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

const globalEnv = globalThis as unknown as { dashboardEnv?: ReturnType<typeof env> };
const BASE = "http://127.0.0.1:3000/api/webhooks/whatsapp";

function deliver(token: string | undefined, options: { signed?: boolean } = {}) {
  const body = JSON.stringify(inbound("15551239876", "text", { body: "hello" }));
  const headers = new Headers({ "Content-Type": "application/json" });
  if (options.signed) headers.set("X-Hub-Signature-256", signWebhookBody(body, DEMO_APP_SECRET));
  const request = new Request(token === undefined ? BASE : `${BASE}/${token}`, { method: "POST", headers, body });
  return token === undefined ? postWithoutToken(request) : POST(request, { params: Promise.resolve({ token }) });
}

describe.each(testDatabases)("callback token authentication on $name", (testDatabase) => {
  let saved: ReturnType<typeof env>;
  beforeEach(async () => {
    database.handle = await testDatabase.open();
    saved = env();
    publicRateLimit("webhookRefusals").clear();
  });
  afterEach(async () => {
    globalEnv.dashboardEnv = saved;
    await webhookRefusals().flush();
    await database.handle.close();
  });
  const stored = async () => ({
    events: await database.handle.db.select().from(webhookEvents),
    messages: await database.handle.db.select().from(messages),
  });

  describe("without an app secret (deliveries through Maton's app)", () => {
    beforeEach(() => {
      globalEnv.dashboardEnv = { ...saved, whatsappAppSecret: undefined, appUrl: "https://wa.example.com" };
    });

    it("builds the callback URL with the installation's token", async () => {
      const token = await callbackToken(database.handle.db);
      expect(token).toMatch(/^[\w-]{43}$/);
      expect(await callbackUrl(database.handle.db, env())).toBe(`https://wa.example.com/api/webhooks/whatsapp/${token}`);
    });

    it("accepts a delivery with the right token and stores it", async () => {
      const response = await deliver(await callbackToken(database.handle.db));
      expect(response.status).toBe(200);
      const { events, messages: rows } = await stored();
      expect(events).toMatchObject([{ authenticatedBy: "token", error: null }]);
      expect(rows).toHaveLength(1);
    });

    it("refuses a wrong token, a missing one and a rotated one with 401, storing nothing", async () => {
      const old = await callbackToken(database.handle.db);
      expect((await deliver("x".repeat(43))).status).toBe(401);
      expect((await deliver(undefined)).status).toBe(401);
      await rotateCallbackToken(database.handle.db);
      expect((await deliver(old)).status).toBe(401);
      expect(await stored()).toEqual({ events: [], messages: [] });
      // Counted in memory, written later: the count shown adds what is not written yet.
      expect(await countRejectedDeliveries(database.handle.db)).toBe(3);
      await webhookRefusals().flush();
      expect(await readCounter(database.handle.db, REJECTED_DELIVERIES_COUNTER)).toBe(3);
      expect((await deliver(await callbackToken(database.handle.db))).status).toBe(200);
    });

    it("answers Meta's handshake with the generated verify token", async () => {
      globalEnv.dashboardEnv = { ...globalEnv.dashboardEnv!, whatsappVerifyToken: undefined };
      expect((await GET(new Request(`${BASE}/t?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=7`))).status).toBe(403);
    });
  });

  describe("with the app secret (own Meta app)", () => {
    it("still requires the signature, on the token path too", async () => {
      const token = await callbackToken(database.handle.db);
      expect((await deliver(token)).status).toBe(401);
      expect((await deliver(token, { signed: true })).status).toBe(200);
      expect((await deliver(undefined, { signed: true })).status).toBe(200);
      expect((await stored()).events.map((event) => event.authenticatedBy)).toEqual(["signature", "signature"]);
    });
  });
});
