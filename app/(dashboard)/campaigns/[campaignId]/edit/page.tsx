import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";

import { BuilderPage } from "../../builder-page";
import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { requirePageAccess, type SessionUser } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaigns/drafts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The campaign, or nothing when there is no such campaign for this user (the title and the page ask once). */
const findCampaign = cache(async (user: SessionUser, campaignId: string) => {
  if (!UUID.test(campaignId)) return null;
  try {
    return await getCampaign(await getDb(), user, campaignId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ campaignId: string }> }): Promise<Metadata> {
  const user = await requirePageAccess("campaigns.manage");
  const t = await getTranslations("campaigns.builder");
  const campaign = await findCampaign(user, (await params).campaignId);
  return { title: campaign ? t("editMetaTitle", { name: campaign.name }) : t("notFound") };
}

/**
 * A draft back in the builder, on the step `?step=` names (template, audience, variables, review) when
 * the steps before it are complete; a campaign that has started is shown with its results instead.
 */
export default async function EditCampaignPage({ params, searchParams }: { params: Promise<{ campaignId: string }>; searchParams: Promise<{ step?: string | string[] }> }) {
  const user = await requirePageAccess("campaigns.manage");
  const [{ campaignId }, { step }] = await Promise.all([params, searchParams]);
  const campaign = await findCampaign(user, campaignId);
  if (!campaign) notFound();
  if (campaign.status !== "draft") redirect(`/campaigns/${encodeURIComponent(campaign.id)}`);
  return <BuilderPage user={user} campaign={campaign} step={step} />;
}
