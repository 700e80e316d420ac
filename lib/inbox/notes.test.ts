/**
 * Private notes on both databases: stored, never sent (every send and retry path refuses a note and
 * the gateway is never called), mentions checked and notified, visibility followed, and the export.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { conversations, messages, notifications } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { ActionError } from "@/lib/actions/errors";
import { connectionScopeOf } from "@/lib/auth/connection-access";
import type { GatewayClient } from "@/lib/gateway";
import { inEnglish } from "@/lib/i18n/translators";
import { conversationWith, HOUR, messageIn, OTHER_NUMBER, seedBusinesses, userOf } from "@/app/api/v1/_operations/resources-test-setup";

import { openConversationExport } from "./export";
import { addNote } from "./notes";
import { OutboundRefusal, retryMessage, sendMessage } from "./outbound";

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as Error);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

describe.each(testDatabases)("private notes on $name", (database) => {
  let handle: DatabaseHandle;
  let gatewayCalls = 0;
  /** A gateway that only counts: nothing in this file may reach it. */
  const gateway = {
    messages: {
      sendMessage: async () => {
        gatewayCalls += 1;
        throw new Error("a note reached the gateway");
      },
    },
    templates: { listAllTemplates: async () => [] },
  } as unknown as GatewayClient;
  let agent: { id: string; connections: Awaited<ReturnType<typeof connectionScopeOf>> };
  let marketerId: string;
  let adminId: string;

  beforeAll(async () => {
    handle = await database.open();
    await seedBusinesses(handle.db);
    const agentUser = await userOf(handle.db, "agent");
    agent = { id: agentUser.id, connections: await connectionScopeOf(handle.db, agentUser) };
    marketerId = (await userOf(handle.db, "marketer")).id;
    adminId = (await userOf(handle.db, "admin")).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it("stores a note once under its key, leaves the conversation's last message and unread count, and notifies the mentioned teammate", async () => {
    const conversation = await conversationWith(handle.db, { preview: "Where is my parcel?" });
    await handle.db.update(conversations).set({ unreadCount: 2 }).where(eq(conversations.id, conversation.id));
    const input = { conversationId: conversation.id, body: "  @Marketer can you check the refund?  ", mentionIds: [marketerId], clientKey: "b7f0c1de-0000-4000-8000-000000000001" };
    const first = await addNote(handle.db, agent, input);
    const again = await addNote(handle.db, agent, input);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, message: { id: first.message.id } });
    expect(first.message).toMatchObject({
      type: "note",
      direction: "outbound",
      status: null,
      wamid: null,
      senderId: agent.id,
      clientKey: "note:b7f0c1de-0000-4000-8000-000000000001",
      content: { note: { body: "@Marketer can you check the refund?", mentions: [{ userId: marketerId }] } },
    });
    const [after] = await handle.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(after).toMatchObject({ lastMessagePreview: "Where is my parcel?", lastMessageDirection: "inbound", unreadCount: 2 });
    const told = await handle.db.select().from(notifications).where(eq(notifications.messageId, first.message.id));
    expect(told).toEqual([expect.objectContaining({ userId: marketerId, kind: "mention", actorId: agent.id, conversationId: conversation.id })]);
  });

  it("refuses an empty or too long note and a mention of someone who cannot work on the number, with the field, storing nothing", async () => {
    const conversation = await conversationWith(handle.db);
    const empty = await failure(addNote(handle.db, agent, { conversationId: conversation.id, body: "   ", mentionIds: [], clientKey: "k-empty-0001" }));
    expect(empty).toBeInstanceOf(ActionError);
    expect((empty as ActionError).field).toBe("body");
    const long = await failure(addNote(handle.db, agent, { conversationId: conversation.id, body: "x".repeat(4097), mentionIds: [], clientKey: "k-long-0001" }));
    expect((long as ActionError).field).toBe("body");

    // The agent works in the first connection only: an admin's note on the other number cannot mention them.
    const elsewhere = await conversationWith(handle.db, { phoneNumberId: OTHER_NUMBER });
    const admin = { id: adminId, connections: ALL_CONNECTIONS };
    const noAccess = await failure(addNote(handle.db, admin, { conversationId: elsewhere.id, body: "@Agent look", mentionIds: [agent.id], clientKey: "k-access-0001" }));
    expect(noAccess).toMatchObject({ code: "INVALID_INPUT", field: "mentionIds" });
    const unknown = await failure(
      addNote(handle.db, admin, { conversationId: elsewhere.id, body: "Hi", mentionIds: ["00000000-0000-4000-8000-000000000009"], clientKey: "k-unknown-01" }),
    );
    expect(unknown).toMatchObject({ field: "mentionIds" });
    // And the agent cannot write in a conversation they may not see: refused as a missing one.
    const hidden = await failure(addNote(handle.db, agent, { conversationId: elsewhere.id, body: "Hi", mentionIds: [], clientKey: "k-hidden-001" }));
    expect(hidden).toMatchObject({ code: "NOT_FOUND" });
    const stored = await handle.db.select().from(messages).where(eq(messages.type, "note"));
    expect(stored.filter((row) => row.conversationId === conversation.id || row.conversationId === elsewhere.id)).toHaveLength(0);
  });

  it("allows a note when the 24-hour window is closed, and no path sends it: retry and a send under its key are refused before the gateway", async () => {
    const closed = await conversationWith(handle.db, { wroteAgo: 30 * HOUR });
    const { message: note } = await addNote(handle.db, agent, { conversationId: closed.id, body: "Customer called, will write back", mentionIds: [], clientKey: "k-closed-0001" });
    gatewayCalls = 0;

    const retried = await failure(retryMessage(handle.db, { messageId: note.id, scope: agent.connections }, { gateway }));
    expect(retried).toBeInstanceOf(OutboundRefusal);
    expect(retried).toMatchObject({ code: "NOT_RETRYABLE" });

    // Even marked failed (as no code path does), a note is not retried.
    await handle.db.update(messages).set({ status: "failed" }).where(eq(messages.id, note.id));
    expect(await failure(retryMessage(handle.db, { messageId: note.id, scope: agent.connections }, { gateway }))).toMatchObject({ code: "NOT_RETRYABLE" });
    await handle.db.update(messages).set({ status: null }).where(eq(messages.id, note.id));

    // A send that names the note's client key is not answered with the note, nor sent.
    const open = await conversationWith(handle.db);
    const { message: openNote } = await addNote(handle.db, agent, { conversationId: open.id, body: "Internal only", mentionIds: [], clientKey: "k-open-00001" });
    const sent = await failure(
      sendMessage(handle.db, { conversationId: open.id, scope: agent.connections, senderId: agent.id, clientKey: openNote.clientKey!, message: { kind: "text", body: "Internal only" } }, { gateway }),
    );
    expect(sent).toMatchObject({ code: "NOT_RETRYABLE" });
    // Replying to or reacting to a note is refused too: it has no wamid to answer.
    const reply = await failure(
      sendMessage(
        handle.db,
        { conversationId: open.id, scope: agent.connections, senderId: agent.id, clientKey: "k-reply-to-note", message: { kind: "text", body: "Hi" }, replyToMessageId: openNote.id },
        { gateway },
      ),
    );
    expect(reply).toMatchObject({ code: "INVALID_INPUT", field: "replyToMessageId" });
    expect(gatewayCalls).toBe(0);
    const [stillNote] = await handle.db.select().from(messages).where(eq(messages.id, openNote.id));
    expect(stillNote).toMatchObject({ type: "note", status: null, wamid: null });
  });

  it("exports the transcript with notes and automatic messages marked, only to someone who may see the conversation", async () => {
    const conversation = await conversationWith(handle.db, { name: "Maya Thompson" });
    const base = Date.now() - 2 * HOUR;
    await messageIn(handle.db, conversation.id, { sentAt: new Date(base), content: { text: { body: "Is my order on its way?" } } });
    await messageIn(handle.db, conversation.id, {
      direction: "outbound",
      origin: "away_message",
      status: "delivered",
      sentAt: new Date(base + 1_000),
      content: { text: { body: "We are closed now, back at 9:00." } },
    });
    await addNote(handle.db, agent, { conversationId: conversation.id, body: "=VIP customer, handle first", mentionIds: [], clientKey: "k-export-0001" });
    const { fileName, stream } = await openConversationExport(handle.db, agent, conversation.id, inEnglish, new Date("2026-03-14T10:00:00Z"));
    expect(fileName).toBe("conversation-Maya-Thompson-2026-03-14.csv");
    const lines = (await readAll(stream)).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("Time,Direction,Author,Type,Text,Status");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain("Customer,");
    expect(lines[1]).toContain("Is my order on its way?");
    expect(lines[2]).toContain(',Business,Automatic,text,"[automatic: away message] We are closed now, back at 9:00.",delivered');
    // A note: its author, its text marked "[note]", no status (it is never sent).
    expect(lines[3]).toMatch(/,Private note,[^,]+,note,"\[note\] =VIP customer, handle first",$/);

    const elsewhere = await conversationWith(handle.db, { phoneNumberId: OTHER_NUMBER });
    expect(await failure(openConversationExport(handle.db, agent, elsewhere.id, inEnglish))).toMatchObject({ code: "NOT_FOUND" });
  });
});
