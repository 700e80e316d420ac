/**
 * Deliveries on the job engine, against receivers on 127.0.0.1: signatures, retries, no duplicate,
 * restarts, disabling after 24 hours of failures, and the address guard at every attempt.
 */
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { recordOutboundEvents, type RecordedDelivery } from "@/db/queries/outbound-webhooks";
import { auditLog, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import type { JobEngine } from "@/lib/jobs/engine";

import { attemptDelivery, nextAttemptAt } from "./delivery";
import { deliveryJobFor, dispatchDeliveries } from "./jobs";
import { countDisabledEndpoints, createEndpoint, rotateEndpointSecret, type Actor } from "./service";
import { createAdmin, databaseUrlOf, startReceiver, startTestEngine, waitFor, type Answer, type Receiver } from "./test-receivers";

const PRIVATE_ALLOWED = { allowPrivate: true };

describe("nextAttemptAt", () => {
  const first = new Date("2026-01-01T00:00:00Z");
  const after = (ms: number) => new Date(first.getTime() + ms);
  const hours = (h: number) => h * 60 * 60 * 1000;

  it("follows Standard Webhooks' schedule, the last retry at the end of the 24 hours", () => {
    expect(nextAttemptAt(1, first, first)).toEqual(after(5_000));
    expect(nextAttemptAt(2, first, after(5_000))).toEqual(after(5_000 + 300_000));
    expect(nextAttemptAt(4, first, after(hours(1)))).toEqual(after(hours(3)));
    expect(nextAttemptAt(7, first, after(hours(17.6)))).toEqual(after(hours(24)));
    expect(nextAttemptAt(8, first, after(hours(24)))).toBeNull();
  });

  it("shrinks with the retry scale", () => {
    expect(nextAttemptAt(1, first, first, 0.001)).toEqual(after(5));
    expect(nextAttemptAt(3, first, after(hours(0.024)), 0.001)).toBeNull();
  });
});

describe.each(testDatabases)("outbound webhook deliveries on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let databaseUrl: string | undefined;
  let admin: Actor;
  const receivers: Receiver[] = [];
  const engines: Array<JobEngine & { detach(): void }> = [];

  beforeEach(async () => {
    handle = await testDatabase.open();
    databaseUrl = await databaseUrlOf(testDatabase, handle);
    admin = await createAdmin(handle);
  });
  afterEach(async () => {
    for (const engine of engines.splice(0)) {
      engine.detach();
      await engine.stop();
    }
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
    await handle.close();
  });

  const receiver = async (answer?: Answer) => {
    const started = await startReceiver(answer);
    receivers.push(started);
    return started;
  };
  const engine = async (options: Parameters<typeof startTestEngine>[2] = {}) => {
    const started = await startTestEngine(handle, databaseUrl, options);
    engines.push(started);
    return started;
  };
  const endpointTo = async (url: string, options: Parameters<typeof createEndpoint>[3] = PRIVATE_ALLOWED) =>
    createEndpoint(handle.db, admin, { url, description: "", events: ["message.received"] }, options);
  /** A `message.received` event recorded as a change's commit records it, its jobs queued after. */
  const announce = async (data: Record<string, unknown> = { text: "Is my order on its way?" }, now = new Date()): Promise<RecordedDelivery[]> => {
    const recorded = await handle.db.transaction((tx) =>
      recordOutboundEvents(tx, [{ type: "message.received", payload: { type: "message.received", timestamp: now.toISOString(), data } }], now),
    );
    await dispatchDeliveries(handle.db, recorded);
    return recorded;
  };
  const deliveryRow = async (id: string) => (await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
  const endpointRow = async (id: string) => (await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0]!;
  const settled = (id: string, status: "succeeded" | "failed") => waitFor(async () => {
    const row = await deliveryRow(id);
    return row.status === status && row;
  }, `delivery ${id} ${status}`);

  it("signs every delivery as Standard Webhooks verifies it, and during a rotation with the old secret too", async () => {
    const target = await receiver();
    const { endpoint, secret } = await endpointTo(target.url);
    await engine();

    const [first] = await announce({ text: "Hello" });
    const delivered = await settled(first!.id, "succeeded");
    expect(delivered).toMatchObject({ attempts: 1, lastResponseStatus: 204, lastError: null });
    expect(target.requests).toHaveLength(1);
    const [request] = target.requests;
    expect(request).toMatchObject({ method: "POST", path: "/hooks" });
    expect(request!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "WhatsApp-Business-Dashboard-Webhooks/1",
      "webhook-id": delivered.eventId,
    });
    const verified = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>);
    expect(verified).toMatchObject({ type: "message.received", data: { text: "Hello" } });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(request!.body, request!.headers as Record<string, string>)).toThrow();

    const rotated = await rotateEndpointSecret(handle.db, admin, endpoint.id);
    const [second] = await announce({ text: "After the rotation" });
    await settled(second!.id, "succeeded");
    const after = target.requests[1]!;
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    // A receiver on either secret accepts it while the old one is still valid.
    expect(new Webhook(rotated.secret).verify(after.body, after.headers as Record<string, string>)).toMatchObject({ data: { text: "After the rotation" } });
    expect(new Webhook(secret).verify(after.body, after.headers as Record<string, string>)).toMatchObject({ data: { text: "After the rotation" } });
  });

  it("retries a 500 and succeeds on the 200 after it: exactly two requests, and the endpoint is no longer failing", async () => {
    const target = await receiver((index) => (index === 0 ? { status: 500, body: "database is down" } : { status: 200 }));
    const { endpoint } = await endpointTo(target.url);
    await engine({ retryScale: 0.001 });

    const [delivery] = await announce();
    const done = await settled(delivery!.id, "succeeded");
    expect(done).toMatchObject({ attempts: 2, lastResponseStatus: 200, lastError: null, nextAttemptAt: null, leasedUntil: null });
    expect(target.requests).toHaveLength(2);
    // The same event both times.
    expect(target.requests[1]!.headers["webhook-id"]).toBe(target.requests[0]!.headers["webhook-id"]);
    expect(target.requests[1]!.body).toBe(target.requests[0]!.body);
    expect((await endpointRow(endpoint.id)).failingSince).toBeNull();
  });

  it("sends a delivery answered 2xx once, even when its job runs several times on two engines", async () => {
    const target = await receiver(() => ({ status: 200, delayMs: 150 }));
    const { endpoint } = await endpointTo(target.url);
    const first = await engine();
    const second = await engine();

    const recorded = await handle.db.transaction((tx) =>
      recordOutboundEvents(tx, [{ type: "message.received", payload: { type: "message.received", timestamp: new Date().toISOString(), data: {} } }], new Date()),
    );
    const deliveryId = recorded[0]!.id;
    const job = deliveryJobFor(endpoint.id);
    const runs = await Promise.all([first.send(job, { deliveryId }), second.send(job, { deliveryId }), first.send(job, { deliveryId }), second.send(job, { deliveryId })]);
    await settled(deliveryId, "succeeded");
    await waitFor(async () => {
      const states = await Promise.all(runs.map(async (id) => (await first.findRun(job, id))?.state));
      return states.every((state) => state === "completed");
    }, "every run to complete");
    expect(target.requests).toHaveLength(1);

    // Two attempts at the same moment in one process: one sends, the other finds it taken.
    const [again] = await handle.db.transaction((tx) =>
      recordOutboundEvents(tx, [{ type: "message.received", payload: { type: "message.received", timestamp: new Date().toISOString(), data: {} } }], new Date()),
    );
    const outcomes = await Promise.all([attemptDelivery(handle.db, again!.id, PRIVATE_ALLOWED), attemptDelivery(handle.db, again!.id, PRIVATE_ALLOWED)]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["skipped", "succeeded"]);
    expect(target.requests).toHaveLength(2);
  });

  it("delivers after a restart: engine A fails the first attempt and stops, engine B sends the retry", async () => {
    const target = await receiver((index) => (index === 0 ? { status: 503 } : { status: 204 }));
    await endpointTo(target.url);
    // 5 s becomes 3 s: the retry is due after A has stopped.
    const a = await engine({ retryScale: 0.6 });
    const [delivery] = await announce();
    await waitFor(async () => {
      const row = await deliveryRow(delivery!.id);
      return row.attempts === 1 && row.status === "pending" && row.leasedUntil === null && row.lastResponseStatus === 503;
    }, "the first attempt to fail");
    a.detach();
    await a.stop();
    expect(target.requests).toHaveLength(1);

    await engine({ retryScale: 0.6 });
    const done = await settled(delivery!.id, "succeeded");
    expect(done).toMatchObject({ attempts: 2, lastResponseStatus: 204 });
    expect(target.requests).toHaveLength(2);
  });

  it("sends a delivery whose job was lost (recorded, never queued) when the sweep finds it, and forgets a rotated secret past its overlap", async () => {
    const target = await receiver();
    const { endpoint } = await endpointTo(target.url);
    await rotateEndpointSecret(handle.db, admin, endpoint.id, 0.0001);
    // As if the process died between the commit and the queueing: no job for it.
    const [lost] = await handle.db.transaction((tx) =>
      recordOutboundEvents(tx, [{ type: "message.received", payload: { type: "message.received", timestamp: new Date().toISOString(), data: {} } }], new Date()),
    );
    expect((await deliveryRow(lost!.id)).attempts).toBe(0);

    // The sweep looks every half second; a delivery due for 120 ms (2 minutes scaled) has lost its job.
    await engine({ retryScale: 0.001, sweepEverySeconds: 0.5 });
    await settled(lost!.id, "succeeded");
    expect(target.requests).toHaveLength(1);
    await waitFor(async () => (await endpointRow(endpoint.id)).previousSecret === null, "the old secret to be forgotten");
    expect((await endpointRow(endpoint.id)).previousSecretExpiresAt).toBeNull();
  });

  it("disables an endpoint failing for 24 hours at its next failure: audited, its pending deliveries failed, the banner's count", async () => {
    const target = await receiver(() => ({ status: 500, body: "boom" }));
    const { endpoint } = await endpointTo(target.url);
    const t0 = new Date();
    const [first] = await announce({ n: 1 }, t0);
    const [second] = await announce({ n: 2 }, t0);
    const at = (ms: number) => ({ ...PRIVATE_ALLOWED, now: () => new Date(t0.getTime() + ms) });

    expect(await attemptDelivery(handle.db, first!.id, at(0))).toMatchObject({ kind: "retrying" });
    expect((await endpointRow(endpoint.id)).failingSince).toEqual(t0);
    expect(await attemptDelivery(handle.db, second!.id, at(60 * 60 * 1000))).toMatchObject({ kind: "retrying" });
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: true, failingSince: t0 });

    const outcome = await attemptDelivery(handle.db, first!.id, at(24 * 60 * 60 * 1000 + 1000));
    expect(outcome).toEqual({ kind: "failed", endpointId: endpoint.id, endpointDisabled: true });
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: false, disabledReason: "failing" });
    expect(await deliveryRow(first!.id)).toMatchObject({ status: "failed", lastError: "boom", lastResponseStatus: 500, nextAttemptAt: null });
    expect(await deliveryRow(second!.id)).toMatchObject({ status: "failed", lastError: "endpoint disabled" });
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "webhook_endpoint.disabled"));
    expect(entry).toMatchObject({ actorId: null, targetType: "webhook_endpoint", targetId: endpoint.id });
    expect(entry!.details).toMatchObject({ reason: "failing", failingSince: t0.toISOString(), lastResponseStatus: 500 });
    expect(await countDisabledEndpoints(handle.db)).toBe(1);
    // Nothing more is sent to it.
    const [later] = await announce();
    expect(later).toBeUndefined();
    expect(target.requests).toHaveLength(3);
  });

  it("checks the destination at every attempt: refused when private addresses are not allowed, pinned to the checked address when they are", async () => {
    const target = await receiver();
    const port = new URL(target.url).port;
    // A name only this test's resolver knows, pointing at the receiver on loopback.
    const resolve = async (host: string) => (host === "hooks.example.test" ? [{ address: "127.0.0.1", family: 4 }] : []);
    await endpointTo(`http://hooks.example.test:${port}/hooks`, { allowPrivate: true, resolve });
    const [delivery] = await announce();

    const refused = await attemptDelivery(handle.db, delivery!.id, { allowPrivate: false, resolve });
    expect(refused).toMatchObject({ kind: "retrying" });
    expect((await deliveryRow(delivery!.id)).lastError).toBe("refused: hooks.example.test resolves to 127.0.0.1, a loopback address");
    expect(target.requests).toHaveLength(0);

    const later = () => new Date(Date.now() + 60_000);
    expect(await attemptDelivery(handle.db, delivery!.id, { allowPrivate: true, resolve, now: later })).toMatchObject({ kind: "succeeded" });
    expect(target.requests).toHaveLength(1);
    expect(target.requests[0]!.headers.host).toBe(`hooks.example.test:${port}`);

    // An address literal is judged as it is.
    const [direct] = await announce();
    await handle.db.update(webhookEndpoints).set({ url: `http://127.0.0.1:${port}/hooks` });
    await attemptDelivery(handle.db, direct!.id, { allowPrivate: false });
    expect((await deliveryRow(direct!.id)).lastError).toBe("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address");
    expect(target.requests).toHaveLength(1);
  });

  it("does not follow redirects, keeps a refusing answer's body short, and gives up on a silent endpoint", async () => {
    const target = await receiver((index) => {
      if (index === 0) return { status: 302, body: "" };
      if (index === 1) return { status: 500, body: "x".repeat(100_000) };
      return { status: 200, delayMs: 2_000 };
    });
    await endpointTo(target.url);
    const [delivery] = await announce();
    const later = (ms: number) => ({ ...PRIVATE_ALLOWED, now: () => new Date(Date.now() + ms), timeoutMs: 300 });

    expect(await attemptDelivery(handle.db, delivery!.id, later(0))).toMatchObject({ kind: "retrying" });
    expect(await deliveryRow(delivery!.id)).toMatchObject({ lastResponseStatus: 302, lastError: "HTTP 302" });
    await attemptDelivery(handle.db, delivery!.id, later(60_000));
    const refused = await deliveryRow(delivery!.id);
    expect(refused.lastResponseStatus).toBe(500);
    expect(refused.lastError!.length).toBeLessThanOrEqual(2001);
    await attemptDelivery(handle.db, delivery!.id, later(3_600_000));
    expect(await deliveryRow(delivery!.id)).toMatchObject({ lastResponseStatus: null, lastError: "no answer within 0.3 s", attempts: 3 });
    expect(target.requests).toHaveLength(3);
  });
});
