"use server";

import { after } from "next/server";

import { getDb } from "@/db";
import { assignConversationTo, setConversationStatusBy } from "@/lib/inbox/assignment";
import { addNote } from "@/lib/inbox/notes";
import {
  listSendableTemplates,
  markConversationReadWithReceipt,
  prepareTypingIndicator,
  retryMessage,
  sendMessage,
  type SendOutcome,
} from "@/lib/inbox/outbound";

import { authActionClient } from "./client";
import {
  addNoteInputSchema,
  assignInputSchema,
  conversationInputSchema,
  reactInputSchema,
  retryInputSchema,
  sendMessageInputSchema,
  sendTemplateInputSchema,
  statusInputSchema,
} from "./inbox.schema";

/** Agents, marketers and admins may all use the inbox; the client checks the session and role. */
const inboxClient = authActionClient;

/** Sends text, media, a location, contact cards or an interactive message (free-form: the window must be open). */
export const sendMessageAction = inboxClient
  .metadata({ actionName: "sendMessage" })
  .inputSchema(sendMessageInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<SendOutcome> => {
    const { conversationId, clientKey, message, replyToMessageId } = parsedInput;
    return sendMessage(await getDb(), { conversationId, scope: ctx.user.connections, senderId: ctx.user.id, clientKey, message, replyToMessageId });
  });

/** Approved templates this conversation's number can send, for the template picker: none the picker cannot fill (carousels…). */
export const listTemplatesAction = inboxClient
  .metadata({ actionName: "listTemplates" })
  .inputSchema(conversationInputSchema)
  .action(async ({ parsedInput, ctx }) => listSendableTemplates(await getDb(), { conversationId: parsedInput.conversationId, scope: ctx.user.connections }));

/** Sends an approved template; templates need no open window. */
export const sendTemplateAction = inboxClient
  .metadata({ actionName: "sendTemplate" })
  .inputSchema(sendTemplateInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<SendOutcome> => {
    const { conversationId, clientKey, templateName, languageCode, values } = parsedInput;
    // The form names buttons by their index as text; the template's values name them by number.
    const buttons = Object.fromEntries(Object.entries(values.buttons).map(([index, value]) => [Number(index), value]));
    const message = { kind: "template" as const, name: templateName, languageCode, values: { ...values, buttons } };
    return sendMessage(await getDb(), { conversationId, scope: ctx.user.connections, senderId: ctx.user.id, clientKey, message });
  });

/** Reacts to a message with an emoji (an empty emoji removes the reaction). */
export const reactAction = inboxClient
  .metadata({ actionName: "react" })
  .inputSchema(reactInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<SendOutcome> => {
    const { conversationId, clientKey, messageId, emoji } = parsedInput;
    return sendMessage(await getDb(), {
      conversationId,
      scope: ctx.user.connections,
      senderId: ctx.user.id,
      clientKey,
      message: { kind: "reaction", messageId, emoji },
    });
  });

/** Sends a failed message again, as the same row; a message whose outcome is unknown is reconciled first. */
export const retryMessageAction = inboxClient
  .metadata({ actionName: "retryMessage" })
  .inputSchema(retryInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<SendOutcome> => retryMessage(await getDb(), { messageId: parsedInput.messageId, scope: ctx.user.connections }));

/** Assigns a conversation to a user (or to nobody): only to someone who may work in its connection. */
export const assignConversationAction = inboxClient
  .metadata({ actionName: "assignConversation" })
  .inputSchema(assignInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    await assignConversationTo(await getDb(), ctx.user, parsedInput.conversationId, parsedInput.assigneeId);
    return { conversationId: parsedInput.conversationId, assigneeId: parsedInput.assigneeId };
  });

/** Resolves or reopens a conversation. */
export const setConversationStatusAction = inboxClient
  .metadata({ actionName: "setConversationStatus" })
  .inputSchema(statusInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    await setConversationStatusBy(await getDb(), ctx.user, parsedInput.conversationId, parsedInput.status);
    return { conversationId: parsedInput.conversationId, status: parsedInput.status };
  });

/** Clears the unread count and sends WhatsApp's read receipt for the newest message of the customer. */
export const markReadAction = inboxClient
  .metadata({ actionName: "markRead" })
  .inputSchema(conversationInputSchema)
  .action(async ({ parsedInput, ctx }) =>
    markConversationReadWithReceipt(await getDb(), { conversationId: parsedInput.conversationId, scope: ctx.user.connections }),
  );

/**
 * Shows "typing…" to the customer while an agent writes (at most once per 20 seconds per conversation).
 * The gateway call runs after the answer: browsers run server actions one at a time, so a slow call
 * must not hold up the send behind it; its failure is only logged.
 */
export const typingAction = inboxClient
  .metadata({ actionName: "typing" })
  .inputSchema(conversationInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const show = await prepareTypingIndicator(await getDb(), { conversationId: parsedInput.conversationId, scope: ctx.user.connections });
    if (!show) return { scheduled: false as const };
    after(show);
    return { scheduled: true as const };
  });

/** Adds a private note (never sent to the customer; allowed whatever the window); mentions notify teammates. */
export const addNoteAction = inboxClient
  .metadata({ actionName: "addNote" })
  .inputSchema(addNoteInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { message, created } = await addNote(await getDb(), ctx.user, parsedInput);
    return { messageId: message.id, created };
  });
