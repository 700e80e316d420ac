import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { AttributesSection } from "@/components/contacts/settings/attributes-section";
import { KeywordsSection } from "@/components/contacts/settings/keywords-section";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PageHeader } from "@/components/shell/page-header";
import { getDb } from "@/db";
import { requirePageAccess } from "@/lib/auth/session";
import { listAttributeDefinitions } from "@/lib/contacts/attributes";
import { DEFAULT_OPT_OUT_KEYWORDS, readOptOutKeywords } from "@/lib/contacts/keywords";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts.settings");
  return { title: t("title") };
}

/** Admins' contact settings: the custom attributes every contact may carry, and the opt-out keywords. */
export default async function ContactSettingsPage() {
  await requirePageAccess("contacts.settings");
  const t = await getTranslations("contacts.settings");
  const db = await getDb();
  const [definitions, keywords] = await Promise.all([listAttributeDefinitions(db), readOptOutKeywords(db)]);
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.contacts.attributes(), definitions);
  return (
    <ClientMessages namespaces={["contacts"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 p-6">
          <PageHeader title={t("title")} description={t("description")} />
          <AttributesSection />
          <KeywordsSection saved={keywords} defaults={DEFAULT_OPT_OUT_KEYWORDS} />
        </div>
      </HydrationBoundary>
    </ClientMessages>
  );
}
