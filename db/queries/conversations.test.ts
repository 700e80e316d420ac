import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "../client";
import { connections, contacts, conversationLabelLinks, conversationLabels, conversations, messages, phoneNumbers, userConnections, users, wabas } from "../schema";
import { testDatabases } from "../test-databases";
import { ALL_CONNECTIONS } from "./connection-access";
import {
  assignConversation,
  type ConversationCursor,
  customerSummary,
  findConversation,
  listAssignableUsers,
  listConversations,
  listInboxPhoneNumbers,
  listMessages,
  markConversationRead,
  setConversationStatus,
} from "./conversations";
import { insertTwoConnections } from "../test-connections";

const HOUR = 60 * 60 * 1000;
const now = new Date("2025-03-10T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe.each(testDatabases)("conversation queries on $name", (database) => {
  let handle: DatabaseHandle;
  let agentId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await database.open();
    const { db } = handle;
    const [agent] = await db.insert(users).values({ email: "a@x.test", name: "Agent A", passwordHash: "x", role: "agent" }).returning();
    agentId = agent!.id;
    await db.insert(phoneNumbers).values([
      { id: "pn-1", wabaId: "w", displayPhoneNumber: "+1 555 0100" },
      { id: "pn-2", wabaId: "w", displayPhoneNumber: "+44 20 0000" },
    ]);
    await db.insert(contacts).values([
      { waId: "14155550123", phoneNumber: "14155550123", profileName: "Maya Thompson" },
      { waId: "4915112345678", phoneNumber: "4915112345678", profileName: "Jonas Weber", displayName: "Berlin wholesale" },
      { waId: "33612345678", phoneNumber: "33612345678", profileName: "Camille_Laurent" },
    ]);
    const rows = await db
      .insert(conversations)
      .values([
        // newest activity first: maya, jonas, camille
        { phoneNumberId: "pn-1", waId: "14155550123", lastInboundAt: ago(HOUR), lastMessageAt: ago(HOUR), lastMessagePreview: "Where is my order?", unreadCount: 2, assigneeId: agentId },
        { phoneNumberId: "pn-1", waId: "4915112345678", lastInboundAt: ago(25 * HOUR), lastMessageAt: ago(2 * HOUR), lastMessagePreview: "Danke", status: "resolved" },
        { phoneNumberId: "pn-2", waId: "33612345678", lastInboundAt: ago(24 * HOUR), lastMessageAt: ago(3 * HOUR), lastMessagePreview: "📷 Photo" },
      ])
      .returning();
    for (const row of rows) ids[row.waId] = row.id;
    await db.insert(messages).values([
      { conversationId: ids["4915112345678"]!, wamid: "w.1", direction: "inbound", type: "text", content: { text: { body: "The parcel tracking number is 42" } }, sentAt: ago(25 * HOUR) },
      ...Array.from({ length: 5 }, (_, index) => ({
        conversationId: ids["14155550123"]!,
        wamid: `m.${index}`,
        direction: "inbound" as const,
        type: "text",
        content: { text: { body: `message ${index}` } },
        sentAt: ago(HOUR * (5 - index)),
        replyToWamid: index === 4 ? "m.0" : null,
      })),
    ]);
  });
  afterAll(async () => {
    await handle.close();
  });

  const names = async (filters: Parameters<typeof listConversations>[1]["filters"]) =>
    (await listConversations(handle.db, { userId: agentId, scope: ALL_CONNECTIONS, filters, now })).conversations.map((row) => row.customerName);

  it("lists newest activity first with customer, preview and assignee", async () => {
    const page = await listConversations(handle.db, { userId: agentId, scope: ALL_CONNECTIONS, now });
    expect(page.conversations.map((row) => row.customerName)).toEqual(["Maya Thompson", "Jonas Weber", "Camille_Laurent"]);
    expect(page.conversations[0]).toMatchObject({ assigneeName: "Agent A", unreadCount: 2, lastMessagePreview: "Where is my order?" });
    expect(page.nextCursor).toBeNull();
  });

  it("pages with a cursor without losing or repeating a row", async () => {
    const first = await listConversations(handle.db, { userId: agentId, scope: ALL_CONNECTIONS, now, limit: 2 });
    expect(first.conversations).toHaveLength(2);
    const second = await listConversations(handle.db, { userId: agentId, scope: ALL_CONNECTIONS, now, limit: 2, cursor: first.nextCursor });
    expect(second.conversations.map((row) => row.customerName)).toEqual(["Camille_Laurent"]);
    expect(second.nextCursor).toBeNull();
  });

  it("filters by assignee, status, window (24 h exactly is closed) and number", async () => {
    expect(await names({ assignee: "mine" })).toEqual(["Maya Thompson"]);
    expect(await names({ assignee: "unassigned" })).toEqual(["Jonas Weber", "Camille_Laurent"]);
    expect(await names({ status: "resolved" })).toEqual(["Jonas Weber"]);
    expect(await names({ status: "open" })).toEqual(["Maya Thompson", "Camille_Laurent"]);
    expect(await names({ window: "open" })).toEqual(["Maya Thompson"]);
    expect(await names({ window: "closed" })).toEqual(["Jonas Weber", "Camille_Laurent"]);
    expect(await names({ phoneNumberId: "pn-2" })).toEqual(["Camille_Laurent"]);
  });

  it("lists snoozed conversations apart until their time or the customer's next message, and marks them back", async () => {
    const maya = ids["14155550123"]!;
    await handle.db.update(conversations).set({ snoozedUntil: new Date(now.getTime() + 3 * HOUR), snoozedAt: ago(HOUR / 2) }).where(sql`${conversations.id} = ${maya}`);
    expect(await names({ status: "open" })).toEqual(["Camille_Laurent"]);
    expect(await names({ status: "snoozed" })).toEqual(["Maya Thompson"]);
    expect(await names({ status: "all" })).toEqual(["Maya Thompson", "Jonas Weber", "Camille_Laurent"]);
    // Its time passed: back in the open list, still carrying its snooze time (the mark).
    const later = new Date(now.getTime() + 4 * HOUR);
    const back = await listConversations(handle.db, { userId: agentId, scope: ALL_CONNECTIONS, filters: { status: "open" }, now: later });
    expect(back.conversations.find((row) => row.id === maya)).toMatchObject({ snoozed: false, snoozedUntil: expect.any(Date) });
    // The customer wrote after it was snoozed: back at once.
    await handle.db.update(conversations).set({ snoozedAt: ago(2 * HOUR) }).where(sql`${conversations.id} = ${maya}`);
    expect(await names({ status: "open" })).toEqual(["Maya Thompson", "Camille_Laurent"]);
    await handle.db.update(conversations).set({ snoozedUntil: null, snoozedAt: null }).where(sql`${conversations.id} = ${maya}`);
  });

  it("lists the windows closing within two hours whose customer awaits a reply, and filters by label", async () => {
    const camille = ids["33612345678"]!;
    // Camille wrote 23 hours ago and nobody answered: expiring soon; an answer (not a note) takes it off.
    await handle.db.update(conversations).set({ lastInboundAt: ago(23 * HOUR) }).where(sql`${conversations.id} = ${camille}`);
    expect(await names({ window: "expiring" })).toEqual(["Camille_Laurent"]);
    await handle.db.insert(messages).values({ conversationId: camille, direction: "outbound", type: "note", content: { note: { body: "call her", mentions: [] } }, sentAt: ago(HOUR) });
    expect(await names({ window: "expiring" })).toEqual(["Camille_Laurent"]);
    await handle.db.insert(messages).values({ conversationId: camille, wamid: "w.answer", direction: "outbound", type: "text", content: { text: { body: "On it" } }, sentAt: ago(HOUR), status: "sent" });
    expect(await names({ window: "expiring" })).toEqual([]);
    // Maya's window (1 hour old) is not closing soon.
    const [label] = await handle.db.insert(conversationLabels).values({ name: "VIP", color: "amber" }).returning();
    await handle.db.insert(conversationLabelLinks).values({ conversationId: camille, labelId: label!.id });
    expect(await names({ labelId: label!.id })).toEqual(["Camille_Laurent"]);
    const [row] = (await listConversations(handle.db, { userId: agentId, scope: ALL_CONNECTIONS, filters: { labelId: label!.id }, now })).conversations;
    expect(row?.labels).toEqual([{ id: label!.id, name: "VIP", color: "amber" }]);
    await handle.db.delete(messages).where(sql`${messages.conversationId} = ${camille} and ${messages.direction} = 'outbound'`);
    await handle.db.delete(conversationLabels).where(sql`${conversationLabels.id} = ${label!.id}`);
    await handle.db.update(conversations).set({ lastInboundAt: ago(24 * HOUR) }).where(sql`${conversations.id} = ${camille}`);
  });

  it("orders conversations whose last messages share a time by arrival, and pages keep that order", async () => {
    const at = ago(90 * 60 * 1000);
    const tied = ["15550009001", "15550009002", "15550009003", "15550009004"];
    await handle.db.insert(contacts).values(tied.map((waId) => ({ waId, profileName: `Tied ${waId.slice(-1)}` })));
    // Arrival order (the last message's seq) differs from the order of the rows' random ids.
    await handle.db.insert(conversations).values(
      tied.map((waId, index) => ({ phoneNumberId: "pn-1", waId, lastMessageAt: at, lastMessageSeq: 1_000_000 + [3, 1, 4, 2][index]! })),
    );
    const expected = ["Maya Thompson", "Tied 3", "Tied 1", "Tied 4", "Tied 2", "Jonas Weber", "Camille_Laurent"];
    expect(await names({})).toEqual(expected);
    const paged: Array<string | null> = [];
    let cursor: ConversationCursor | null = null;
    do {
      const page: Awaited<ReturnType<typeof listConversations>> = await listConversations(handle.db, { userId: agentId, scope: ALL_CONNECTIONS, now, limit: 2, cursor });
      paged.push(...page.conversations.map((row) => row.customerName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(expected);
    await handle.db.delete(conversations).where(inArray(conversations.waId, tied));
    await handle.db.delete(contacts).where(inArray(contacts.waId, tied));
  });

  it("searches names (the profile's and the team's), numbers (as typed) and message text by words; punctuation is no word", async () => {
    expect(await names({ search: "maya" })).toEqual(["Maya Thompson"]);
    expect(await names({ search: "WHOLESALE" })).toEqual(["Jonas Weber"]);
    expect(await names({ search: "+49 151" })).toEqual(["Jonas Weber"]);
    expect(await names({ search: "tracking NUMBER" })).toEqual(["Jonas Weber"]);
    expect(await names({ search: "number tracking" })).toEqual(["Jonas Weber"]);
    expect(await names({ search: "trac" })).toEqual(["Jonas Weber"]);
    expect(await names({ search: "laurent" })).toEqual(["Camille_Laurent"]);
    expect(await names({ search: "_" })).toEqual([]);
    expect(await names({ search: "%" })).toEqual([]);
  });

  it("pages a search the same way whether a page fills from the newest conversations or needs the index", async () => {
    // A word in 2,000 messages counts as common: its search walks the newest conversations first.
    const common = ids["33612345678"]!;
    await handle.db.insert(messages).values(
      Array.from({ length: 2000 }, (_, index) => ({
        conversationId: common,
        wamid: `common.${index}`,
        direction: "inbound" as const,
        type: "text",
        content: { text: { body: `a common word, ${index}` } },
        sentAt: ago(30 * HOUR),
      })),
    );
    await handle.db.insert(messages).values({
      conversationId: ids["14155550123"]!,
      wamid: "common.maya",
      direction: "inbound",
      type: "text",
      content: { text: { body: "also common here" } },
      sentAt: ago(30 * HOUR),
    });
    expect(await names({ search: "common" })).toEqual(["Maya Thompson", "Camille_Laurent"]);
    for (const search of ["a", "message", "parcel", "o", "common"]) {
      const all = await names({ search });
      const paged: Array<string | null> = [];
      let cursor: ConversationCursor | null = null;
      do {
        const page: Awaited<ReturnType<typeof listConversations>> = await listConversations(handle.db, { userId: agentId, scope: ALL_CONNECTIONS, now, limit: 1, cursor, filters: { search } });
        paged.push(...page.conversations.map((row) => row.customerName));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
    }
    // "a" is the start of a word in Maya's ("also") and Camille's ("a common word") messages, not Jonas's.
    expect(await names({ search: "a" })).toEqual(["Maya Thompson", "Camille_Laurent"]);
    await handle.db.delete(messages).where(sql`${messages.wamid} like 'common.%'`);
  });

  it("searches older message text from one character on", async () => {
    expect(await names({ search: "parcel" })).toEqual(["Jonas Weber"]);
    expect(await names({ search: "42" })).toEqual(["Jonas Weber"]);
    expect(await names({ search: "is 42" })).toEqual(["Jonas Weber"]);
    expect(await names({ search: "p" })).toEqual(["Jonas Weber"]);
  });

  it("finds one conversation with its customer and number", async () => {
    const detail = await findConversation(handle.db, ids["14155550123"]!);
    expect(detail).toMatchObject({
      customerName: "Maya Thompson",
      customerDisplayName: null,
      consent: { state: "unknown", source: null, at: null },
      customerDeletedAt: null,
      phoneNumber: { id: "pn-1", displayPhoneNumber: "+1 555 0100" },
    });
    expect(await findConversation(handle.db, "00000000-0000-0000-0000-000000000000")).toBeUndefined();
  });

  it("pages messages newest first, with the originals replies quote", async () => {
    const first = await listMessages(handle.db, ids["14155550123"]!, { limit: 2 });
    expect(first.messages.map((message) => message.wamid)).toEqual(["m.4", "m.3"]);
    expect(first.quoted.map((message) => message.wamid)).toEqual(["m.0"]);
    const rest = await listMessages(handle.db, ids["14155550123"]!, { limit: 10, cursor: first.nextCursor });
    expect(rest.messages.map((message) => message.wamid)).toEqual(["m.2", "m.1", "m.0"]);
    expect(rest.nextCursor).toBeNull();
  });

  it("keeps messages of the same second in the order they arrived, across pages", async () => {
    const second = new Date("2026-05-01T08:00:00Z");
    const id = ids["33612345678"]!;
    for (const wamid of ["s.first", "s.second", "s.third", "s.fourth"]) {
      await handle.db.insert(messages).values({ conversationId: id, wamid, direction: "inbound", type: "text", content: { text: { body: wamid } }, sentAt: second });
    }
    const first = await listMessages(handle.db, id, { limit: 2 });
    const rest = await listMessages(handle.db, id, { limit: 10, cursor: first.nextCursor });
    expect([...first.messages, ...rest.messages].map((message) => message.wamid)).toEqual(["s.fourth", "s.third", "s.second", "s.first"]);
  });

  it("assigns, resolves and marks read, answering the newest inbound wamid for the receipt", async () => {
    const id = ids["14155550123"]!;
    expect(await assignConversation(handle.db, id, null)).toBe(true);
    expect(await setConversationStatus(handle.db, id, "resolved")).toBe(true);
    expect(await markConversationRead(handle.db, id)).toEqual({ found: true, latestInboundWamid: "m.4" });
    expect(await findConversation(handle.db, id)).toMatchObject({ assigneeId: null, status: "resolved", unreadCount: 0 });
    expect(await setConversationStatus(handle.db, "00000000-0000-0000-0000-000000000000", "open")).toBe(false);
  });

  it("summarises the customer for the panel", async () => {
    const summary = await customerSummary(handle.db, ids["14155550123"]!, ALL_CONNECTIONS);
    expect(summary).toMatchObject({ name: "Maya Thompson", conversations: { total: 1 }, messages: { inbound: 5, outbound: 0 } });
    expect(summary!.recentInboundAt).toHaveLength(5);
    expect(summary!.firstContactAt!.getTime()).toBe(ago(5 * HOUR).getTime());
  });

  it("lists, searches and counts only the conversations of the scope's connections", async () => {
    const { db } = handle;
    // Connection A owns its number; connection B's number belongs to it through its WABA; a third number's connection is not known.
    await insertTwoConnections(db);
    await db.insert(phoneNumbers).values([
      { id: "pn-a", wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555 0A00" },
      { id: "pn-b", wabaId: "waba-b", connectionId: null, displayPhoneNumber: "+1 555 0B00" },
    ]);
    await db.insert(contacts).values({ waId: "15550007000", phoneNumber: "15550007000", profileName: "Both Businesses" });
    const rows = await db
      .insert(conversations)
      .values([
        { phoneNumberId: "pn-a", waId: "15550007000", lastMessageAt: ago(10 * 60 * 1000), lastMessagePreview: "espresso beans" },
        { phoneNumberId: "pn-b", waId: "15550007000", lastMessageAt: ago(20 * 60 * 1000), lastMessagePreview: "espresso stains on teeth" },
      ])
      .returning();
    const [onA, onB] = rows;
    await db.insert(messages).values([
      { conversationId: onA!.id, wamid: "scope.a", direction: "inbound", type: "text", content: { text: { body: "roast profile please" } }, sentAt: ago(HOUR) },
      { conversationId: onB!.id, wamid: "scope.b", direction: "inbound", type: "text", content: { text: { body: "roast profile of my molar" } }, sentAt: ago(HOUR) },
    ]);
    const [agentOfA] = await db.insert(users).values({ email: "only-a@x.test", name: "Only A", passwordHash: "x", role: "agent" }).returning();
    await db.insert(userConnections).values({ userId: agentOfA!.id, connectionId: "conn-a" });
    try {
      const onlyA = { all: false as const, connectionIds: ["conn-a"] };
      const onlyB = { all: false as const, connectionIds: ["conn-b"] };
      const none = { all: false as const, connectionIds: [] };
      const list = async (scope: typeof onlyA, filters: Parameters<typeof listConversations>[1]["filters"] = { status: "all" }) =>
        (await listConversations(db, { userId: agentId, scope, filters, now })).conversations.map((row) => row.id);

      expect(await list(onlyA)).toEqual([onA!.id]);
      expect(await list(onlyB)).toEqual([onB!.id]);
      expect(await list(none)).toEqual([]);
      // Numbers whose connection is not known (pn-1, pn-2) are for "all" only.
      expect((await listConversations(db, { userId: agentId, scope: ALL_CONNECTIONS, filters: { status: "all" }, now })).conversations.map((row) => row.id)).toEqual(
        expect.arrayContaining([onA!.id, onB!.id, ids["14155550123"]]),
      );
      // A search (names, message text) and a number filter stay within the scope.
      expect(await list(onlyA, { status: "all", search: "roast" })).toEqual([onA!.id]);
      expect(await list(onlyA, { status: "all", search: "roast profile" })).toEqual([onA!.id]);
      expect(await list(onlyA, { status: "all", search: "Both" })).toEqual([onA!.id]);
      expect(await list(onlyA, { status: "all", phoneNumberId: "pn-b" })).toEqual([]);

      // The customer panel counts only the conversations the user may see.
      expect((await customerSummary(db, onA!.id, onlyA))?.conversations.total).toBe(1);
      expect((await customerSummary(db, onA!.id, onlyA))?.messages.inbound).toBe(1);
      expect((await customerSummary(db, onA!.id, ALL_CONNECTIONS))?.conversations.total).toBe(2);

      expect((await listInboxPhoneNumbers(db, onlyA)).map((number) => number.id)).toEqual(["pn-a"]);
      expect((await listInboxPhoneNumbers(db, onlyB)).map((number) => number.id)).toEqual(["pn-b"]);
      expect(await listInboxPhoneNumbers(db, none)).toEqual([]);

      // Assignable to a conversation of A: admins and users of every connection, and those granted A.
      const assignableToA = (await listAssignableUsers(db, { connectionId: "conn-a" })).map((user) => user.email);
      expect(assignableToA).toContain("only-a@x.test");
      expect(assignableToA).not.toContain("a@x.test");
      expect((await listAssignableUsers(db, { connectionId: "conn-b" })).map((user) => user.email)).not.toContain("only-a@x.test");
      expect((await listAssignableUsers(db, { connectionId: null })).map((user) => user.email)).not.toContain("only-a@x.test");
      expect((await listAssignableUsers(db)).map((user) => user.email)).toEqual(expect.arrayContaining(["only-a@x.test", "a@x.test"]));
    } finally {
      await db.delete(users).where(inArray(users.email, ["only-a@x.test"]));
      await db.delete(messages).where(inArray(messages.wamid, ["scope.a", "scope.b"]));
      await db.delete(conversations).where(inArray(conversations.waId, ["15550007000"]));
      await db.delete(contacts).where(inArray(contacts.waId, ["15550007000"]));
      await db.delete(phoneNumbers).where(inArray(phoneNumbers.id, ["pn-a", "pn-b"]));
      await db.delete(wabas).where(inArray(wabas.id, ["waba-a", "waba-b"]));
      await db.delete(connections).where(inArray(connections.id, ["conn-a", "conn-b"]));
    }
  });
});
