import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listAttributeDefinitions } from "@/lib/contacts/attributes";
import { listTags } from "@/lib/contacts/tags";
import type { SegmentView } from "@/lib/contacts/views";
import { queryKeys } from "@/lib/query-keys";

import { SegmentBuilder } from "@/components/contacts/segments/segment-builder";

/** The builder's page, new or saved: a way back, its heading, and the builder with the tags and attributes read here. */
export async function SegmentBuilderPage({ segment, canManage }: { segment?: SegmentView; canManage: boolean }) {
  const t = await getTranslations("contacts.segments.builder");
  const db = await getDb();
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: queryKeys.contacts.tags(), queryFn: () => listTags(db) }),
    queryClient.prefetchQuery({ queryKey: queryKeys.contacts.attributes(), queryFn: () => listAttributeDefinitions(db) }),
  ]);
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-5 px-6 py-6">
      <div className="space-y-2">
        <Link href="/contacts/segments" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeftIcon className="size-4 rtl:-scale-x-100" aria-hidden="true" />
          {t("back")}
        </Link>
        <h2 className="text-lg font-semibold tracking-tight">
          {segment ? <bdi dir="auto">{segment.name}</bdi> : t("newTitle")}
        </h2>
      </div>
      <ClientMessages namespaces={["contacts"]}>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <SegmentBuilder segment={segment} canManage={canManage} />
        </HydrationBoundary>
      </ClientMessages>
    </div>
  );
}
