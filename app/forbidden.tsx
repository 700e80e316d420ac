import { getTranslations } from "next-intl/server";

import { StatusPage } from "@/components/shell/status-page";

export default async function Forbidden() {
  const t = await getTranslations("errorPages.forbidden");
  return <StatusPage kind="forbidden" title={t("title")} description={t("description")} action={t("goToInbox")} />;
}
