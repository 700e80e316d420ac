import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { withCapability } from "@/lib/auth/session";
import { cannedResponsesForConversation, listCannedResponses } from "@/lib/canned-responses/service";
import type { CannedPickerList, CannedResponseList } from "@/lib/canned-responses/views";
import { message } from "@/lib/i18n/translatable";

import { isUuid, problem } from "../cursor";

export const dynamic = "force-dynamic";

/**
 * The canned responses the user may use (the team's and their own). `?conversationId=` (the
 * composer's picker): each with its text filled from that conversation's customer and the user,
 * 404 for a conversation outside the user's connections. Without it (Settings): the raw texts,
 * `?library=team|personal` for one library. `?q=` searches shortcut and text.
 */
export const GET = withCapability("canned.use", async (user, request: Request) => {
  const params = new URL(request.url).searchParams;
  const q = params.get("q")?.slice(0, 200) || undefined;
  const conversationId = params.get("conversationId");
  const db = await getDb();
  if (conversationId !== null) {
    if (!isUuid(conversationId)) return problem(404, message("inbox.api.noSuchConversation"), "NOT_FOUND");
    try {
      const responses = await cannedResponsesForConversation(db, user, conversationId, { q });
      return Response.json({ responses } satisfies CannedPickerList);
    } catch (error) {
      if (error instanceof NotFoundError) return problem(404, message("inbox.api.noSuchConversation"), "NOT_FOUND");
      throw error;
    }
  }
  const library = params.get("library");
  if (library !== null && library !== "team" && library !== "personal") return problem(400, message("cannedResponses.errors.badLibrary"), "INVALID_INPUT");
  const responses = await listCannedResponses(db, user, { q, library: library ?? undefined });
  return Response.json({ responses } satisfies CannedResponseList);
});
