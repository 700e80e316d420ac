import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import { AnalyticsPage } from "@/components/analytics/analytics-page";
import { ClientMessages } from "@/components/i18n/client-messages";
import { NoAccountAccess } from "@/components/shell/no-account-access";
import { lacksConnectionAccess } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics");
  return { title: t("title") };
}

/**
 * Analytics: everyone may open it; marketers and admins see everyone's figures and the templates,
 * campaigns and costs tabs, agents their own conversations and windows. The figures load in the browser,
 * keyed by the URL's search and the browser's time zone.
 */
export default async function Page() {
  const user = await requirePageAccess("analytics.viewOwn");
  if (lacksConnectionAccess(user.connections)) {
    const t = await getTranslations("analytics");
    return <NoAccountAccess page={t("title")} />;
  }
  return (
    <ClientMessages namespaces={["analytics", "gateway"]}>
      <Suspense>
        <AnalyticsPage viewAll={can(user.role, "analytics.viewAll")} />
      </Suspense>
    </ClientMessages>
  );
}
