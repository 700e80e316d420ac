/** Registering the dashboard's callback on each linked account, through the in-process simulator. */
import { createServer, type Server } from "node:http";

import { createTranslator } from "next-intl";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { testDatabases } from "@/db/test-databases";
import { syncAccounts } from "@/lib/accounts/sync";
import { parseEnv, type Env } from "@/lib/env";
import { type GatewayClient, createGatewayClient } from "@/lib/gateway";
import { translateMessage, type Translate } from "@/lib/i18n/translatable";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import { SEED } from "@/simulator/seed";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { callbackToken, registrationBlockedReason } from "./callback";
import { registerCallbacks, registrationErrorText, registrationOverview } from "./registration";

const inEnglish = createTranslator({ locale: "en", messages: en }) as unknown as Translate;
const inSpanish = createTranslator({ locale: "es", messages: es }) as unknown as Translate;

let sim: RunningSimulator;
let client: GatewayClient;
let receiver: Server;
let receiverUrl: string;
/** How the stand-in dashboard answers Meta's handshake. */
let handshakeAnswer: "echo" | "refuse" = "echo";

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null });
  client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
  receiver = createServer((request, response) => {
    const challenge = new URL(request.url ?? "/", "http://x").searchParams.get("hub.challenge") ?? "";
    if (handshakeAnswer === "echo") response.end(challenge);
    else response.writeHead(403).end("Forbidden");
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const address = receiver.address() as { port: number };
  receiverUrl = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await sim?.close();
  receiver?.close();
});

function configFor(overrides: Record<string, string>): Env {
  return parseEnv({ SIM_PORT: new URL(sim.url).port, AUTH_SECRET: "x".repeat(40), ...overrides });
}

describe.each(testDatabases)("callback registration on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await testDatabase.open();
    handshakeAnswer = "echo";
    await fetch(`${sim.url}/_sim/reset`, { method: "POST" });
    await syncAccounts(handle.db, client);
  });
  afterEach(async () => {
    await handle.close();
  });

  it("registers the callback on every linked account, and Meta lists it", async () => {
    const config = configFor({ APP_URL: receiverUrl });
    const outcomes = await registerCallbacks(handle.db, { client, config });
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    const apps = await client.webhooks.listSubscribedApps(SEED.wabas.lumen, { connectionId: SEED.connections.lumen });
    expect(apps.map((app) => app.override_callback_uri)).toContain(`${receiverUrl}/api/webhooks/whatsapp`);
    const overview = await registrationOverview(handle.db, config);
    expect(overview.map((row) => [row.wabaId, row.registeredUrl, row.outdated, row.error])).toEqual(
      expect.arrayContaining([[SEED.wabas.lumen, `${receiverUrl}/api/webhooks/whatsapp`, false, null]]),
    );
  });

  it("registers the token URL when no app secret is known", async () => {
    const config = { ...configFor({ APP_URL: receiverUrl }), whatsappAppSecret: undefined };
    await registerCallbacks(handle.db, { client, config, wabaIds: [SEED.wabas.lumen] });
    const token = await callbackToken(handle.db);
    const apps = await client.webhooks.listSubscribedApps(SEED.wabas.lumen, { connectionId: SEED.connections.lumen });
    expect(apps.map((app) => app.override_callback_uri)).toContain(`${receiverUrl}/api/webhooks/whatsapp/${token}`);
  });

  it("keeps a refusal on the account, in plain words with what to do instead", async () => {
    handshakeAnswer = "refuse";
    const config = configFor({ APP_URL: receiverUrl });
    const [outcome] = await registerCallbacks(handle.db, { client, config, wabaIds: [SEED.wabas.lumen] });
    expect(outcome?.ok).toBe(false);
    expect(outcome?.message).toMatch(/paste the callback URL and verify token shown here into the webhook settings of a Meta app of your own/);
    const [row] = (await registrationOverview(handle.db, config)).filter((view) => view.wabaId === SEED.wabas.lumen);
    expect(row).toMatchObject({ registeredUrl: null, error: outcome?.refusal });
    // Kept so that each admin reads it in their own language.
    expect(registrationErrorText(inEnglish, row!.error!)).toBe(outcome?.message);
    expect(registrationErrorText(inSpanish, row!.error!)).toMatch(/pega la URL de devolución de llamada.*WHATSAPP_APP_SECRET/);
  });

  it("keeps a blocked registration in words for every reader", async () => {
    const config = configFor({ APP_URL: "http://localhost:3000", MATON_API_KEY: "key" });
    const [outcome] = await registerCallbacks(handle.db, { client, config, wabaIds: [SEED.wabas.lumen] });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/^Meta cannot reach http:\/\/localhost:3000/) });
    expect(registrationErrorText(inSpanish, outcome!.refusal!)).toMatch(/^Meta no puede llegar a http:\/\/localhost:3000/);
  });
});

describe("a callback on this machine", () => {
  it("is refused against Maton, and allowed against a local simulator", () => {
    const production = parseEnv({ MATON_API_KEY: "key", AUTH_SECRET: "x".repeat(40), APP_URL: "http://localhost:3000" });
    expect(translateMessage(inEnglish, registrationBlockedReason(production)!)).toMatch(/Meta cannot reach http:\/\/localhost:3000.*Set APP_URL/);
    expect(registrationBlockedReason({ ...production, appUrl: "https://wa.example.com" })).toBeUndefined();
    expect(registrationBlockedReason(parseEnv({ AUTH_SECRET: "x".repeat(40) }))).toBeUndefined();
  });
});
