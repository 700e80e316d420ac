import { getTranslations } from "next-intl/server";

import { StatusPage } from "@/components/shell/status-page";

export default async function NotFound() {
  const t = await getTranslations("errorPages.notFound");
  return <StatusPage kind="notFound" title={t("title")} description={t("description")} action={t("goToInbox")} />;
}
