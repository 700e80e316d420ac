"use server";

import { getDb } from "@/db";
import { markOwnNotificationsRead, setDesktopNotifications } from "@/lib/notifications/service";

import { authActionClient } from "./client";
import { markNotificationsReadSchema, setDesktopNotificationsSchema } from "./notifications.schema";

/** The signed-in user's own notifications: all read ("Mark all read"), or those of a conversation they open. */
export const markNotificationsReadAction = authActionClient
  .metadata({ actionName: "markNotificationsRead" })
  .inputSchema(markNotificationsReadSchema)
  .action(async ({ parsedInput, ctx }) => markOwnNotificationsRead(await getDb(), ctx.user.id, parsedInput.conversationId));

/** The signed-in user's desktop notifications preference (Account › Notifications). */
export const setDesktopNotificationsAction = authActionClient
  .metadata({ actionName: "setDesktopNotifications" })
  .inputSchema(setDesktopNotificationsSchema)
  .action(async ({ parsedInput, ctx }) => setDesktopNotifications(await getDb(), ctx.user.id, parsedInput.enabled));
