"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { queryKeys } from "@/lib/query-keys";

export type LiveConnection = "connecting" | "live" | "reconnecting";

interface LivePayload {
  conversationId?: string;
  messageId?: string;
}

function parse(event: Event): LivePayload {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as LivePayload;
  } catch {
    return {};
  }
}

/**
 * Listens to /api/events and refreshes the queries each event touches. Events carry ids only; the
 * data is refetched through the role-checked routes. EventSource reconnects by itself with
 * Last-Event-ID, and the server replays what was missed.
 */
export function useLiveEvents(): LiveConnection {
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>("connecting");

  useEffect(() => {
    const source = new EventSource("/api/events");
    const refreshLists = () => void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversationLists() });
    const onMessage = (event: Event) => {
      const { conversationId } = parse(event);
      if (!conversationId) return;
      void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.messages(conversationId) });
    };
    const onConversation = (event: Event) => {
      const { conversationId } = parse(event);
      refreshLists();
      if (conversationId) void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversation(conversationId) });
    };
    source.addEventListener("message.created", onMessage);
    source.addEventListener("message.status", onMessage);
    source.addEventListener("conversation.updated", onConversation);
    // A quality or limit change (webhook): the numbers list and the inbox's number filter.
    const onPhoneNumber = () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.phoneNumbers.list() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.phoneNumbers() });
    };
    source.addEventListener("phone_number.updated", onPhoneNumber);
    source.addEventListener("open", () => setConnection("live"));
    source.addEventListener("error", () => setConnection(source.readyState === EventSource.CLOSED ? "reconnecting" : "reconnecting"));
    return () => source.close();
  }, [queryClient]);

  return connection;
}
