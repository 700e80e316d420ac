import { getDb } from "@/db";
import { listInboxPhoneNumbers } from "@/db/queries/conversations";
import { withCapability } from "@/lib/auth/session";
import { inboxPhoneNumbersView } from "@/lib/inbox/views";

export const dynamic = "force-dynamic";

/** The business numbers the inbox can switch between. */
export const GET = withCapability("inbox.use", async () => {
  return Response.json(inboxPhoneNumbersView(await listInboxPhoneNumbers(await getDb())));
});
