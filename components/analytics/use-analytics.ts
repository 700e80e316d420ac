"use client";

import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import * as React from "react";

import { getRouteJson, RouteError } from "@/components/data/route-json";
import type { AnalyticsOptions, AnalyticsSearch, ResolvedRange } from "@/lib/analytics/views";
import { queryKeys } from "@/lib/query-keys";

import { analyticsHref, reportUrl, searchFromParams, tabFromParams, type AnalyticsSection, type AnalyticsTab } from "./search";

/** The browser's own time zone: the server uses it when the reader has not saved one. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function analyticsKey(section: AnalyticsSection, search: AnalyticsSearch, timeZone: string) {
  return queryKeys.analytics.report(section, search, timeZone);
}

/** The search in the URL, and a setter that rewrites the URL (no reload, no scroll) keeping the open tab. */
export function useAnalyticsSearch(): [AnalyticsSearch, (next: AnalyticsSearch) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const query = searchParams.toString();
  const search = React.useMemo(() => searchFromParams(new URLSearchParams(query)), [query]);
  const setSearch = React.useCallback(
    (next: AnalyticsSearch) => {
      const tab = tabFromParams(new URLSearchParams(query), true);
      router.replace(analyticsHref(tab, next), { scroll: false });
    },
    [router, query],
  );
  return [search, setSearch];
}

/** The open tab (one the reader may see), and a setter that keeps the search. */
export function useAnalyticsTab(viewAll: boolean): [AnalyticsTab, (tab: AnalyticsTab) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const query = searchParams.toString();
  const tab = tabFromParams(new URLSearchParams(query), viewAll);
  const setTab = React.useCallback(
    (next: AnalyticsTab) => router.replace(analyticsHref(next, searchFromParams(new URLSearchParams(query))), { scroll: false }),
    [router, query],
  );
  return [tab, setTab];
}

/** A refusal worth asking again: the server's 4xx answers stay the same until the search changes. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof RouteError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * One report of the URL's search, in the browser's time zone. The previous figures stay on screen
 * (dimmed by the caller via `isPlaceholderData`) while a new search loads.
 */
export function useAnalyticsReport<T>(section: AnalyticsSection, options: { enabled?: boolean } = {}): UseQueryResult<T, Error> {
  const [search] = useAnalyticsSearch();
  const timeZone = React.useMemo(() => browserTimeZone(), []);
  return useQuery<T, Error>({
    queryKey: analyticsKey(section, search, timeZone),
    queryFn: () => getRouteJson<T>(reportUrl(section, search, timeZone)),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: shouldRetry,
    enabled: options.enabled ?? true,
  });
}

/** What the reader may filter by (numbers, agents, labels, campaigns): the same whatever the search. */
export function useAnalyticsOptions(): UseQueryResult<AnalyticsOptions, Error> {
  const timeZone = React.useMemo(() => browserTimeZone(), []);
  return useQuery<AnalyticsOptions, Error>({
    queryKey: analyticsKey("options", {}, timeZone),
    queryFn: () => getRouteJson<AnalyticsOptions>(reportUrl("options", {}, timeZone)),
    staleTime: 5 * 60_000,
    retry: shouldRetry,
  });
}

/** The range the open tab's report covers (the page provides it), for file names and captions. */
export const AnalyticsRangeContext = React.createContext<ResolvedRange | null>(null);

export function useResolvedRange(): ResolvedRange | null {
  return React.useContext(AnalyticsRangeContext);
}
