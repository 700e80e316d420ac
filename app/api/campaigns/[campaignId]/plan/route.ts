import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { planCampaign } from "@/lib/campaigns/plan";

import { answerCampaign } from "../../problem";

export const dynamic = "force-dynamic";

/** A campaign's pre-send summary → CampaignPlan: eligible, skipped by reason, the estimate, the first recipients. */
export const GET = withCapability("campaigns.manage", async (user, _request: Request, context: { params: Promise<{ campaignId: string }> }) => {
  const { campaignId } = await context.params;
  return answerCampaign(async () => planCampaign(await getDb(), user, campaignId));
});
