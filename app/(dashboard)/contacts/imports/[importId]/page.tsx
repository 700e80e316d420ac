import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";

import { ImportScreen } from "@/components/contacts/import/import-screen";
import { acceptedLanguages, defaultCountryGuess } from "@/components/contacts/import/mapping";
import type { CountryOption } from "@/components/contacts/import/mapping-step";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { requirePageAccess, type SessionUser } from "@/lib/auth/session";
import { listAttributeDefinitions } from "@/lib/contacts/attributes";
import { getImport, listImports } from "@/lib/contacts/import/service";
import { COUNTRY_CODES } from "@/lib/contacts/phone";
import { requestTranslator } from "@/lib/i18n/server";
import type { ContactImportView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts.importer.screen");
  return { title: t("metaTitle") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every country a number may be read in, named in the reader's language and sorted as they sort. */
function countryOptions(locale: string): CountryOption[] {
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map(({ code, callingCode }) => ({ code, callingCode, name: names.of(code) ?? code })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}

/**
 * The country offered for numbers written without "+": the one this person chose last time (else
 * anyone's last choice), else the region of their browser's languages.
 */
async function suggestedCountry(imports: ContactImportView[], user: SessionUser, known: ReadonlySet<string>): Promise<string | null> {
  const chosen = imports.filter((entry) => entry.defaultCountry);
  const lastUsed = (chosen.find((entry) => entry.createdBy?.id === user.id) ?? chosen[0])?.defaultCountry;
  const languages = acceptedLanguages((await headers()).get("accept-language"));
  return defaultCountryGuess({ lastUsed, languages, known }) ?? null;
}

/** One contact import: its mapping step, its progress, or what it did. */
export default async function ContactImportPage({ params }: { params: Promise<{ importId: string }> }) {
  const user = await requirePageAccess("contacts.manage");
  const { importId } = await params;
  if (!UUID.test(importId)) notFound();
  const db = await getDb();
  // A failed import's reason is stored as what its words are written from: each reader gets their own language.
  const t = await requestTranslator();
  let view: ContactImportView;
  try {
    view = await getImport(db, user, importId, t);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.contacts.import(importId), view);
  let countries: CountryOption[] = [];
  let suggested: string | null = null;
  // Only the mapping step needs the attributes and the countries.
  if (view.status === "uploaded") {
    const [attributes, imports] = await Promise.all([listAttributeDefinitions(db), listImports(db, user, t)]);
    queryClient.setQueryData(queryKeys.contacts.attributes(), attributes);
    countries = countryOptions(await getLocale());
    suggested = await suggestedCountry(imports, user, new Set(countries.map((country) => country.code)));
  }
  return (
    <ClientMessages namespaces={["contacts"]}>
      <div className="mx-auto flex w-full max-w-6xl flex-col px-6 py-6">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <ImportScreen importId={importId} countries={countries} suggestedCountry={suggested} />
        </HydrationBoundary>
      </div>
    </ClientMessages>
  );
}
