import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { SegmentsList } from "@/components/contacts/segments/segments-list";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { listSegments } from "@/lib/contacts/segments";
import { queryKeys } from "@/lib/query-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts.segments.list");
  return { title: t("title") };
}

/** The saved segments; each one's size is counted in the browser, row by row. */
export default async function SegmentsPage() {
  const user = await requirePageAccess("contacts.view");
  const queryClient = new QueryClient();
  const db = await getDb();
  await queryClient.prefetchQuery({ queryKey: queryKeys.contacts.segments(), queryFn: () => listSegments(db) });
  return (
    <ClientMessages namespaces={["contacts"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SegmentsList canManage={can(user.role, "contacts.manage")} />
      </HydrationBoundary>
    </ClientMessages>
  );
}
