/**
 * The public API's conversation: its schema (documented, snake_case) and the one mapper from the
 * inbox's rows to it. The list's rows and a single conversation map to the same object.
 */
import "server-only";

import type { ConversationCursor, ConversationDetail, ConversationListItem } from "@/db/queries/conversations";
import type { Message } from "@/db/schema";
import { messagePreview, PREVIEW_KINDS } from "@/lib/whatsapp/inbound";
import { isServiceWindowOpen, SERVICE_WINDOW_MS, serviceWindow } from "@/lib/whatsapp/service-window";
import { z } from "@/lib/zod";

/** Times are ISO 8601 strings in UTC. */
export const timestamp = z.iso.datetime().meta({ description: "ISO 8601, UTC.", example: "2026-03-14T09:26:53.000Z" });

export const conversationIdParam = z.uuid().meta({ description: "The conversation's id.", example: "5f0c8a8e-4b4e-4d8e-9a51-3c1f3f1f2b7a" });

export const customerSchema = z
  .object({
    wa_id: z.string().nullable().meta({ description: "The customer's WhatsApp phone number, digits only (null while WhatsApp withholds it).", example: "14155550101" }),
    user_id: z.string().nullable().meta({ description: "The customer's business-scoped user id, when WhatsApp reported one.", example: "US.13491208655302741918" }),
    username: z.string().nullable().meta({ description: "The customer's WhatsApp username, when they have one.", example: "maya.t" }),
    name: z.string().nullable().meta({ description: "The name on the customer's WhatsApp profile.", example: "Maya Thompson" }),
  })
  .meta({ id: "Customer", description: "Who the conversation is with, as WhatsApp last reported them." });

export const conversationSchema = z
  .object({
    id: z.uuid(),
    phone_number_id: z.string().meta({ description: "The business number (Graph phone number id) the conversation runs on.", example: "106540352242922" }),
    customer: customerSchema,
    status: z.enum(["open", "resolved"]),
    assignee: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ description: "The team member it is assigned to; null when unassigned." }),
    unread_count: z.number().int().min(0),
    last_message_at: timestamp.nullable(),
    last_inbound_at: timestamp.nullable().meta({ description: "When the customer last wrote: the 24-hour window runs from here." }),
    window: z
      .object({
        open: z.boolean().meta({ description: "Whether free-form messages may be sent now; when closed, only templates." }),
        expires_at: timestamp.nullable().meta({ description: "When the 24-hour window closes (or closed); null when the customer never wrote." }),
      })
      .meta({ description: "The 24-hour customer-service window." }),
    last_message_preview: z
      .object({
        kind: z.enum(PREVIEW_KINDS).meta({ description: "What the last message is." }),
        text: z.string().meta({ description: "Its own words (text, caption, file name, template name…), possibly empty." }),
        direction: z.enum(["inbound", "outbound"]),
      })
      .nullable(),
  })
  .meta({
    id: "Conversation",
    description: "A conversation between one business number and one customer.",
    example: {
      id: "5f0c8a8e-4b4e-4d8e-9a51-3c1f3f1f2b7a",
      phone_number_id: "106540352242922",
      customer: { wa_id: "14155550101", user_id: null, username: null, name: "Maya Thompson" },
      status: "open",
      assignee: { id: "0d6f3a4e-2b1c-4f7e-8a9d-1e2f3a4b5c6d", name: "Alex Agent" },
      unread_count: 2,
      last_message_at: "2026-03-14T09:26:53.000Z",
      last_inbound_at: "2026-03-14T09:26:53.000Z",
      window: { open: true, expires_at: "2026-03-15T09:26:53.000Z" },
      last_message_preview: { kind: "text", text: "Is my order on its way?", direction: "inbound" },
    },
  });

export type ApiConversation = z.input<typeof conversationSchema>;

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

