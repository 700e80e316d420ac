import { getDb } from "@/db";
import { customerSummary } from "@/db/queries/conversations";
import { findVisibleConversation } from "@/lib/auth/connection-access";
import { withCapability } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { conversationView } from "@/lib/inbox/views";

import { isUuid, problem } from "../../cursor";

export const dynamic = "force-dynamic";

/** One conversation with its customer, number and the customer panel's counts; one outside the user's connections is 404. */
export const GET = withCapability(
  "inbox.use",
  async (user, _request: Request, context: RouteContext<"/api/inbox/conversations/[conversationId]">) => {
    const { conversationId } = await context.params;
    if (!isUuid(conversationId)) return problem(404, message("inbox.api.noSuchConversation"), "NOT_FOUND");
    const db = await getDb();
    const conversation = await findVisibleConversation(db, user.connections, conversationId);
    if (!conversation) return problem(404, message("inbox.api.noSuchConversation"), "NOT_FOUND");
    return Response.json(conversationView(conversation, await customerSummary(db, conversationId, user.connections)));
  },
);
