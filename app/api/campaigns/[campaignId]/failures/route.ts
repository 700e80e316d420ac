import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { failureGroups } from "@/lib/campaigns/results";

import { resultsProblem } from "../recipients/problem";

export const dynamic = "force-dynamic";

/** A campaign's failed recipients grouped by error (FailureGroup[]), most frequent first. */
export const GET = withCapability("campaigns.view", async (user, _request: Request, context: { params: Promise<{ campaignId: string }> }) => {
  const { campaignId } = await context.params;
  try {
    return Response.json(await failureGroups(await getDb(), user, campaignId), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const answer = await resultsProblem(error);
    if (answer) return answer;
    throw error;
  }
});
