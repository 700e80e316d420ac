import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { insertUser } from "@/db/queries/users";
import { contacts, conversations, phoneNumbers } from "@/db/schema";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";

import { dismissSnoozeMarkAction, snoozeConversationAction, unsnoozeConversationAction } from "./snooze";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe.each(testDatabases)("snooze actions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let agentId: string;
  let ownConversation: string;
  let otherConversation: string;
  const snoozedUntilOf = async (id: string) =>
    (await handle.db.select({ snoozedUntil: conversations.snoozedUntil }).from(conversations).where(eq(conversations.id, id)))[0]!.snoozedUntil;

  beforeAll(async () => {
    handle = await testDatabase.open();
    await insertTwoConnections(handle.db);
    agentId = (await insertUser(handle.db, { email: "agent@snooze.test", name: "The agent", role: "agent", passwordHash: "x" }))!.id;
    await replaceConnectionAccess(handle.db, agentId, { all: false, connectionIds: ["conn-a"] });
    await handle.db.insert(phoneNumbers).values([
      { id: "pn-snooze-a", wabaId: "waba-a", connectionId: "conn-a" },
      { id: "pn-snooze-b", wabaId: "waba-b", connectionId: "conn-b" },
    ]);
    await handle.db.insert(contacts).values([
      { waId: "14155550181", phoneNumber: "14155550181" },
      { waId: "14155550182", phoneNumber: "14155550182" },
    ]);
    const [own, other] = await handle.db
      .insert(conversations)
      .values([
        { phoneNumberId: "pn-snooze-a", waId: "14155550181", lastInboundAt: new Date(Date.now() - 60_000) },
        { phoneNumberId: "pn-snooze-b", waId: "14155550182", lastInboundAt: new Date(Date.now() - 60_000) },
      ])
      .returning();
    ownConversation = own!.id;
    otherConversation = other!.id;
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
  });
  const signIn = async () => {
    session.current = { userId: agentId, sessionId: (await startSession(handle.db, { userId: agentId })).id };
  };

  it("refuses every snooze action without a session, changing nothing", async () => {
    expect((await snoozeConversationAction({ conversationId: ownConversation, until: inHours(3) })).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await unsnoozeConversationAction({ conversationId: ownConversation })).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await dismissSnoozeMarkAction({ conversationId: ownConversation })).serverError?.code).toBe("UNAUTHENTICATED");
    expect(await snoozedUntilOf(ownConversation)).toBeNull();
  });

  it("answers a time that is not one, a past one, one too far ahead and a conversation out of reach at their fields", async () => {
    await signIn();
    const notATime = await snoozeConversationAction({ conversationId: ownConversation, until: "tomorrow" });
    expect(notATime.validationErrors).toMatchObject({ until: { _errors: ["The time to snooze until is not a valid date and time."] } });
    const past = await snoozeConversationAction({ conversationId: ownConversation, until: inHours(-1) });
    expect(past.serverError).toMatchObject({ code: "INVALID_INPUT", field: "until", message: "Choose a time in the future to snooze until." });
    const tooFar = await snoozeConversationAction({ conversationId: ownConversation, until: inHours(91 * 24) });
    expect(tooFar.serverError).toMatchObject({ code: "INVALID_INPUT", field: "until", message: "Choose a time at most 90 days ahead." });
    const hidden = await snoozeConversationAction({ conversationId: otherConversation, until: inHours(3) });
    expect(hidden.serverError).toMatchObject({ code: "NOT_FOUND", field: "conversationId" });
    expect(await snoozedUntilOf(ownConversation)).toBeNull();
    expect(await snoozedUntilOf(otherConversation)).toBeNull();
  });

  it("snoozes, keeps the snooze when the conversation is opened, and unsnoozes", async () => {
    await signIn();
    const until = inHours(3);
    const snoozed = await snoozeConversationAction({ conversationId: ownConversation, until });
    expect(snoozed.data).toEqual({ conversationId: ownConversation, snoozedUntil: new Date(until).toISOString() });
    expect(await snoozedUntilOf(ownConversation)).toEqual(new Date(until));
    // Opening a conversation still snoozed is not dealing with its return.
    expect((await dismissSnoozeMarkAction({ conversationId: ownConversation })).data).toEqual({ conversationId: ownConversation, changed: false });
    expect((await unsnoozeConversationAction({ conversationId: ownConversation })).data).toEqual({ conversationId: ownConversation, changed: true });
    expect(await snoozedUntilOf(ownConversation)).toBeNull();
  });
});
