import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";

import { NoAccountAccess } from "@/components/shell/no-account-access";
import { TemplatesManager } from "@/components/templates/templates-manager";
import { getDb } from "@/db";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";
import { loadTemplateList } from "@/lib/templates/list";

export const metadata: Metadata = { title: "Templates" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageAccess("templates.view");
  await connection();
  if (lacksConnectionAccess(user.connections)) return <NoAccountAccess page="Templates" />;
  const params = await searchParams;
  const waba = typeof params.waba === "string" ? params.waba : undefined;
  // The mirror answers at once; the browser then refreshes it through the gateway in the background.
  const view = await loadTemplateList(await getDb(), user, waba, { sync: "if-empty" });
  return (
    <Suspense>
      <TemplatesManager initialView={view} canManage={can(user.role, "templates.manage")} />
    </Suspense>
  );
}
