import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { contacts, conversations, messages, phoneNumbers, users } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { openTestSessions } from "@/db/test-sessions";
import { GatewayTimeoutError, GraphError } from "@/lib/gateway";

import {
  assignConversationAction,
  markReadAction,
  reactAction,
  retryMessageAction,
  sendMessageAction,
  sendTemplateAction,
  setConversationStatusAction,
  typingAction,
} from "./inbox";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: `test-session-${session.userId}`, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as DatabaseHandle | undefined }));
vi.mock("@/db", () => ({ getDb: async () => database.handle!.db }));

const fakeGateway = vi.hoisted(() => ({
  sendMessage: vi.fn(),
  markAsRead: vi.fn(),
  sendTypingIndicator: vi.fn(),
  listAllTemplates: vi.fn(),
}));
vi.mock("@/lib/gateway/server", () => ({
  gateway: () => ({
    messages: { sendMessage: fakeGateway.sendMessage, markAsRead: fakeGateway.markAsRead, sendTypingIndicator: fakeGateway.sendTypingIndicator },
    templates: { listAllTemplates: fakeGateway.listAllTemplates },
  }),
}));

// Work scheduled with `after()` (outside a request here) runs at once; tests await it through `background`.
// What the server logs: a failed typing indicator is logged, not shown to the agent.
const logged = vi.hoisted(() => ({ warn: vi.fn() }));
vi.mock("@/lib/log", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/log")>();
  return { ...actual, logger: (area: string) => Object.assign(actual.logger(area).child({}), { warn: logged.warn }) };
});
const background = vi.hoisted(() => ({ tasks: [] as Promise<unknown>[] }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: unknown) => {
    background.tasks.push(Promise.resolve(typeof task === "function" ? (task as () => unknown)() : task));
  },
}));
const settleBackground = async () => {
  await Promise.all(background.tasks.splice(0));
};

const HOUR = 60 * 60 * 1000;
let counter = 0;
const key = () => `test-key-${Date.now()}-${(counter += 1)}`;

async function conversationWith(lastInboundMsAgo: number | null) {
  const { db } = database.handle!;
  const waId = `1555${String(Date.now()).slice(-7)}${counter++}`;
  await db.insert(contacts).values({ waId, profileName: "Customer" });
  const lastInboundAt = lastInboundMsAgo === null ? null : new Date(Date.now() - lastInboundMsAgo);
  const [row] = await db
    .insert(conversations)
    .values({ phoneNumberId: "pn-1", waId, lastInboundAt, lastMessageAt: lastInboundAt ?? new Date() })
    .returning();
  if (lastInboundAt) {
    await db.insert(messages).values({
      conversationId: row!.id,
      wamid: `wamid.in.${row!.id}`,
      direction: "inbound",
      type: "text",
      content: { text: { body: "hello" } },
      sentAt: lastInboundAt,
    });
  }
  return row!;
}

const messagesOf = (conversationId: string) =>
  database.handle!.db.select().from(messages).where(eq(messages.conversationId, conversationId));
const outboundOf = async (conversationId: string) => (await messagesOf(conversationId)).filter((m) => m.direction === "outbound");

