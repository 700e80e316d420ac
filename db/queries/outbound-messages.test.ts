import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { emptyRecords, statusesBefore } from "@/lib/whatsapp/inbound";

import type { DatabaseHandle } from "../client";
import { rowsOf } from "../rows";
import { contacts, conversations, liveEvents, messages, phoneNumbers } from "../schema";
import { testDatabases } from "../test-databases";
import {
  claimFailedForRetry,
  claimUnknownOutcomeForRetry,
  ClientKeyConflictError,
  findUnclaimedStatus,
  insertPendingOutbound,
  isOutcomeUnknown,
  recordOutboundFailure,
  recordOutboundSent,
} from "./outbound-messages";
import { ingestDelivery } from "./webhook-ingest";

async function seedConversation(handle: DatabaseHandle, waId = "15550001111") {
  const { db } = handle;
  await db.insert(phoneNumbers).values({ id: "pn-1", wabaId: "waba-1", displayPhoneNumber: "+1 555 0100" }).onConflictDoNothing();
  await db.insert(contacts).values({ waId, profileName: "Maya" }).onConflictDoNothing();
  const [conversation] = await db
    .insert(conversations)
    .values({ phoneNumberId: "pn-1", waId, lastInboundAt: new Date(), lastMessageAt: new Date(Date.now() - 60_000) })
    .returning();
  return conversation!;
}

