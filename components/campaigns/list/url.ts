/**
 * The campaign list's filters in its URL (`/campaigns?status=sending&q=spring`), so a reload or a
 * shared link shows the same campaigns. Pure and browser-safe: the page reads them on the server (to
 * prefetch under the same query key) and the list reads and writes them in the browser.
 */
import { CAMPAIGN_STATUSES, type CampaignStatus } from "@/db/campaign-statuses";
import { queryKeys } from "@/lib/query-keys";

export interface CampaignListFilters {
  status: CampaignStatus | null;
  q: string;
}

/** A page's `searchParams` as Next hands them over, or the browser's. */
export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** The longest search the list sends (a campaign's name is at most 120 characters). */
export const CAMPAIGN_SEARCH_MAX = 120;

export const NO_FILTERS: CampaignListFilters = { status: null, q: "" };

function firstOf(params: SearchParamsInput, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

export function isCampaignStatus(value: string | undefined | null): value is CampaignStatus {
  return value !== undefined && value !== null && (CAMPAIGN_STATUSES as readonly string[]).includes(value);
}

/** The filters a URL asks for; an unknown status is left out rather than refused, so a hand-edited link still opens. */
export function filtersFromSearchParams(params: SearchParamsInput): CampaignListFilters {
  const status = firstOf(params, "status");
  const q = (firstOf(params, "q") ?? "").trim().slice(0, CAMPAIGN_SEARCH_MAX);
  return { status: isCampaignStatus(status) ? status : null, q };
}

/** Only what narrows the list, in a stable order. */
export function searchParamsFromFilters(filters: CampaignListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  const q = filters.q.trim();
  if (q) params.set("q", q);
  return params;
}

/** `/campaigns` with the filters' parameters. */
export function campaignListHref(filters: CampaignListFilters): string {
  const query = searchParamsFromFilters(filters).toString();
  return query ? `/campaigns?${query}` : "/campaigns";
}

/** The route the browser reads the list from (the same parameters as the page's URL). */
export function campaignListUrl(filters: CampaignListFilters): string {
  const query = searchParamsFromFilters(filters).toString();
  return query ? `/api/campaigns?${query}` : "/api/campaigns";
}

export function hasFilters(filters: CampaignListFilters): boolean {
  return searchParamsFromFilters(filters).size > 0;
}

/** The list's query key: the same on the server (the page prefetches it) and in the browser. */
export function campaignListKey(filters: CampaignListFilters) {
  return queryKeys.campaigns.list({ status: filters.status, q: filters.q.trim() });
}
