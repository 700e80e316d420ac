import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { checkRecipientQuery, listRecipients } from "@/lib/campaigns/results";

import { resultsProblem } from "./problem";

export const dynamic = "force-dynamic";

/** A page of a campaign's recipients: `?status=&reason=&q=&cursor=&limit=` → `{ items, nextCursor }`. */
export const GET = withCapability("campaigns.view", async (user, request: Request, context: { params: Promise<{ campaignId: string }> }) => {
  const { campaignId } = await context.params;
  const params = new URL(request.url).searchParams;
  try {
    const query = checkRecipientQuery({ status: params.get("status"), reason: params.get("reason"), q: params.get("q"), cursor: params.get("cursor"), limit: params.get("limit") });
    return Response.json(await listRecipients(await getDb(), user, campaignId, query), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const answer = await resultsProblem(error);
    if (answer) return answer;
    throw error;
  }
});
