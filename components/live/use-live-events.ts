"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { queryKeys } from "@/lib/query-keys";

export type LiveConnection = "connecting" | "live" | "reconnecting";

interface LivePayload {
  conversationId?: string;
  messageId?: string;
}

const REFRESH_EVERY_MS = 150;

/**
 * Calls `run` with the keys asked for: a frame later when nothing ran in the last `everyMs` (so
 * the events of one delivery go together), otherwise once at the end of that moment with every
 * key asked for meanwhile (each once).
 */
export function coalesce(everyMs: number, run: (keys: ReadonlyArray<readonly unknown[]>) => void, firstAfterMs = 16) {
  const pending = new Map<string, readonly unknown[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    const keys = [...pending.values()];
    pending.clear();
    if (keys.length === 0) {
      timer = undefined;
      return;
    }
    run(keys);
    timer = setTimeout(flush, everyMs);
  };
  const request = (key: readonly unknown[]) => {
    pending.set(JSON.stringify(key), key);
    timer ??= setTimeout(flush, firstAfterMs);
  };
  request.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending.clear();
  };
  return request;
}

function parse(event: Event): LivePayload {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as LivePayload;
  } catch {
    return {};
  }
}

/** What {@link followLiveEvents} needs of an EventSource (a fake one in tests). */
export interface LiveEventSource {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

/**
 * What a (re)connection refreshes: everything live events keep fresh. The data on screen may have
 * been read before the stream was listening (a message landing while the page loads) or while it
 * was down, and a browser that has seen no event yet has no Last-Event-ID to resume from.
 */
const REFRESHED_ON_CONNECT: ReadonlyArray<readonly unknown[]> = [
  queryKeys.inbox.conversationLists(),
  queryKeys.inbox.allConversationDetails(),
  queryKeys.inbox.allMessages(),
  queryKeys.inbox.phoneNumbers(),
  queryKeys.phoneNumbers.list(),
];

/**
 * Refreshes the queries each event of `source` touches, and everything on each (re)connection;
 * tells `onConnection` how the stream is. Returns the function that stops it.
 */
export function followLiveEvents(
  source: LiveEventSource,
  queryClient: QueryClient,
  onConnection: (connection: LiveConnection) => void = () => {},
): () => void {
  // A burst of events (a busy hour, a reconnect's catch-up) refreshes each query once per
  // moment, not once per event: the first change is refreshed at once, later ones together.
  const refresh = coalesce(REFRESH_EVERY_MS, (keys: ReadonlyArray<readonly unknown[]>) => {
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  });
  const onStatus = (event: Event) => {
    const { conversationId } = parse(event);
    if (conversationId) refresh(queryKeys.inbox.messages(conversationId));
  };
  const onConversation = (event: Event) => {
    const { conversationId } = parse(event);
    refresh(queryKeys.inbox.conversationLists());
    if (conversationId) refresh(queryKeys.inbox.conversation(conversationId));
  };
  // A new message changes its conversation too (last message, order, unread count).
  const onMessage = (event: Event) => {
    onStatus(event);
    onConversation(event);
  };
  source.addEventListener("message.created", onMessage);
  source.addEventListener("message.status", onStatus);
  source.addEventListener("conversation.updated", onConversation);
  // A quality or limit change (webhook): the numbers list and the inbox's number filter.
  source.addEventListener("phone_number.updated", () => {
    refresh(queryKeys.phoneNumbers.list());
    refresh(queryKeys.inbox.phoneNumbers());
  });
  source.addEventListener("open", () => {
    onConnection("live");
    for (const key of REFRESHED_ON_CONNECT) refresh(key);
  });
  source.addEventListener("error", () => onConnection("reconnecting"));
  return () => {
    source.close();
    refresh.cancel();
  };
}

/**
 * Listens to /api/events and refreshes the queries each event touches. Events carry ids only; the
 * data is refetched through the role-checked routes. EventSource reconnects by itself with
 * Last-Event-ID, and the server replays what was missed.
 */
export function useLiveEvents(): LiveConnection {
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  useEffect(() => followLiveEvents(new EventSource("/api/events"), queryClient, setConnection), [queryClient]);
  return connection;
}
