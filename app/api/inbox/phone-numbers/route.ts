import { getDb } from "@/db";
import { listInboxPhoneNumbers } from "@/db/queries/conversations";
import { withCapability } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** The business numbers the inbox can switch between. */
export const GET = withCapability("inbox.use", async () => {
  return Response.json({ phoneNumbers: await listInboxPhoneNumbers(await getDb()) });
});
