/**
 * A campaign's results page keeps its recipients filter in the URL (`/campaigns/<id>?status=failed`,
 * `?status=skipped&reason=opted_out`, `?q=maria`), so a shared link opens on the same recipients. Pure and browser-safe.
 */
import { CAMPAIGN_RECIPIENT_STATUSES, type CampaignRecipientStatus } from "@/db/campaign-statuses";
import { SKIP_REASONS, type SkipReason } from "@/lib/campaigns/types";
import { queryKeys } from "@/lib/query-keys";

import type { SearchParamsInput } from "../list/url";

export interface RecipientFilters {
  status: CampaignRecipientStatus | null;
  /** Only with the status "skipped". */
  reason: SkipReason | null;
  /** A search of the recipients' names and numbers (db/queries/search.ts). */
  q?: string | null;
}

export const ALL_RECIPIENTS: RecipientFilters = { status: null, reason: null };

/** The longest search the table sends (the route refuses longer ones). */
export const RECIPIENT_SEARCH_MAX = 200;

/** How many recipients each page of the table asks for. */
export const RECIPIENT_PAGE_SIZE = 50;

function firstOf(params: SearchParamsInput, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

export function isRecipientStatus(value: string | undefined): value is CampaignRecipientStatus {
  return value !== undefined && (CAMPAIGN_RECIPIENT_STATUSES as readonly string[]).includes(value);
}

export function isSkipReason(value: string | undefined | null): value is SkipReason {
  return value !== undefined && value !== null && (SKIP_REASONS as readonly string[]).includes(value);
}

/** The filter a URL asks for; what is unknown is left out (a reason without "skipped" means nothing). */
export function recipientFiltersFromSearchParams(params: SearchParamsInput): RecipientFilters {
  const status = firstOf(params, "status");
  const reason = firstOf(params, "reason");
  const q = firstOf(params, "q")?.trim().slice(0, RECIPIENT_SEARCH_MAX) || null;
  const search = q ? { q } : {};
  if (!isRecipientStatus(status)) return { ...ALL_RECIPIENTS, ...search };
  return { status, reason: status === "skipped" && isSkipReason(reason) ? reason : null, ...search };
}

export function searchParamsFromRecipientFilters(filters: RecipientFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.status === "skipped" && filters.reason) params.set("reason", filters.reason);
  if (filters.q) params.set("q", filters.q);
  return params;
}

/** The results page's own address with a recipients filter. */
export function campaignResultsHref(campaignId: string, filters: RecipientFilters = ALL_RECIPIENTS): string {
  const query = searchParamsFromRecipientFilters(filters).toString();
  const path = `/campaigns/${encodeURIComponent(campaignId)}`;
  return query ? `${path}?${query}` : path;
}

/** One page of the recipients route. */
export function recipientsUrl(campaignId: string, filters: RecipientFilters, cursor: string | null): string {
  const params = searchParamsFromRecipientFilters(filters);
  params.set("limit", String(RECIPIENT_PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  return `/api/campaigns/${encodeURIComponent(campaignId)}/recipients?${params}`;
}

/** The CSV of every recipient (the export is the whole campaign, whatever the table shows). */
export function campaignExportUrl(campaignId: string): string {
  return `/api/campaigns/${encodeURIComponent(campaignId)}/export`;
}

/** Where a draft is started or scheduled: the builder's last step. */
export function campaignReviewHref(campaignId: string): string {
  return `/campaigns/${encodeURIComponent(campaignId)}/edit?step=review`;
}

export function recipientsKey(campaignId: string, filters: RecipientFilters) {
  return queryKeys.campaigns.recipients(campaignId, { status: filters.status, reason: filters.reason, q: filters.q ?? null });
}
