"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback } from "react";

import type { AttributeDefinitionView, ContactDetail, TagView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";
import { RouteError, getRouteJson } from "@/components/data/route-json";

/** A missing (or out-of-reach) contact is not asked for again: it will not appear by retrying. */
const retryUnlessMissing = (count: number, error: Error) => !(error instanceof RouteError && error.status === 404) && count < 2;

/** Puts a failed contacts query into words: the route's own message, else its status; the network as no answer. */
export function useContactFetchErrorText(): (error: Error) => string {
  const t = useTranslations("contacts.record.errors");
  return (error) => {
    if (!(error instanceof RouteError)) return t("noAnswer");
    return error.serverMessage ?? t("serverAnswered", { status: error.status });
  };
}

/** One contact's record (`GET /api/contacts/[contactId]`); refreshed by `contact.updated` live events. */
export function useContact(contactId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.contacts.detail(contactId ?? ""),
    queryFn: () => getRouteJson<ContactDetail>(`/api/contacts/${encodeURIComponent(contactId ?? "")}`),
    enabled: Boolean(contactId),
    retry: retryUnlessMissing,
  });
}

/** Every tag of the installation, for the "Add tag" search. */
export function useContactTags(enabled = true) {
  return useQuery({
    queryKey: queryKeys.contacts.tags(),
    queryFn: () => getRouteJson<TagView[]>("/api/contacts/tags"),
    enabled,
    staleTime: 60_000,
  });
}

/** The custom attributes' definitions, in their order. */
export function useAttributeDefinitions() {
  return useQuery({
    queryKey: queryKeys.contacts.attributes(),
    queryFn: () => getRouteJson<AttributeDefinitionView[]>("/api/contacts/attributes"),
    staleTime: 5 * 60_000,
  });
}

/**
 * What a component does after changing a contact: its record in the cache at once (the answer, or a
 * change of the cached one), and everything showing it (lists, the inbox's conversations) refreshed.
 */
export function useContactCache(contactId: string) {
  const queryClient = useQueryClient();
  const refreshOthers = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.lists() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.allConversationDetails() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox.conversationLists() });
  }, [queryClient]);
  const set = useCallback(
    (detail: ContactDetail) => {
      queryClient.setQueryData(queryKeys.contacts.detail(contactId), detail);
      refreshOthers();
    },
    [contactId, queryClient, refreshOthers],
  );
  const patch = useCallback(
    (change: (detail: ContactDetail) => ContactDetail) => {
      queryClient.setQueryData<ContactDetail>(queryKeys.contacts.detail(contactId), (current) => (current ? change(current) : current));
      refreshOthers();
    },
    [contactId, queryClient, refreshOthers],
  );
  /** Asks the server again (what the answer did not carry: the consent history, the notes' order). */
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.detail(contactId) });
    refreshOthers();
  }, [contactId, queryClient, refreshOthers]);
  const refreshTags = useCallback(() => void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.tags() }), [queryClient]);
  return { set, patch, refresh, refreshOthers, refreshTags };
}
