import type { QueryClient } from "@tanstack/react-query";

import { queryKeys } from "@/lib/query-keys";

import { coalesce } from "./coalesce";

/** How the stream is, as the inbox and templates headers show it ("Live" / "Connecting…"). */
export type LiveConnection = "connecting" | "live" | "reconnecting";

type LiveQueryKey = readonly unknown[];

/** What an event says: ids only; the data is refetched through the role-checked routes. */
export interface LivePayload {
  conversationId?: string;
  contactId?: string;
  importId?: string;
  campaignId?: string;
}

interface LiveRefresh {
  /** The queries one event of this kind changes. */
  keys: (payload: LivePayload) => LiveQueryKey[];
  /** Every query an event of this kind can change (prefixes): what may be stale after missed events. */
  all: LiveQueryKey[];
}

const ofConversation = (conversationId: string | undefined, key: (conversationId: string) => LiveQueryKey): LiveQueryKey[] =>
  conversationId ? [key(conversationId)] : [];

/**
 * The one table from a live event's kind to the queries it refreshes, for every page of the
 * dashboard. A new kind published by the server gets its row here, or no page sees it.
 */
export const LIVE_REFRESHES = {
  // A new message changes its conversation too (last message, order, unread count), and a
  // customer's file joins the media library's inbound tab.
  "message.created": {
    keys: ({ conversationId }) => [
      queryKeys.inbox.conversationLists(),
      queryKeys.inbox.counts(),
      ...ofConversation(conversationId, queryKeys.inbox.conversation),
      ...ofConversation(conversationId, queryKeys.inbox.messages),
      queryKeys.media.allInbound(),
    ],
    all: [queryKeys.inbox.conversationLists(), queryKeys.inbox.counts(), queryKeys.inbox.allConversationDetails(), queryKeys.inbox.allMessages(), queryKeys.media.allInbound()],
  },
  "message.status": {
    keys: ({ conversationId }) => ofConversation(conversationId, queryKeys.inbox.messages),
    all: [queryKeys.inbox.allMessages()],
  },
  // Assigned, resolved, read, snoozed, labelled: the header, the lists and their counts, not the messages.
  "conversation.updated": {
    keys: ({ conversationId }) => [queryKeys.inbox.conversationLists(), queryKeys.inbox.counts(), ...ofConversation(conversationId, queryKeys.inbox.conversation)],
    all: [queryKeys.inbox.conversationLists(), queryKeys.inbox.counts(), queryKeys.inbox.allConversationDetails()],
  },
  // A status change (review, pause, deletion): the templates list and detail, and the inbox's picker.
  "template.updated": {
    keys: () => [queryKeys.templates.all, queryKeys.inbox.allTemplates()],
    all: [queryKeys.templates.all, queryKeys.inbox.allTemplates()],
  },
  // A quality or limit change: the numbers (profile page), the inbox's number filter, the Connections page.
  "phone_number.updated": {
    keys: () => [queryKeys.phoneNumbers.list(), queryKeys.inbox.phoneNumbers(), queryKeys.connections.overview()],
    all: [queryKeys.phoneNumbers.list(), queryKeys.inbox.phoneNumbers(), queryKeys.connections.overview()],
  },
  // A contact's name, tags, attributes or consent: the contact lists, its record, and the inbox's
  // conversations (their headers show the name and the consent).
  "contact.updated": {
    keys: ({ contactId }) => [
      queryKeys.contacts.lists(),
      queryKeys.contacts.counts(),
      queryKeys.contacts.tags(),
      ...(contactId ? [queryKeys.contacts.detail(contactId)] : []),
      queryKeys.inbox.conversationLists(),
      queryKeys.inbox.allConversationDetails(),
    ],
    all: [
      queryKeys.contacts.lists(),
      queryKeys.contacts.counts(),
      queryKeys.contacts.tags(),
      queryKeys.contacts.allDetails(),
      queryKeys.inbox.conversationLists(),
      queryKeys.inbox.allConversationDetails(),
    ],
  },
  // An import's progress, and the contacts it created or changed.
  "contact_import.updated": {
    keys: ({ importId }) => [queryKeys.contacts.imports(), ...(importId ? [queryKeys.contacts.import(importId)] : []), queryKeys.contacts.lists(), queryKeys.contacts.tags()],
    all: [queryKeys.contacts.imports(), queryKeys.contacts.lists(), queryKeys.contacts.tags()],
  },
  // A campaign's progress: the list, and that campaign's summary, recipients and failures.
  "campaign.updated": {
    keys: ({ campaignId }) => [queryKeys.campaigns.lists(), ...(campaignId ? [queryKeys.campaigns.allOf(campaignId)] : [])],
    all: [queryKeys.campaigns.all],
  },
  // A mention or an assignment for the reader (the server sends it to that user only).
  "notification.created": {
    keys: () => [queryKeys.notifications.all],
    all: [queryKeys.notifications.all],
  },
  // The labels' catalogue: the pickers, and the lists and headers that show labels.
  "conversation_label.updated": {
    keys: () => [queryKeys.inbox.labels(), queryKeys.inbox.conversationLists(), queryKeys.inbox.allConversationDetails()],
    all: [queryKeys.inbox.labels(), queryKeys.inbox.conversationLists(), queryKeys.inbox.allConversationDetails()],
  },
  "canned_response.updated": {
    keys: () => [queryKeys.inbox.cannedResponses()],
    all: [queryKeys.inbox.cannedResponses()],
  },
  // Someone became available or away: who can be assigned, and the reader's own state.
  "user.availability": {
    keys: () => [queryKeys.inbox.agents(), queryKeys.account.presence(), queryKeys.inboxSettings.all],
    all: [queryKeys.inbox.agents(), queryKeys.account.presence(), queryKeys.inboxSettings.all],
  },
  "inbox_settings.updated": {
    keys: () => [queryKeys.inboxSettings.all],
    all: [queryKeys.inboxSettings.all],
  },
} satisfies Record<string, LiveRefresh>;

