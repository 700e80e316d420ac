"use server";

import { getDb } from "@/db";
import { requireCapability } from "@/lib/auth/session";
import { loadInboxSettings, saveAutoAssignmentFor, saveAutomaticMessagesFor, saveBusinessHours, type InboxSettingsView } from "@/lib/inbox/inbox-settings";

import { actionClient } from "./client";
import { phoneNumberIdSchema, saveAutoAssignmentSchema, saveAutomaticMessagesSchema, saveBusinessHoursSchema } from "./inbox-settings.schema";

/** Admins only (inbox.settings): business hours, automatic messages and auto-assignment of a number. */
const inboxSettingsActionClient = actionClient.use(async ({ next }) => next({ ctx: { user: await requireCapability("inbox.settings") } }));

export const loadInboxSettingsAction = inboxSettingsActionClient
  .metadata({ actionName: "loadInboxSettings" })
  .inputSchema(phoneNumberIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<InboxSettingsView> => loadInboxSettings(await getDb(), ctx.user, parsedInput.phoneNumberId));

export const saveBusinessHoursAction = inboxSettingsActionClient
  .metadata({ actionName: "saveBusinessHours" })
  .inputSchema(saveBusinessHoursSchema)
  .action(async ({ parsedInput: { phoneNumberId, ...schedule }, ctx }) => {
    await saveBusinessHours(await getDb(), ctx.user, phoneNumberId, schedule);
    return { saved: true as const };
  });

export const saveAutomaticMessagesAction = inboxSettingsActionClient
  .metadata({ actionName: "saveAutomaticMessages" })
  .inputSchema(saveAutomaticMessagesSchema)
  .action(async ({ parsedInput: { phoneNumberId, ...texts }, ctx }) => {
    await saveAutomaticMessagesFor(await getDb(), ctx.user, phoneNumberId, texts);
    return { saved: true as const };
  });

export const saveAutoAssignmentAction = inboxSettingsActionClient
  .metadata({ actionName: "saveAutoAssignment" })
  .inputSchema(saveAutoAssignmentSchema)
  .action(async ({ parsedInput: { phoneNumberId, ...assignment }, ctx }) => {
    await saveAutoAssignmentFor(await getDb(), ctx.user, phoneNumberId, assignment);
    return { saved: true as const };
  });
