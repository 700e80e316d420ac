/** GET /contacts, GET /segments and POST /segments through their route handlers, on both databases. */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { testDatabases } from "@/db/test-databases";
import { seedBook, type Book } from "@/lib/contacts/list-test-book";

import { GET as listContacts } from "../contacts/route";
import { GET as listSegments, POST as createSegment } from "../segments/route";
import { apiRequest, routeParams, tokenOf } from "./resources-test-setup";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("@/auth", () => ({ auth: async () => null }));

type ContactPage = { data: Array<{ id: string; name: string | null; phone_number: string | null; tags: Array<{ name: string }> }>; next_cursor: string | null; total: number };

describe.each(testDatabases)("the API's contact list and segments on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let book: Book;
  const tokens: Record<"agent" | "marketer", string> = { agent: "", marketer: "" };

  const list = (query: string, token = tokens.agent) => listContacts(apiRequest(`/contacts${query}`, { token }), routeParams());
  const listed = async (query: string, token = tokens.agent) => {
    const response = await list(query, token);
    expect(response.status).toBe(200);
    return (await response.json()) as ContactPage;
  };
  const post = (json: unknown, token = tokens.marketer, headers: Record<string, string> = {}) =>
    createSegment(apiRequest("/segments", { token, json, headers }), routeParams());

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    book = await seedBook(handle.db);
    tokens.agent = await tokenOf(handle.db, "agent");
    tokens.marketer = await tokenOf(handle.db, "marketer");
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
  });

  it("lists the caller's visible contacts as the API's objects, with the total, never a wa_id", async () => {
    const page = await listed("?sort=name");
    expect(page.total).toBe(4);
    expect(page.data.map((contact) => contact.name)).toEqual(["Ana Lima", "Bruno Costa", "Diego", "Eva"]);
    expect(page.data[0]).toMatchObject({ id: book.ids.ana, phone_number: "+351911000001", tags: [{ name: "Lisbon" }, { name: "VIP" }], consent: "opted_in" });
    expect(JSON.stringify(page)).not.toContain("wa_id");
  });

  it("filters by search, tags (id or name, repeated = all), consent (repeated) and segment", async () => {
    const names = async (query: string) => (await listed(query)).data.map((contact) => contact.name).sort();
    expect(await names("?search=bruno")).toEqual(["Bruno Costa"]);
    expect(await names("?tag=vip")).toEqual(["Ana Lima", "Bruno Costa"]);
    expect(await names(`?tag=VIP&tag=${book.tags.lisbon}`)).toEqual(["Ana Lima"]);
    expect(await names("?consent=opted_in&consent=opted_out")).toEqual(["Ana Lima", "Eva"]);
    const created = await post({ name: "VIPs", filter: { tags: { all: [book.tags.vip] } } });
    const segment = (await created.json()) as { id: string };
    expect(await names(`?segment_id=${segment.id}&consent=unknown`)).toEqual(["Bruno Costa"]);
  });

  it("pages with the cursor it gives, and refuses others", async () => {
    const first = await listed("?limit=3&sort=created");
    expect(first.data).toHaveLength(3);
    const second = await listed(`?limit=3&sort=created&cursor=${first.next_cursor}`);
    expect(second.data).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    expect(new Set([...first.data, ...second.data].map((contact) => contact.id)).size).toBe(4);

    const otherSort = await list(`?limit=3&sort=name&cursor=${first.next_cursor}`);
    expect(otherSort.status).toBe(400);
    expect(await otherSort.json()).toMatchObject({ code: "INVALID_CURSOR", errors: [{ field: "cursor" }] });
  });

  it("refuses unknown tags, segments and consent values, naming the parameter", async () => {
    const unknownTag = await list("?tag=Gold");
    expect(unknownTag.status).toBe(422);
    expect(await unknownTag.json()).toMatchObject({ code: "INVALID_INPUT", errors: [{ field: "tag", detail: "There is no tag named or with the id “Gold”." }] });
    const unknownSegment = await list("?segment_id=00000000-0000-4000-8000-000000000000");
    expect(unknownSegment.status).toBe(404);
    expect(await unknownSegment.json()).toMatchObject({ errors: [{ field: "segment_id" }] });
    const badConsent = await list("?consent=maybe");
    expect(badConsent.status).toBe(400);
    expect(await badConsent.json()).toMatchObject({ errors: [{ field: "consent" }] });
  });

  it("creates a segment once per Idempotency-Key, answering how many contacts match it", async () => {
    const body = { name: "Opted in", filter: { consent: ["opted_in"], attributes: [{ key: "plan", op: "eq", value: "pro" }] } };
    const created = await post(body, tokens.marketer, { "Idempotency-Key": "segment-1" });
    expect(created.status).toBe(201);
    const segment = await created.json();
    expect(segment).toMatchObject({ name: "Opted in", count: 1, filter: { consent: ["opted_in"] } });
    const replay = await post(body, tokens.marketer, { "Idempotency-Key": "segment-1" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await replay.json()).id).toBe(segment.id);

    const listedSegments = await (await listSegments(apiRequest("/segments", { token: tokens.agent }), routeParams())).json();
    expect(listedSegments.data.filter((item: { name: string }) => item.name === "Opted in")).toHaveLength(1);
  });

  it("refuses agents (403), taken names (409) and filters that do not fit the attributes (422), each at its field", async () => {
    const agent = await post({ name: "Agent's", filter: {} }, tokens.agent);
    expect(agent.status).toBe(403);
    expect(await agent.json()).toMatchObject({ code: "FORBIDDEN" });

    expect((await post({ name: "Taken", filter: {} })).status).toBe(201);
    const taken = await post({ name: "TAKEN", filter: {} });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: "CONFLICT", errors: [{ field: "name" }] });

    const badFilter = await post({ name: "Shoes", filter: { attributes: [{ key: "shoe_size", op: "gt", value: 40 }] } });
    expect(badFilter.status).toBe(422);
    expect(await badFilter.json()).toMatchObject({ code: "INVALID_INPUT", errors: [{ field: "filter.attributes.0.key" }] });

    const badNumber = await post({ name: "Elsewhere", filter: { phone_number_id: "pn-api-b" } });
    expect(badNumber.status).toBe(404);
  });
});
