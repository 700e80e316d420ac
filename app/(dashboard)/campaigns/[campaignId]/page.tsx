import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { CampaignResults } from "@/components/campaigns/results/results-screen";
import { recipientFiltersFromSearchParams, recipientsKey, RECIPIENT_PAGE_SIZE } from "@/components/campaigns/results/url";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaigns/drafts";
import { checkRecipientQuery, failureGroups, listRecipients } from "@/lib/campaigns/results";
import type { CampaignView } from "@/lib/campaigns/types";
import { queryKeys } from "@/lib/query-keys";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata({ params }: { params: Promise<{ campaignId: string }> }): Promise<Metadata> {
  const t = await getTranslations("campaigns.results");
  const { campaignId } = await params;
  if (!UUID.test(campaignId)) return { title: t("metaTitle") };
  try {
    const user = await requirePageAccess("campaigns.view");
    const campaign = await getCampaign(await getDb(), user, campaignId);
    return { title: t("metaTitleNamed", { name: campaign.name }) };
  } catch {
    return { title: t("metaTitle") };
  }
}

/**
 * A campaign's results. Its summary, first recipients and failures are read here under the browser's
 * own query keys, so the page paints complete; the live `campaign.updated` events keep each current.
 */
export default async function CampaignResultsPage({
  params,
  searchParams,
}: {
  params: Promise<{ campaignId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageAccess("campaigns.view");
  const { campaignId } = await params;
  if (!UUID.test(campaignId)) notFound();
  const filters = recipientFiltersFromSearchParams(await searchParams);
  const db = await getDb();
  let campaign: CampaignView;
  try {
    campaign = await getCampaign(db, user, campaignId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.campaigns.detail(campaignId), campaign);
  if (campaign.status !== "draft") {
    // A failed read is left to the browser, which says why and asks again.
    await Promise.all([
      queryClient.prefetchInfiniteQuery({
        queryKey: recipientsKey(campaignId, filters),
        // The first page as the table asks the route for it: the same filters, its search included.
        queryFn: () =>
          listRecipients(db, user, campaignId, checkRecipientQuery({ status: filters.status, reason: filters.reason, q: filters.q, limit: RECIPIENT_PAGE_SIZE })),
        initialPageParam: null as string | null,
      }),
      queryClient.prefetchQuery({ queryKey: queryKeys.campaigns.failures(campaignId), queryFn: () => failureGroups(db, user, campaignId) }),
    ]);
  }
  return (
    <ClientMessages namespaces={["campaigns.results", "campaigns.status", "campaigns.list", "gateway"]}>
      <div className="mx-auto w-full max-w-7xl px-6 py-6">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <CampaignResults campaignId={campaignId} canManage={can(user.role, "campaigns.manage")} recipientFilters={filters} />
        </HydrationBoundary>
      </div>
    </ClientMessages>
  );
}
