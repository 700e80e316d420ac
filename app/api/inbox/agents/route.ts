import { getDb } from "@/db";
import { listAssignableUsers } from "@/db/queries/conversations";
import { withCapability } from "@/lib/auth/session";
import { inboxAgentsView } from "@/lib/inbox/views";

export const dynamic = "force-dynamic";

/** People a conversation can be assigned to. */
export const GET = withCapability("inbox.use", async () => {
  return Response.json(inboxAgentsView(await listAssignableUsers(await getDb())));
});
