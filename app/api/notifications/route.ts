import { getDb } from "@/db";
import { markNotificationsReadSchema } from "@/lib/actions/notifications.schema";
import { withCapability } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { listOwnNotifications, markOwnNotificationsRead } from "@/lib/notifications/service";

import { problem } from "../inbox/cursor";

export const dynamic = "force-dynamic";

/** The signed-in user's latest notifications (mentions, assignments), newest first, with the unread count. */
export const GET = withCapability("inbox.use", async (user, _request: Request) => Response.json(await listOwnNotifications(await getDb(), user)));

/** Marks the user's own notifications read: `{}` all of them, `{ conversationId }` those of one conversation. */
export const POST = withCapability("inbox.use", async (user, request: Request) => {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = undefined;
  }
  const parsed = markNotificationsReadSchema.safeParse(body ?? {});
  if (!parsed.success) return problem(400, message("notifications.validation.conversationId"), "INVALID_INPUT");
  return Response.json(await markOwnNotificationsRead(await getDb(), user.id, parsed.data.conversationId));
});
