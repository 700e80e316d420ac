/** The contact list's routes for the dashboard: session and role, the filter's refusals, the export's CSV and audit. */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";
import { seedBook, type Book } from "@/lib/contacts/list-test-book";
import type { ContactListPage } from "@/lib/contacts/views";

import { GET as countRoute } from "./count/route";
import { GET as exportRoute, POST as exportPosted } from "./export/route";
import { GET as listRoute } from "./route";
import { GET as segmentsRoute } from "./segments/route";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

const request = (path: string, query: Record<string, string> = {}) => new Request(`http://127.0.0.1/api/contacts${path}?${new URLSearchParams(query)}`);

describe.each(testDatabases)("the contact list's routes on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let book: Book;

  const signInAs = async (who: Book["admin"]) => {
    session.current = { userId: who.id, sessionId: (await startSession(handle.db, { userId: who.id })).id };
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    book = await seedBook(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
  });

  it("answers 401 without a session, on every route", async () => {
    for (const response of [await listRoute(request("")), await countRoute(request("/count")), await exportRoute(request("/export")), await segmentsRoute(request("/segments"))]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
  });

  it("lists the agent's visible contacts with a filter, and counts them", async () => {
    await signInAs(book.agent);
    const response = await listRoute(request("", { filter: JSON.stringify({ consent: ["opted_in", "unknown"] }), sort: "name", limit: "2" }));
    expect(response.status).toBe(200);
    const page = (await response.json()) as ContactListPage;
    expect(page.total).toBe(4);
    expect(page.items.map((item) => item.name)).toEqual(["Ana Lima", "Bruno Costa"]);
    const next = (await (await listRoute(request("", { filter: JSON.stringify({ consent: ["opted_in", "unknown"] }), sort: "name", limit: "2", cursor: page.nextCursor! }))).json()) as ContactListPage;
    expect(next.items.map((item) => item.name)).toEqual(["Diego", "Eva"]);
    expect(next.nextCursor).toBeNull();
    expect(await (await countRoute(request("/count", { filter: JSON.stringify({ tags: { any: [book.tags.vip] } }) }))).json()).toEqual({ total: 2 });
  });

  it("refuses a filter that is not JSON, not a filter, or not fitting the attributes, saying which part", async () => {
    await signInAs(book.marketer);
    const notJson = await listRoute(request("", { filter: "{consent:" }));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: { message: "The filter is not valid JSON.", code: "INVALID_FILTER" } });

    const notFilter = await countRoute(request("/count", { filter: JSON.stringify({ consent: ["maybe"] }) }));
    expect(notFilter.status).toBe(400);
    expect((await notFilter.json()).error.message).toMatch(/^The filter is not valid at “filter\.consent\.0”: /);

    const badSort = await listRoute(request("", { sort: "age" }));
    expect(badSort.status).toBe(400);

    const unknownKey = await listRoute(request("", { filter: JSON.stringify({ attributes: [{ key: "shoe", op: "is_set" }] }) }));
    expect(unknownKey.status).toBe(422);
    expect(await unknownKey.json()).toEqual({ error: { message: "There is no attribute with the key “shoe”.", code: "INVALID_INPUT", field: "filter.attributes.0.key" } });

    const missingSegment = await listRoute(request("", { segment: "00000000-0000-4000-8000-000000000000" }));
    expect(missingSegment.status).toBe(404);
    const badCursor = await listRoute(request("", { cursor: "bm90LWEtY3Vyc29y" }));
    expect(badCursor.status).toBe(400);
  });

  it("refuses the export to agents (403), writing no audit entry", async () => {
    await signInAs(book.agent);
    const before = (await latestAuditEntries(handle.db, 1))[0]?.id ?? 0;
    const response = await exportRoute(request("/export"));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect((await latestAuditEntries(handle.db, 1))[0]?.id ?? 0).toBe(before);
  });

  it("exports the filtered contacts as CSV, streamed, headed in the reader's words, and audits the count", async () => {
    await signInAs(book.marketer);
    const response = await exportRoute(request("/export", { filter: JSON.stringify({ tags: { any: [book.tags.vip, book.tags.lisbon] } }) }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A UTF-8 byte order mark first (spreadsheets then read every script right); the decoder drops it.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parse(new TextDecoder().decode(bytes)) as string[][];
    expect(header).toEqual([
      "Name",
      "Display name",
      "WhatsApp name",
      "Phone",
      "Username",
      "User ID",
      "Tags",
      "Consent",
      "Consent source",
      "Consent date",
      "City",
      "Orders",
      "Birthday",
      "VIP",
      "Plan",
      "Last message",
      "Created",
    ]);
    // The marketer works in conn-a: Carla (the other number only) is not theirs to export.
    expect(rows.map((row) => row[0])).toEqual(["Ana Lima", "Bruno Costa", "Eva"]);
    expect(rows[0]!.slice(0, 15)).toEqual(["Ana Lima", "", "Ana Lima", "+351911000001", "", "", "Lisbon;VIP", "opted_in", "form", expect.stringMatching(/Z$/), "Lisbon", "5", "1990-05-01", "true", "Pro"]);
    expect(rows[2]!.slice(0, 3)).toEqual(["Eva", "Eva", "Eve"]);
    expect((await latestAuditEntries(handle.db, 1))[0]).toMatchObject({ action: "contacts.exported", actorId: book.marketer.id, details: { count: 3, completed: true } });

    const ticked = await exportRoute(request("/export", { ids: [book.ids.diego, book.ids.carla].join(",") }));
    const tickedRows = (parse(await ticked.text()) as string[][]).slice(1);
    expect(tickedRows.map((row) => row[0])).toEqual(["Diego"]);

    // Ticked contacts posted by the list's form (too many ids for an address): the same answer.
    const posted = await exportPosted(
      new Request("http://127.0.0.1/api/contacts/export", { method: "POST", body: new URLSearchParams({ ids: [book.ids.diego, book.ids.carla].join(",") }) }),
    );
    expect(posted.headers.get("Content-Disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect((parse(await posted.text()) as string[][]).slice(1).map((row) => row[0])).toEqual(["Diego"]);
    const refused = await exportPosted(new Request("http://127.0.0.1/api/contacts/export", { method: "POST", body: new URLSearchParams({ ids: "not-an-id" }) }));
    expect(refused.status).toBe(400);
  });

  it("lists the segments to everyone", async () => {
    await signInAs(book.agent);
    const response = await segmentsRoute(request("/segments"));
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
  });
});