describe("inbox actions", () => {
  beforeAll(async () => {
    database.handle = await testDatabases[0]!.open();
    await seedDemoUsers(database.handle.db);
    // These tests work on numbers of every connection (some of no known connection): everyone may see them all.
    await database.handle.db.update(users).set({ allConnections: true });
    await openTestSessions(database.handle.db);
    await database.handle.db.insert(phoneNumbers).values({ id: "pn-1", wabaId: "waba-1", connectionId: null, displayPhoneNumber: "+1 555 0100" });
  });
  afterAll(async () => {
    await database.handle?.close();
  });
  beforeEach(async () => {
    session.userId = (await findUserByEmail(database.handle!.db, "agent@demo.test"))!.id;
    fakeGateway.sendMessage.mockReset();
    fakeGateway.markAsRead.mockReset();
    fakeGateway.sendTypingIndicator.mockReset();
    fakeGateway.listAllTemplates.mockReset();
    let wamids = 0;
    fakeGateway.sendMessage.mockImplementation(async () => ({ messageId: `wamid.out.${Date.now()}.${(wamids += 1)}` }));
  });

  it("refuses every action without a session, and stores nothing", async () => {
    session.userId = undefined;
    const conversation = await conversationWith(HOUR);
    const results = await Promise.all([
      sendMessageAction({ conversationId: conversation.id, clientKey: key(), message: { kind: "text", body: "hi" } }),
      sendTemplateAction({ conversationId: conversation.id, clientKey: key(), templateName: "hello_world", languageCode: "en_US", values: {} }),
      reactAction({ conversationId: conversation.id, clientKey: key(), messageId: conversation.id, emoji: "👍" }),
      retryMessageAction({ messageId: conversation.id }),
      assignConversationAction({ conversationId: conversation.id, assigneeId: null }),
      setConversationStatusAction({ conversationId: conversation.id, status: "resolved" }),
      markReadAction({ conversationId: conversation.id }),
    ]);
    for (const result of results) expect(result.serverError?.code).toBe("UNAUTHENTICATED");
    expect(await outboundOf(conversation.id)).toHaveLength(0);
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
  });

  it("sends as the signed-in user, on the number's connection, once per client key", async () => {
    const conversation = await conversationWith(HOUR);
    const clientKey = key();
    const input = { conversationId: conversation.id, clientKey, message: { kind: "text" as const, body: "On its way 🚚" } };
    const [first, second] = [await sendMessageAction(input), await sendMessageAction(input)];
    expect(first.data).toMatchObject({ sent: true, status: "pending" });
    expect(second.data).toMatchObject({ sent: false, messageId: first.data!.messageId });
    expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
    const [phoneNumberId, payload, options] = fakeGateway.sendMessage.mock.calls[0]!;
    expect(phoneNumberId).toBe("pn-1");
    expect(payload).toMatchObject({ to: conversation.waId, type: "text", text: { body: "On its way 🚚" } });
    expect(options).toEqual({ connectionId: undefined, idempotencyKey: clientKey });
    const [stored] = await outboundOf(conversation.id);
    expect(stored).toMatchObject({ clientKey, senderId: session.userId, type: "text", content: { text: { body: "On its way 🚚" } } });
  });

  it("names the field and the limit for bad input, and changes nothing", async () => {
    const conversation = await conversationWith(HOUR);
    const tooLong = await sendMessageAction({ conversationId: conversation.id, clientKey: key(), message: { kind: "text", body: "x".repeat(4097) } });
    expect(JSON.stringify(tooLong.validationErrors)).toContain("Message text must be at most 4096 characters");
    const buttons = await sendMessageAction({
      conversationId: conversation.id,
      clientKey: key(),
      message: { kind: "buttons", body: "Pick", buttons: [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `Option ${n}` })) },
    });
    expect(JSON.stringify(buttons.validationErrors)).toContain("At most 3 buttons");
    expect(await outboundOf(conversation.id)).toHaveLength(0);
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
  });

  it("refuses free-form outside the 24-hour window with WhatsApp's explanation, before the gateway", async () => {
    for (const conversation of [await conversationWith(25 * HOUR), await conversationWith(24 * HOUR), await conversationWith(null)]) {
      const result = await sendMessageAction({ conversationId: conversation.id, clientKey: key(), message: { kind: "text", body: "Hello?" } });
      expect(result.serverError).toMatchObject({ code: "WINDOW_CLOSED" });
      expect(result.serverError?.message).toContain("24-hour window closed");
      expect(result.serverError?.message).toContain("Send an approved template");
      expect(await outboundOf(conversation.id)).toHaveLength(0);
    }
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
  });

  it("sends a template outside the window, with its filled text kept for the inbox", async () => {
    const conversation = await conversationWith(25 * HOUR);
    fakeGateway.listAllTemplates.mockResolvedValue([
      {
        id: "1",
        name: "order_confirmation",
        language: "en_US",
        status: "APPROVED",
        category: "UTILITY",
        components: [
          { type: "BODY", text: "Hi {{1}}, your order {{2}} ships today." },
          { type: "BUTTONS", buttons: [{ type: "URL", text: "Track", url: "https://x.test/{{1}}" }] },
        ],
      },
    ]);
    const missing = await sendTemplateAction({
      conversationId: conversation.id,
      clientKey: key(),
      templateName: "order_confirmation",
      languageCode: "en_US",
      values: { body: ["Maya", ""], buttons: { "0": "42" } },
    });
    expect(missing.serverError).toMatchObject({ code: "INVALID_INPUT", field: "values.body.1" });
    const result = await sendTemplateAction({
      conversationId: conversation.id,
      clientKey: key(),
      templateName: "order_confirmation",
      languageCode: "en_US",
      values: { body: ["Maya", "#42"], buttons: { "0": "42" } },
    });
    expect(result.data).toMatchObject({ sent: true });
    const [, payload] = fakeGateway.sendMessage.mock.calls[0]!;
    expect(payload.template.components).toEqual([
      { type: "body", parameters: [{ type: "text", text: "Maya" }, { type: "text", text: "#42" }] },
      { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "42" }] },
    ]);
    const [stored] = await outboundOf(conversation.id);
    expect(stored!.content.rendered).toMatchObject({ body: "Hi Maya, your order #42 ships today." });
  });

  it("answers a gateway failure as the send's outcome, and a retry as the same message", async () => {
    const conversation = await conversationWith(HOUR);
    fakeGateway.sendMessage.mockRejectedValueOnce(
      new GraphError(400, { message: "Message undeliverable", code: 131026, error_data: { details: "Recipient unknown" } }, {}, { method: "POST", path: "pn-1/messages" }),
    );
    const sent = await sendMessageAction({ conversationId: conversation.id, clientKey: key(), message: { kind: "text", body: "Hi" } });
    expect(sent.data).toMatchObject({ status: "failed", error: { code: 131026, title: "Message undeliverable" } });
    const retried = await retryMessageAction({ messageId: sent.data!.messageId });
    expect(retried.data).toMatchObject({ messageId: sent.data!.messageId, sent: true });
    expect((await retryMessageAction({ messageId: sent.data!.messageId })).serverError).toMatchObject({ code: "NOT_RETRYABLE" });
  });

  it("shows the inbox's refusals with their code and field, and a lost answer's as OUTCOME_UNKNOWN", async () => {
    const conversation = await conversationWith(HOUR);
    const gone = await sendMessageAction({ conversationId: "00000000-0000-4000-8000-000000000000", clientKey: key(), message: { kind: "text", body: "Hi" } });
    expect(gone.serverError).toMatchObject({ code: "NOT_FOUND", field: "conversationId", message: "This conversation does not exist (any more)." });
    const inbound = (await messagesOf(conversation.id))[0]!;
    expect((await retryMessageAction({ messageId: inbound.id })).serverError).toMatchObject({ code: "NOT_FOUND", field: "messageId" });
    fakeGateway.sendMessage.mockRejectedValueOnce(new GatewayTimeoutError(15_000, { method: "POST", path: "pn-1/messages" }, true));
    const lost = await sendMessageAction({ conversationId: conversation.id, clientKey: key(), message: { kind: "text", body: "Hi" } });
    expect(lost.data).toMatchObject({ status: "pending", error: { outcomeUnknown: true } });
    expect((await retryMessageAction({ messageId: lost.data!.messageId })).serverError?.code).toBe("OUTCOME_UNKNOWN");
    expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
  });

  it("reacts to a sent message as the signed-in user, and refuses a message of another conversation", async () => {
    const conversation = await conversationWith(HOUR);
    const inbound = (await messagesOf(conversation.id))[0]!;
    const reacted = await reactAction({ conversationId: conversation.id, clientKey: key(), messageId: inbound.id, emoji: "👍" });
    expect(reacted.data).toMatchObject({ sent: true });
    const [, payload] = fakeGateway.sendMessage.mock.calls[0]!;
    expect(payload).toMatchObject({ type: "reaction", reaction: { message_id: inbound.wamid, emoji: "👍" } });
    const other = await conversationWith(HOUR);
    const elsewhere = await reactAction({ conversationId: other.id, clientKey: key(), messageId: inbound.id, emoji: "👍" });
    expect(elsewhere.serverError).toMatchObject({ code: "INVALID_INPUT", field: "messageId" });
  });

  it("refuses a link button with a non-https link or a long label, and a location request outside the window", async () => {
    const conversation = await conversationWith(HOUR);
    const http = await sendMessageAction({
      conversationId: conversation.id,
      clientKey: key(),
      message: { kind: "link_button", body: "Track it", buttonLabel: "t".repeat(21), url: "http://shop.example.com" },
    });
    expect(JSON.stringify(http.validationErrors)).toContain("Link must start with https://");
    expect(JSON.stringify(http.validationErrors)).toContain("Button label must be at most 20 characters");
    const closed = await conversationWith(25 * HOUR);
    const late = await sendMessageAction({ conversationId: closed.id, clientKey: key(), message: { kind: "location_request", body: "Where?" } });
    expect(late.serverError).toMatchObject({ code: "WINDOW_CLOSED" });
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
  });

  it("shows typing… on the customer's latest message, at most once per 20 seconds, and marks it read", async () => {
    const conversation = await conversationWith(HOUR);
    await database.handle!.db.update(conversations).set({ unreadCount: 2 }).where(eq(conversations.id, conversation.id));
    fakeGateway.sendTypingIndicator.mockResolvedValue(true);
    expect((await typingAction({ conversationId: conversation.id })).data).toEqual({ scheduled: true });
    await settleBackground();
    expect(fakeGateway.sendTypingIndicator).toHaveBeenCalledWith("pn-1", `wamid.in.${conversation.id}`, { connectionId: undefined });
    const [row] = await database.handle!.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row!.unreadCount).toBe(0);
    expect((await typingAction({ conversationId: conversation.id })).data).toEqual({ scheduled: false });
    await settleBackground();
    expect(fakeGateway.sendTypingIndicator).toHaveBeenCalledTimes(1);
    expect(fakeGateway.markAsRead).not.toHaveBeenCalled();
  });

  it("refuses typing… when the window is closed or the customer never wrote, before the gateway", async () => {
    for (const conversation of [await conversationWith(25 * HOUR), await conversationWith(null)]) {
      const result = await typingAction({ conversationId: conversation.id });
      expect(result.serverError).toMatchObject({ code: "WINDOW_CLOSED" });
    }
    await settleBackground();
    expect(fakeGateway.sendTypingIndicator).not.toHaveBeenCalled();
    session.userId = undefined;
    expect((await typingAction({ conversationId: (await conversationWith(HOUR)).id })).serverError?.code).toBe("UNAUTHENTICATED");
  });

  it("keeps a failed typing indicator quiet: logged on the server, nothing for the agent", async () => {
    const conversation = await conversationWith(HOUR);
    fakeGateway.sendTypingIndicator.mockRejectedValueOnce(new GatewayTimeoutError(15_000, { method: "POST", path: "pn-1/messages" }, true));
    logged.warn.mockClear();
    const result = await typingAction({ conversationId: conversation.id });
    await settleBackground();
    expect(result.data).toEqual({ scheduled: true });
    expect(result.serverError).toBeUndefined();
    expect(logged.warn).toHaveBeenCalledWith(
      { err: expect.any(GatewayTimeoutError), conversationId: conversation.id },
      "typing indicator not shown",
    );
  });

  it("assigns, resolves and marks read with a read receipt for the newest inbound message", async () => {
    const conversation = await conversationWith(HOUR);
    const agentId = session.userId!;
    expect((await assignConversationAction({ conversationId: conversation.id, assigneeId: agentId })).data).toEqual({ conversationId: conversation.id, assigneeId: agentId });
    const nobody = await assignConversationAction({ conversationId: conversation.id, assigneeId: "00000000-0000-4000-8000-000000000000" });
    expect(nobody.serverError).toMatchObject({ field: "assigneeId" });
    expect((await setConversationStatusAction({ conversationId: conversation.id, status: "resolved" })).data?.status).toBe("resolved");
    fakeGateway.markAsRead.mockResolvedValue(true);
    expect((await markReadAction({ conversationId: conversation.id })).data).toEqual({ receiptSent: true });
    expect(fakeGateway.markAsRead).toHaveBeenCalledWith("pn-1", `wamid.in.${conversation.id}`, { connectionId: undefined });
  });
});
