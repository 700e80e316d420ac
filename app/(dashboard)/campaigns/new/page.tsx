import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { BuilderPage } from "../builder-page";
import { requirePageAccess } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("campaigns.builder");
  return { title: t("newTitle") };
}

/** A new campaign: only those who manage campaigns build them (it always starts at the first step). */
export default async function NewCampaignPage() {
  const user = await requirePageAccess("campaigns.manage");
  return <BuilderPage user={user} campaign={null} />;
}