/** The kinds of event the browser follows (the server's `LiveEventKind`). */
export type LiveEventKind = keyof typeof LIVE_REFRESHES;

const LIVE_EVENT_KINDS = Object.keys(LIVE_REFRESHES) as LiveEventKind[];

/**
 * What a (re)connection refreshes: everything live events keep fresh. The data on screen may have
 * been read before the stream was listening (a message landing while the page loads) or while it
 * was down, and a browser that has seen no event yet has no Last-Event-ID to resume from.
 */
export const REFRESHED_ON_CONNECT: LiveQueryKey[] = LIVE_EVENT_KINDS.flatMap((kind): LiveQueryKey[] => LIVE_REFRESHES[kind].all);

/** Keeps the ids an event carries; anything else (unreadable data, a field of another type) is left out. */
function parse(event: Event): LivePayload {
  try {
    const data: unknown = JSON.parse((event as MessageEvent<string>).data);
    if (typeof data !== "object" || data === null) return {};
    const payload: LivePayload = {};
    for (const key of ["conversationId", "contactId", "importId", "campaignId"] as const) {
      const value = (data as Record<string, unknown>)[key];
      if (typeof value === "string") payload[key] = value;
    }
    return payload;
  } catch {
    return {};
  }
}

/** What {@link followLiveEvents} needs of an EventSource (a fake one in tests). */
export interface LiveEventSource {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

const REFRESH_EVERY_MS = 150;

/**
 * Refreshes the queries each event of `source` touches, as {@link LIVE_REFRESHES} says, and
 * everything on each (re)connection; tells `onConnection` how the stream is. Returns the function
 * that stops it.
 */
export function followLiveEvents(
  source: LiveEventSource,
  queryClient: QueryClient,
  onConnection: (connection: LiveConnection) => void = () => {},
): () => void {
  // A burst of events (a busy hour, a reconnect's catch-up, a campaign sending) refreshes each query
  // once per moment, not once per event: the first change is refreshed at once, later ones together.
  // A refresh never cancels the one in flight (on a busy server, each answer could take longer than
  // the events' pace, and a query cancelled over and over would never show anything new): a change
  // seen meanwhile refreshes it once more when it is back.
  const inFlight = new Set<string>();
  const again = new Map<string, LiveQueryKey>();
  const refreshNow = (queryKey: LiveQueryKey) => {
    const id = JSON.stringify(queryKey);
    if (inFlight.has(id)) {
      again.set(id, queryKey);
      return;
    }
    inFlight.add(id);
    void queryClient
      .invalidateQueries({ queryKey }, { cancelRefetch: false })
      .catch(() => {})
      .finally(() => {
        inFlight.delete(id);
        const next = again.get(id);
        again.delete(id);
        if (next && !stopped) refreshNow(next);
      });
  };
  let stopped = false;
  const refresh = coalesce(REFRESH_EVERY_MS, (keys: ReadonlyArray<LiveQueryKey>) => {
    for (const queryKey of keys) refreshNow(queryKey);
  });
  for (const kind of LIVE_EVENT_KINDS) {
    const { keys } = LIVE_REFRESHES[kind];
    source.addEventListener(kind, (event) => {
      for (const key of keys(parse(event))) refresh(key);
    });
  }
  source.addEventListener("open", () => {
    onConnection("live");
    for (const key of REFRESHED_ON_CONNECT) refresh(key);
  });
  source.addEventListener("error", () => onConnection("reconnecting"));
  return () => {
    stopped = true;
    source.close();
    refresh.cancel();
  };
}
