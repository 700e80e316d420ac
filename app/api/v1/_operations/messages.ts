/**
 * Messages of the public API: a conversation's messages, and sends through the inbox's one pipeline
 * (lib/inbox/outbound.ts), into a conversation or to a customer by number.
 */
import { randomUUID } from "node:crypto";

import { findMessage, listMessages } from "@/db/queries/conversations";
import { defineOperation } from "@/lib/api/operation";
import { decodeCursor, encodeCursor, listOf, pageQuery } from "@/lib/api/pagination";
import {
  apiMessage,
  apiMessages,
  callerField,
  inCallerTerms,
  messageCursorSchema,
  messageSchema,
  prepareSend,
  sendMessageBody,
  startMessageBody,
  type PreparedSend,
} from "@/lib/api/resources/messages";
import { assertConversationVisible } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import type { Database } from "@/db";
import type { Message } from "@/db/schema";
import { addNote, NOTE_MAX_LENGTH, NOTE_MAX_MENTIONS, noteOf } from "@/lib/inbox/notes";
import { sendMessage, type SendContext } from "@/lib/inbox/outbound";
import { sendToCustomer } from "@/lib/inbox/start-conversation";
import { z } from "@/lib/zod";

import { conversationParams } from "./conversations";

/** The API's sends wait behind the agents' in the gateway's queue, ahead of campaigns. */
const API_SEND: SendContext = { priority: "api" };

/** The send's own key: from the Idempotency-Key (so two instances racing never send twice), else new. */
const clientKeyFor = (user: SessionUser, idempotencyKey: string | undefined) => `api:${user.id}:${idempotencyKey ?? randomUUID()}`;

/** The message as the send left it (pending, sent or failed), quoting what its body named. */
async function sentMessage(db: Database, user: SessionUser, messageId: string, replyTo: string | undefined) {
  const stored = await findMessage(db, messageId);
  if (!stored) throw new Error(`The message ${messageId} just sent is not stored.`);
  const quotedIds = new Map(stored.replyToWamid && replyTo ? [[stored.replyToWamid, replyTo]] : []);
  const senderName = stored.senderId === user.id ? user.name : null;
  return apiMessage(stored, { senderName, quotedIds });
}

/** A note's content as the API shows it: its text and the teammates it mentions. */
const noteContentSchema = z
  .object({
    body: z.string().meta({ description: "The note's text." }),
    mentions: z.array(z.object({ user_id: z.uuid(), name: z.string() })).meta({ description: "The teammates the note mentions (each was notified)." }),
  })
  .meta({ id: "NoteContent" });

/** A private note: a message of type `note`, never sent (no wamid, no status), written by `sender`. */
export const noteMessageSchema = messageSchema
  .extend({
    type: z.literal("note"),
    content: noteContentSchema,
    wamid: z.null(),
    direction: z.literal("outbound"),
    status: z.null(),
  })
  .meta({
    id: "Note",
    description: "A private note of the team: never sent to the customer, so it has no `wamid` and no `status`; `sender` is its author.",
    example: {
      id: "3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9",
      conversation_id: "5f0c8a8e-4b4e-4d8e-9a51-3c1f3f1f2b7a",
      wamid: null,
      direction: "outbound",
      type: "note",
      content: { body: "@Sam Lee can you confirm the refund?", mentions: [{ user_id: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "Sam Lee" }] },
      status: null,
      error: null,
      sent_at: "2026-03-14T09:31:00.000Z",
      delivered_at: null,
      read_at: null,
      sender: { id: "0d6f3a4e-2b1c-4f7e-8a9d-1e2f3a4b5c6d", name: "Alex Agent" },
      reply_to: null,
      pricing: null,
      origin: null,
      edited_at: null,
      revoked_at: null,
    },
  });

/** A conversation's line: a message (the customer's or the business's), or a private note of the team. */
const timelineItemSchema = z.union([noteMessageSchema, messageSchema]).meta({
  id: "TimelineItem",
  description: "A message; a private note has `type: note` and the shape of `Note`.",
});

/** The API's messages, notes in their own shape (`content: { body, mentions: [{ user_id, name }] }`). */
async function apiTimeline(db: Database, rows: Message[], quoted: Message[]) {
  const items = await apiMessages(db, rows, quoted);
  return items.map((item, index) => {
    const note = noteOf(rows[index]!);
    if (!note) return item;
    return {
      ...item,
      type: "note" as const,
      wamid: null,
      direction: "outbound" as const,
      status: null,
      content: { body: note.body, mentions: note.mentions.map((mention) => ({ user_id: mention.userId, name: mention.name })) },
    };
  });
}

export const listMessagesOperation = defineOperation({
  method: "GET",
  path: "/conversations/{conversation_id}/messages",
  operationId: "listMessages",
  summary: "List a conversation's messages",
  description:
    "Newest first; `next_cursor` continues with older ones. The team's private notes are listed among them with `type: note` (see `Note`): never sent to the customer.",
  tag: "Messages",
  capability: "inbox.use",
  params: conversationParams,
  query: pageQuery,
  success: { status: 200, description: "A page of messages and notes.", schema: listOf(timelineItemSchema) },
  async handle({ db, user, params, query }) {
    const cursor = decodeCursor(query.cursor, messageCursorSchema);
    const conversation = await assertConversationVisible(db, user.connections, params.conversation_id);
    const page = await listMessages(db, conversation.id, { cursor, limit: query.limit });
    return { data: await apiTimeline(db, page.messages, page.quoted), next_cursor: encodeCursor(page.nextCursor) };
  },
});

