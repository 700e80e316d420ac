"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import type { TemplateListView } from "@/lib/templates/views";
import { queryKeys } from "@/lib/query-keys";

/** `failed`: what to say when the server answers without the list (its own message first, if it gave one). */
async function fetchTemplateList(wabaId: string, failed: (status: number) => string): Promise<TemplateListView> {
  const response = await fetch(`/api/templates${wabaId ? `?waba=${encodeURIComponent(wabaId)}` : ""}`, {
    headers: { Accept: "application/json" },
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? failed(response.status));
  }
  return (await response.json()) as TemplateListView;
}

/**
 * One WABA's templates: the server's render hydrates it at once, then it refreshes in the background
 * (the route re-syncs through the gateway when stale) on mount, on focus and every 20 s, because
 * template webhooks may never reach us behind Maton.
 */
export function useTemplateList(wabaId: string, initial: TemplateListView | undefined) {
  const t = useTranslations("templates.list");
  return useQuery({
    queryKey: queryKeys.templates.list(wabaId),
    queryFn: () => fetchTemplateList(wabaId, (status) => t("loadFailed", { status })),
    initialData: initial,
    staleTime: 0,
    refetchOnWindowFocus: true,
    refetchInterval: 20_000,
    placeholderData: (previous) => previous,
  });
}
