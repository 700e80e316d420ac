/** The account mirror against the in-process simulator, on every test database. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { setDefaultConnection, setSelectedConnection } from "@/db/queries/connections";
import { connections, phoneNumbers, wabas } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { findUserByEmail } from "@/db/queries/users";
import { testDatabases } from "@/db/test-databases";
import { type GatewayClient, createGatewayClient, MatonError } from "@/lib/gateway";
import { simControl } from "@/lib/gateway/test-helpers";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { SEED } from "@/simulator/seed";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { syncAccounts } from "./sync";
import { selectedPhoneNumber, selectPhoneNumber } from "./selected-phone-number";
import { connectionIdForPhoneNumber, gatewayOptionsForUser, usableConnections, workingConnection } from "./working-connection";

let sim: RunningSimulator;
let client: GatewayClient;
let control: ReturnType<typeof simControl>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null });
  control = simControl(sim.url);
  client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
});
afterAll(async () => {
  await sim?.close();
});

async function authorize(url: string, decision: "authorize" | "deny") {
  const token = new URL(url).searchParams.get("session_token") ?? "";
  await fetch(`${sim.url}/connect`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ session_token: token, decision }).toString() });
}

describe.each(testDatabases)("syncAccounts on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;

  beforeAll(async () => {
    handle = await testDatabase.open();
    await seedDemoUsers(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    await control.reset();
    await db().delete(phoneNumbers);
    await db().delete(wabas);
    await db().delete(connections);
  });

  it("mirrors every connection, walks businesses → WABAs → numbers, and makes the oldest ACTIVE the default", async () => {
    const pending = await client.connections.createConnection();
    const result = await syncAccounts(db(), client);
    expect(result).toMatchObject({ connections: 3, active: 2, wabas: 2, phoneNumbers: 3, failures: [], defaultConnectionId: SEED.connections.lumen });

    const rows = await db().select().from(connections);
    expect(rows.map((row) => [row.id, row.status, row.isDefault]).sort()).toEqual(
      [
        [SEED.connections.lumen, "ACTIVE", true],
        [SEED.connections.harbor, "ACTIVE", false],
        [pending.connection_id, "PENDING", false],
      ].sort(),
    );
    const lumen = rows.find((row) => row.id === SEED.connections.lumen)!;
    expect(lumen).toMatchObject({ label: "Lumen Coffee Roasters", connectUrl: expect.stringContaining("/connect?session_token=") });
    expect(lumen.matonCreatedAt?.toISOString()).toBe("2025-01-15T09:12:33.482Z");

    const [waba] = await db().select().from(wabas).where(eq(wabas.id, SEED.wabas.lumen));
    expect(waba).toMatchObject({ connectionId: SEED.connections.lumen, businessId: SEED.businesses.lumen, name: "Lumen Coffee Roasters", syncedAt: expect.any(Date) });
    const [number] = await db().select().from(phoneNumbers).where(eq(phoneNumbers.id, SEED.phoneNumbers.harbor));
    expect(number).toMatchObject({
      wabaId: SEED.wabas.harbor,
      connectionId: SEED.connections.harbor,
      displayPhoneNumber: "+49 30 901820 77",
      verifiedName: "Harbor Dental Clinic",
      qualityRating: "GREEN",
      messagingLimitTier: "TIER_10K",
      throughputLevel: "HIGH",
      codeVerificationStatus: "VERIFIED",
      nameStatus: "APPROVED",
      syncedAt: expect.any(Date),
    });
  });

  it("is idempotent, keeps an explicit default, and records authorisations it observes", async () => {
    await syncAccounts(db(), client);
    await setDefaultConnection(db(), SEED.connections.harbor);
    const created = await client.connections.createConnection();
    await syncAccounts(db(), client);
    await authorize(created.url!, "authorize");
    const denied = await client.connections.createConnection();
    await syncAccounts(db(), client);
    await authorize(denied.url!, "deny");
    const result = await syncAccounts(db(), client);
    expect(result).toMatchObject({ active: 3, wabas: 3, phoneNumbers: 4, defaultConnectionId: SEED.connections.harbor });
    const rows = await db().select().from(connections);
    expect(rows.filter((row) => row.isDefault).map((row) => row.id)).toEqual([SEED.connections.harbor]);
    expect(rows.find((row) => row.id === created.connection_id)).toMatchObject({ status: "ACTIVE", label: expect.stringMatching(/^New Business/) });
    expect(rows.find((row) => row.id === denied.connection_id)?.status).toBe("FAILED");
    const audit = (await latestAuditEntries(db(), 20)).filter((entry) => entry.targetId === created.connection_id || entry.targetId === denied.connection_id);
    expect(audit.map((entry) => [entry.action, entry.targetId, entry.actorId])).toEqual(
      expect.arrayContaining([
        ["connection.authorized", created.connection_id, null],
        ["connection.failed", denied.connection_id, null],
      ]),
    );
  });

  it("marks a connection Maton no longer lists as unlinked, keeps its numbers, and moves the default", async () => {
    await syncAccounts(db(), client);
    await client.connections.deleteConnection(SEED.connections.lumen);
    const result = await syncAccounts(db(), client);
    expect(result.unlinked).toEqual([SEED.connections.lumen]);
    expect(result.defaultConnectionId).toBe(SEED.connections.harbor);
    const [lumen] = await db().select().from(connections).where(eq(connections.id, SEED.connections.lumen));
    expect(lumen).toMatchObject({ unlinkedAt: expect.any(Date), isDefault: false });
    const kept = await db().select().from(phoneNumbers).where(eq(phoneNumbers.connectionId, SEED.connections.lumen));
    expect(kept).toHaveLength(2);
    expect(await connectionIdForPhoneNumber(db(), SEED.phoneNumbers.lumenUs)).toBe(SEED.connections.lumen);
  });

  it("throws Maton's 401 when the key is wrong, and changes nothing", async () => {
    const wrong = createGatewayClient({ apiKey: "wrong-key", gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
    await expect(syncAccounts(db(), wrong)).rejects.toBeInstanceOf(MatonError);
    expect(await db().select().from(connections)).toEqual([]);
  });

  it("gives each user a working connection: their pick while ACTIVE, else the default", async () => {
    await syncAccounts(db(), client);
    const agent = { id: (await findUserByEmail(db(), "agent@demo.test"))!.id, connections: ALL_CONNECTIONS };
    expect((await workingConnection(db(), agent))?.id).toBe(SEED.connections.lumen);
    await setSelectedConnection(db(), agent.id, SEED.connections.harbor);
    expect(await gatewayOptionsForUser(db(), agent)).toEqual({ connectionId: SEED.connections.harbor });
    await db().update(connections).set({ status: "FAILED" }).where(eq(connections.id, SEED.connections.harbor));
    expect(await gatewayOptionsForUser(db(), agent)).toEqual({ connectionId: SEED.connections.lumen });
    expect(await connectionIdForPhoneNumber(db(), SEED.phoneNumbers.harbor)).toBe(SEED.connections.harbor);
    expect(await connectionIdForPhoneNumber(db(), "999999")).toBe(SEED.connections.lumen);
  });

  it("keeps a user to their connections: the switcher's choices, the working connection and the numbers", async () => {
    await syncAccounts(db(), client);
    const id = (await findUserByEmail(db(), "agent@demo.test"))!.id;
    const onlyHarbor = { id, connections: { all: false as const, connectionIds: [SEED.connections.harbor] } };
    const nothing = { id, connections: { all: false as const, connectionIds: [] } };

    expect((await usableConnections(db(), onlyHarbor.connections)).map((connection) => connection.id)).toEqual([SEED.connections.harbor]);
    expect((await usableConnections(db(), ALL_CONNECTIONS)).map((connection) => connection.id)).toEqual([SEED.connections.lumen, SEED.connections.harbor]);
    // The default (lumen) is not theirs: they work in their own, and a pick outside their scope is ignored.
    expect((await workingConnection(db(), onlyHarbor))?.id).toBe(SEED.connections.harbor);
    await setSelectedConnection(db(), id, SEED.connections.lumen);
    expect((await workingConnection(db(), onlyHarbor))?.id).toBe(SEED.connections.harbor);
    expect(await gatewayOptionsForUser(db(), onlyHarbor)).toEqual({ connectionId: SEED.connections.harbor });

    // Numbers: only harbor's can be chosen, and a remembered choice outside the scope is not used.
    expect(await selectPhoneNumber(db(), onlyHarbor, SEED.phoneNumbers.lumenUs)).toBeUndefined();
    expect((await selectPhoneNumber(db(), { id, connections: ALL_CONNECTIONS }, SEED.phoneNumbers.lumenUs))?.id).toBe(SEED.phoneNumbers.lumenUs);
    expect((await selectedPhoneNumber(db(), onlyHarbor))?.id).toBe(SEED.phoneNumbers.harbor);

    // No connection at all: nothing to work in.
    expect(await usableConnections(db(), nothing.connections)).toEqual([]);
    expect(await workingConnection(db(), nothing)).toBeUndefined();
    expect(await gatewayOptionsForUser(db(), nothing)).toEqual({});
    expect(await selectedPhoneNumber(db(), nothing)).toBeUndefined();
  });
});
