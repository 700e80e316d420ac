/** The admins' endpoints: what is refused and why, secrets shown once, audit, deliveries listed, test events and replays. */
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { auditLog, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { parseEnv } from "@/lib/env";

import { recordOutboundEvents } from "@/db/queries/outbound-webhooks";
import {
  countDisabledEndpoints,
  createEndpoint,
  deleteEndpoint,
  findEndpoint,
  listDeliveries,
  listEndpoints,
  MAX_ENDPOINTS,
  replayDelivery,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
  type Actor,
} from "./service";
import { createAdmin } from "./test-receivers";

const PRIVATE_ALLOWED = { allowPrivate: true };
const PUBLIC_ONLY = { allowPrivate: false };
const publicResolver = { ...PUBLIC_ONLY, resolve: async () => [{ address: "93.184.215.14", family: 4 }] };

/** The refusal a call ends in: its catalog key and field. */
async function refusalOf(promise: Promise<unknown>): Promise<{ key: string; field: string | undefined; values: unknown }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ActionError)) throw new Error(`expected a refusal, got ${String(error)}`);
  const said = typeof error.said === "string" ? { key: error.said, values: undefined } : error.said;
  return { key: said.key, field: error.field, values: said.values };
}

describe.each(testDatabases)("outbound webhook endpoints on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let admin: Actor;

  beforeEach(async () => {
    handle = await testDatabase.open();
    admin = await createAdmin(handle);
  });
  afterEach(async () => {
    await handle.close();
  });

  const auditActions = async () => (await handle.db.select().from(auditLog).orderBy(auditLog.id)).map((entry) => entry.action);

  it("creates an endpoint whose secret is given once, shown after as a preview, and audited without it", async () => {
    const { endpoint, secret } = await createEndpoint(
      handle.db,
      admin,
      { url: "https://crm.example.com/hooks/whatsapp", description: " CRM ", events: ["message.status", "message.received", "message.received"] },
      publicResolver,
    );
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(endpoint).toMatchObject({
      url: "https://crm.example.com/hooks/whatsapp",
      description: "CRM",
      events: ["message.received", "message.status"],
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
      secretPreview: `${secret.slice(0, 10)}…`,
      previousSecretExpiresAt: null,
      recent: { succeeded: 0, failed: 0, pending: 0 },
    });
    expect(JSON.stringify(await listEndpoints(handle.db))).not.toContain(secret);
    expect(await findEndpoint(handle.db, endpoint.id)).toEqual(endpoint);

    const [entry] = await handle.db.select().from(auditLog);
    expect(entry).toMatchObject({ action: "webhook_endpoint.created", actorId: admin.id, targetType: "webhook_endpoint", targetId: endpoint.id });
    expect(JSON.stringify(entry)).not.toContain(secret.slice(6));
  });

  it.each([
    ["not a URL", "not a url", "outboundWebhooks.errors.invalidUrl"],
    ["plain http", "http://crm.example.com/hooks", "outboundWebhooks.errors.httpsRequired"],
    ["another scheme", "ftp://crm.example.com/hooks", "outboundWebhooks.errors.httpsRequired"],
    ["too long", `https://crm.example.com/${"a".repeat(2100)}`, "outboundWebhooks.errors.urlTooLong"],
  ])("refuses a URL that is %s", async (_case, url, key) => {
    const refusal = await refusalOf(createEndpoint(handle.db, admin, { url, description: "", events: ["message.received"] }, publicResolver));
    expect(refusal).toMatchObject({ key, field: "url" });
    expect(await handle.db.select().from(webhookEndpoints)).toEqual([]);
  });

  it("refuses no events and an unknown event", async () => {
    const url = "https://crm.example.com/hooks";
    expect(await refusalOf(createEndpoint(handle.db, admin, { url, description: "", events: [] }, publicResolver))).toMatchObject({
      key: "outboundWebhooks.errors.noEvents",
      field: "events",
    });
    const unknown = ["message.received", "campaign.sent"] as unknown as Array<"message.received">;
    expect(await refusalOf(createEndpoint(handle.db, admin, { url, description: "", events: unknown }, publicResolver))).toMatchObject({
      key: "outboundWebhooks.errors.unknownEvent",
      field: "events",
      values: { event: "campaign.sent" },
    });
    expect(await handle.db.select().from(webhookEndpoints)).toEqual([]);
  });

  it.each([
    ["https://127.0.0.1/hooks", "loopback", "127.0.0.1"],
    ["https://10.20.30.40/hooks", "private", "10.20.30.40"],
    ["https://169.254.169.254/latest/meta-data", "linkLocal", "169.254.169.254"],
    ["https://[::1]/hooks", "loopback", "::1"],
    ["https://[fc00::1]/hooks", "uniqueLocal", "fc00::1"],
    ["https://localhost:8443/hooks", "loopback", undefined],
  ])("refuses %s at creation, naming the rule (%s)", async (url, range, address) => {
    const refusal = await refusalOf(createEndpoint(handle.db, admin, { url, description: "", events: ["message.received"] }, PUBLIC_ONLY));
    expect(refusal.key).toBe(`outboundWebhooks.errors.addressRefused.${range}`);
    expect(refusal.field).toBe("url");
    if (address) expect(refusal.values).toMatchObject({ address });
  });

  it("refuses a host whose name resolves to a private address, and one that does not resolve", async () => {
    const internal = { ...PUBLIC_ONLY, resolve: async () => [{ address: "10.0.0.5", family: 4 }] };
    expect(await refusalOf(createEndpoint(handle.db, admin, { url: "https://crm.internal.example/", description: "", events: ["message.received"] }, internal))).toMatchObject({
      key: "outboundWebhooks.errors.addressRefused.private",
      values: { host: "crm.internal.example", address: "10.0.0.5" },
    });
    const missing = {
      ...PUBLIC_ONLY,
      resolve: async () => {
        throw new Error("getaddrinfo ENOTFOUND");
      },
    };
    expect(await refusalOf(createEndpoint(handle.db, admin, { url: "https://gone.example/", description: "", events: ["message.received"] }, missing))).toMatchObject({
      key: "outboundWebhooks.errors.hostNotFound",
      values: { host: "gone.example" },
    });
  });

  it("allows loopback, private addresses and http:// when private destinations are allowed (the configuration's default too)", async () => {
    const created = await createEndpoint(handle.db, admin, { url: "http://127.0.0.1:4999/hooks", description: "", events: ["message.received"] }, PRIVATE_ALLOWED);
    expect(created.endpoint.url).toBe("http://127.0.0.1:4999/hooks");

    // Without an explicit choice, OUTBOUND_WEBHOOKS_ALLOW_PRIVATE decides.
    const globalEnv = globalThis as unknown as { dashboardEnv?: ReturnType<typeof parseEnv> };
    const saved = globalEnv.dashboardEnv;
    try {
      globalEnv.dashboardEnv = parseEnv({ OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: "true", AUTH_SECRET: "x".repeat(40), MATON_API_KEY: "key" });
      await createEndpoint(handle.db, admin, { url: "http://[::1]:4999/hooks", description: "", events: ["message.received"] });
      globalEnv.dashboardEnv = parseEnv({ AUTH_SECRET: "x".repeat(40), MATON_API_KEY: "key" });
      expect((await refusalOf(createEndpoint(handle.db, admin, { url: "https://[::1]:4999/hooks", description: "", events: ["message.received"] }))).key).toBe(
        "outboundWebhooks.errors.addressRefused.loopback",
      );
    } finally {
      globalEnv.dashboardEnv = saved;
    }
  });

  it(`refuses more than ${MAX_ENDPOINTS} endpoints`, async () => {
    for (let index = 0; index < MAX_ENDPOINTS; index += 1) {
      await createEndpoint(handle.db, admin, { url: `https://crm.example.com/${index}`, description: "", events: ["message.received"] }, publicResolver);
    }
    const refusal = await refusalOf(createEndpoint(handle.db, admin, { url: "https://crm.example.com/one-more", description: "", events: ["message.received"] }, publicResolver));
    expect(refusal).toMatchObject({ key: "outboundWebhooks.errors.tooManyEndpoints", values: { maximum: MAX_ENDPOINTS } });
    expect(await listEndpoints(handle.db)).toHaveLength(MAX_ENDPOINTS);
  });

  it("updates what is given, disables (failing its pending deliveries) and re-enables, each change audited", async () => {
    const { endpoint } = await createEndpoint(handle.db, admin, { url: "https://crm.example.com/a", description: "", events: ["message.received"] }, publicResolver);
    const [delivery] = await handle.db.transaction((tx) =>
      recordOutboundEvents(tx, [{ type: "message.received", payload: { type: "message.received", timestamp: "t", data: {} } }], new Date()),
    );

    const renamed = await updateEndpoint(handle.db, admin, endpoint.id, { description: "Shop", events: ["contact.opted_out", "message.received"] }, publicResolver);
    expect(renamed).toMatchObject({ description: "Shop", events: ["message.received", "contact.opted_out"], url: endpoint.url });

    const disabled = await updateEndpoint(handle.db, admin, endpoint.id, { enabled: false });
    expect(disabled).toMatchObject({ enabled: false, disabledReason: "admin" });
    expect(disabled.disabledAt).not.toBeNull();
    const [failed] = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery!.id));
    expect(failed).toMatchObject({ status: "failed", lastError: "endpoint disabled" });

    await handle.db.update(webhookEndpoints).set({ disabledReason: "failing", failingSince: new Date() }).where(eq(webhookEndpoints.id, endpoint.id));
    expect(await countDisabledEndpoints(handle.db)).toBe(1);
    const enabled = await updateEndpoint(handle.db, admin, endpoint.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
    expect(await countDisabledEndpoints(handle.db)).toBe(0);

    // Nothing changed: nothing audited.
    await updateEndpoint(handle.db, admin, endpoint.id, { description: "Shop" });
    expect(await auditActions()).toEqual(["webhook_endpoint.created", "webhook_endpoint.updated", "webhook_endpoint.updated", "webhook_endpoint.updated"]);
    const entries = await handle.db.select().from(auditLog).where(eq(auditLog.action, "webhook_endpoint.updated")).orderBy(auditLog.id);
    expect(entries[0]!.details).toEqual({
      changes: { description: { from: "", to: "Shop" }, events: { from: ["message.received"], to: ["message.received", "contact.opted_out"] } },
    });

    expect((await refusalOf(updateEndpoint(handle.db, admin, endpoint.id, { url: "https://10.0.0.1/" }, PUBLIC_ONLY))).key).toBe(
      "outboundWebhooks.errors.addressRefused.private",
    );
    await expect(updateEndpoint(handle.db, admin, "00000000-0000-4000-8000-000000000000", { enabled: false })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rotates the secret with an overlap during which the old one still signs, audited without either", async () => {
    const { endpoint, secret } = await createEndpoint(handle.db, admin, { url: "https://crm.example.com/a", description: "", events: ["message.received"] }, publicResolver);
    const now = new Date("2026-05-01T10:00:00Z");
    const rotated = await rotateEndpointSecret(handle.db, admin, endpoint.id, 24, { now: () => now });
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.previousSecretExpiresAt).toBe("2026-05-02T10:00:00.000Z");
    const [row] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row).toMatchObject({ secret: rotated.secret, previousSecret: secret });
    expect((await findEndpoint(handle.db, endpoint.id, { now: () => now }))?.previousSecretExpiresAt).toBe("2026-05-02T10:00:00.000Z");
    expect((await findEndpoint(handle.db, endpoint.id, { now: () => new Date("2026-05-02T10:00:01Z") }))?.previousSecretExpiresAt).toBeNull();

    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "webhook_endpoint.secret_rotated"));
    expect(entry!.details).toEqual({ overlapHours: 24, previousSecretExpiresAt: "2026-05-02T10:00:00.000Z" });
    expect(JSON.stringify(await handle.db.select().from(auditLog))).not.toContain(rotated.secret.slice(6, 20));
    expect((await refusalOf(rotateEndpointSecret(handle.db, admin, endpoint.id, 500))).key).toBe("outboundWebhooks.errors.overlapOutOfRange");
  });

  it("deletes an endpoint with its deliveries, audited; a second delete finds nothing", async () => {
    const { endpoint } = await createEndpoint(handle.db, admin, { url: "https://crm.example.com/a", description: "", events: ["message.received"] }, publicResolver);
    await sendTestEvent(handle.db, admin, endpoint.id);
    await deleteEndpoint(handle.db, admin, endpoint.id);
    expect(await findEndpoint(handle.db, endpoint.id)).toBeUndefined();
    expect(await handle.db.select().from(webhookDeliveries)).toEqual([]);
    expect(await auditActions()).toContain("webhook_endpoint.deleted");
    await expect(deleteEndpoint(handle.db, admin, endpoint.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("sends a test event to one endpoint only, whatever it subscribes to, and replays a finished delivery as the same event", async () => {
    const { endpoint } = await createEndpoint(handle.db, admin, { url: "https://crm.example.com/a", description: "", events: ["contact.opted_out"] }, publicResolver);
    const other = await createEndpoint(handle.db, admin, { url: "https://crm.example.com/b", description: "", events: ["contact.opted_out"] }, publicResolver);
    const test = await sendTestEvent(handle.db, admin, endpoint.id);
    expect(test).toMatchObject({ endpointId: endpoint.id, eventType: "webhook.test", status: "pending", attempts: 0 });
    expect(test.payload).toMatchObject({ type: "webhook.test", data: { endpoint_id: endpoint.id, requested_by: { id: admin.id } } });
    expect((await listDeliveries(handle.db, other.endpoint.id, {})).deliveries).toEqual([]);

    expect((await refusalOf(replayDelivery(handle.db, admin, test.id))).key).toBe("outboundWebhooks.errors.replayPending");
    await handle.db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.id, test.id));
    const replay = await replayDelivery(handle.db, admin, test.id);
    expect(replay).toMatchObject({ endpointId: endpoint.id, eventId: test.eventId, eventType: "webhook.test", status: "pending" });
    expect(replay.id).not.toBe(test.id);
    // A replay of the replay is one more row of the same event.
    await handle.db.update(webhookDeliveries).set({ status: "succeeded" }).where(eq(webhookDeliveries.id, replay.id));
    await replayDelivery(handle.db, admin, replay.id);
    const rows = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, test.eventId));
    expect(rows.map((row) => row.replayOf).sort()).toEqual([null, replay.id, test.id].sort());

    await expect(replayDelivery(handle.db, admin, "dlv_missing")).rejects.toBeInstanceOf(NotFoundError);
    await expect(sendTestEvent(handle.db, admin, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists an endpoint's deliveries newest first, page by page, by status, counting the last 24 hours", async () => {
    const { endpoint } = await createEndpoint(handle.db, admin, { url: "https://crm.example.com/a", description: "", events: ["message.received"] }, publicResolver);
    const events = Array.from({ length: 7 }, (_, index) => ({ type: "message.received", payload: { type: "message.received", timestamp: "t", data: { index } } }));
    const recorded = await handle.db.transaction((tx) => recordOutboundEvents(tx, events, new Date()));
    expect(recorded).toHaveLength(7);
    await handle.db
      .update(webhookDeliveries)
      .set({ status: "succeeded" })
      .where(sql`${webhookDeliveries.id} in (${sql.join(recorded.slice(0, 3).map((row) => sql`${row.id}`), sql`, `)})`);
    await handle.db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.id, recorded[3]!.id));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listDeliveries>> = await listDeliveries(handle.db, endpoint.id, { cursor, limit: 3 });
      expect(page.deliveries.length).toBeLessThanOrEqual(3);
      seen.push(...page.deliveries.map((delivery) => delivery.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(recorded.map((row) => row.id).sort());

    const pending = await listDeliveries(handle.db, endpoint.id, { status: "pending" });
    expect(pending.deliveries).toHaveLength(3);
    expect(pending.deliveries[0]!.payload).toMatchObject({ type: "message.received" });
    expect((await findEndpoint(handle.db, endpoint.id))?.recent).toEqual({ succeeded: 3, failed: 1, pending: 3 });
    expect((await refusalOf(listDeliveries(handle.db, endpoint.id, { cursor: "garbage" }))).key).toBe("outboundWebhooks.errors.invalidCursor");
  });
});
