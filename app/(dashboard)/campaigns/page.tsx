import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { CampaignsList } from "@/components/campaigns/list/campaigns-list";
import { campaignListKey, filtersFromSearchParams } from "@/components/campaigns/list/url";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listCampaigns } from "@/lib/campaigns/drafts";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("campaigns.list");
  return { title: t("title") };
}

/**
 * The campaign list, filtered as its URL says. The first answer is read here under the browser's own
 * query key, so the table paints at once; live `campaign.updated` events keep it current.
 */
export default async function CampaignsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageAccess("campaigns.view");
  const filters = filtersFromSearchParams(await searchParams);
  const db = await getDb();
  const queryClient = new QueryClient();
  // A failed read is left to the browser, which says why and asks again.
  await queryClient.prefetchQuery({
    queryKey: campaignListKey(filters),
    queryFn: () => listCampaigns(db, user, { status: filters.status ?? undefined, q: filters.q || undefined }),
  });
  return (
    <ClientMessages namespaces={["campaigns.list", "campaigns.status"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Suspense>
          <CampaignsList canManage={can(user.role, "campaigns.manage")} />
        </Suspense>
      </HydrationBoundary>
    </ClientMessages>
  );
}
