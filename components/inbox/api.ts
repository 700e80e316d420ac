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

/** A route's refusal: its message (in the reader's language) when it sent one, and the HTTP status. */
export class InboxFetchError extends Error {
  constructor(
    readonly serverMessage: string | undefined,
    readonly status: number,
  ) {
    super(serverMessage ?? `HTTP ${status}`);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new InboxFetchError(body?.error?.message, response.status);
  }
  return (await response.json()) as T;
}

/**
 * Puts a failed inbox query into words: the route's own message, else its status; anything else
 * (the network, an unreadable answer) as no answer, since the browser's own text is not ours.
 */
export function useFetchErrorText(): (error: Error) => string {
  const t = useTranslations("inbox.errors");
  return (error) => {
    if (!(error instanceof InboxFetchError)) return t("noAnswer");
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
      if (pageParam) params.set("cursor", pageParam);
      return getJson<ConversationListPage>(`/api/inbox/conversations?${params}`);
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
    queryFn: () => getJson<ConversationView>(`/api/inbox/conversations/${conversationId}`),
    retry: (count, error) => !(error instanceof InboxFetchError && error.status === 404) && count < 2,
  });
}

export function useMessages(conversationId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.inbox.messages(conversationId),
    queryFn: ({ pageParam }) =>
      getJson<MessageListPage>(
        `/api/inbox/conversations/${conversationId}/messages${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useAgents() {
  return useQuery({
    queryKey: queryKeys.inbox.agents(),
    queryFn: async () => (await getJson<InboxAgentList>("/api/inbox/agents")).agents,
    staleTime: 5 * 60_000,
  });
}

export function usePhoneNumbers() {
  return useQuery({
    queryKey: queryKeys.inbox.phoneNumbers(),
    queryFn: async () => (await getJson<InboxPhoneNumberList>("/api/inbox/phone-numbers")).phoneNumbers,
    staleTime: 5 * 60_000,
  });
}

export function useMediaLibrary(phoneNumberId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.inbox.media(phoneNumberId),
    queryFn: async () => (await getJson<InboxMediaList>(`/api/inbox/media?phoneNumberId=${encodeURIComponent(phoneNumberId)}`)).media,
    enabled,
  });
}
