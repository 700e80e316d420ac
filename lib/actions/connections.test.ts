/** The connection manager's actions on a real database, against the in-process simulator. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findUserByEmail } from "@/db/queries/users";
import { connections, phoneNumbers, users, wabas } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { openTestSessions } from "@/db/test-sessions";
import { syncAccounts } from "@/lib/accounts/sync";
import { simControl } from "@/lib/gateway/test-helpers";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { SEED } from "@/simulator/seed";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import {
  cancelConnectionAction,
  checkConnectionsHealthAction,
  createConnectionAction,
  getConnectionsOverviewAction,
  pollConnectionAction,
  selectWorkingConnectionAction,
  setDefaultConnectionAction,
  unlinkConnectionAction,
} from "./connections";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: `test-session-${session.userId}`, expires: "" } : null) }));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const gatewayBox = vi.hoisted(() => ({ client: undefined as unknown as import("@/lib/gateway").GatewayClient }));
vi.mock("@/lib/gateway/server", () => ({ gateway: () => gatewayBox.client }));

let sim: RunningSimulator;
let control: ReturnType<typeof simControl>;
let goodClient: import("@/lib/gateway").GatewayClient;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null });
  control = simControl(sim.url);
  const { createGatewayClient } = await import("@/lib/gateway");
  goodClient = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
});
afterAll(async () => {
  await sim?.close();
});

async function decide(url: string, decision: "authorize" | "deny") {
  const token = new URL(url).searchParams.get("session_token") ?? "";
  await fetch(`${sim.url}/connect`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ session_token: token, decision }).toString() });
}

describe.each(testDatabases)("connection actions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const signInAs = async (email: string | undefined) => {
    session.userId = email ? (await findUserByEmail(db(), email))!.id : undefined;
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
    await seedDemoUsers(handle.db);
    // These tests work on numbers of every connection (some of no known connection): everyone may see them all.
    await handle.db.update(users).set({ allConnections: true });
    await openTestSessions(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    database.handle = handle;
    gatewayBox.client = goodClient;
    await control.reset();
    await db().update(users).set({ selectedConnectionId: null });
    await db().delete(phoneNumbers);
    await db().delete(wabas);
    await db().delete(connections);
    await syncAccounts(db(), goodClient);
    await signInAs("admin@demo.test");
  });

  const input = { connectionId: SEED.connections.harbor };
  const adminCalls = {
    getConnectionsOverview: () => getConnectionsOverviewAction(),
    checkConnectionsHealth: () => checkConnectionsHealthAction(),
    createConnection: () => createConnectionAction(),
    pollConnection: () => pollConnectionAction(input),
    cancelConnection: () => cancelConnectionAction(input),
    setDefaultConnection: () => setDefaultConnectionAction(input),
    unlinkConnection: () => unlinkConnectionAction(input),
  };

  it.each([
    [undefined, "UNAUTHENTICATED"],
    ["agent@demo.test", "FORBIDDEN"],
    ["marketer@demo.test", "FORBIDDEN"],
  ] as const)("refuses every admin action to %s (%s) and changes nothing", async (email, code) => {
    await signInAs(email);
    const before = await db().select().from(connections);
    for (const [name, call] of Object.entries(adminCalls)) {
      const result = await call();
      expect(result.serverError?.code, name).toBe(code);
      expect(result.data, name).toBeUndefined();
    }
    expect(await db().select().from(connections)).toEqual(before);
    const state = await control.state();
    expect(state.connections.map((connection) => connection.connection_id)).toEqual([SEED.connections.lumen, SEED.connections.harbor]);
  });

  it("creates a pending connection, polls it ACTIVE with its numbers, and audits both steps", async () => {
    const created = await createConnectionAction();
    const connection = created.data!.connection;
    expect(connection).toMatchObject({ status: "PENDING", connectUrl: expect.stringContaining("/connect?session_token="), isDefault: false, phoneNumbers: [] });
    expect((await pollConnectionAction({ connectionId: connection.id })).data?.connection.status).toBe("PENDING");
    await decide(connection.connectUrl!, "authorize");
    const polled = (await pollConnectionAction({ connectionId: connection.id })).data!.connection;
    expect(polled).toMatchObject({ status: "ACTIVE", label: expect.stringMatching(/^New Business/) });
    expect(polled.phoneNumbers).toHaveLength(1);
    expect(polled.phoneNumbers[0]).toMatchObject({ displayPhoneNumber: expect.stringMatching(/^\+1 555-020-/), qualityRating: "GREEN" });
    const admin = (await findUserByEmail(db(), "admin@demo.test"))!;
    const audit = (await latestAuditEntries(db(), 10)).filter((entry) => entry.targetId === connection.id);
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([
      ["connection.authorized", admin.id],
      ["connection.created", admin.id],
    ]);
  });

  it("sees a denied link fail, and cancels a pending one at Maton", async () => {
    const denied = (await createConnectionAction()).data!.connection;
    await decide(denied.connectUrl!, "deny");
    expect((await pollConnectionAction({ connectionId: denied.id })).data?.connection.status).toBe("FAILED");
    const pending = (await createConnectionAction()).data!.connection;
    const cancelled = (await cancelConnectionAction({ connectionId: pending.id })).data!.connection;
    expect(cancelled.unlinkedAt).not.toBeNull();
    const state = await control.state();
    expect(state.connections.map((connection) => connection.connection_id)).not.toContain(pending.id);
    const actions = (await latestAuditEntries(db(), 10)).map((entry) => [entry.action, entry.targetId]);
    expect(actions).toEqual(expect.arrayContaining([["connection.failed", denied.id], ["connection.cancelled", pending.id]]));
    const refused = await cancelConnectionAction({ connectionId: SEED.connections.harbor });
    expect(refused.serverError?.code).toBe("NOT_PENDING");
  });

  it("sets the default, refuses a non-active one, and audits the change", async () => {
    const result = await setDefaultConnectionAction(input);
    expect(result.data?.connection.isDefault).toBe(true);
    const defaults = await db().select().from(connections).where(eq(connections.isDefault, true));
    expect(defaults.map((row) => row.id)).toEqual([SEED.connections.harbor]);
    const [entry] = await latestAuditEntries(db(), 1);
    expect(entry).toMatchObject({ action: "connection.default_set", targetId: SEED.connections.harbor, details: { previous: SEED.connections.lumen } });
    const pending = (await createConnectionAction()).data!.connection;
    expect((await setDefaultConnectionAction({ connectionId: pending.id })).serverError?.code).toBe("NOT_ACTIVE");
  });

  it("unlinks at Maton but keeps the connection's WABAs and numbers, marked unlinked; the default moves", async () => {
    const result = await unlinkConnectionAction({ connectionId: SEED.connections.lumen });
    expect(result.data?.connection.unlinkedAt).not.toBeNull();
    expect(result.data?.connection.phoneNumbers).toHaveLength(2);
    expect(result.data?.defaultConnectionId).toBe(SEED.connections.harbor);
    expect(await db().select().from(phoneNumbers).where(eq(phoneNumbers.connectionId, SEED.connections.lumen))).toHaveLength(2);
    expect(await db().select().from(wabas).where(eq(wabas.connectionId, SEED.connections.lumen))).toHaveLength(1);
    const state = await control.state();
    expect(state.connections.map((connection) => connection.connection_id)).toEqual([SEED.connections.harbor]);
    const [entry] = await latestAuditEntries(db(), 1);
    expect(entry).toMatchObject({ action: "connection.unlinked", targetId: SEED.connections.lumen, details: { wasDefault: true, keptWabas: 1, keptPhoneNumbers: 2 } });
    expect((await unlinkConnectionAction({ connectionId: SEED.connections.lumen })).serverError?.code).toBe("ALREADY_UNLINKED");
  });

  it("lets any signed-in user pick a working connection, only an active one", async () => {
    await signInAs("agent@demo.test");
    expect((await selectWorkingConnectionAction(input)).data).toEqual(input);
    const agent = (await findUserByEmail(db(), "agent@demo.test"))!;
    expect(agent.selectedConnectionId).toBe(SEED.connections.harbor);
    expect((await selectWorkingConnectionAction({ connectionId: "not-a-connection" })).serverError?.code).toBe("NOT_ACTIVE");
    expect((await selectWorkingConnectionAction({ connectionId: null })).data).toEqual({ connectionId: null });
    await signInAs(undefined);
    expect((await selectWorkingConnectionAction(input)).serverError?.code).toBe("UNAUTHENTICATED");
  });

  it("reports a wrong Maton key in plain words", async () => {
    const { createGatewayClient } = await import("@/lib/gateway");
    gatewayBox.client = createGatewayClient({ apiKey: "wrong-key", gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
    const health = (await checkConnectionsHealthAction()).data!;
    expect(health.key).toEqual({ ok: false, problem: expect.objectContaining({ kind: "key", code: "401", title: "Maton key rejected" }) });
    const created = await createConnectionAction();
    expect(created.serverError).toMatchObject({ code: "MATON_KEY", message: expect.stringContaining("MATON_API_KEY") });
  });

  it("checks the gateway through the working connection, sending its id", async () => {
    await setDefaultConnectionAction(input);
    const health = (await checkConnectionsHealthAction()).data!;
    expect(health.workingConnection).toMatchObject({ id: SEED.connections.harbor, ok: true });
    const { requests } = (await (await fetch(`${sim.url}/_sim/requests?limit=1`)).json()) as { requests: { path: string; connection: string }[] };
    expect(requests[0]).toMatchObject({ path: expect.stringContaining(SEED.wabas.harbor), connection: SEED.connections.harbor });
  });
});
