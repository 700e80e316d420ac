import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { ClientMessages } from "@/components/i18n/client-messages";
import { NoAccountAccess } from "@/components/shell/no-account-access";
import { TemplatesManager } from "@/components/templates/templates-manager";
import { getDb } from "@/db";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { loadTemplateList } from "@/lib/templates/list";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("templates");
  return { title: t("title") };
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageAccess("templates.view");
  await connection();
  const t = await getTranslations("templates");
  if (lacksConnectionAccess(user.connections)) return <NoAccountAccess page={t("title")} />;
  const params = await searchParams;
  const waba = typeof params.waba === "string" ? params.waba : undefined;
  // The mirror answers at once; the browser then refreshes it through the gateway in the background.
  const view = await loadTemplateList(await getDb(), user, waba, { sync: "if-empty" });
  return (
    // The list shows a failed sync's explanation (gateway) beside the templates.
    <ClientMessages namespaces={["templates", "gateway"]}>
      <Suspense>
        <TemplatesManager initialView={view} canManage={can(user.role, "templates.manage")} />
      </Suspense>
    </ClientMessages>
  );
}
