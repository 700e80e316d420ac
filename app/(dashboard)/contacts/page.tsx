import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { ContactsList } from "@/components/contacts/list/contacts-list";
import { CONTACT_PAGE_SIZE, contactListKey, filterFromSearchParams } from "@/components/contacts/list/url";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { listAttributeDefinitions } from "@/lib/contacts/attributes";
import { listContacts } from "@/lib/contacts/list";
import { listTags } from "@/lib/contacts/tags";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts.page");
  return { title: t("title") };
}

/**
 * The contact list, in the view its URL names. The first page, the tags and the attributes are read
 * here under the browser's own query keys, so the list paints at once and scrolls on from there.
 */
export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageAccess("contacts.view");
  const view = filterFromSearchParams(await searchParams);
  const db = await getDb();
  const queryClient = new QueryClient();
  // A failed read (an unknown segment in a shared link) is left to the browser, which says why.
  await Promise.all([
    queryClient.prefetchInfiniteQuery({
      queryKey: contactListKey(view),
      queryFn: () => listContacts(db, user, { filter: view.filter, segmentId: view.segmentId, sort: view.sort, limit: CONTACT_PAGE_SIZE }),
      initialPageParam: null as string | null,
    }),
    queryClient.prefetchQuery({ queryKey: queryKeys.contacts.tags(), queryFn: () => listTags(db) }),
    queryClient.prefetchQuery({ queryKey: queryKeys.contacts.attributes(), queryFn: () => listAttributeDefinitions(db) }),
  ]);

  return (
    <ClientMessages namespaces={["contacts"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <Suspense>
          <ContactsList canManage={can(user.role, "contacts.manage")} />
        </Suspense>
      </HydrationBoundary>
    </ClientMessages>
  );
}
