"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { usePhoneNumbers } from "@/components/inbox/api";
import { isEmptyFilter, type ContactFilter } from "@/lib/contacts/filter";
import type { AttributeDefinitionView, ContactListPage, SegmentView, TagView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { CONTACT_PAGE_SIZE, contactListKey, type ContactListView } from "./list/url";
import { RouteError, getRouteJson } from "@/components/data/route-json";

/** A failed load in words: the route's own message, else its status; anything else as no answer. */
export function useContactsErrorText(): (error: Error) => string {
  const t = useTranslations("contacts.page.errors");
  const common = useTranslations("common.errors");
  return (error) => {
    if (!(error instanceof RouteError)) return common("noAnswer");
    return error.serverMessage ?? t("serverAnswered", { status: error.status });
  };
}

/** The filter and segment as the contacts routes take them (an empty filter is left out). */
function selectionParams(filter: ContactFilter, segmentId: string | undefined): URLSearchParams {
  const params = new URLSearchParams();
  if (!isEmptyFilter(filter)) params.set("filter", JSON.stringify(filter));
  if (segmentId) params.set("segment", segmentId);
  return params;
}

export function contactListUrl(view: ContactListView, cursor: string | null): string {
  const params = selectionParams(view.filter, view.segmentId);
  params.set("sort", view.sort);
  params.set("limit", String(CONTACT_PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  return `/api/contacts?${params}`;
}

/** Where contacts download as CSV: GET with a view's filter, POST with ticked contacts' ids (too many for an address). */
export const CONTACT_EXPORT_PATH = "/api/contacts/export";

/** The CSV download of every contact matching a filter (and a segment). */
export function contactExportUrl(selection: { filter: ContactFilter; segmentId?: string }): string {
  const query = selectionParams(selection.filter, selection.segmentId).toString();
  return query ? `${CONTACT_EXPORT_PATH}?${query}` : CONTACT_EXPORT_PATH;
}

/** The contact list, page by page (keyset cursor); the previous view stays on screen while a new filter loads. */
export function useContactList(view: ContactListView) {
  return useInfiniteQuery({
    queryKey: contactListKey(view),
    queryFn: ({ pageParam }) => getRouteJson<ContactListPage>(contactListUrl(view, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function contactCountKey(filter: ContactFilter, segmentId: string | undefined) {
  return queryKeys.contacts.count({ filter, segmentId });
}

/** How many contacts match a filter (and segment): the segment builder's live count, a segment's size. */
export function useContactCount(filter: ContactFilter, segmentId?: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: contactCountKey(filter, segmentId),
    queryFn: async () => (await getRouteJson<{ total: number }>(`/api/contacts/count?${selectionParams(filter, segmentId)}`)).total,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    staleTime: 15_000,
  });
}

export function useTags() {
  return useQuery({ queryKey: queryKeys.contacts.tags(), queryFn: () => getRouteJson<TagView[]>("/api/contacts/tags"), staleTime: 60_000 });
}

export function useAttributeDefinitions() {
  return useQuery({
    queryKey: queryKeys.contacts.attributes(),
    queryFn: () => getRouteJson<AttributeDefinitionView[]>("/api/contacts/attributes"),
    staleTime: 5 * 60_000,
  });
}

export function useSegments() {
  return useQuery({ queryKey: queryKeys.contacts.segments(), queryFn: () => getRouteJson<SegmentView[]>("/api/contacts/segments"), staleTime: 60_000 });
}

/** The business numbers the reader works with (the inbox's own list, shared in the cache). */
export function useBusinessNumbers() {
  return usePhoneNumbers();
}
