import { getDb } from "@/db";
import { listMessages, type MessageCursor } from "@/db/queries/conversations";
import { findVisibleConversation } from "@/lib/auth/connection-access";
import { withCapability } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { messageListView } from "@/lib/inbox/views";

import { decodeCursor, encodeCursor, isUuid, problem } from "../../../cursor";

export const dynamic = "force-dynamic";

/** A page of a conversation's messages, newest first: `?cursor` continues with older ones. Outside the user's connections: 404. */
export const GET = withCapability(
  "inbox.use",
  async (user, request: Request, context: RouteContext<"/api/inbox/conversations/[conversationId]/messages">) => {
    const { conversationId } = await context.params;
    if (!isUuid(conversationId)) return problem(404, message("inbox.api.noSuchConversation"), "NOT_FOUND");
    const params = new URL(request.url).searchParams;
    const rawCursor = params.get("cursor");
    const cursor = decodeCursor<{ sentAt: string; seq: string }>(rawCursor, ["sentAt", "seq"]);
    const usable = cursor && /^\d{1,18}$/.test(cursor.seq) && !Number.isNaN(Date.parse(cursor.sentAt));
    if (rawCursor && !usable) return problem(400, message("inbox.api.invalidMessagesCursor"), "INVALID_CURSOR");
    const db = await getDb();
    if (!(await findVisibleConversation(db, user.connections, conversationId))) return problem(404, message("inbox.api.noSuchConversation"), "NOT_FOUND");
    const page = await listMessages(db, conversationId, {
      cursor: usable ? (cursor as MessageCursor) : null,
      limit: Number(params.get("limit") ?? 40) || 40,
    });
    return Response.json(messageListView(page, encodeCursor(page.nextCursor)));
  },
);
