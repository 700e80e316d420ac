/**
 * What the inbox's route handlers answer, each built by one function here and typed from it (the
 * rows as `db/queries/conversations` reads them, as JSON makes them). Browser-safe: only types come
 * from the data layer.
 */
import type {
  CustomerSummary,
  findConversation,
  listAssignableUsers,
  listConversations,
  listInboxPhoneNumbers,
  listMessages,
  listUsableMedia,
} from "@/db/queries/conversations";
import type { ConsentState } from "@/lib/contacts/filter";
import { CONSENT_SOURCES, type ConsentSource, type ConsentView } from "@/lib/contacts/views";

/**
 * What `Response.json` makes of a value, as the browser reads it: a Date (anything with `toJSON`)
 * becomes what `toJSON` answers, an ISO string; arrays and objects keep their shape.
 */
export type Jsonified<T> = T extends { toJSON(): infer Json }
  ? Json
  : T extends readonly (infer Item)[]
    ? Jsonified<Item>[]
    : T extends object
      ? { [Key in keyof T]: Jsonified<T[Key]> }
      : T;

/** A page of the conversation list: the rows as the query reads them, the cursor made opaque by the route. */
export function conversationListView(page: Awaited<ReturnType<typeof listConversations>>, nextCursor: string | null) {
  return { conversations: page.conversations, nextCursor };
}

export type ConversationListPage = Jsonified<ReturnType<typeof conversationListView>>;
/** One row of the conversation list. */
export type ConversationSummary = ConversationListPage["conversations"][number];

const isConsentSource = (source: string | null): source is ConsentSource => (CONSENT_SOURCES as readonly string[]).includes(source ?? "");

/** A consent as stored (a source this version does not know reads as none) as the screens and the API read it. */
export function consentViewOf(consent: { state: ConsentState; source: string | null; at: Date | null }): ConsentView {
  return { state: consent.state, source: isConsentSource(consent.source) ? consent.source : null, at: consent.at ? consent.at.toISOString() : null };
}

/**
 * One conversation with its number, its customer's consent, the customer panel's counts (a
 * conversation of its own when the summary is missing), the latest campaign that reached it
 * (`campaign`, null when none did) and which campaign sent each of its campaign messages.
 */
export function conversationView(conversation: NonNullable<Awaited<ReturnType<typeof findConversation>>>, summary: CustomerSummary | undefined) {
  return {
    ...conversation,
    consent: consentViewOf(conversation.consent),
    customer: {
      firstContactAt: summary?.firstContactAt ?? null,
      conversations: summary?.conversations ?? { total: 1, open: 0, resolved: 0 },
      messages: summary?.messages ?? { inbound: 0, outbound: 0 },
      recentInboundAt: summary?.recentInboundAt ?? [],
    },
  };
}

export type ConversationView = Jsonified<ReturnType<typeof conversationView>>;
/** The campaign shown on a conversation: the latest whose message reached the customer there. */
export type ConversationCampaign = NonNullable<ConversationView["campaign"]>;
/** A campaign message of a conversation, with the campaign that sent it (the timeline's caption). */
export type CampaignMessageLink = ConversationView["campaignMessages"][number];

/** A page of a conversation's messages (newest first) with the messages its replies quote. */
export function messageListView(page: Awaited<ReturnType<typeof listMessages>>, nextCursor: string | null) {
  return { messages: page.messages, quoted: page.quoted, nextCursor };
}

export type MessageListPage = Jsonified<ReturnType<typeof messageListView>>;

/**
 * A message as the timeline shows it: as the server answered it, or the optimistic copy shown before
 * the server answered (which has no arrival order or creation time yet, and says it is optimistic).
 */
export type InboxMessage = Omit<MessageListPage["messages"][number], "seq" | "createdAt"> & { optimistic?: boolean };
export type MessageStatus = NonNullable<InboxMessage["status"]>;

/**
 * A message as the inbox shows it with nothing reported on it yet: the browser's copy of a send
 * before the server answers (and messages in tests).
 */
export function unreportedMessage(
  fields: Pick<InboxMessage, "id" | "conversationId" | "direction" | "type" | "content" | "sentAt" | "status"> & Partial<InboxMessage>,
): InboxMessage {
  return {
    wamid: null,
    statusAt: null,
    deliveredAt: null,
    readAt: null,
    errorCode: null,
    errorTitle: null,
    errorDetails: null,
    senderId: null,
    replyToWamid: null,
    clientKey: null,
    origin: null,
    editedAt: null,
    revokedAt: null,
    revisions: null,
    pricing: null,
    repliedAt: null,
    ...fields,
  };
}
/** An earlier version of an edited or deleted message, with when it was replaced. */
export type MessageRevision = NonNullable<InboxMessage["revisions"]>[number];
/** What a message cost, from its statuses (per-message pricing). */
export type MessagePricing = NonNullable<InboxMessage["pricing"]>;

/** People a conversation can be assigned to: who they are, not their role. */
export function inboxAgentsView(users: Awaited<ReturnType<typeof listAssignableUsers>>) {
  return { agents: users.map(({ id, name, email, availability }) => ({ id, name, email, availability })) };
}

export type InboxAgentList = Jsonified<ReturnType<typeof inboxAgentsView>>;
export type InboxAgent = InboxAgentList["agents"][number];

/** The business numbers the inbox can switch between. */
export function inboxPhoneNumbersView(phoneNumbers: Awaited<ReturnType<typeof listInboxPhoneNumbers>>) {
  return { phoneNumbers };
}

export type InboxPhoneNumberList = Jsonified<ReturnType<typeof inboxPhoneNumbersView>>;
export type InboxPhoneNumber = InboxPhoneNumberList["phoneNumbers"][number];

/** Uploaded media a reply can attach: what the picker shows, not where the bytes are. */
export function inboxMediaView(rows: Awaited<ReturnType<typeof listUsableMedia>>) {
  return { media: rows.map(({ id, kind, mimeType, fileName, size }) => ({ id, kind, mimeType, fileName, size })) };
}

export type InboxMediaList = Jsonified<ReturnType<typeof inboxMediaView>>;
export type InboxMedia = InboxMediaList["media"][number];
