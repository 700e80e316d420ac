/**
 * /analytics keeps everything in its URL (`?tab=windows&preset=last7&number=…`), so a reload, a shared
 * link or the back button shows the same figures. Pure and browser-safe: the page, the filter bar and the
 * report queries read and write the search through these.
 */
import type { AnalyticsSearch } from "@/lib/analytics/views";

export const ANALYTICS_TABS = ["conversations", "windows", "templates", "campaigns", "costs"] as const;
export type AnalyticsTab = (typeof ANALYTICS_TABS)[number];
/** Tabs only readers of everyone's figures (marketers, admins) see. */
export const VIEW_ALL_TABS: readonly AnalyticsTab[] = ["templates", "campaigns", "costs"];

/** The routes under /api/analytics a tab or the filter bar reads. */
export type AnalyticsSection = "options" | "conversations" | "windows" | "templates" | "templates/meta" | "campaigns" | "costs";

/** The search's parameters, in the order the URL writes them. */
export const SEARCH_KEYS = ["preset", "from", "to", "number", "agent", "label", "campaign"] as const satisfies ReadonlyArray<keyof AnalyticsSearch>;

/** A page's `searchParams` as Next hands them over, or the browser's. */
export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Long enough for any id or date the search carries; a longer value is a hand-edited link. */
const VALUE_MAX = 100;

function firstOf(params: SearchParamsInput, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim().slice(0, VALUE_MAX);
  return trimmed ? trimmed : undefined;
}

/** The search a URL asks for. Values are passed on as they are: the server checks them and names a bad one. */
export function searchFromParams(params: SearchParamsInput): AnalyticsSearch {
  const search: AnalyticsSearch = {};
  for (const key of SEARCH_KEYS) {
    const value = firstOf(params, key);
    if (value !== undefined) search[key] = value;
  }
  // A custom range's dates mean nothing under another preset.
  if (search.preset && search.preset !== "custom") {
    delete search.from;
    delete search.to;
  }
  return search;
}

export function isAnalyticsTab(value: string | undefined | null): value is AnalyticsTab {
  return value !== undefined && value !== null && (ANALYTICS_TABS as readonly string[]).includes(value);
}

/** The tab a URL asks for, if the reader may see it; else Conversations. */
export function tabFromParams(params: SearchParamsInput, viewAll: boolean): AnalyticsTab {
  const tab = firstOf(params, "tab");
  if (!isAnalyticsTab(tab)) return "conversations";
  return !viewAll && VIEW_ALL_TABS.includes(tab) ? "conversations" : tab;
}

/** Only what the search sets, in a stable order. */
export function paramsFromSearch(search: AnalyticsSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of SEARCH_KEYS) {
    const value = search[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

/** `/analytics` showing `tab` (Conversations, the default, is left out) with the search. */
export function analyticsHref(tab: AnalyticsTab, search: AnalyticsSearch): string {
  const params = new URLSearchParams();
  if (tab !== "conversations") params.set("tab", tab);
  for (const [key, value] of paramsFromSearch(search)) params.set(key, value);
  const query = params.toString();
  return query ? `/analytics?${query}` : "/analytics";
}

/** The route a section is read from: the page's search plus the browser's time zone. */
export function reportUrl(section: AnalyticsSection, search: AnalyticsSearch, timeZone: string): string {
  const params = paramsFromSearch(search);
  params.set("tz", timeZone);
  return `/api/analytics/${section}?${params.toString()}`;
}

/** The report a tab shows (its range is the one written under the filter bar). */
export function sectionOfTab(tab: AnalyticsTab): Exclude<AnalyticsSection, "options" | "templates/meta"> {
  return tab;
}
