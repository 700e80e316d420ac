import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import { phoneNumbers, wabas } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { listOf } from "@/lib/api/pagination";
import { phoneNumberSchema } from "@/lib/api/resources/phone-numbers";
import { createApiToken } from "@/lib/api-tokens/service";

import { GET } from "../phone-numbers/route";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("@/auth", () => ({ auth: async () => null }));

const list = async (token: string, query = "") => {
  const response = await GET(new Request(`http://127.0.0.1:3000/api/v1/phone-numbers${query}`, { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({}),
  });
  return { response, body: response.status === 200 ? listOf(phoneNumberSchema).parse(await response.json()) : undefined };
};

/** Every page of a list, following next_cursor. */
async function walk(token: string, query: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const { response, body } = await list(token, cursor ? `${query}&cursor=${cursor}` : query);
    expect(response.status).toBe(200);
    ids.push(...body!.data.map((number) => number.id));
    cursor = body!.next_cursor;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

describe.each(testDatabases)("GET /api/v1/phone-numbers on $name", (testDatabase) => {
  let agentToken: string;
  let adminToken: string;

  beforeEach(async () => {
    database.handle = await testDatabase.open();
    const { db } = database.handle;
    await seedDemoUsers(db);
    await insertTwoConnections(db);
    await db.insert(wabas).values({ id: "waba-a2", connectionId: "conn-a" });
    await db.insert(phoneNumbers).values([
      {
        id: "pn-a1",
        wabaId: "waba-a",
        connectionId: "conn-a",
        displayPhoneNumber: "+1 555-010-0002",
        verifiedName: "Acme Support",
        qualityRating: "GREEN",
        messagingLimitTier: "TIER_1K",
        syncedAt: new Date("2026-03-14T09:26:53.000Z"),
      },
      { id: "pn-a2", wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555-010-0001" },
      // Known only through its WABA's connection.
      { id: "pn-a3", wabaId: "waba-a2", connectionId: null, displayPhoneNumber: null },
      { id: "pn-b1", wabaId: "waba-b", connectionId: "conn-b", displayPhoneNumber: "+1 555-010-0003" },
    ]);
    const agent = (await findUserByEmail(db, "agent@demo.test"))!;
    await replaceConnectionAccess(db, agent.id, { all: false, connectionIds: ["conn-a"] });
    agentToken = (await createApiToken(db, agent, { name: "test", expiresAt: null })).token;
    adminToken = (await createApiToken(db, (await findUserByEmail(db, "admin@demo.test"))!, { name: "test", expiresAt: null })).token;
  });
  afterEach(async () => {
    await database.handle.close();
  });

  it("lists only the numbers of the caller's connections, by display number, with their details", async () => {
    const { response, body } = await list(agentToken);
    expect(response.status).toBe(200);
    expect(body!.total).toBe(3);
    expect(body!.next_cursor).toBeNull();
    expect(body!.data.map((number) => number.id)).toEqual(["pn-a3", "pn-a2", "pn-a1"]);
    expect(body!.data[2]).toEqual({
      id: "pn-a1",
      display_phone_number: "+1 555-010-0002",
      verified_name: "Acme Support",
      quality_rating: "GREEN",
      messaging_limit_tier: "TIER_1K",
      throughput_level: null,
      code_verification_status: null,
      name_status: null,
      waba_id: "waba-a",
      connection_id: "conn-a",
      synced_at: "2026-03-14T09:26:53.000Z",
    });
    expect(body!.data[0]).toMatchObject({ id: "pn-a3", connection_id: "conn-a", display_phone_number: null });

    const admin = await list(adminToken);
    expect(admin.body!.total).toBe(4);
    expect(admin.body!.data.map((number) => number.id)).toContain("pn-b1");
  });

  it("filters by WABA", async () => {
    const { body } = await list(agentToken, "?waba_id=waba-a");
    expect(body!.data.map((number) => number.id)).toEqual(["pn-a2", "pn-a1"]);
    expect(body!.total).toBe(2);
    // Another connection's WABA: nothing, as if it did not exist.
    expect((await list(agentToken, "?waba_id=waba-b")).body!.data).toEqual([]);
  });

  it("walks every number once, page by page", async () => {
    const { ids, pages } = await walk(adminToken, "?limit=1");
    expect(pages).toBe(4);
    expect(ids).toEqual(["pn-a3", "pn-a2", "pn-a1", "pn-b1"]);
    expect((await walk(adminToken, "?limit=3")).ids).toEqual(ids);
  });
});
