"use client";

import { useQuery } from "@tanstack/react-query";

import { getRouteJson } from "@/components/data/route-json";
import type { InboxCountsView } from "@/lib/notifications/views";
import { queryKeys } from "@/lib/query-keys";

/**
 * The inbox's counts for the reader (unread conversations, expiring soon, back from snooze), kept
 * fresh by message.created and conversation.updated.
 */
export function useInboxCounts() {
  return useQuery({
    queryKey: queryKeys.inbox.counts(),
    queryFn: () => getRouteJson<InboxCountsView>("/api/inbox/counts"),
    staleTime: 30_000,
  });
}
