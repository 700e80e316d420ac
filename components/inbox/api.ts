"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import type { ConversationListFilters } from "@/lib/inbox/filters";
import type {
  ConversationListPage,
  ConversationView,
  InboxAgentList,
  InboxMediaList,
  InboxPhoneNumberList,
  MessageListPage,
} from "@/lib/inbox/views";
import { queryKeys } from "@/lib/query-keys";
import { RouteError, getRouteJson } from "@/components/data/route-json";

/**
 * Puts a failed inbox query into words: the route's own message, else its status; anything else
 * (the network, an unreadable answer) as no answer, since the browser's own text is not ours.
 */
export function useFetchErrorText(): (error: Error) => string {
  const t = useTranslations("inbox.errors");
  return (error) => {
    if (!(error instanceof RouteError)) return t("noAnswer");
    return error.serverMessage ?? t("serverAnswered", { status: error.status });
  };
}

export function useConversationList(filters: ConversationListFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.inbox.conversationList(filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ assignee: filters.assignee, status: filters.status, window: filters.window, limit: "60" });
      if (filters.q) params.set("q", filters.q);
      if (filters.number) params.set("number", filters.number);
      if (filters.label) params.set("label", filters.label);
      if (pageParam) params.set("cursor", pageParam);
      return getRouteJson<ConversationListPage>(`/api/inbox/conversations?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: 15_000,
    placeholderData: (previous) => previous,
  });
}

export function useConversation(conversationId: string) {
  return useQuery({
    queryKey: queryKeys.inbox.conversation(conversationId),
    queryFn: () => getRouteJson<ConversationView>(`/api/inbox/conversations/${conversationId}`),
    retry: (count, error) => !(error instanceof RouteError && error.status === 404) && count < 2,
  });
}

export function useMessages(conversationId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.inbox.messages(conversationId),
    queryFn: ({ pageParam }) =>
      getRouteJson<MessageListPage>(
        `/api/inbox/conversations/${conversationId}/messages${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useAgents() {
  return useQuery({
    queryKey: queryKeys.inbox.agents(),
    queryFn: async () => (await getRouteJson<InboxAgentList>("/api/inbox/agents")).agents,
    staleTime: 5 * 60_000,
  });
}

export function usePhoneNumbers() {
  return useQuery({
    queryKey: queryKeys.inbox.phoneNumbers(),
    queryFn: async () => (await getRouteJson<InboxPhoneNumberList>("/api/inbox/phone-numbers")).phoneNumbers,
    staleTime: 5 * 60_000,
  });
}

export function useMediaLibrary(phoneNumberId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.inbox.media(phoneNumberId),
    queryFn: async () => (await getRouteJson<InboxMediaList>(`/api/inbox/media?phoneNumberId=${encodeURIComponent(phoneNumberId)}`)).media,
    enabled,
  });
}