/** Sessions of this database waiting for an advisory lock. */
async function waitingAdvisoryLocks(handle: DatabaseHandle): Promise<number> {
  const result = await handle.db.execute(
    sql`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
  );
  return rowsOf<{ waiting: number }>(result)[0]?.waiting ?? 0;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("the condition never held");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const text = (body: string) => ({ type: "text", content: { text: { body } }, preview: { kind: "text", detail: body } });

describe.each(testDatabases)("outbound messages on $name", (database) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await database.open();
  });
  afterEach(async () => {
    await handle.close();
  });

  it("inserts a pending message once per client key, and moves the conversation to the top", async () => {
    const conversation = await seedConversation(handle);
    const first = await insertPendingOutbound(handle.db, { conversationId: conversation.id, senderId: null, clientKey: "key-1", ...text("Hi") });
    const second = await insertPendingOutbound(handle.db, { conversationId: conversation.id, senderId: null, clientKey: "key-1", ...text("Hi") });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.message.id).toBe(first.message.id);
    expect(first.message).toMatchObject({ status: "pending", direction: "outbound", wamid: null });
    const rows = await handle.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(rows).toHaveLength(1);
    const [updated] = await handle.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(updated).toMatchObject({ lastMessagePreview: "Hi", lastMessagePreviewKind: "text", lastMessageDirection: "outbound" });
    expect(updated!.lastMessageAt!.getTime()).toBe(first.message.sentAt.getTime());
    const kinds = (await handle.db.select().from(liveEvents)).map((event) => event.kind);
    expect(kinds).toEqual(["message.created"]);
  });

  it("refuses a client key reused for another conversation", async () => {
    const one = await seedConversation(handle, "15550001111");
    const two = await seedConversation(handle, "15550002222");
    await insertPendingOutbound(handle.db, { conversationId: one.id, senderId: null, clientKey: "shared", ...text("Hi") });
    await expect(insertPendingOutbound(handle.db, { conversationId: two.id, senderId: null, clientKey: "shared", ...text("Hi") })).rejects.toBeInstanceOf(
      ClientKeyConflictError,
    );
  });

  it("stores the wamid and applies statuses that arrived before the send's answer", async () => {
    const conversation = await seedConversation(handle);
    const { message } = await insertPendingOutbound(handle.db, { conversationId: conversation.id, senderId: null, clientKey: "k", ...text("Hi") });
    const at = new Date("2025-03-01T10:00:00Z");
    // The read and the delivered webhooks overtake the gateway's answer (in the wrong order, too).
    for (const status of ["read", "delivered"] as const) {
      await ingestDelivery(handle.db, {
        ...emptyRecords(),
        phoneNumbers: [{ id: "pn-1", wabaId: "waba-1", displayPhoneNumber: "+1 555 0100" }],
        statuses: [{ wamid: "wamid.A", status, at, recipientId: conversation.waId, errors: undefined, pricing: undefined, movesFrom: statusesBefore(status)! }],
      });
    }
    expect(await findUnclaimedStatus(handle.db, conversation.waId, new Date(at.getTime() - 1000))).toBe("wamid.A");
    const stored = await recordOutboundSent(handle.db, message.id, "wamid.A", statusesBefore);
    expect(stored).toMatchObject({ wamid: "wamid.A", status: "read" });
    expect(stored!.deliveredAt).not.toBeNull();
    expect(await findUnclaimedStatus(handle.db, conversation.waId, new Date(at.getTime() - 1000))).toBeUndefined();
    // A second answer for the same message changes nothing.
    expect(await recordOutboundSent(handle.db, message.id, "wamid.B", statusesBefore)).toBeUndefined();
  });

  // Only PostgreSQL runs two transactions at once (PGlite takes them one after the other).
  it.runIf(database.name === "postgres")("never loses a status whose ingest is committing while the send's wamid is stored", async () => {
    const conversation = await seedConversation(handle);
    const { message } = await insertPendingOutbound(handle.db, { conversationId: conversation.id, senderId: null, clientKey: "race", ...text("Hi") });
    const at = new Date("2025-03-01T10:00:00Z");
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let recorded!: () => void;
    const statusRecorded = new Promise<void>((resolve) => (recorded = resolve));
    // The delivered webhook's ingest: the status is recorded but matches no message yet, and is not committed.
    const ingest = handle.db.transaction(async (tx) => {
      await ingestDelivery(tx, {
        ...emptyRecords(),
        phoneNumbers: [{ id: "pn-1", wabaId: "waba-1", displayPhoneNumber: "+1 555 0100" }],
        statuses: [{ wamid: "wamid.RACE", status: "delivered", at, recipientId: conversation.waId, errors: undefined, pricing: undefined, movesFrom: statusesBefore("delivered")! }],
      });
      recorded();
      await released;
    });
    await statusRecorded;
    // Meanwhile the gateway's answer comes back and the wamid is stored.
    let sentDone = false;
    const sent = recordOutboundSent(handle.db, message.id, "wamid.RACE", statusesBefore).finally(() => (sentDone = true));
    // It waits for the ingest to commit (or, were nothing to order them, is already done).
    await until(async () => sentDone || (await waitingAdvisoryLocks(handle)) > 0);
    release();
    await Promise.all([ingest, sent]);
    const [stored] = await handle.db.select().from(messages).where(eq(messages.id, message.id));
    expect(stored).toMatchObject({ wamid: "wamid.RACE", status: "delivered" });
  });

  it("keeps a failure with its explanation, and lets exactly one retry claim it", async () => {
    const conversation = await seedConversation(handle);
    const { message } = await insertPendingOutbound(handle.db, { conversationId: conversation.id, senderId: null, clientKey: "k", ...text("Hi") });
    const failed = await recordOutboundFailure(handle.db, message.id, {
      code: 131026,
      title: "Message undeliverable",
      details: "WhatsApp could not deliver the message.",
      outcomeUnknown: false,
    });
    expect(failed).toMatchObject({ status: "failed", errorCode: 131026, errorTitle: "Message undeliverable" });
    const [first, second] = await Promise.all([claimFailedForRetry(handle.db, message.id), claimFailedForRetry(handle.db, message.id)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(first ?? second).toMatchObject({ status: "pending", errorCode: null, wamid: null });
  });

  it("keeps an unknown outcome pending, not failed, so it is never resent blindly", async () => {
    const conversation = await seedConversation(handle);
    const { message } = await insertPendingOutbound(handle.db, { conversationId: conversation.id, senderId: null, clientKey: "k", ...text("Hi") });
    const unknown = await recordOutboundFailure(handle.db, message.id, {
      code: 2,
      title: "WhatsApp is having trouble",
      details: "No answer",
      outcomeUnknown: true,
    });
    expect(unknown).toMatchObject({ status: "pending", errorCode: 2 });
    expect(isOutcomeUnknown(unknown!)).toBe(true);
    expect(await claimFailedForRetry(handle.db, message.id)).toBeUndefined();
    const claimed = await claimUnknownOutcomeForRetry(handle.db, message.id);
    expect(claimed).toMatchObject({ status: "pending", errorTitle: null });
    expect(await claimUnknownOutcomeForRetry(handle.db, message.id)).toBeUndefined();
  });
});
