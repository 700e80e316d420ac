"use client";

import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";

import { NewCampaignButton } from "./campaigns-list";

/**
 * "Campaigns" and, for those who manage campaigns, "New campaign", above the list. A campaign's own
 * pages (its results, the builder) have headings of their own naming it.
 */
export function CampaignsSectionHeader({ canManage }: { canManage: boolean }) {
  const t = useTranslations("campaigns.list");
  if (useSelectedLayoutSegment() !== null) return null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-b bg-background px-6 py-4">
      <h1 className="text-xl font-semibold tracking-tight">{t("title")}</h1>
      {canManage ? <NewCampaignButton /> : null}
    </div>
  );
}
