import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { ImportsTable, NewImportButton } from "@/components/contacts/import/imports-table";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { requirePageAccess } from "@/lib/auth/session";
import { listImports } from "@/lib/contacts/import/service";
import { requestTranslator } from "@/lib/i18n/server";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts.importer.list");
  return { title: t("metaTitle") };
}

/** The latest contact imports, and the way to start one: for those who manage contacts. */
export default async function ContactImportsPage() {
  const user = await requirePageAccess("contacts.manage");
  const db = await getDb();
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.contacts.imports(), await listImports(db, user, await requestTranslator()));
  const t = await getTranslations("contacts.importer.list");
  return (
    <ClientMessages namespaces={["contacts"]}>
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-6 py-6">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="space-y-1">
            <h2 className="text-lg font-semibold tracking-tight">{t("title")}</h2>
            <p className="max-w-3xl text-sm text-muted-foreground">{t("description")}</p>
          </div>
          <NewImportButton />
        </div>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <ImportsTable />
        </HydrationBoundary>
      </div>
    </ClientMessages>
  );
}
