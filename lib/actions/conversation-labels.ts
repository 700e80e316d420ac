"use server";

import { getDb } from "@/db";
import { bulkChangeConversations } from "@/lib/inbox/bulk";
import type { BulkResult } from "@/lib/inbox/bulk-views";
import type { ConversationLabel, ConversationLabelView } from "@/lib/inbox/label-views";
import { changeConversationLabels, createConversationLabel, deleteConversationLabel, updateConversationLabel } from "@/lib/inbox/labels";

import { can, type Capability } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";

import { authActionClient } from "./client";
import { bulkConversationsSchema, createLabelSchema, deleteLabelSchema, setConversationLabelsSchema, updateLabelSchema } from "./conversation-labels.schema";

/** Signed-in users whose role holds the capability. */
function clientWith(capability: Capability) {
  return authActionClient.use(async ({ next, ctx }) => {
    if (!can(ctx.user.role, capability)) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: ctx.user.role }));
    return next();
  });
}

/** Marketers and admins: the labels' catalogue (the service checks labels.manage again). */
const labelsClient = clientWith("labels.manage");
/** Everyone in the inbox: labels on the conversations they may see, bulk changes (the service checks which). */
const inboxClient = clientWith("inbox.use");

export const createLabelAction = labelsClient
  .metadata({ actionName: "createLabel" })
  .inputSchema(createLabelSchema)
  .action(async ({ parsedInput, ctx }): Promise<ConversationLabelView> => createConversationLabel(await getDb(), ctx.user, parsedInput));

export const updateLabelAction = labelsClient
  .metadata({ actionName: "updateLabel" })
  .inputSchema(updateLabelSchema)
  .action(async ({ parsedInput: { labelId, ...change }, ctx }): Promise<ConversationLabelView> => updateConversationLabel(await getDb(), ctx.user, labelId, change));

export const deleteLabelAction = labelsClient
  .metadata({ actionName: "deleteLabel" })
  .inputSchema(deleteLabelSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ conversations: number }> => deleteConversationLabel(await getDb(), ctx.user, parsedInput.labelId));

export const setConversationLabelsAction = inboxClient
  .metadata({ actionName: "setConversationLabels" })
  .inputSchema(setConversationLabelsSchema)
  .action(
    async ({ parsedInput: { conversationId, ...change }, ctx }): Promise<ConversationLabel[]> => changeConversationLabels(await getDb(), ctx.user, conversationId, change),
  );

export const bulkConversationsAction = inboxClient
  .metadata({ actionName: "bulkConversations" })
  .inputSchema(bulkConversationsSchema)
  .action(async ({ parsedInput, ctx }): Promise<BulkResult> => bulkChangeConversations(await getDb(), ctx.user, parsedInput.conversationIds, parsedInput.change));
