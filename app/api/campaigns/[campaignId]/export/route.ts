import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { exportRecipientsCsv } from "@/lib/campaigns/results";
import { requestTranslator } from "@/lib/i18n/server";

import { resultsProblem } from "../recipients/problem";

export const dynamic = "force-dynamic";

/**
 * The download's name: `filename*` carries the campaign's name in any script; the plain `filename`
 * before it is the same name in ASCII for clients that read only that one.
 */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Every recipient of a campaign as a CSV download, headers and statuses in the reader's language. */
export const GET = withCapability("campaigns.view", async (user, _request: Request, context: { params: Promise<{ campaignId: string }> }) => {
  const { campaignId } = await context.params;
  try {
    const { fileName, csv } = await exportRecipientsCsv(await getDb(), user, campaignId, await requestTranslator());
    return new Response(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": contentDisposition(fileName),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    const answer = await resultsProblem(error);
    if (answer) return answer;
    throw error;
  }
});
