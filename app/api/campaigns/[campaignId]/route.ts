import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaigns/drafts";

import { answerCampaign } from "../problem";

export const dynamic = "force-dynamic";

/** One campaign → CampaignView (404 when it is not on one of the user's numbers). */
export const GET = withCapability("campaigns.view", async (user, _request: Request, context: { params: Promise<{ campaignId: string }> }) => {
  const { campaignId } = await context.params;
  return answerCampaign(async () => getCampaign(await getDb(), user, campaignId));
});
