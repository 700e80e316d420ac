import { getDb } from "@/db";
import { CAMPAIGN_STATUSES, type CampaignStatus } from "@/db/schema";
import { withCapability } from "@/lib/auth/session";
import { listCampaigns } from "@/lib/campaigns/drafts";
import { message } from "@/lib/i18n/translatable";

import { problem } from "../inbox/cursor";
import { answerCampaign } from "./problem";

export const dynamic = "force-dynamic";

/** The campaigns on the user's numbers, newest first → CampaignView[]; `?status=` one status, `?q=` a part of the name. */
export const GET = withCapability("campaigns.view", async (user, request: Request) => {
  const params = new URL(request.url).searchParams;
  const status = params.get("status") || undefined;
  if (status !== undefined && !(CAMPAIGN_STATUSES as readonly string[]).includes(status)) return problem(400, message("campaigns.errors.unknownStatus"), "INVALID_INPUT");
  const q = params.get("q")?.trim().slice(0, 120) || undefined;
  return answerCampaign(async () => listCampaigns(await getDb(), user, { ...(status ? { status: status as CampaignStatus } : {}), ...(q ? { q } : {}) }));
});
