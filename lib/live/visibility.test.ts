/** Which live events a user's stream may carry: the payloads as stored by the real publish path, on every test database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS, type ConnectionScope } from "@/db/queries/connection-access";
import { liveEventsAfter, publishLiveEvents, type LiveEventInput } from "@/db/queries/live-events";
import { contacts, conversations, phoneNumbers, templates, type LiveEvent } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";

import { liveEventVisible } from "./visibility";
import { insertTwoConnections } from "@/db/test-connections";

const ONLY_A: ConnectionScope = { all: false, connectionIds: ["conn-a"] };
const ONLY_B: ConnectionScope = { all: false, connectionIds: ["conn-b"] };
const NONE: ConnectionScope = { all: false, connectionIds: [] };

describe.each(testDatabases)("live events by connection on $name", (database) => {
  let handle: DatabaseHandle;
  const conversation: Record<"a" | "b" | "unknown", string> = { a: "", b: "", unknown: "" };

  beforeAll(async () => {
    handle = await database.open();
    const { db } = handle;
    await insertTwoConnections(db);
    // B's number knows its connection only through its WABA; the third number's connection is not known yet.
    await db.insert(phoneNumbers).values([
      { id: "pn-a", wabaId: "waba-a", connectionId: "conn-a" },
      { id: "pn-b", wabaId: "waba-b", connectionId: null },
      { id: "pn-unknown", wabaId: "waba-unknown", connectionId: null },
    ]);
    await db.insert(contacts).values({ waId: "15550001111" });
    const rows = await db
      .insert(conversations)
      .values([
        { phoneNumberId: "pn-a", waId: "15550001111" },
        { phoneNumberId: "pn-b", waId: "15550001111" },
        { phoneNumberId: "pn-unknown", waId: "15550001111" },
      ])
      .returning();
    [conversation.a, conversation.b, conversation.unknown] = rows.map((row) => row.id) as [string, string, string];
    await db.insert(templates).values([
      { id: "tpl-a", wabaId: "waba-a", name: "roast", language: "en", category: "UTILITY", status: "APPROVED", components: [] },
      { id: "tpl-b", wabaId: "waba-b", name: "checkup", language: "en", category: "UTILITY", status: "APPROVED", components: [] },
    ]);
  });
  afterAll(async () => {
    await handle.close();
  });

  /** Publishes in one transaction, as the publishers do, and answers the stored events in order. */
  async function published(events: LiveEventInput[]): Promise<LiveEvent[]> {
    const before = (await liveEventsAfter(handle.db, 0, 10_000)).at(-1)?.id ?? 0;
    await handle.db.transaction((tx) => publishLiveEvents(tx, events));
    return liveEventsAfter(handle.db, before, 10_000);
  }

  const visibleTo = (scope: ConnectionScope, events: LiveEvent[]) => events.filter((event) => liveEventVisible(scope, event)).map((event) => event.kind + " " + JSON.stringify(event.payload.note));

  it("completes each payload with its number or WABA and their connection, in the order published", async () => {
    const stored = await published([
      { kind: "message.created", payload: { conversationId: conversation.a, messageId: "m-1" } },
      { kind: "conversation.updated", payload: { conversationId: conversation.b } },
      { kind: "template.updated", payload: { templateId: "tpl-b", status: "APPROVED" } },
      { kind: "template.updated", payload: { templateId: "gone", wabaId: "waba-a", status: "DELETED" } },
      { kind: "phone_number.updated", payload: { phoneNumberId: "pn-b" } },
      { kind: "conversation.updated", payload: { conversationId: conversation.unknown } },
    ]);
    expect(stored.map((event) => event.payload)).toEqual([
      { conversationId: conversation.a, messageId: "m-1", phoneNumberId: "pn-a", connectionId: "conn-a" },
      { conversationId: conversation.b, phoneNumberId: "pn-b", connectionId: "conn-b" },
      { templateId: "tpl-b", status: "APPROVED", wabaId: "waba-b", connectionId: "conn-b" },
      { templateId: "gone", status: "DELETED", wabaId: "waba-a", connectionId: "conn-a" },
      { phoneNumberId: "pn-b", connectionId: "conn-b" },
      { conversationId: conversation.unknown, phoneNumberId: "pn-unknown" },
    ]);
  });

  it("sends a user only the events of their connections; events about no account to everyone", async () => {
    const stored = await published([
      { kind: "message.created", payload: { note: "A's message", conversationId: conversation.a, messageId: "m-2" } },
      { kind: "message.status", payload: { note: "B's status", conversationId: conversation.b, messageId: "m-3", status: "read" } },
      { kind: "conversation.updated", payload: { note: "unknown number's conversation", conversationId: conversation.unknown } },
      { kind: "template.updated", payload: { note: "A's template", templateId: "tpl-a", status: "PAUSED" } },
      { kind: "template.updated", payload: { note: "B's template", templateId: "tpl-b", status: "PAUSED" } },
      { kind: "phone_number.updated", payload: { note: "B's number", phoneNumberId: "pn-b" } },
      // A conversation id that is no uuid finds no number: its connection stays unknown.
      { kind: "conversation.updated", payload: { note: "unreadable id", conversationId: "not-a-uuid" } },
      { kind: "phone_number.updated", payload: { note: "about no account" } } as LiveEventInput,
    ]);
    expect(visibleTo(ONLY_A, stored)).toEqual([
      'message.created "A\'s message"',
      'template.updated "A\'s template"',
      'phone_number.updated "about no account"',
    ]);
    expect(visibleTo(ONLY_B, stored)).toEqual([
      'message.status "B\'s status"',
      'template.updated "B\'s template"',
      'phone_number.updated "B\'s number"',
      'phone_number.updated "about no account"',
    ]);
    expect(visibleTo(NONE, stored)).toEqual(['phone_number.updated "about no account"']);
    expect(visibleTo(ALL_CONNECTIONS, stored)).toHaveLength(stored.length);
  });

  it("holds back an account's event whose connection is unknown or that was stored without one", () => {
    expect(liveEventVisible(ONLY_A, { payload: { conversationId: conversation.a } })).toBe(false);
    expect(liveEventVisible(ONLY_A, { payload: { conversationId: conversation.a, connectionId: "conn-a" } })).toBe(true);
    expect(liveEventVisible(ONLY_A, { payload: { templateId: "tpl-a", connectionId: "conn-b" } })).toBe(false);
    expect(liveEventVisible(ALL_CONNECTIONS, { payload: { conversationId: conversation.a } })).toBe(true);
  });

  it("sends an event for one user to that user only, within their connections", () => {
    const mention = { payload: { forUserId: "user-1", conversationId: conversation.a, connectionId: "conn-a" } };
    expect(liveEventVisible(ONLY_A, mention, "user-1")).toBe(true);
    expect(liveEventVisible(ONLY_A, mention, "user-2")).toBe(false);
    expect(liveEventVisible(ALL_CONNECTIONS, mention, "user-2")).toBe(false);
    expect(liveEventVisible(ALL_CONNECTIONS, mention)).toBe(false);
    expect(liveEventVisible(ONLY_B, mention, "user-1")).toBe(false);
  });
});
