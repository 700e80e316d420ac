"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { RouteError, getRouteJson } from "@/components/data/route-json";
import type { CampaignView, FailureGroup, RecipientView } from "@/lib/campaigns/types";
import { queryKeys } from "@/lib/query-keys";

import { campaignListKey, campaignListUrl, type CampaignListFilters } from "./list/url";
import { recipientsKey, recipientsUrl, type RecipientFilters } from "./results/url";

/**
 * A campaign as the results page reads it. `skippedByReason` is read when the route sends it (the
 * page then lists each reason); without it the page shows the skipped total alone.
 */
export type CampaignResultsView = CampaignView;

/** One page of a campaign's recipients (keyset cursor). */
export interface RecipientPage {
  items: RecipientView[];
  nextCursor: string | null;
}

/** A failed read in words: the route's own message, else its status; anything else as no answer. */
export function useCampaignsErrorText(): (error: Error) => string {
  const t = useTranslations("campaigns.list.errors");
  const common = useTranslations("common.errors");
  return (error) => {
    if (!(error instanceof RouteError)) return common("noAnswer");
    return error.serverMessage ?? t("serverAnswered", { status: error.status });
  };
}

// A missing campaign stays missing: asking again only delays the message.
const retryUnlessMissing = (count: number, error: Error) => !(error instanceof RouteError && (error.status === 404 || error.status === 403)) && count < 2;

/**
 * The campaigns matching the list's filters, newest first. Kept fresh by the live `campaign.updated`
 * events (every list is refreshed), so it never polls; the previous list stays while a new filter loads.
 */
export function useCampaigns(filters: CampaignListFilters) {
  return useQuery({
    queryKey: campaignListKey(filters),
    queryFn: () => getRouteJson<CampaignView[]>(campaignListUrl(filters)),
    placeholderData: keepPreviousData,
  });
}

/** One campaign: its status, counts and costs, refreshed by `campaign.updated` as it runs. */
export function useCampaign(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.campaigns.detail(campaignId),
    queryFn: () => getRouteJson<CampaignResultsView>(`/api/campaigns/${encodeURIComponent(campaignId)}`),
    retry: retryUnlessMissing,
  });
}

/** A campaign's recipients, page by page, in one status (or all). */
export function useCampaignRecipients(campaignId: string, filters: RecipientFilters) {
  return useInfiniteQuery({
    queryKey: recipientsKey(campaignId, filters),
    queryFn: ({ pageParam }) => getRouteJson<RecipientPage>(recipientsUrl(campaignId, filters, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    retry: retryUnlessMissing,
  });
}

/** A campaign's failures grouped by error, with whether retrying each is safe. */
export function useCampaignFailures(campaignId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.campaigns.failures(campaignId),
    queryFn: () => getRouteJson<FailureGroup[]>(`/api/campaigns/${encodeURIComponent(campaignId)}/failures`),
    enabled: options.enabled ?? true,
    retry: retryUnlessMissing,
  });
}
