"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import type { TemplateListView } from "@/lib/templates/views";
import { queryKeys } from "@/lib/query-keys";

async function fetchTemplateList(wabaId: string): Promise<TemplateListView> {
  const response = await fetch(`/api/templates${wabaId ? `?waba=${encodeURIComponent(wabaId)}` : ""}`, {
    headers: { Accept: "application/json" },
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as TemplateListView;
}

/**
 * One WABA's templates: the server's render hydrates it at once, then it refreshes in the background
 * (the route re-syncs through the gateway when stale) on mount, on focus and every 20 s, because
 * template webhooks may never reach us behind Maton.
 */
export function useTemplateList(wabaId: string, initial: TemplateListView | undefined) {
  return useQuery({
    queryKey: queryKeys.templates.list(wabaId),
    queryFn: () => fetchTemplateList(wabaId),
    initialData: initial,
    staleTime: 0,
    refetchOnWindowFocus: true,
    refetchInterval: 20_000,
    placeholderData: (previous) => previous,
  });
}

export type LiveState = "connecting" | "live" | "reconnecting";

/**
 * Template status changes from /api/events (webhooks, and syncs that found a change) refresh the
 * template queries. The shared components/live hook serves the inbox's events; this one the templates'.
 */
export function useTemplateLiveUpdates(): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    const source = new EventSource("/api/events");
    const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.templates.all });
    source.addEventListener("template.updated", refresh);
    source.addEventListener("open", () => setState("live"));
    source.addEventListener("error", () => setState("reconnecting"));
    return () => source.close();
  }, [queryClient]);
  return state;
}
