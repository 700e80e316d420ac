import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findUserByEmail } from "@/db/queries/users";
import { rowsOf } from "@/db/rows";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases, type TestDatabase } from "@/db/test-databases";
import { openTestSessions, testSessionId } from "@/db/test-sessions";
import { startJobEngine, type JobEngine } from "@/lib/jobs/engine";
import { WEBHOOK_EVENT_TYPES } from "@/lib/outbound-webhooks/event-types";
import { attachOutboundWebhookEngine, outboundWebhookJobs } from "@/lib/outbound-webhooks/jobs";
import { findEndpoint, listDeliveries, listEndpoints, type DeliveryView } from "@/lib/outbound-webhooks/service";

import { GET as deliveriesRoute } from "@/app/api/settings/webhook-endpoints/[id]/deliveries/route";

import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  replayWebhookDeliveryAction,
  rotateWebhookSecretAction,
  sendWebhookTestEventAction,
  updateWebhookEndpointAction,
} from "./outbound-webhooks";
import { OUTBOUND_EVENT_TYPES } from "./outbound-webhooks.schema";

// Who is signed in is each test's choice; the database, the service, the job engine and the receiver are real.
const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: testSessionId(session.userId), expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db, databaseHandle: async () => database.handle }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

/** The validated configuration is read once per process: forgotten so the next read sees the variables set here. */
function setAllowPrivate(value: "true" | "false") {
  process.env.OUTBOUND_WEBHOOKS_ALLOW_PRIVATE = value;
  (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
}

interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** The team's system: a local server that records what it receives and answers 200. */
async function startReceiver(): Promise<{ server: Server; url: string; received: ReceivedRequest[] }> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

/** Polls until `probe` gives a value: tests wait on state, never for a fixed time. */
async function waitFor<T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function verify(secret: string, request: ReceivedRequest): { type: string } {
  const header = (name: string) => String(request.headers[name] ?? "");
  return new Webhook(secret).verify(request.body, {
    "webhook-id": header("webhook-id"),
    "webhook-timestamp": header("webhook-timestamp"),
    "webhook-signature": header("webhook-signature"),
  }) as { type: string };
}

/** The URL of the test's own PostgreSQL database, for pg-boss's pool (PGlite needs none). */
async function databaseUrlOf(testDatabase: TestDatabase, handle: DatabaseHandle): Promise<string | undefined> {
  if (testDatabase.name !== "postgres") return undefined;
  const [row] = rowsOf<{ name: string }>(await handle.db.execute(sql`select current_database() as name`));
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

const deliveriesRequest = (endpointId: string, query = "") =>
  deliveriesRoute(new Request(`http://localhost/api/settings/webhook-endpoints/${endpointId}/deliveries${query}`), {
    params: Promise.resolve({ id: endpointId }),
  });

it("offers exactly the service's event types", () => {
  expect([...OUTBOUND_EVENT_TYPES]).toEqual([...WEBHOOK_EVENT_TYPES]);
});

describe.each(testDatabases)("outbound webhook endpoints on $name: actions and the deliveries route", (testDatabase) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let engine: JobEngine | undefined;
  let detachEngine: (() => void) | undefined;
  const previousAllowPrivate = process.env.OUTBOUND_WEBHOOKS_ALLOW_PRIVATE;

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    if (previousAllowPrivate === undefined) delete process.env.OUTBOUND_WEBHOOKS_ALLOW_PRIVATE;
    else process.env.OUTBOUND_WEBHOOKS_ALLOW_PRIVATE = previousAllowPrivate;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
  });
  beforeEach(async () => {
    setAllowPrivate("true");
    receiver.received.length = 0;
    session.userId = undefined;
    database.handle = await testDatabase.open();
    await seedDemoUsers(database.handle.db);
    await openTestSessions(database.handle.db);
  });
  afterEach(async () => {
    detachEngine?.();
    detachEngine = undefined;
    await engine?.stop();
    engine = undefined;
    await database.handle.close();
  });

  const db = () => database.handle.db;
  const signInAs = async (role: "admin" | "marketer" | "agent") => {
    session.userId = (await findUserByEmail(db(), `${role}@demo.test`))!.id;
  };
  /** Deliveries go out through a job engine on the test's database, as in the server. */
  const startDelivering = async () => {
    engine = await startJobEngine({
      handle: database.handle,
      databaseUrl: await databaseUrlOf(testDatabase, database.handle),
      jobs: outboundWebhookJobs(),
      pollingIntervalSeconds: 0.5,
      log: { warn: () => {} },
    });
    detachEngine = attachOutboundWebhookEngine(db(), engine);
  };
  const addEndpoint = async (events = ["message.received"] as Array<(typeof WEBHOOK_EVENT_TYPES)[number]>) => {
    await signInAs("admin");
    const result = await createWebhookEndpointAction({ url: receiver.url, description: "Order system", events });
    expect(result.serverError).toBeUndefined();
    return result.data!;
  };
  const storedDeliveries = () => db().select().from(webhookDeliveries);

  it("gives an admin the new endpoint's signing secret once, and never again", async () => {
    const { endpoint, secret } = await addEndpoint(["message.received", "contact.opted_out"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(endpoint).toMatchObject({ url: receiver.url, description: "Order system", events: ["message.received", "contact.opted_out"], enabled: true });
    expect(endpoint.secretPreview.startsWith("whsec_")).toBe(true);

    const listed = await listEndpoints(db());
    expect(listed.map((item) => item.id)).toEqual([endpoint.id]);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(await findEndpoint(db(), endpoint.id))).not.toContain(secret);

    const [entry] = await latestAuditEntries(db(), 1);
    expect(entry).toMatchObject({ action: "webhook_endpoint.created", targetId: endpoint.id, actorEmail: "admin@demo.test" });
    expect(JSON.stringify(entry)).not.toContain(secret);
  });

  it("refuses marketers and agents every change, and nothing changes", async () => {
    const { endpoint } = await addEndpoint();
    const before = await listEndpoints(db());
    for (const role of ["marketer", "agent"] as const) {
      await signInAs(role);
      const answers = [
        await createWebhookEndpointAction({ url: `${receiver.url}/other`, description: "", events: ["message.status"] }),
        await updateWebhookEndpointAction({ id: endpoint.id, enabled: false }),
        await updateWebhookEndpointAction({ id: endpoint.id, url: `${receiver.url}/moved` }),
        await rotateWebhookSecretAction({ id: endpoint.id }),
        await sendWebhookTestEventAction({ id: endpoint.id }),
        await replayWebhookDeliveryAction({ deliveryId: "msg_anything" }),
        await deleteWebhookEndpointAction({ id: endpoint.id }),
      ];
      for (const answer of answers) expect(answer.serverError?.code).toBe("FORBIDDEN");
      const response = await deliveriesRequest(endpoint.id);
      expect(response.status).toBe(403);
    }
    expect(await listEndpoints(db())).toEqual(before);
    expect(await storedDeliveries()).toEqual([]);
    const [entry] = await latestAuditEntries(db(), 1);
    expect(entry?.action).toBe("webhook_endpoint.created");
  });

  it("answers an unparseable URL or no event at the field, and stores nothing", async () => {
    await signInAs("admin");
    const badUrl = await createWebhookEndpointAction({ url: "crm.example.com/hooks", description: "", events: ["message.received"] });
    expect(badUrl.validationErrors).toMatchObject({ url: { _errors: ["Enter a full address starting with https://."] } });
    const noEvents = await createWebhookEndpointAction({ url: receiver.url, description: "", events: [] });
    expect(noEvents.validationErrors).toMatchObject({ events: { _errors: ["Choose at least one event."] } });
    const unknownEvent = await createWebhookEndpointAction({ url: receiver.url, description: "", events: ["order.created" as "message.received"] });
    expect(unknownEvent.validationErrors).toMatchObject({ events: { 0: { _errors: ["This event cannot be chosen."] } } });
    expect(await db().select().from(webhookEndpoints)).toEqual([]);
  });

  it("passes on the service's refusal of a private address at the URL field when private addresses are not allowed", async () => {
    setAllowPrivate("false");
    await signInAs("admin");
    const refused = await createWebhookEndpointAction({ url: "https://127.0.0.1:8443/hooks", description: "", events: ["message.received"] });
    expect(refused.serverError).toMatchObject({ field: "url" });
    expect(refused.serverError?.message).toMatch(/\S/);
    expect(await db().select().from(webhookEndpoints)).toEqual([]);
  });

  it("sends a test event to the endpoint, signed with its secret, and lists its delivery", async () => {
    await startDelivering();
    const { endpoint, secret } = await addEndpoint();
    const sent = await sendWebhookTestEventAction({ id: endpoint.id });
    expect(sent.serverError).toBeUndefined();
    expect(sent.data).toMatchObject({ endpointId: endpoint.id, eventType: "webhook.test" });

    const request = await waitFor(() => receiver.received[0], "the test event to arrive");
    expect(verify(secret, request).type).toBe("webhook.test");
    const delivered = await waitFor(async () => {
      const { deliveries } = await listDeliveries(db(), endpoint.id, {});
      return deliveries.find((delivery) => delivery.id === sent.data!.id && delivery.status === "succeeded");
    }, "the delivery to be recorded as succeeded");
    expect(delivered).toMatchObject({ attempts: 1, lastResponseStatus: 200 });
    expect(receiver.received).toHaveLength(1);
  });

  it("replays a delivery as a new delivery of the same event", async () => {
    await startDelivering();
    const { endpoint, secret } = await addEndpoint();
    const first = (await sendWebhookTestEventAction({ id: endpoint.id })).data!;
    // A delivery still being attempted is not replayed: wait until this one is done.
    await waitFor(async () => (await listDeliveries(db(), endpoint.id, { status: "succeeded" })).deliveries.length === 1, "the first delivery to succeed");

    const replayed = await replayWebhookDeliveryAction({ deliveryId: first.id });
    expect(replayed.serverError).toBeUndefined();
    expect(replayed.data).toMatchObject({ endpointId: endpoint.id, eventId: first.eventId, eventType: "webhook.test" });
    expect(replayed.data!.id).not.toBe(first.id);

    await waitFor(() => receiver.received.length === 2, "the replayed delivery");
    expect(verify(secret, receiver.received[1]!).type).toBe("webhook.test");
    const ids = (await storedDeliveries()).map((delivery) => delivery.id).sort();
    expect(ids).toEqual([first.id, replayed.data!.id].sort());
  });

  it("lets an admin edit, disable, re-enable, rotate the secret of and delete an endpoint", async () => {
    const { endpoint, secret } = await addEndpoint();
    const edited = await updateWebhookEndpointAction({ id: endpoint.id, description: "Shop", events: ["message.status", "conversation.resolved"] });
    expect(edited.data).toMatchObject({ description: "Shop", events: ["message.status", "conversation.resolved"], url: receiver.url });

    const disabled = await updateWebhookEndpointAction({ id: endpoint.id, enabled: false });
    expect(disabled.data).toMatchObject({ enabled: false, disabledReason: "admin" });
    const enabled = await updateWebhookEndpointAction({ id: endpoint.id, enabled: true });
    expect(enabled.data).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });

    const before = Date.now();
    const rotated = await rotateWebhookSecretAction({ id: endpoint.id });
    expect(rotated.data!.secret).toMatch(/^whsec_/);
    expect(rotated.data!.secret).not.toBe(secret);
    const overlapEnds = Date.parse(rotated.data!.previousSecretExpiresAt);
    expect(overlapEnds).toBeGreaterThanOrEqual(before + 24 * 3_600_000 - 60_000);
    expect(overlapEnds).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000 + 60_000);

    expect((await deleteWebhookEndpointAction({ id: endpoint.id })).data).toEqual({ id: endpoint.id });
    expect(await findEndpoint(db(), endpoint.id)).toBeUndefined();
    expect((await deliveriesRequest(endpoint.id)).status).toBe(404);

    const actions = (await latestAuditEntries(db(), 10)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["webhook_endpoint.updated", "webhook_endpoint.secret_rotated", "webhook_endpoint.deleted"]));
    expect(JSON.stringify(await latestAuditEntries(db(), 10))).not.toContain(rotated.data!.secret);
  });

  it("answers an endpoint or delivery that does not exist as not found", async () => {
    await signInAs("admin");
    expect((await updateWebhookEndpointAction({ id: randomUUID(), enabled: false })).serverError?.code).toBe("NOT_FOUND");
    expect((await sendWebhookTestEventAction({ id: randomUUID() })).serverError?.code).toBe("NOT_FOUND");
    expect((await replayWebhookDeliveryAction({ deliveryId: "msg_none" })).serverError?.code).toBe("NOT_FOUND");
    expect(await storedDeliveries()).toEqual([]);
  });

  it("pages an endpoint's deliveries through the route, newest first, filtered by status", async () => {
    const { endpoint } = await addEndpoint();
    // No engine: the deliveries stay pending.
    const sent: DeliveryView[] = [];
    for (let index = 0; index < 3; index += 1) sent.push((await sendWebhookTestEventAction({ id: endpoint.id })).data!);

    const firstPage = (await (await deliveriesRequest(endpoint.id, "?limit=2")).json()) as { deliveries: DeliveryView[]; nextCursor: string | null };
    expect(firstPage.deliveries.map((delivery) => delivery.id)).toEqual([sent[2]!.id, sent[1]!.id]);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const secondPage = (await (await deliveriesRequest(endpoint.id, `?limit=2&cursor=${encodeURIComponent(firstPage.nextCursor!)}`)).json()) as {
      deliveries: DeliveryView[];
      nextCursor: string | null;
    };
    expect(secondPage).toMatchObject({ deliveries: [{ id: sent[0]!.id }], nextCursor: null });

    const pending = (await (await deliveriesRequest(endpoint.id, "?status=pending")).json()) as { deliveries: DeliveryView[] };
    expect(pending.deliveries).toHaveLength(3);
    const succeeded = (await (await deliveriesRequest(endpoint.id, "?status=succeeded")).json()) as { deliveries: DeliveryView[] };
    expect(succeeded.deliveries).toEqual([]);

    const badStatus = await deliveriesRequest(endpoint.id, "?status=lost");
    expect(badStatus.status).toBe(400);
    expect(await badStatus.json()).toMatchObject({ error: { code: "INVALID_STATUS", message: "Unknown delivery status." } });
    expect((await deliveriesRequest(randomUUID())).status).toBe(404);
    expect((await deliveriesRequest("not-a-uuid")).status).toBe(404);
  });
});
