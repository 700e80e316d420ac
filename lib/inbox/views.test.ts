import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import {
  customerSummary,
  findConversation,
  listAssignableUsers,
  listConversations,
  listInboxPhoneNumbers,
  listMessages,
  listUsableMedia,
} from "@/db/queries/conversations";
import { contacts, conversations, media, messages, phoneNumbers, users } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import type { ConsentView } from "@/lib/contacts/views";

import {
  conversationListView,
  conversationView,
  inboxAgentsView,
  inboxMediaView,
  inboxPhoneNumbersView,
  messageListView,
  type ConversationListPage,
  type ConversationView,
  type InboxAgentList,
  type InboxMediaList,
  type InboxPhoneNumberList,
  type MessageListPage,
} from "./views";

/** What the browser reads: the answer through `Response.json`, as a route sends it. */
async function overTheWire<T>(answer: unknown): Promise<T> {
  return (await Response.json(answer).json()) as T;
}

const now = new Date("2025-03-10T12:00:00Z");
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe.each(testDatabases)("the inbox's answers on $name", (database) => {
  let handle: DatabaseHandle;
  let agentId: string;
  let conversationId: string;

  beforeAll(async () => {
    handle = await database.open();
    const { db } = handle;
    const [agent] = await db.insert(users).values({ email: "agent@x.test", name: "Agent A", passwordHash: "x", role: "agent" }).returning();
    agentId = agent!.id;
    await db.insert(phoneNumbers).values({ id: "pn-1", wabaId: "w-1", displayPhoneNumber: "+1 555 0100", verifiedName: "Acme" });
    await db.insert(contacts).values({
      waId: "14155550123",
      phoneNumber: "14155550123",
      profileName: "Maya Thompson",
      displayName: "Maya (wholesale)",
      consent: "opted_out",
      consentSource: "keyword",
      consentAt: ago(40),
    });
    const [conversation] = await db
      .insert(conversations)
      .values({ phoneNumberId: "pn-1", waId: "14155550123", lastInboundAt: ago(30), lastMessageAt: ago(10), lastMessagePreview: "Thanks!", assigneeId: agentId })
      .returning();
    conversationId = conversation!.id;
    await db.insert(messages).values([
      { conversationId, wamid: "w.1", direction: "inbound", type: "text", content: { text: { body: "Where is my order?" } }, sentAt: ago(30) },
      {
        conversationId,
        wamid: "w.2",
        direction: "outbound",
        type: "text",
        content: { text: { body: "On its way" } },
        sentAt: ago(10),
        status: "read",
        statusAt: ago(5),
        replyToWamid: "w.1",
        pricing: { category: "service", billable: false },
      },
    ]);
    await db.insert(media).values({
      id: "media-1",
      phoneNumberId: "pn-1",
      kind: "image",
      mimeType: "image/png",
      fileName: "map.png",
      size: 1234,
      sha256: "ab".repeat(32),
      uploadedAt: ago(60),
      expiresAt: new Date(Date.now() + 24 * 60 * 60_000),
    });
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("a conversation list page carries its rows as JSON makes them: times as ISO strings, the cursor as the route made it", async () => {
    const page = await listConversations(handle.db, { userId: agentId, scope: ALL_CONNECTIONS, now });
    const answer = await overTheWire<ConversationListPage>(conversationListView(page, "opaque"));
    expectTypeOf(answer.conversations[0]!.lastMessageAt).toEqualTypeOf<string | null>();
    expect(answer.nextCursor).toBe("opaque");
    expect(answer.conversations).toEqual([
      expect.objectContaining({
        id: conversationId,
        customerName: "Maya Thompson",
        customerDisplayName: "Maya (wholesale)",
        customerPhone: "14155550123",
        assigneeName: "Agent A",
        lastInboundAt: ago(30).toISOString(),
        lastMessageAt: ago(10).toISOString(),
        lastMessagePreview: "Thanks!",
      }),
    ]);
  });

  it("a conversation carries its number, its contact and consent, and the customer panel's counts, the times as ISO strings", async () => {
    const conversation = await findConversation(handle.db, conversationId);
    const [contact] = await handle.db.select({ id: contacts.id }).from(contacts);
    const answer = await overTheWire<ConversationView>(conversationView(conversation!, await customerSummary(handle.db, conversationId, ALL_CONNECTIONS)));
    expectTypeOf(answer.customer.recentInboundAt).toEqualTypeOf<string[]>();
    expectTypeOf(answer.consent).toEqualTypeOf<ConsentView>();
    expect(answer).toMatchObject({
      id: conversationId,
      contactId: contact!.id,
      customerDisplayName: "Maya (wholesale)",
      consent: { state: "opted_out", source: "keyword", at: ago(40).toISOString() },
      customerDeletedAt: null,
      status: "open",
      lastInboundAt: ago(30).toISOString(),
      phoneNumber: { id: "pn-1", wabaId: "w-1", displayPhoneNumber: "+1 555 0100", verifiedName: "Acme" },
      customer: {
        firstContactAt: ago(30).toISOString(),
        conversations: { total: 1, open: 1, resolved: 0 },
        messages: { inbound: 1, outbound: 1 },
        recentInboundAt: [ago(30).toISOString()],
      },
    });
    expect(typeof answer.createdAt).toBe("string");
  });

  it("a conversation whose customer cannot be summarised counts itself alone", async () => {
    const conversation = await findConversation(handle.db, conversationId);
    const answer = await overTheWire<ConversationView>(conversationView(conversation!, undefined));
    expect(answer.customer).toEqual({
      firstContactAt: null,
      conversations: { total: 1, open: 0, resolved: 0 },
      messages: { inbound: 0, outbound: 0 },
      recentInboundAt: [],
    });
  });

  it("a message page carries its messages newest first with the ones their replies quote, as JSON makes them", async () => {
    const answer = await overTheWire<MessageListPage>(messageListView(await listMessages(handle.db, conversationId), null));
    expectTypeOf(answer.messages[0]!.sentAt).toEqualTypeOf<string>();
    expect(answer.nextCursor).toBeNull();
    expect(answer.messages.map((message) => message.wamid)).toEqual(["w.2", "w.1"]);
    expect(answer.messages[0]).toMatchObject({
      sentAt: ago(10).toISOString(),
      status: "read",
      statusAt: ago(5).toISOString(),
      pricing: { category: "service", billable: false },
    });
    expect(answer.quoted.map((message) => message.wamid)).toEqual(["w.1"]);
  });

  it("the assignable people, numbers and attachable media are answered with what the pickers show", async () => {
    const agents = await overTheWire<InboxAgentList>(inboxAgentsView(await listAssignableUsers(handle.db)));
    expect(agents).toEqual({ agents: [{ id: agentId, name: "Agent A", email: "agent@x.test", availability: "available" }] });
    const numbers = await overTheWire<InboxPhoneNumberList>(inboxPhoneNumbersView(await listInboxPhoneNumbers(handle.db, ALL_CONNECTIONS)));
    expect(numbers).toEqual({ phoneNumbers: [{ id: "pn-1", displayPhoneNumber: "+1 555 0100", verifiedName: "Acme" }] });
    const attachable = await overTheWire<InboxMediaList>(inboxMediaView(await listUsableMedia(handle.db, "pn-1")));
    expect(attachable).toEqual({ media: [{ id: "media-1", kind: "image", mimeType: "image/png", fileName: "map.png", size: 1234 }] });
  });
});
