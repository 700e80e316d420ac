import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import { phoneNumbers, templates } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { listOf } from "@/lib/api/pagination";
import { templateSchema } from "@/lib/api/resources/templates";
import { createApiToken } from "@/lib/api-tokens/service";

import { GET } from "../templates/route";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("@/auth", () => ({ auth: async () => null }));

const body = (text: string) => [{ type: "BODY", text }];

const TEMPLATES = [
  { id: "t1", wabaId: "waba-a", name: "order_update", language: "en_US", category: "UTILITY", status: "APPROVED", components: body("Order {{1}} shipped") },
  { id: "t2", wabaId: "waba-a", name: "order_update", language: "es", category: "UTILITY", status: "APPROVED", components: body("Pedido {{1}} enviado") },
  { id: "t3", wabaId: "waba-a", name: "spring_sale", language: "en_US", category: "MARKETING", status: "REJECTED", rejectedReason: "PROMOTIONAL", components: body("Sale!") },
  { id: "t4", wabaId: "waba-a", name: "login_code", language: "en_US", category: "AUTHENTICATION", status: "PENDING", components: body("{{1}} is your code") },
  { id: "t5", wabaId: "waba-a", name: "old_notice", language: "en_US", category: "UTILITY", status: "DELETED", components: body("Gone") },
  { id: "t6", wabaId: "waba-b", name: "order_update", language: "en_US", category: "UTILITY", status: "APPROVED", components: body("Other business") },
  { id: "t7", wabaId: "waba-a", name: "Order_Reminder", language: "pt_BR", category: "UTILITY", status: "APPROVED", components: body("Lembrete"), qualityScore: "GREEN", parameterFormat: "POSITIONAL" },
];

describe.each(testDatabases)("GET /api/v1/templates on $name", (testDatabase) => {
  let agentToken: string;
  let adminToken: string;

  const list = async (query = "", token = agentToken) => {
    const response = await GET(new Request(`http://127.0.0.1:3000/api/v1/templates${query}`, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({}),
    });
    const json: unknown = await response.json();
    return { response, json, page: response.status === 200 ? listOf(templateSchema).parse(json) : undefined };
  };
  const ids = async (query: string, token = agentToken) => (await list(query, token)).page!.data.map((template) => template.id);

  beforeEach(async () => {
    database.handle = await testDatabase.open();
    const { db } = database.handle;
    await seedDemoUsers(db);
    await insertTwoConnections(db);
    await db.insert(phoneNumbers).values([
      { id: "pn-a", wabaId: "waba-a", connectionId: "conn-a" },
      { id: "pn-b", wabaId: "waba-b", connectionId: "conn-b" },
    ]);
    await db.insert(templates).values(TEMPLATES.map((template) => ({ ...template, updatedAt: new Date("2026-03-14T09:26:53.000Z") })));
    const agent = (await findUserByEmail(db, "agent@demo.test"))!;
    await replaceConnectionAccess(db, agent.id, { all: false, connectionIds: ["conn-a"] });
    agentToken = (await createApiToken(db, agent, { name: "test", expiresAt: null })).token;
    adminToken = (await createApiToken(db, (await findUserByEmail(db, "admin@demo.test"))!, { name: "test", expiresAt: null })).token;
  });
  afterEach(async () => {
    await database.handle.close();
  });

  it("lists the templates of the caller's WABAs by name (byte order) and language, without deleted ones, as Meta's JSON", async () => {
    const { response, json, page } = await list();
    expect(response.status).toBe(200);
    expect(page!.data.map((template) => template.id)).toEqual(["t7", "t4", "t1", "t2", "t3"]);
    expect(page!.total).toBe(5);
    expect(page!.next_cursor).toBeNull();
    // What was sent is exactly what the documented schema describes: nothing left out, nothing extra.
    expect(page).toEqual(json);
    expect(page!.data.find((template) => template.id === "t7")).toEqual({
      id: "t7",
      waba_id: "waba-a",
      name: "Order_Reminder",
      language: "pt_BR",
      category: "UTILITY",
      previous_category: null,
      status: "APPROVED",
      rejected_reason: null,
      quality_score: "GREEN",
      parameter_format: "POSITIONAL",
      components: [{ type: "BODY", text: "Lembrete" }],
      updated_at: "2026-03-14T09:26:53.000Z",
    });
    expect(page!.data.find((template) => template.id === "t3")?.rejected_reason).toBe("PROMOTIONAL");
    expect(await ids("", adminToken)).toContain("t6");
  });

  it("filters by category, status, language, exact name, part of the name, WABA and business number", async () => {
    expect(await ids("?category=AUTHENTICATION")).toEqual(["t4"]);
    expect(await ids("?status=REJECTED")).toEqual(["t3"]);
    expect(await ids("?status=DELETED")).toEqual(["t5"]);
    expect(await ids("?language=es")).toEqual(["t2"]);
    expect(await ids("?name=order_update")).toEqual(["t1", "t2"]);
    expect(await ids("?q=ORDER")).toEqual(["t7", "t1", "t2"]);
    expect(await ids("?q=%25")).toEqual([]);
    expect(await ids("?category=UTILITY&language=en_US")).toEqual(["t1"]);
    expect(await ids("?waba_id=waba-a&status=APPROVED")).toEqual(["t7", "t1", "t2"]);
    expect(await ids("?phone_number_id=pn-a&name=order_update")).toEqual(["t1", "t2"]);
    expect(await ids("?phone_number_id=pn-b", adminToken)).toEqual(["t6"]);
    // Outside the caller's connections: nothing, as if it did not exist.
    expect(await ids("?waba_id=waba-b")).toEqual([]);
    expect(await ids("?phone_number_id=pn-b")).toEqual([]);
    expect((await list("?name=order_update")).page!.total).toBe(2);
  });

  it("refuses a filter value Meta does not use, naming it", async () => {
    const { response, json } = await list("?category=PROMO&status=approved");
    expect(response.status).toBe(400);
    expect((json as { errors: Array<{ field: string }> }).errors.map((error) => error.field)).toEqual(["category", "status"]);
  });

  it("walks every template once, page by page, with the total of the whole list", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { page } = await list(`?limit=2&status=APPROVED${cursor ? `&cursor=${cursor}` : ""}`, adminToken);
      expect(page!.total).toBe(4);
      seen.push(...page!.data.map((template) => template.id));
      cursor = page!.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(["t7", "t1", "t6", "t2"]);
  });
});
