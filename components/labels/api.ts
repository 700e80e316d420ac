"use client";

import { useQuery } from "@tanstack/react-query";

import { getRouteJson } from "@/components/data/route-json";
import type { ConversationLabelView } from "@/lib/inbox/label-views";
import { queryKeys } from "@/lib/query-keys";

/** The labels' catalogue, refreshed by `conversation_label.updated`. */
export function useConversationLabels(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.inbox.labels(),
    queryFn: async () => (await getRouteJson<{ labels: ConversationLabelView[] }>("/api/inbox/labels")).labels,
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}