export const sendMessageOperation = defineOperation({
  method: "POST",
  path: "/conversations/{conversation_id}/messages",
  operationId: "sendMessage",
  summary: "Send a message into a conversation",
  description:
    "Sends text, a file of the media library, an interactive message or a template, as an agent's reply from the inbox would go: the same checks, the same limits. Outside the 24-hour window only a template may be sent (422 `WINDOW_CLOSED`). A message WhatsApp refused is answered with `status: failed` and its `error`. With an `Idempotency-Key`, the same request never sends twice.",
  tag: "Messages",
  capability: "inbox.use",
  params: conversationParams,
  body: sendMessageBody,
  idempotent: true,
  success: { status: 201, description: "The message, as the send left it: `sent`, `pending` or `failed`.", schema: messageSchema },
  async handle({ db, user, params, body, idempotencyKey }) {
    const conversation = await assertConversationVisible(db, user.connections, params.conversation_id);
    let prepared: PreparedSend | undefined;
    try {
      prepared = await prepareSend(db, { conversationId: conversation.id, phoneNumberId: conversation.phoneNumber.id, scope: user.connections }, body);
      const outcome = await sendMessage(
        db,
        {
          conversationId: conversation.id,
          scope: user.connections,
          senderId: user.id,
          clientKey: clientKeyFor(user, idempotencyKey),
          message: prepared.content,
          replyToMessageId: prepared.replyToMessageId,
        },
        API_SEND,
      );
      return await sentMessage(db, user, outcome.messageId, prepared.replyToMessageId);
    } catch (error) {
      throw inCallerTerms(error, prepared?.fieldOf ?? callerField);
    }
  },
});

export const startMessageOperation = defineOperation({
  method: "POST",
  path: "/messages",
  operationId: "sendMessageToCustomer",
  summary: "Send a message to a customer",
  description:
    "Sends to a customer by their WhatsApp number (`to.wa_id`) or user id (`to.user_id`) from one of your business numbers: into their conversation on that number, or into a new one. A customer who never wrote (or not in the last 24 hours) can only receive a template. Otherwise as `POST /conversations/{conversation_id}/messages`.",
  tag: "Messages",
  capability: "inbox.use",
  body: startMessageBody,
  idempotent: true,
  success: {
    status: 201,
    description: "The conversation it went into, and the message as the send left it.",
    schema: z
      .object({ conversation_id: z.uuid(), message: messageSchema })
      .meta({ id: "SentMessageToCustomer", description: "The conversation the message went into (started by it, if the customer had none on that number), and the message." }),
  },
  async handle({ db, user, body, idempotencyKey }) {
    let prepared: PreparedSend | undefined;
    const replyTo = body.type === "template" ? undefined : body.reply_to;
    try {
      const outcome = await sendToCustomer(
        db,
        {
          phoneNumberId: body.phone_number_id,
          customer: body.to.wa_id !== undefined ? { phone: body.to.wa_id } : { userId: body.to.user_id ?? "" },
          scope: user.connections,
          senderId: user.id,
          clientKey: clientKeyFor(user, idempotencyKey),
          message: async (conversationId) => {
            prepared = await prepareSend(db, { conversationId, phoneNumberId: body.phone_number_id, scope: user.connections }, body);
            return prepared.content;
          },
          replyToMessageId: replyTo,
        },
        API_SEND,
      );
      return { conversation_id: outcome.conversationId, message: await sentMessage(db, user, outcome.messageId, replyTo) };
    } catch (error) {
      throw inCallerTerms(error, prepared?.fieldOf ?? callerField);
    }
  },
});

export const addNoteOperation = defineOperation({
  method: "POST",
  path: "/conversations/{conversation_id}/notes",
  operationId: "addNote",
  summary: "Add a private note to a conversation",
  description:
    "Adds a note only the team sees: it is never sent to the customer, and it is allowed whether or not the 24-hour window is open. Each teammate in `mention_ids` (enabled, working on the conversation's business number) is notified. With an `Idempotency-Key`, the same request stores one note.",
  tag: "Messages",
  capability: "inbox.use",
  params: conversationParams,
  body: z.object({
    body: z.string().min(1).max(NOTE_MAX_LENGTH).meta({ description: "The note's text.", example: "@Sam Lee can you confirm the refund?" }),
    mention_ids: z
      .array(z.uuid())
      .max(NOTE_MAX_MENTIONS)
      .default([])
      .meta({ description: "Teammates to mention and notify, by user id." }),
  }),
  idempotent: true,
  success: { status: 201, description: "The note as stored.", schema: noteMessageSchema },
  async handle({ db, user, params, body, idempotencyKey }) {
    const { message } = await addNote(db, user, {
      conversationId: params.conversation_id,
      body: body.body,
      mentionIds: body.mention_ids,
      clientKey: `api:${user.id}:${idempotencyKey ?? randomUUID()}`,
    });
    const [note] = await apiTimeline(db, [message], []);
    return note as z.input<typeof noteMessageSchema>;
  },
});

export const MESSAGE_OPERATIONS = [listMessagesOperation, sendMessageOperation, startMessageOperation, addNoteOperation];
