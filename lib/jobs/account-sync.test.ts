/** Polling what Maton's callback keeps from us, against the in-process simulator, on every test database. */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { liveEvents, templates, wabas } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { type GatewayClient, createGatewayClient } from "@/lib/gateway";
import { simControl } from "@/lib/gateway/test-helpers";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { SEED } from "@/simulator/seed";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { syncOnce } from "./account-sync";

let sim: RunningSimulator;
let client: GatewayClient;
let control: ReturnType<typeof simControl>;

beforeAll(async () => {
  // No default callback: template decisions reach "Maton's" callback only, never the dashboard.
  sim = await startSimulator({ port: 0, webhookUrl: null, templateReviewMs: 600_000 });
  control = simControl(sim.url);
  client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
});
afterAll(async () => {
  await sim?.close();
});

describe.each(testDatabases)("the account sync on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await testDatabase.open();
    await control.reset();
  });
  afterEach(async () => {
    await handle.close();
  });

  it("finds a template approved at Meta without any webhook, and announces it live", async () => {
    const wabaId = SEED.wabas.lumen;
    const created = await client.templates.createTemplate(wabaId, {
      name: `poll_${Date.now()}`,
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Your order has shipped." }],
    });
    await syncOnce(handle.db, client);
    const mirrored = async () => (await handle.db.select().from(templates).where(eq(templates.id, created.id)))[0];
    expect((await mirrored())?.status).toBe("PENDING");

    await control.decideTemplate(created.id, "APPROVED");
    const result = await syncOnce(handle.db, client);
    expect(result.errors).toEqual([]);
    expect((await mirrored())?.status).toBe("APPROVED");
    const events = await handle.db.select().from(liveEvents).where(eq(liveEvents.kind, "template.updated"));
    expect(events.map((event) => event.payload)).toContainEqual(
      expect.objectContaining({ templateId: created.id, status: "APPROVED" }),
    );
  });

  it("tries to register the callback on accounts it sees for the first time, once", async () => {
    await syncOnce(handle.db, client);
    // No dashboard answers Meta's handshake in this test, so the attempt ends in a refusal kept on the account.
    const rows = await handle.db.select().from(wabas);
    expect(rows.map((row) => [row.id, row.callbackError !== null || row.callbackUrl !== null]).sort()).toEqual(
      [[SEED.wabas.lumen, true], [SEED.wabas.harbor, true]].sort(),
    );
    const result = await syncOnce(handle.db, client);
    expect(result.errors.filter((error) => error.startsWith("callback on"))).toEqual([]);
  });
});
