import { getDb } from "@/db";
import { listUsableMedia } from "@/db/queries/conversations";
import { withCapability } from "@/lib/auth/session";
import { inboxMediaView } from "@/lib/inbox/views";

import { problem } from "../cursor";

export const dynamic = "force-dynamic";

/** Uploaded media of a number that can still be sent: `?phoneNumberId`. */
export const GET = withCapability("media.use", async (_user, request: Request) => {
  const phoneNumberId = new URL(request.url).searchParams.get("phoneNumberId");
  if (!phoneNumberId || !/^[\w-]{1,64}$/.test(phoneNumberId)) return problem(400, "phoneNumberId is required.", "INVALID_INPUT");
  return Response.json(inboxMediaView(await listUsableMedia(await getDb(), phoneNumberId)));
});
