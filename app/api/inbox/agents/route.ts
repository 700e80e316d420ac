import { getDb } from "@/db";
import { findPhoneNumberScopeConnection } from "@/db/queries/connection-access";
import { listAssignableUsers } from "@/db/queries/conversations";
import { findVisibleConversation } from "@/lib/auth/connection-access";
import { withCapability } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { inboxAgentsView } from "@/lib/inbox/views";

import { isUuid, problem } from "../cursor";

export const dynamic = "force-dynamic";

/**
 * People a conversation can be assigned to; `?conversationId` keeps those who may work in its
 * connection (a conversation the user may not see is 404, like a missing one).
 */
export const GET = withCapability("inbox.use", async (user, request: Request) => {
  const db = await getDb();
  const conversationId = new URL(request.url).searchParams.get("conversationId");
  if (conversationId === null) return Response.json(inboxAgentsView(await listAssignableUsers(db)));
  const conversation = isUuid(conversationId) ? await findVisibleConversation(db, user.connections, conversationId) : undefined;
  if (!conversation) return problem(404, message("inbox.api.noSuchConversation"), "NOT_FOUND");
  const connectionId = (await findPhoneNumberScopeConnection(db, conversation.phoneNumber.id)) ?? null;
  return Response.json(inboxAgentsView(await listAssignableUsers(db, { connectionId })));
});
