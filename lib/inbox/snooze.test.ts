/** Snoozing a conversation and its coming back (by the customer's message, by the time), on both databases. */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS, type ConnectionScope } from "@/db/queries/connection-access";
import { findConversationSnooze } from "@/db/queries/conversation-snooze";
import { findConversation, listConversations, setConversationStatus, type StatusFilter } from "@/db/queries/conversations";
import { ingestDelivery } from "@/db/queries/webhook-ingest";
import { findUserByEmail } from "@/db/queries/users";
import { conversations, liveEvents, phoneNumbers } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { insertTwoConnections } from "@/db/test-connections";
import { inbound, PHONE_NUMBER_ID } from "@/lib/webhooks/test-payloads";
import { recordsFromDelivery } from "@/lib/whatsapp/inbound";

import { dismissSnoozeMarkBy, snoozeConversationBy, unsnoozeConversationBy } from "./snooze";
import { endDueSnoozesOnce } from "./snooze-jobs";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OTHER_NUMBER = "pn-snooze-other";

let customerSequence = 0;
const newCustomer = () => `1555700${String((customerSequence += 1)).padStart(4, "0")}`;

describe.each(testDatabases)("snoozing conversations on $name", (database) => {
  let handle: DatabaseHandle;
  let agent: { id: string; connections: ConnectionScope };
  // Each test starts at its own hour, after the last one's, so their messages never share a time.
  let clock = Date.parse("2026-06-01T08:00:00Z");
  const nextStart = () => new Date((clock += 10 * DAY));

  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as { code: string; field?: string; message: string });

  /** A customer writes at `at` (through the webhook ingest path); answers their conversation's id. */
  const customerWrites = async (waId: string, at: Date, phoneNumberId = PHONE_NUMBER_ID) => {
    await ingestDelivery(handle.db, recordsFromDelivery(inbound(waId, "text", { body: "Hello" }, { at, phoneNumberId }), at));
    const [row] = await handle.db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.waId, waId), eq(conversations.phoneNumberId, phoneNumberId)));
    return row!.id;
  };
  const listed = async (status: StatusFilter, now: Date) =>
    (await listConversations(handle.db, { userId: agent.id, scope: ALL_CONNECTIONS, filters: { status }, now, limit: 200 })).conversations;
  const ids = async (status: StatusFilter, now: Date) => (await listed(status, now)).map((row) => row.id);
  const updatesOf = async (conversationId: string) =>
    (
      await handle.db
        .select({ count: sql<number>`count(*)::int` })
        .from(liveEvents)
        .where(and(eq(liveEvents.kind, "conversation.updated"), sql`${liveEvents.payload} ->> 'conversationId' = ${conversationId}`))
    )[0]!.count;

  beforeAll(async () => {
    handle = await database.open();
    await seedDemoUsers(handle.db);
    await insertTwoConnections(handle.db);
    await handle.db.insert(phoneNumbers).values([
      { id: PHONE_NUMBER_ID, wabaId: "waba-a", connectionId: "conn-a" },
      { id: OTHER_NUMBER, wabaId: "waba-b", connectionId: "conn-b" },
    ]);
    const user = (await findUserByEmail(handle.db, "agent@demo.test"))!;
    agent = { id: user.id, connections: { all: false, connectionIds: ["conn-a"] } };
  });
  afterAll(async () => {
    await handle.close();
  });

  it("takes a snoozed conversation out of the open list into the snoozed one, and brings it back, marked, when the customer writes", async () => {
    const start = nextStart();
    const conversationId = await customerWrites(newCustomer(), start);
    const snoozedAt = new Date(start.getTime() + 5 * MINUTE);
    const updatesBefore = await updatesOf(conversationId);
    await snoozeConversationBy(handle.db, agent, conversationId, new Date(start.getTime() + 3 * HOUR), snoozedAt);
    expect(await updatesOf(conversationId)).toBe(updatesBefore + 1);
    expect(await findConversationSnooze(handle.db, conversationId)).toMatchObject({ snoozedAt, snoozedById: agent.id, snoozeEndedAt: null });

    const during = new Date(start.getTime() + 10 * MINUTE);
    expect(await ids("open", during)).not.toContain(conversationId);
    expect(await listed("snoozed", during)).toContainEqual(expect.objectContaining({ id: conversationId, snoozed: true }));

    // The customer writes before the time: back at once, marked (snoozedUntil kept, no longer snoozed).
    const reply = new Date(start.getTime() + 20 * MINUTE);
    await customerWrites((await handle.db.select({ waId: conversations.waId }).from(conversations).where(eq(conversations.id, conversationId)))[0]!.waId, reply);
    const after = new Date(reply.getTime() + MINUTE);
    expect(await ids("snoozed", after)).not.toContain(conversationId);
    const back = (await listed("open", after)).find((row) => row.id === conversationId);
    expect(back).toMatchObject({ snoozed: false, snoozedUntil: new Date(start.getTime() + 3 * HOUR) });

    // Someone opens it: the mark goes.
    expect(await dismissSnoozeMarkBy(handle.db, agent, conversationId, after)).toEqual({ changed: true });
    expect((await listed("open", after)).find((row) => row.id === conversationId)).toMatchObject({ snoozed: false, snoozedUntil: null });
  });

  it("tells the conversation's detail (the header's control) it is snoozed, and until when", async () => {
    const conversationId = await customerWrites(newCustomer(), new Date(Date.now() - MINUTE));
    const until = new Date(Date.now() + HOUR);
    await snoozeConversationBy(handle.db, agent, conversationId, until);
    expect(await findConversation(handle.db, conversationId)).toMatchObject({ snoozed: true, snoozedUntil: until });
    await unsnoozeConversationBy(handle.db, agent, conversationId);
    expect(await findConversation(handle.db, conversationId)).toMatchObject({ snoozed: false, snoozedUntil: null });
  });

  it("brings a conversation back when its time comes: the job marks it once and tells the browsers", async () => {
    const start = nextStart();
    const conversationId = await customerWrites(newCustomer(), start);
    const until = new Date(start.getTime() + HOUR);
    await snoozeConversationBy(handle.db, agent, conversationId, until, start);

    // Before the time nothing is due, and opening the snoozed conversation leaves it snoozed.
    await endDueSnoozesOnce(handle.db, new Date(until.getTime() - MINUTE));
    expect(await findConversationSnooze(handle.db, conversationId)).toMatchObject({ snoozeEndedAt: null });
    expect(await dismissSnoozeMarkBy(handle.db, agent, conversationId, new Date(until.getTime() - MINUTE))).toEqual({ changed: false });
    expect(await ids("snoozed", new Date(until.getTime() - MINUTE))).toContain(conversationId);

    const past = new Date(until.getTime() + 30_000);
    const updatesBefore = await updatesOf(conversationId);
    const first = await endDueSnoozesOnce(handle.db, past);
    expect(first.ended).toBeGreaterThanOrEqual(1);
    expect(await findConversationSnooze(handle.db, conversationId)).toMatchObject({ snoozedUntil: until, snoozeEndedAt: past });
    expect(await updatesOf(conversationId)).toBe(updatesBefore + 1);
    // A second run announces nothing again.
    await endDueSnoozesOnce(handle.db, new Date(past.getTime() + MINUTE));
    expect(await updatesOf(conversationId)).toBe(updatesBefore + 1);

    expect(await ids("snoozed", past)).not.toContain(conversationId);
    expect((await listed("open", past)).find((row) => row.id === conversationId)).toMatchObject({ snoozed: false, snoozedUntil: until });
  });

  it("refuses a time in the past, beyond 90 days, a resolved conversation and one on a number the agent may not see, changing nothing", async () => {
    const start = nextStart();
    const conversationId = await customerWrites(newCustomer(), start);
    expect(await refusal(snoozeConversationBy(handle.db, agent, conversationId, new Date(start.getTime() - MINUTE), start))).toMatchObject({
      code: "INVALID_INPUT",
      field: "until",
    });
    expect(await refusal(snoozeConversationBy(handle.db, agent, conversationId, new Date(start.getTime() + 90 * DAY + MINUTE), start))).toMatchObject({
      code: "INVALID_INPUT",
      field: "until",
    });
    expect(await findConversationSnooze(handle.db, conversationId)).toMatchObject({ snoozedUntil: null });
    // Exactly 90 days is allowed.
    await snoozeConversationBy(handle.db, agent, conversationId, new Date(start.getTime() + 90 * DAY), start);
    expect(await findConversationSnooze(handle.db, conversationId)).toMatchObject({ snoozedUntil: new Date(start.getTime() + 90 * DAY) });

    const hidden = await customerWrites(newCustomer(), start, OTHER_NUMBER);
    expect(await refusal(snoozeConversationBy(handle.db, agent, hidden, new Date(start.getTime() + HOUR), start))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(unsnoozeConversationBy(handle.db, agent, hidden))).toMatchObject({ code: "NOT_FOUND" });
    expect(await findConversationSnooze(handle.db, hidden)).toMatchObject({ snoozedUntil: null });

    const resolved = await customerWrites(newCustomer(), start);
    await setConversationStatus(handle.db, resolved, "resolved");
    expect(await refusal(snoozeConversationBy(handle.db, agent, resolved, new Date(start.getTime() + HOUR), start))).toMatchObject({
      code: "CONFLICT",
      field: "conversationId",
    });
    expect(await findConversationSnooze(handle.db, resolved)).toMatchObject({ snoozedUntil: null });
  });

  it("ends a snooze on unsnooze and on resolving, and a new snooze replaces the mark of the last one", async () => {
    const start = nextStart();
    const conversationId = await customerWrites(newCustomer(), start);
    await snoozeConversationBy(handle.db, agent, conversationId, new Date(start.getTime() + HOUR), start);
    expect(await unsnoozeConversationBy(handle.db, agent, conversationId)).toEqual({ changed: true });
    expect(await ids("open", start)).toContain(conversationId);
    expect(await unsnoozeConversationBy(handle.db, agent, conversationId)).toEqual({ changed: false });

    await snoozeConversationBy(handle.db, agent, conversationId, new Date(start.getTime() + HOUR), start);
    await endDueSnoozesOnce(handle.db, new Date(start.getTime() + 2 * HOUR));
    const later = new Date(start.getTime() + 2 * HOUR);
    await snoozeConversationBy(handle.db, agent, conversationId, new Date(later.getTime() + HOUR), later);
    expect(await findConversationSnooze(handle.db, conversationId)).toMatchObject({ snoozedAt: later, snoozeEndedAt: null });
    expect(await ids("snoozed", later)).toContain(conversationId);

    await setConversationStatus(handle.db, conversationId, "resolved");
    expect(await findConversationSnooze(handle.db, conversationId)).toEqual({ status: "resolved", snoozedUntil: null, snoozedAt: null, snoozedById: null, snoozeEndedAt: null });
  });
});
