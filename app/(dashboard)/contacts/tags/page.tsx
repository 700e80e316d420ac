import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { TagsManager } from "@/components/contacts/tags/tags-manager";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { listTags } from "@/lib/contacts/tags";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts.tags");
  return { title: t("title") };
}

/** The tags of contacts: everyone reads them; those who manage contacts create, rename, recolour and delete. */
export default async function ContactTagsPage() {
  const user = await requirePageAccess("contacts.view");
  const queryClient = new QueryClient();
  const db = await getDb();
  await queryClient.prefetchQuery({ queryKey: queryKeys.contacts.tags(), queryFn: () => listTags(db) });
  return (
    <ClientMessages namespaces={["contacts"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <TagsManager canManage={can(user.role, "contacts.manage")} />
      </HydrationBoundary>
    </ClientMessages>
  );
}
