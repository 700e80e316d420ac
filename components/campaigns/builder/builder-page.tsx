import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";

import { acceptedLanguages, defaultCountryGuess } from "@/components/contacts/import/mapping";
import { ClientMessages } from "@/components/i18n/client-messages";
import { countryChoices } from "@/components/pricing/countries";
import { PageHeader } from "@/components/shell/page-header";
import { getDb } from "@/db";
import { listUsablePhoneNumbers } from "@/db/queries/phone-numbers";
import type { SessionUser } from "@/lib/auth/session";
import type { CampaignView } from "@/lib/campaigns/types";
import { listAttributeDefinitions } from "@/lib/contacts/attributes";
import { queryKeys } from "@/lib/query-keys";

import { CampaignBuilder } from "./campaign-builder";

/**
 * The builder's page, for a new campaign or a saved draft: the user's business numbers with their
 * accounts, the countries a test number may be in, and the data the first steps read, prefetched.
 */
export async function BuilderPage({ user, campaign }: { user: SessionUser; campaign: CampaignView | null }) {
  const db = await getDb();
  const t = await getTranslations("campaigns.builder");
  const [numbers, attributes, locale, requestHeaders] = await Promise.all([
    listUsablePhoneNumbers(db, user.connections),
    listAttributeDefinitions(db),
    getLocale(),
    headers(),
  ]);
  const countries = countryChoices(locale);
  const suggestedCountry =
    defaultCountryGuess({ lastUsed: null, languages: acceptedLanguages(requestHeaders.get("accept-language")), known: new Set(countries.map((country) => country.code)) }) ?? null;
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.contacts.attributes(), attributes);
  if (campaign) queryClient.setQueryData(queryKeys.campaigns.detail(campaign.id), campaign);

  return (
    <ClientMessages namespaces={["campaigns.builder", "contacts.importer", "contacts.filters", "templates.preview", "templates.picker"]}>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
        <PageHeader title={campaign ? t("editTitle") : t("newTitle")} description={t("description")} />
        <HydrationBoundary state={dehydrate(queryClient)}>
          <CampaignBuilder
            numbers={numbers.map(({ id, displayPhoneNumber, verifiedName, wabaId }) => ({ id, displayPhoneNumber, verifiedName, wabaId }))}
            countries={countries}
            suggestedCountry={suggestedCountry}
            initial={campaign}
          />
        </HydrationBoundary>
      </div>
    </ClientMessages>
  );
}
