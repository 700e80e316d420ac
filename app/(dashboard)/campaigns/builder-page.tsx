import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";

import { acceptedLanguages, defaultCountryGuess } from "@/components/contacts/import/mapping";
import { ClientMessages } from "@/components/i18n/client-messages";
import { countryChoices } from "@/components/pricing/countries";
import { getDb } from "@/db";
import { listUsablePhoneNumbers } from "@/db/queries/phone-numbers";
import type { SessionUser } from "@/lib/auth/session";
import type { CampaignView } from "@/lib/campaigns/types";
import { listAttributeDefinitions } from "@/lib/contacts/attributes";
import { queryKeys } from "@/lib/query-keys";

import { CampaignBuilder } from "@/components/campaigns/builder/campaign-builder";
import { stepFromParam } from "@/components/campaigns/builder/draft";

/**
 * The builder's page, for a new campaign or a saved draft: the user's business numbers with their
 * accounts, the countries a test number may be in, and the data the first steps read, prefetched.
 * The heading (the draft's name once saved) and the delete button are the builder's own: they follow
 * the draft as it is saved. `step` is the address's `?step=` (template, audience, variables, review).
 */
export async function BuilderPage({ user, campaign, step }: { user: SessionUser; campaign: CampaignView | null; step?: string | string[] }) {
  const db = await getDb();
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
        <HydrationBoundary state={dehydrate(queryClient)}>
          <CampaignBuilder
            numbers={numbers.map(({ id, displayPhoneNumber, verifiedName, wabaId }) => ({ id, displayPhoneNumber, verifiedName, wabaId }))}
            countries={countries}
            suggestedCountry={suggestedCountry}
            initial={campaign}
            initialStep={stepFromParam(step)}
          />
        </HydrationBoundary>
      </div>
    </ClientMessages>
  );
}
