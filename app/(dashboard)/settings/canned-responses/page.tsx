import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { CannedResponsesSettings } from "@/components/canned-responses/canned-responses-settings";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PageHeader } from "@/components/shell/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { cannedLibraryKey } from "@/lib/canned-responses/query-keys";
import { listCannedResponses } from "@/lib/canned-responses/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cannedResponses.page");
  return { title: t("title") };
}

/** The team's canned responses (kept by marketers and admins) and the reader's own. */
export default async function CannedResponsesPage() {
  const user = await requirePageAccess("canned.use");
  const t = await getTranslations("cannedResponses.page");
  const db = await getDb();
  const [team, personal] = await Promise.all([listCannedResponses(db, user, { library: "team" }), listCannedResponses(db, user, { library: "personal" })]);
  const queryClient = new QueryClient();
  queryClient.setQueryData(cannedLibraryKey("team"), team);
  queryClient.setQueryData(cannedLibraryKey("personal"), personal);
  return (
    <ClientMessages namespaces={["cannedResponses"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-6">
          <PageHeader title={t("title")} description={t("description")} />
          <CannedResponsesSettings canManageTeam={can(user.role, "canned.manageTeam")} />
        </div>
      </HydrationBoundary>
    </ClientMessages>
  );
}
