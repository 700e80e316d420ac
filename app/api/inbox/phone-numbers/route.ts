import { getDb } from "@/db";
import { listInboxPhoneNumbers } from "@/db/queries/conversations";
import { withCapability } from "@/lib/auth/session";
import { inboxPhoneNumbersView } from "@/lib/inbox/views";

export const dynamic = "force-dynamic";

/** The business numbers the inbox can switch between: those of the user's connections. */
export const GET = withCapability("inbox.use", async (user) => {
  return Response.json(inboxPhoneNumbersView(await listInboxPhoneNumbers(await getDb(), user.connections)));
});
