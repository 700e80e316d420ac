import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { countryChoices } from "@/components/pricing/countries";
import { RatesEditor } from "@/components/pricing/rates-editor";
import { PageHeader } from "@/components/shell/page-header";
import { getDb } from "@/db";
import { requirePageAccess } from "@/lib/auth/session";
import { listRates } from "@/lib/campaigns/pricing";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pricing");
  return { title: t("title") };
}

/** What a message costs per country and category: the rates campaigns' estimates are made from. */
export default async function PricingPage() {
  await requirePageAccess("pricing.manage");
  const t = await getTranslations("pricing");
  const [rates, locale] = await Promise.all([listRates(await getDb()), getLocale()]);
  const queryClient = new QueryClient();
  // The same JSON the route answers, so the hydrated cache and a refetch agree.
  queryClient.setQueryData(queryKeys.pricing.rates(), JSON.parse(JSON.stringify(rates)) as unknown);
  return (
    <ClientMessages namespaces={["pricing"]}>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
        <PageHeader title={t("title")} description={t("description")} />
        <HydrationBoundary state={dehydrate(queryClient)}>
          <RatesEditor countries={countryChoices(locale)} />
        </HydrationBoundary>
      </div>
    </ClientMessages>
  );
}
