import { getDb } from "@/db";
import { findPhoneNumberScopeConnection, scopeIncludes } from "@/db/queries/connection-access";
import { listUsableMedia } from "@/db/queries/conversations";
import { withCapability } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { inboxMediaView } from "@/lib/inbox/views";

import { problem } from "../cursor";

export const dynamic = "force-dynamic";

/** Uploaded media of a number that can still be sent: `?phoneNumberId`; none for a number outside the user's connections, as for an unknown one. */
export const GET = withCapability("media.use", async (user, request: Request) => {
  const phoneNumberId = new URL(request.url).searchParams.get("phoneNumberId");
  if (!phoneNumberId || !/^[\w-]{1,64}$/.test(phoneNumberId)) return problem(400, message("inbox.api.phoneNumberRequired"), "INVALID_INPUT");
  const db = await getDb();
  if (!user.connections.all && !scopeIncludes(user.connections, await findPhoneNumberScopeConnection(db, phoneNumberId))) {
    return Response.json(inboxMediaView([]));
  }
  return Response.json(inboxMediaView(await listUsableMedia(db, phoneNumberId)));
});
