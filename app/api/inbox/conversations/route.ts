import { getDb } from "@/db";
import { listConversations, type ConversationCursor } from "@/db/queries/conversations";
import { filtersFromSearchParams } from "@/lib/inbox/filters";
import { withCapability } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { conversationListView } from "@/lib/inbox/views";

import { decodeCursor, encodeCursor, isUuid, problem } from "../cursor";

export const dynamic = "force-dynamic";

/** A page of the conversation list, of the user's connections only: `?assignee&status&window&q&number&label&cursor`. */
export const GET = withCapability("inbox.use", async (user, request: Request) => {
  const params = new URL(request.url).searchParams;
  const filters = filtersFromSearchParams(params);
  const rawCursor = params.get("cursor");
  const cursor = decodeCursor<{ lastMessageAt: string; lastMessageSeq: string; id: string }>(rawCursor, ["lastMessageAt", "lastMessageSeq", "id"]);
  const valid = cursor && !Number.isNaN(Date.parse(cursor.lastMessageAt)) && /^\d{1,18}$/.test(cursor.lastMessageSeq) && isUuid(cursor.id);
  if (rawCursor && !valid) return problem(400, message("inbox.api.invalidListCursor"), "INVALID_CURSOR");
  const page = await listConversations(await getDb(), {
    userId: user.id,
    scope: user.connections,
    filters: {
      assignee: filters.assignee,
      status: filters.status,
      window: filters.window,
      search: filters.q,
      phoneNumberId: filters.number || undefined,
      labelId: filters.label || undefined,
    },
    cursor: valid ? (cursor satisfies ConversationCursor) : null,
    limit: Number(params.get("limit") ?? 50) || 50,
  });
  return Response.json(conversationListView(page, encodeCursor(page.nextCursor)));
});
