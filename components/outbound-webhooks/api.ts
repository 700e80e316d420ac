"use client";

import { queryKeys } from "@/lib/query-keys";
import { useInfiniteQuery, type InfiniteData } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import type { DeliveryStatus } from "@/lib/actions/outbound-webhooks.schema";
import type { listDeliveries } from "@/lib/outbound-webhooks/service";

/** A page of an endpoint's deliveries, as the route answers it (the service's own result). */
export type DeliveryPage = Awaited<ReturnType<typeof listDeliveries>>;

/** How often the list asks again while a delivery is about to be attempted, and while the next attempts are further off. */
const SOON_MS = 2_000;
const LATER_MS = 30_000;
/** A pending delivery due within this is "about to be attempted". */
const DUE_SOON_MS = 60_000;

/**
 * Whether, and how soon, the list must be asked again: only while something is pending; often while
 * an attempt is due (a test event, a replay, the first retries), rarely while retries are minutes or
 * hours away.
 */
export function refreshInterval(data: InfiniteData<DeliveryPage> | undefined, now = Date.now()): number | false {
  const pending = data?.pages.flatMap((page) => page.deliveries.filter((delivery) => delivery.status === "pending")) ?? [];
  if (pending.length === 0) return false;
  const dueSoon = pending.some((delivery) => !delivery.nextAttemptAt || Date.parse(delivery.nextAttemptAt) - now < DUE_SOON_MS);
  return dueSoon ? SOON_MS : LATER_MS;
}

/** A refusal of the deliveries route: its message, already in the reader's words, when it sent one. */
export class DeliveriesFetchError extends Error {
  constructor(
    readonly serverMessage: string | undefined,
    readonly status: number,
  ) {
    super(serverMessage ?? `HTTP ${status}`);
  }
}

async function fetchDeliveries(endpointId: string, status: DeliveryStatus | null, cursor: string | null): Promise<DeliveryPage> {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (cursor) params.set("cursor", cursor);
  const query = params.size > 0 ? `?${params}` : "";
  const response = await fetch(`/api/settings/webhook-endpoints/${encodeURIComponent(endpointId)}/deliveries${query}`, {
    headers: { Accept: "application/json" },
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new DeliveriesFetchError(body?.error?.message, response.status);
  }
  return (await response.json()) as DeliveryPage;
}

/**
 * An endpoint's deliveries, newest first, starting from the page the server rendered; "Load more"
 * continues with older ones. It refreshes itself only while a delivery is pending.
 */
export function useDeliveries(endpointId: string, status: DeliveryStatus | null, firstPage: DeliveryPage) {
  return useInfiniteQuery({
    queryKey: queryKeys.outboundWebhooks.deliveries(endpointId, status),
    queryFn: ({ pageParam }) => fetchDeliveries(endpointId, status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
    staleTime: 5_000,
    refetchInterval: (query) => refreshInterval(query.state.data),
  });
}

/** A failed load in words: the route's own message, else its status; anything else as no answer. */
export function useDeliveriesErrorText(): (error: Error) => string {
  const t = useTranslations("outboundWebhooks.deliveries");
  const common = useTranslations("common.errors");
  return (error) => {
    if (!(error instanceof DeliveriesFetchError)) return common("noAnswer");
    return error.serverMessage ?? t("serverAnswered", { status: error.status });
  };
}
