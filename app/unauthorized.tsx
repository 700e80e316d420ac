import { getTranslations } from "next-intl/server";

import { StatusPage } from "@/components/shell/status-page";

/** Shown where `unauthorized()` is called (a page that needs a session it does not have), in the dashboard's language and look. */
export default async function Unauthorized() {
  const t = await getTranslations("errorPages.unauthorized");
  return <StatusPage kind="unauthorized" title={t("title")} description={t("description")} action={t("signIn")} />;
}
