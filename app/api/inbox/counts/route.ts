import { getDb } from "@/db";
import { countInbox } from "@/db/queries/inbox-counts";
import { withCapability } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/**
 * The inbox's counts for the reader: unread conversations assigned to them or to nobody (the tab's
 * title), conversations whose window closes soon and those back from snooze, in their connections.
 */
export const GET = withCapability("inbox.use", async (user, _request: Request) =>
  Response.json(await countInbox(await getDb(), { userId: user.id, scope: user.connections })),
);
