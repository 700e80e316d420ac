import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { withCapability } from "@/lib/auth/session";
import { requestTranslator } from "@/lib/i18n/server";
import { message } from "@/lib/i18n/translatable";
import { openConversationExport } from "@/lib/inbox/export";

import { isUuid, problem } from "../../../cursor";

export const dynamic = "force-dynamic";

/**
 * A conversation's transcript as a CSV download (inbox.use): every message oldest first, private
 * notes and automatic messages marked, streamed as it is read. Outside the user's connections: 404.
 */
export const GET = withCapability("inbox.use", async (user, _request: Request, context: { params: Promise<{ conversationId: string }> }) => {
  const { conversationId } = await context.params;
  if (!isUuid(conversationId)) return problem(404, message("inbox.api.noSuchConversation"), "NOT_FOUND");
  try {
    const { fileName, stream } = await openConversationExport(await getDb(), user, conversationId, await requestTranslator());
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return problem(404, message("inbox.api.noSuchConversation"), "NOT_FOUND");
    throw error;
  }
});
