import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { exportRecipientsCsv } from "@/lib/campaigns/results";
import { requestTranslator } from "@/lib/i18n/server";

import { resultsProblem } from "../recipients/problem";

export const dynamic = "force-dynamic";

/** Every recipient of a campaign as a CSV download, headers and statuses in the reader's language. */
export const GET = withCapability("campaigns.view", async (user, _request: Request, context: { params: Promise<{ campaignId: string }> }) => {
  const { campaignId } = await context.params;
  try {
    const { fileName, csv } = await exportRecipientsCsv(await getDb(), user, campaignId, await requestTranslator());
    return new Response(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    const answer = await resultsProblem(error);
    if (answer) return answer;
    throw error;
  }
});
