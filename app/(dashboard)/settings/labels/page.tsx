import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { LabelsManager } from "@/components/labels/labels-manager";
import { PageHeader } from "@/components/shell/page-header";
import { getDb } from "@/db";
import { requirePageAccess } from "@/lib/auth/session";
import { listConversationLabels } from "@/lib/inbox/labels";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("labels.settings");
  return { title: t("title") };
}

/** Marketers' and admins' conversation labels: create, rename, recolour, delete. */
export default async function LabelSettingsPage() {
  const user = await requirePageAccess("labels.manage");
  const t = await getTranslations("labels.settings");
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.inbox.labels(), await listConversationLabels(await getDb(), user));
  return (
    <ClientMessages namespaces={["labels", "contacts.tags"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 p-6">
          <PageHeader title={t("title")} description={t("description")} />
          <LabelsManager />
        </div>
      </HydrationBoundary>
    </ClientMessages>
  );
}
