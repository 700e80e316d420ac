import { getDb } from "@/db";
import { listAssignableUsers } from "@/db/queries/conversations";
import { withCapability } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** People a conversation can be assigned to. */
export const GET = withCapability("inbox.use", async () => {
  const users = await listAssignableUsers(await getDb());
  return Response.json({ agents: users.map(({ id, name, email }) => ({ id, name, email })) });
});
