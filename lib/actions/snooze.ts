"use server";

import { getDb } from "@/db";
import { dismissSnoozeMarkBy, snoozeConversationBy, unsnoozeConversationBy } from "@/lib/inbox/snooze";

import { authActionClient } from "./client";
import { snoozeConversationInputSchema, snoozeInputSchema } from "./snooze.schema";

/** Every role may snooze the conversations it may see, as it may resolve them. */
const inboxClient = authActionClient;

/** Snoozes a conversation until a time: it leaves the open list until then, or until the customer writes. */
export const snoozeConversationAction = inboxClient
  .metadata({ actionName: "snoozeConversation" })
  .inputSchema(snoozeInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { snoozedUntil } = await snoozeConversationBy(await getDb(), ctx.user, parsedInput.conversationId, new Date(parsedInput.until));
    return { conversationId: parsedInput.conversationId, snoozedUntil: snoozedUntil.toISOString() };
  });

/** Brings a snoozed conversation back now. */
export const unsnoozeConversationAction = inboxClient
  .metadata({ actionName: "unsnoozeConversation" })
  .inputSchema(snoozeConversationInputSchema)
  .action(async ({ parsedInput, ctx }) => ({ conversationId: parsedInput.conversationId, ...(await unsnoozeConversationBy(await getDb(), ctx.user, parsedInput.conversationId)) }));

/** Takes away the "back from snooze" mark of a conversation someone opened. */
export const dismissSnoozeMarkAction = inboxClient
  .metadata({ actionName: "dismissSnoozeMark" })
  .inputSchema(snoozeConversationInputSchema)
  .action(async ({ parsedInput, ctx }) => ({ conversationId: parsedInput.conversationId, ...(await dismissSnoozeMarkBy(await getDb(), ctx.user, parsedInput.conversationId)) }));
