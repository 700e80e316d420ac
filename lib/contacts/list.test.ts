/**
 * The contact filter: compiled SQL (shape, parameters, nothing injected), then each condition on a
 * small hand-counted book on both databases, keyset pages with ties, scope, and the refusals.
 */
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database, DatabaseHandle } from "@/db/client";
import { contactFilterCondition, type CompiledContactFilter } from "@/db/queries/contact-list";
import { contacts, segments } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";

import type { ContactActor } from "./access";
import type { ContactFilter, ContactSort } from "./filter";
import { countContacts, listContacts, resolveFilter, selectionCondition } from "./list";
import { NOW, NUMBER, OTHER_NUMBER, seedBook, type Book } from "./list-test-book";

const dialect = new PgDialect();
const compiled = (filter: CompiledContactFilter) => dialect.sqlToQuery(contactFilterCondition(filter, NOW));

describe("the contact filter compiler", () => {
  it("searches the names' words, a typed number's digits and a user id, each as a parameter", () => {
    const words = compiled({ search: "50%_\\x" });
    expect(words.sql).toBe(`("contacts"."search_document" @@ search_query($1))`);
    expect(words.params).toEqual(["50%_\\x"]);
    const number = compiled({ search: "+351 (911) 000-002" });
    expect(number.sql).toBe(`("contacts"."search_document" @@ search_query($1) or "contacts"."search_text" like $2)`);
    expect(number.params).toEqual(["+351 (911) 000-002", "%351911000002%"]);
    expect(compiled({ search: "US.13491208655302741918" }).params).toEqual(["US.13491208655302741918", "US.13491208655302741918"]);
  });

  it("writes tags as EXISTS / NOT EXISTS on the links, one EXISTS per tag that must all be there", () => {
    const query = compiled({ tags: { all: ["t1", "t2"], any: ["t3"], none: ["t4"] } });
    expect(query.sql.match(/not exists/g)).toHaveLength(1);
    expect(query.sql.match(/exists \(select 1 from "contact_tag_links"/g)).toHaveLength(4);
    expect(query.params).toEqual(["t1", "t2", "t3", "t4"]);
  });

  it("keeps keys and values out of the SQL text: only parameters carry them", () => {
    const evil = "x'); drop table contacts; --";
    const query = compiled({
      search: evil,
      attributes: [
        { key: "city", op: "eq", type: "text", value: evil },
        { key: "city", op: "contains", type: "text", value: evil },
        { key: "plan", op: "in", type: "choice", value: [evil] },
        { key: "orders", op: "gt", type: "number", value: 3 },
      ],
      phoneNumberId: evil,
    });
    expect(query.sql).not.toContain("drop table");
    expect(query.sql).not.toContain("city");
    expect(JSON.stringify(query.params)).toContain("drop table");
  });

  it("guards numeric comparisons by the JSON type, and compares equality by containment (the GIN index)", () => {
    const greater = compiled({ attributes: [{ key: "orders", op: "gt", type: "number", value: 3 }] });
    expect(greater.sql).toContain("jsonb_typeof(\"contacts\".\"attributes\" -> $1) = 'number'");
    expect(greater.sql).toContain("::numeric end) > $3::numeric");
    const equal = compiled({ attributes: [{ key: "orders", op: "eq", type: "number", value: 3 }] });
    expect(equal.sql).toBe(`"contacts"."attributes" @> $1::jsonb`);
    expect(equal.params).toEqual([JSON.stringify({ orders: 3 })]);
  });

  it("puts the window and last-inbound conditions on that number's conversation when one is named", () => {
    const query = compiled({ phoneNumberId: "pn-1", windowOpen: true, lastInboundWithinDays: 7 });
    expect(query.sql).toMatch(/^exists \(select 1 from "conversations" filter_conversation where .*\.phone_number_id = \$1 and filter_conversation\.last_inbound_at > \$2::timestamptz and filter_conversation\.last_inbound_at > \$3::timestamptz\)$/);
    expect(query.params).toEqual(["pn-1", new Date(NOW.getTime() - 7 * 86_400_000).toISOString(), new Date(NOW.getTime() - 86_400_000).toISOString()]);
    expect(compiled({ windowOpen: false }).sql).toContain(`"contacts"."last_inbound_at" is null or`);
  });

  it("keeps everyone for the empty filter", () => {
    expect(compiled({}).sql).toBe("true");
  });
});

describe.each(testDatabases)("the contact list on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let db: Database;
  let book: Book;

  beforeAll(async () => {
    handle = await testDatabase.open();
    db = handle.db;
    book = await seedBook(db);
  });
  afterAll(async () => {
    await handle.close();
  });

  /** The names of the contacts a filter keeps for the admin (all connections), sorted. */
  const kept = async (filter: ContactFilter, segmentId?: string, actor?: ContactActor) => {
    const page = await listContacts(db, actor ?? book.admin, { filter, segmentId, sort: "name", limit: 200 }, NOW);
    expect(page.total).toBe(page.items.length);
    return page.items.map((item) => item.name).sort();
  };

  it("searches names and usernames by their words, numbers by their digits; punctuation is no word", async () => {
    expect(await kept({ search: "ana" })).toEqual(["Ana Lima"]);
    expect(await kept({ search: "LIMA" })).toEqual(["Ana Lima"]);
    expect(await kept({ search: "50%_" })).toEqual(["Carla 50%_off"]);
    expect(await kept({ search: "off 50" })).toEqual(["Carla 50%_off"]);
    // Punctuation alone is no word: nothing is found, rather than everyone.
    expect(await kept({ search: "%" })).toEqual([]);
    expect(await kept({ search: "+351 911 000 002" })).toEqual(["Bruno Costa"]);
    expect(await kept({ search: "@carla" })).toEqual(["Carla 50%_off"]);
    expect(await kept({ search: "eve" })).toEqual(["Eva"]);
  });

  it("filters by tags: all, any, none", async () => {
    const { vip, wholesale, lisbon } = book.tags;
    expect(await kept({ tags: { all: [vip, lisbon] } })).toEqual(["Ana Lima"]);
    expect(await kept({ tags: { any: [wholesale, lisbon] } })).toEqual(["Ana Lima", "Carla 50%_off", "Eva"]);
    expect(await kept({ tags: { none: [vip] } })).toEqual(["Carla 50%_off", "Diego", "Eva"]);
    expect(await kept({ tags: { all: [vip], none: [lisbon] } })).toEqual(["Bruno Costa"]);
  });

  it("compares text attributes case-insensitively; neq keeps the contacts without the attribute", async () => {
    expect(await kept({ attributes: [{ key: "city", op: "eq", value: "LISBON" }] })).toEqual(["Ana Lima", "Carla 50%_off"]);
    expect(await kept({ attributes: [{ key: "city", op: "neq", value: "lisbon" }] })).toEqual(["Bruno Costa", "Diego", "Eva"]);
    expect(await kept({ attributes: [{ key: "city", op: "neq", value: "lisbon" }, { key: "city", op: "is_set" }] })).toEqual(["Bruno Costa"]);
    expect(await kept({ attributes: [{ key: "city", op: "contains", value: "ISB" }] })).toEqual(["Ana Lima", "Carla 50%_off"]);
    expect(await kept({ attributes: [{ key: "city", op: "is_set" }] })).toEqual(["Ana Lima", "Bruno Costa", "Carla 50%_off"]);
    expect(await kept({ attributes: [{ key: "city", op: "is_not_set" }] })).toEqual(["Diego", "Eva"]);
  });

  it("compares numbers only with number values (a stray text value neither matches nor fails)", async () => {
    expect(await kept({ attributes: [{ key: "orders", op: "gt", value: 3 }] })).toEqual(["Ana Lima", "Carla 50%_off"]);
    expect(await kept({ attributes: [{ key: "orders", op: "gte", value: 5 }] })).toEqual(["Ana Lima", "Carla 50%_off"]);
    expect(await kept({ attributes: [{ key: "orders", op: "lt", value: 5 }] })).toEqual(["Bruno Costa"]);
    expect(await kept({ attributes: [{ key: "orders", op: "lte", value: 5 }] })).toEqual(["Ana Lima", "Bruno Costa"]);
    expect(await kept({ attributes: [{ key: "orders", op: "eq", value: 5 }] })).toEqual(["Ana Lima"]);
    expect(await kept({ attributes: [{ key: "orders", op: "neq", value: 5 }] })).toEqual(["Bruno Costa", "Carla 50%_off", "Diego", "Eva"]);
  });

  it("compares dates, booleans and choices", async () => {
    expect(await kept({ attributes: [{ key: "birthday", op: "before", value: "1991-01-01" }] })).toEqual(["Ana Lima"]);
    expect(await kept({ attributes: [{ key: "birthday", op: "after", value: "1990-05-01" }] })).toEqual(["Bruno Costa"]);
    expect(await kept({ attributes: [{ key: "birthday", op: "eq", value: "1990-05-01" }] })).toEqual(["Ana Lima"]);
    expect(await kept({ attributes: [{ key: "vip", op: "is_true" }] })).toEqual(["Ana Lima"]);
    expect(await kept({ attributes: [{ key: "vip", op: "is_false" }] })).toEqual(["Carla 50%_off"]);
    expect(await kept({ attributes: [{ key: "plan", op: "eq", value: "pro" }] })).toEqual(["Ana Lima"]);
    expect(await kept({ attributes: [{ key: "plan", op: "in", value: ["basic", "Pro"] }] })).toEqual(["Ana Lima", "Bruno Costa"]);
    expect(await kept({ attributes: [{ key: "plan", op: "neq", value: "Pro" }] })).toEqual(["Bruno Costa", "Carla 50%_off", "Diego", "Eva"]);
  });

  it("filters by consent, last inbound and the 24-hour window, on any number or on one", async () => {
    expect(await kept({ consent: ["opted_in"] })).toEqual(["Ana Lima", "Eva"]);
    expect(await kept({ consent: ["unknown", "opted_out"] })).toEqual(["Bruno Costa", "Carla 50%_off", "Diego"]);
    expect(await kept({ lastInboundWithinDays: 7 })).toEqual(["Ana Lima", "Bruno Costa", "Carla 50%_off"]);
    expect(await kept({ windowOpen: true })).toEqual(["Ana Lima", "Carla 50%_off"]);
    expect(await kept({ windowOpen: false })).toEqual(["Bruno Costa", "Diego", "Eva"]);
    expect(await kept({ phoneNumberId: NUMBER })).toEqual(["Ana Lima", "Bruno Costa", "Eva"]);
    expect(await kept({ phoneNumberId: NUMBER, windowOpen: true })).toEqual(["Ana Lima"]);
    expect(await kept({ phoneNumberId: NUMBER, windowOpen: false })).toEqual(["Bruno Costa", "Eva"]);
    expect(await kept({ phoneNumberId: NUMBER, lastInboundWithinDays: 7 })).toEqual(["Ana Lima", "Bruno Costa"]);
    // Carla wrote within the hour on the other number only.
    expect(await kept({ phoneNumberId: OTHER_NUMBER, windowOpen: true })).toEqual(["Carla 50%_off"]);
  });

  it("ANDs a saved segment with the filter, and answers the same count", async () => {
    const [segment] = await db
      .insert(segments)
      .values({ name: "Opted-in VIPs", definition: { tags: { all: [book.tags.vip] }, consent: ["opted_in", "unknown"] } })
      .returning();
    expect(await kept({}, segment!.id)).toEqual(["Ana Lima", "Bruno Costa"]);
    expect(await kept({ attributes: [{ key: "city", op: "eq", value: "porto" }] }, segment!.id)).toEqual(["Bruno Costa"]);
    expect(await countContacts(db, book.admin, { search: "ana" }, segment!.id, NOW)).toBe(1);
    await expect(resolveFilter(db, {}, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows an agent of one connection only its customers and the ones never written to; never deleted ones", async () => {
    expect(await kept({}, undefined, book.agent)).toEqual(["Ana Lima", "Bruno Costa", "Diego", "Eva"]);
    expect(await kept({})).toEqual(["Ana Lima", "Bruno Costa", "Carla 50%_off", "Diego", "Eva"]);
    // A number of another connection is "not found" for them, not an empty list that says it exists.
    await expect(countContacts(db, book.agent, { phoneNumberId: OTHER_NUMBER }, undefined, NOW)).rejects.toBeInstanceOf(NotFoundError);
    // Ticked ids they cannot see are left out.
    const where = await selectionCondition(db, book.agent, { ids: [book.ids.carla, book.ids.ana] }, NOW);
    const rows = await db.select({ id: contacts.id }).from(contacts).where(where);
    expect(rows.map((row) => row.id)).toEqual([book.ids.ana]);
  });

  it("maps each row with its tags, consent and the window's closing time", async () => {
    const page = await listContacts(db, book.admin, { filter: { search: "ana" }, sort: "name" }, NOW);
    expect(page.items[0]).toMatchObject({
      id: book.ids.ana,
      name: "Ana Lima",
      phoneNumber: "351911000001",
      tags: [
        { name: "Lisbon", colour: "blue" },
        { name: "VIP", colour: "violet" },
      ],
      attributes: { city: "Lisbon", orders: 5, plan: "Pro", vip: true, birthday: "1990-05-01" },
      consent: { state: "opted_in", source: "form" },
      windowClosesAt: new Date(NOW.getTime() - 60 * 60 * 1000 + 24 * 60 * 60 * 1000).toISOString(),
    });
    const closed = await listContacts(db, book.admin, { filter: { search: "bruno" }, sort: "name" }, NOW);
    expect(closed.items[0]!.windowClosesAt).toBeNull();
  });

  it("refuses conditions that do not fit the definitions, naming the field", async () => {
    const refusal = async (filter: ContactFilter) => {
      const error = await resolveFilter(db, filter).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ActionError);
      return { code: (error as ActionError).code, field: (error as ActionError).field, key: ((error as ActionError).said as { key: string }).key };
    };
    expect(await refusal({ attributes: [{ key: "shoe_size", op: "eq", value: "42" }] })).toEqual({
      code: "INVALID_INPUT",
      field: "filter.attributes.0.key",
      key: "contacts.list.errors.unknownAttribute",
    });
    expect(await refusal({ attributes: [{ key: "city", op: "is_set" }, { key: "city", op: "gt", value: 3 }] })).toMatchObject({
      field: "filter.attributes.1.op",
      key: "contacts.list.errors.operatorNotForType",
    });
    expect(await refusal({ attributes: [{ key: "orders", op: "gt", value: "3" }] })).toMatchObject({ field: "filter.attributes.0.value", key: "contacts.list.errors.valueNotNumber" });
    expect(await refusal({ attributes: [{ key: "orders", op: "gt" }] })).toMatchObject({ field: "filter.attributes.0.value", key: "contacts.list.errors.valueRequired" });
    expect(await refusal({ attributes: [{ key: "birthday", op: "before", value: "2024-02-30" }] })).toMatchObject({ key: "contacts.list.errors.valueNotDate" });
    expect(await refusal({ attributes: [{ key: "plan", op: "in", value: ["Pro", "Gold"] }] })).toMatchObject({
      field: "filter.attributes.0.value.1",
      key: "contacts.list.errors.valueNotOption",
    });
    expect(await refusal({ attributes: [{ key: "city", op: "eq", value: ["Lisbon"] }] })).toMatchObject({ key: "contacts.list.errors.valueNotText" });
  });

  it("refuses a cursor of another sort or not given by the list", async () => {
    const first = await listContacts(db, book.admin, { filter: {}, sort: "name", limit: 2 }, NOW);
    expect(first.nextCursor).not.toBeNull();
    await expect(listContacts(db, book.admin, { filter: {}, sort: "created", cursor: first.nextCursor! }, NOW)).rejects.toMatchObject({ code: "INVALID_CURSOR", field: "cursor" });
    await expect(listContacts(db, book.admin, { filter: {}, sort: "name", cursor: "bm90LWEtY3Vyc29y" }, NOW)).rejects.toMatchObject({ code: "INVALID_CURSOR" });
  });
});

describe.each(testDatabases)("keyset pages of the contact list on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let db: Database;
  let admin: ContactActor;

  beforeAll(async () => {
    handle = await testDatabase.open();
    db = handle.db;
    admin = { id: "00000000-0000-4000-8000-000000000001", name: "Admin", email: "admin@example.test", role: "admin", connections: { all: true } };
    // 23 contacts full of ties: three created at the same microsecond-exact instant per group, names
    // repeated, a third never written to (null last message) and the rest sharing a few times.
    const sameCreated = [new Date("2026-01-01T10:00:00.123Z"), new Date("2026-01-02T10:00:00.456Z")];
    const sameMessage = [new Date("2026-02-01T08:00:00.000Z"), new Date("2026-02-03T08:00:00.000Z")];
    await db.insert(contacts).values(
      Array.from({ length: 23 }, (_, index) => ({
        waId: `4420000000${String(index).padStart(2, "0")}`,
        phoneNumber: `4420000000${String(index).padStart(2, "0")}`,
        displayName: ["Same Name", "Other Name", "Zed"][index % 3]!,
        createdAt: sameCreated[index % 2]!,
        lastMessageAt: index % 3 === 0 ? null : sameMessage[index % 2]!,
      })),
    );
    // Microseconds PostgreSQL keeps and JavaScript dates do not: positions must carry them exactly.
    await db.execute(sql`update contacts set created_at = created_at + interval '7 microseconds' where wa_id like '%5'`);
  });
  afterAll(async () => {
    await handle.close();
  });

  it.each(["last_message", "name", "created"] as const)("walks every contact exactly once by %s, three at a time", async (sort: ContactSort) => {
    const all = await listContacts(db, admin, { filter: {}, sort, limit: 200 });
    expect(all.items).toHaveLength(23);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages += 1) {
      const page = await listContacts(db, admin, { filter: {}, sort, cursor, limit: 3 });
      expect(page.total).toBe(23);
      seen.push(...page.items.map((item) => item.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.items.map((item) => item.id));
    expect(new Set(seen).size).toBe(23);
  });

  it("orders never-written-to contacts last, and by name and newest first as the indexes do", async () => {
    const byMessage = await listContacts(db, admin, { filter: {}, sort: "last_message", limit: 200 });
    const times = byMessage.items.map((item) => item.lastMessageAt);
    expect(times.slice(0, 15).every((time) => time !== null)).toBe(true);
    expect(times.slice(15).every((time) => time === null)).toBe(true);
    const byName = await listContacts(db, admin, { filter: {}, sort: "name", limit: 200 });
    expect(byName.items[0]!.name).toBe("Other Name");
    expect(byName.items.at(-1)!.name).toBe("Zed");
  });
});
