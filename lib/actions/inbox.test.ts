import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { contacts, conversations, messages, phoneNumbers } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { GatewayTimeoutError, GraphError } from "@/lib/gateway";

import {
  assignConversationAction,
  markReadAction,
  retryMessageAction,
  sendMessageAction,
  sendTemplateAction,
  setConversationStatusAction,
  typingAction,
} from "./inbox";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, expires: "" } : null),
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
      retryMessageAction({ messageId: conversation.id }),
      assignConversationAction({ conversationId: conversation.id, assigneeId: null }),
      setConversationStatusAction({ conversationId: conversation.id, status: "resolved" }),
      markReadAction({ conversationId: conversation.id }),
    ]);
    for (const result of results) expect(result.serverError?.code).toBe("UNAUTHENTICATED");
    expect(await outboundOf(conversation.id)).toHaveLength(0);
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
  });

  it("sends text through the gateway once per client key, with the number's connection", async () => {
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
    expect(stored).toMatchObject({ clientKey, type: "text", content: { text: { body: "On its way 🚚" } } });
    expect(stored!.wamid).toMatch(/^wamid\.out\./);
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

  it("keeps a refused send as failed with the plain explanation, and a retry sends once more", async () => {
    const conversation = await conversationWith(HOUR);
    fakeGateway.sendMessage.mockRejectedValueOnce(
      new GraphError(400, { message: "Message undeliverable", code: 131026, error_data: { details: "Recipient unknown" } }, {}, { method: "POST", path: "pn-1/messages" }),
    );
    const sent = await sendMessageAction({ conversationId: conversation.id, clientKey: key(), message: { kind: "text", body: "Hi" } });
    expect(sent.data).toMatchObject({ status: "failed", error: { code: 131026, title: "Message undeliverable" } });
    const [failed] = await outboundOf(conversation.id);
    expect(failed).toMatchObject({ status: "failed", errorCode: 131026, errorTitle: "Message undeliverable" });
    expect(failed!.errorDetails).toContain("could not deliver");

    const [retryA, retryB] = await Promise.all([retryMessageAction({ messageId: failed!.id }), retryMessageAction({ messageId: failed!.id })]);
    expect([retryA, retryB].filter((result) => result.data?.sent)).toHaveLength(1);
    expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(2);
    const rows = await outboundOf(conversation.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", errorCode: null });
    expect(rows[0]!.wamid).toMatch(/^wamid\.out\./);
    expect((await retryMessageAction({ messageId: failed!.id })).serverError?.code).toBe("NOT_RETRYABLE");
  });

  it("does not resend blindly when the gateway's answer was lost", async () => {
    const conversation = await conversationWith(HOUR);
    fakeGateway.sendMessage.mockRejectedValueOnce(new GatewayTimeoutError(15_000, { method: "POST", path: "pn-1/messages" }, true));
    const sent = await sendMessageAction({ conversationId: conversation.id, clientKey: key(), message: { kind: "text", body: "Hi" } });
    expect(sent.data).toMatchObject({ status: "pending", error: { outcomeUnknown: true } });
    const retry = await retryMessageAction({ messageId: sent.data!.messageId });
    expect(retry.serverError?.code).toBe("OUTCOME_UNKNOWN");
    expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
  });

  it("sends a link button and a location request as WhatsApp's interactive objects, and keeps them for the inbox", async () => {
    const conversation = await conversationWith(HOUR);
    const link = await sendMessageAction({
      conversationId: conversation.id,
      clientKey: key(),
      message: { kind: "link_button", body: "Your order is on its way.", header: "Order #4512", footer: "", buttonLabel: " Track order ", url: " https://shop.example.com/orders/4512 " },
    });
    expect(link.data).toMatchObject({ sent: true });
    const where = await sendMessageAction({ conversationId: conversation.id, clientKey: key(), message: { kind: "location_request", body: "Where should we deliver?" } });
    expect(where.data).toMatchObject({ sent: true });
    const [linkPayload, wherePayload] = fakeGateway.sendMessage.mock.calls.map(([, payload]) => payload as Record<string, unknown>);
    expect(linkPayload!.interactive).toEqual({
      type: "cta_url",
      header: { type: "text", text: "Order #4512" },
      body: { text: "Your order is on its way." },
      action: { name: "cta_url", parameters: { display_text: "Track order", url: "https://shop.example.com/orders/4512" } },
    });
    expect(wherePayload!.interactive).toEqual({ type: "location_request_message", body: { text: "Where should we deliver?" }, action: { name: "send_location" } });
    const stored = await outboundOf(conversation.id);
    expect(stored.map((message) => (message.content.interactive as { type: string }).type).sort()).toEqual(["cta_url", "location_request_message"]);
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
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const result = await typingAction({ conversationId: conversation.id });
      await settleBackground();
      expect(result.data).toEqual({ scheduled: true });
      expect(result.serverError).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(conversation.id), expect.any(GatewayTimeoutError));
    } finally {
      warn.mockRestore();
    }
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