function windowOf(lastInboundAt: Date | null, now: Date): ApiConversation["window"] {
  if (!lastInboundAt) return { open: false, expires_at: null };
  return { open: isServiceWindowOpen(serviceWindow(lastInboundAt, now)), expires_at: new Date(lastInboundAt.getTime() + SERVICE_WINDOW_MS).toISOString() };
}

const isPreviewKind = (kind: string | null): kind is (typeof PREVIEW_KINDS)[number] => (PREVIEW_KINDS as readonly string[]).includes(kind ?? "");
const direction = (value: string | null) => (value === "outbound" ? "outbound" : "inbound");

/** A row of the conversation list as the API's conversation. */
export function apiConversation(row: ConversationListItem, now = new Date()): ApiConversation {
  return {
    id: row.id,
    phone_number_id: row.phoneNumberId,
    customer: { wa_id: row.customerPhone, user_id: row.customerUserId, username: row.customerUsername, name: row.customerName },
    status: row.status,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
    unread_count: row.unreadCount,
    last_message_at: iso(row.lastMessageAt),
    last_inbound_at: iso(row.lastInboundAt),
    window: windowOf(row.lastInboundAt, now),
    // Rows from before the kind was kept hold an English summary: shown as text.
    last_message_preview:
      row.lastMessageAt === null
        ? null
        : { kind: isPreviewKind(row.lastMessagePreviewKind) ? row.lastMessagePreviewKind : "text", text: row.lastMessagePreview ?? "", direction: direction(row.lastMessageDirection) },
  };
}

/** One conversation as the API's, its preview made from its newest message (the one the list's preview summarises). */
export function apiConversationDetail(conversation: ConversationDetail, newest: Message | undefined, now = new Date()): ApiConversation {
  const preview = newest ? messagePreview(newest.type, newest.content) : undefined;
  return {
    id: conversation.id,
    phone_number_id: conversation.phoneNumber.id,
    customer: { wa_id: conversation.customerPhone, user_id: conversation.customerUserId, username: conversation.customerUsername, name: conversation.customerName },
    status: conversation.status,
    assignee: conversation.assigneeId ? { id: conversation.assigneeId, name: conversation.assigneeName ?? "" } : null,
    unread_count: conversation.unreadCount,
    last_message_at: iso(conversation.lastMessageAt),
    last_inbound_at: iso(conversation.lastInboundAt),
    window: windowOf(conversation.lastInboundAt, now),
    last_message_preview: newest && preview ? { kind: preview.kind, text: preview.detail, direction: newest.direction } : null,
  };
}

/** Where the next page of conversations starts (opaque to callers). */
export const conversationCursorSchema = z.object({
  lastMessageAt: z.iso.datetime(),
  lastMessageSeq: z.string().regex(/^\d{1,18}$/),
  id: z.uuid(),
}) satisfies z.ZodType<ConversationCursor>;

/** The list's filters, as the inbox offers them. */
export const conversationFilters = {
  assignee: z
    .union([z.enum(["me", "unassigned", "all"]), z.uuid()])
    .default("all")
    .meta({ description: "`me`, `unassigned`, `all`, or a team member's id.", example: "me" }),
  status: z
    .enum(["open", "snoozed", "resolved", "all"])
    .default("all")
    .meta({ description: "Open conversations (snoozed ones left out until they come back), snoozed ones, resolved ones, or all." }),
  window: z
    .enum(["open", "expiring", "closed", "all"])
    .default("all")
    .meta({
      description:
        "Whether the 24-hour window is open (free-form replies allowed) or closed (templates only); `expiring`: open, closing within 2 hours, the customer's last message unanswered.",
    }),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({
      description:
        "Searches the customer's names, username and message text by words (each the start of a word, any case and accents; Chinese, Japanese and Thai by any part), their number by three digits or more as typed, and a user id exactly.",
      example: "order",
    }),
  phone_number_id: z.string().regex(/^[\w-]{1,64}$/).optional().meta({ description: "Only conversations on this business number.", example: "106540352242922" }),
};
