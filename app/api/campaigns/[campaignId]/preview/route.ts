import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { previewRecipient } from "@/lib/campaigns/plan";
import { message } from "@/lib/i18n/translatable";

import { problem } from "../../../inbox/cursor";
import { answerCampaign } from "../../problem";

export const dynamic = "force-dynamic";

/** `?index=n` → the audience's recipient at that position (0 = the first) as RecipientPreview; 404 past the end. */
export const GET = withCapability("campaigns.manage", async (user, request: Request, context: { params: Promise<{ campaignId: string }> }) => {
  const { campaignId } = await context.params;
  const raw = new URL(request.url).searchParams.get("index") ?? "0";
  if (!/^\d{1,9}$/.test(raw)) return problem(400, message("campaigns.errors.previewIndex"), "INVALID_INPUT");
  return answerCampaign(async () => previewRecipient(await getDb(), user, campaignId, Number(raw)));
});
