"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { RouteError, getRouteJson } from "@/components/data/route-json";
import type { CampaignPlan, CampaignView, RecipientPreview } from "@/lib/campaigns/types";
import type { ContactImportView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";
import type { TemplateListView } from "@/lib/templates/views";

/** A failed read in words: the route's own message, else its status; anything else as no answer. */
export function useBuilderErrorText(): (error: Error | null) => string {
  const t = useTranslations("campaigns.builder.errors");
  return (error) => {
    if (!(error instanceof RouteError)) return t("noAnswer");
    return error.serverMessage ?? t("serverAnswered", { status: error.status });
  };
}

const campaignPath = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}`;

/** The draft as the server has it (the edit page hydrates it; `campaign.updated` refreshes it). */
export function useCampaign(campaignId: string | null) {
  return useQuery({
    queryKey: queryKeys.campaigns.detail(campaignId ?? ""),
    queryFn: () => getRouteJson<CampaignView>(campaignPath(campaignId ?? "")),
    enabled: campaignId !== null,
  });
}

/**
 * Who would be sent to and who skipped, and the estimate, for the saved draft: asked again after
 * each save (the builder invalidates the campaign's queries), kept on screen while it reloads.
 */
export function useCampaignPlan(campaignId: string | null) {
  return useQuery({
    queryKey: queryKeys.campaigns.plan(campaignId ?? ""),
    queryFn: () => getRouteJson<CampaignPlan>(`${campaignPath(campaignId ?? "")}/plan`),
    enabled: campaignId !== null,
    placeholderData: keepPreviousData,
  });
}

/** One recipient's filled template (0 is the first of the audience), for stepping through them. */
export function useRecipientPreview(campaignId: string | null, index: number) {
  return useQuery({
    queryKey: queryKeys.campaigns.preview(campaignId ?? "", index),
    queryFn: () => getRouteJson<RecipientPreview>(`${campaignPath(campaignId ?? "")}/preview?index=${index}`),
    enabled: campaignId !== null,
    placeholderData: keepPreviousData,
    retry: (count, error) => !(error instanceof RouteError && error.status === 404) && count < 2,
  });
}

/**
 * A business number's WABA templates (the templates screen's own query, shared in the cache); only
 * approved ones are offered, filtered in the builder.
 */
export function useWabaTemplates(wabaId: string) {
  return useQuery({
    queryKey: queryKeys.templates.list(wabaId),
    queryFn: () => getRouteJson<TemplateListView>(`/api/templates?waba=${encodeURIComponent(wabaId)}`),
    enabled: wabaId !== "",
    staleTime: 30_000,
  });
}

/**
 * The import a CSV audience comes from (the import screens' own query and cache key), while the
 * builder follows it from upload to finished; `contact_import.updated` moves it along.
 */
export function useAudienceImport(importId: string | null) {
  return useQuery({
    queryKey: queryKeys.contacts.import(importId ?? ""),
    queryFn: () => getRouteJson<ContactImportView>(`/api/contacts/imports/${encodeURIComponent(importId ?? "")}`),
    enabled: importId !== null,
  });
}
