"use server";

import { after } from "next/server";
import { z } from "zod";

import { getDb } from "@/db";
import { listApprovedTemplates } from "@/db/queries/templates";
import { refreshTemplates } from "@/lib/templates/sync";
import {
  assignConversation,
  findConversation,
  findMessage,
  markConversationRead,
  setConversationStatus,
  type ConversationDetail,
} from "@/db/queries/conversations";
import {
  claimFailedForRetry,
  claimUnknownOutcomeForRetry,
  ClientKeyConflictError,
  findUnclaimedStatus,
  insertPendingOutbound,
  isOutcomeUnknown,
  recordOutboundFailure,
  recordOutboundSent,
} from "@/db/queries/outbound-messages";
import { findUserById } from "@/db/queries/users";
import type { Message } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { GatewayError, GraphError, summarizeGatewayError } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { ERROR_TABLE } from "@/lib/whatsapp/errors";
import {
  buildContactsMessage,
  buildCtaUrlMessage,
  buildListMessage,
  buildLocationMessage,
  buildLocationRequestMessage,
  buildMediaMessage,
  buildReactionMessage,
  buildReplyButtonsMessage,
  buildTemplateMessage,
  buildTextMessage,
  validateOutboundMessage,
} from "@/lib/whatsapp/message-builders";
import { shouldSendTyping } from "@/lib/whatsapp/message-limits";
import { recipientOf, type OutboundMessage } from "@/lib/whatsapp/messages";
import { isServiceWindowOpen, serviceWindow } from "@/lib/whatsapp/service-window";
import {
  renderTemplate,
  templateSendComponents,
  templateValueProblems,
  type TemplateDefinition,
  type TemplateValues,
} from "@/lib/whatsapp/template-fill";
import { unsendableMessage, unsendableReason } from "@/lib/whatsapp/template-kinds";
import { templateParameterFormat } from "@/lib/whatsapp/templates";

import { authActionClient } from "./client";
import { ActionError } from "./errors";
import {
  assignInputSchema,
  composedMessageSchema,
  conversationInputSchema,
  reactInputSchema,
  retryInputSchema,
  sendMessageInputSchema,
  sendTemplateInputSchema,
  statusInputSchema,
} from "./inbox.schema";

/** Agents, marketers and admins may all use the inbox; the client checks the session and role. */
const inboxClient = authActionClient;

/** An unknown outcome may still turn up as a status webhook: wait this long before sending again. */
const RECONCILE_WAIT_MS = 60_000;

export interface SendOutcome {
  messageId: string;
  status: Message["status"];
  /** False when the client key had already been used: the earlier message is answered, nothing is sent. */
  sent: boolean;
  error?: { code: number | string | undefined; title: string; explanation: string; action: string; outcomeUnknown: boolean };
}

async function conversationOrThrow(conversationId: string): Promise<ConversationDetail> {
  const conversation = await findConversation(await getDb(), conversationId);
  if (!conversation) throw new ActionError("This conversation does not exist (any more).", { code: "NOT_FOUND", field: "conversationId" });
  return conversation;
}

/** The server's own refusal, before anything reaches the gateway: the same words WhatsApp's 131047 gets. */
function assertWindowOpen(conversation: ConversationDetail, now = new Date()) {
  if (isServiceWindowOpen(serviceWindow(conversation.lastInboundAt, now))) return;
  const explained = ERROR_TABLE["131047"];
  throw new ActionError(`${explained.title}: ${explained.explanation} ${explained.action}`, { code: "WINDOW_CLOSED" });
}

/**
 * A customer who stopped marketing messages gets none from us: refused before any gateway call,
 * with the words WhatsApp's 131050 gets when it refuses them itself.
 */
function assertMarketingAllowed(conversation: ConversationDetail, template: { category?: string } | undefined) {
  if (template?.category?.toUpperCase() !== "MARKETING" || conversation.marketingPreference !== "stop") return;
  const explained = ERROR_TABLE["131050"];
  throw new ActionError(`${explained.title}: ${explained.explanation} ${explained.action}`, { code: "OPTED_OUT" });
}

function assertValid(message: unknown): OutboundMessage {
  const validation = validateOutboundMessage(message);
  if (validation.ok) return validation.message;
  const problem = validation.problems[0]!;
  throw new ActionError(`${problem.field ? `${problem.field}: ` : ""}${problem.message}`, { code: "INVALID_INPUT", field: problem.field });
}

/** What the inbox stores: the type's object as WhatsApp shapes it, like an inbound message's content. */
function contentOf(message: OutboundMessage, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { messaging_product: _product, recipient_type: _recipient, to: _to, type, ...rest } = message;
  return { [type]: (rest as Record<string, unknown>)[type], ...(message.context ? { context: message.context } : {}), ...extra };
}

/** Rebuilds the Graph payload of a stored outbound message (for a retry). */
function payloadOf(message: Message, to: string): unknown {
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to,
    type: message.type,
    [message.type]: message.content[message.type],
    ...(message.replyToWamid ? { context: { message_id: message.replyToWamid } } : {}),
  };
}

function failureOf(error: GatewayError) {
  const summary = summarizeGatewayError(error);
  const code = typeof summary.code === "number" ? summary.code : null;
  const graphTitle = error instanceof GraphError && summary.graphTitle && summary.graphTitle !== summary.title ? ` WhatsApp said: “${summary.graphTitle}”.` : "";
  const details = summary.details ? ` (${summary.details})` : "";
  return {
    summary,
    stored: { code, title: summary.title, details: `${summary.explanation}${graphTitle}${details}`, outcomeUnknown: summary.outcomeUnknown },
  };
}

/** Sends a stored pending message through the gateway and records the wamid or the error. */
async function deliver(message: Message, payload: OutboundMessage, conversation: ConversationDetail): Promise<SendOutcome> {
  const db = await getDb();
  try {
    const sent = await gateway().messages.sendMessage(conversation.phoneNumber.id, payload, {
      connectionId: conversation.phoneNumber.connectionId ?? undefined,
      idempotencyKey: message.clientKey ?? message.id,
    });
    const stored = await recordOutboundSent(db, message.id, sent.messageId);
    return { messageId: message.id, status: stored?.status ?? "pending", sent: true };
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    const { summary, stored } = failureOf(error);
    const recorded = await recordOutboundFailure(db, message.id, stored);
    return {
      messageId: message.id,
      status: recorded?.status ?? "failed",
      sent: true,
      error: { code: summary.code, title: summary.title, explanation: summary.explanation, action: summary.action, outcomeUnknown: summary.outcomeUnknown },
    };
  }
}

/** validate → window → pending with the client key → gateway → wamid or error (DESIGN.md §5). */
async function sendOutbound(
  user: SessionUser,
  conversation: ConversationDetail,
  input: { clientKey: string; payload: unknown; freeForm: boolean; extraContent?: Record<string, unknown> },
): Promise<SendOutcome> {
  const payload = assertValid(input.payload);
  if (input.freeForm) assertWindowOpen(conversation);
  const db = await getDb();
  let pending: Awaited<ReturnType<typeof insertPendingOutbound>>;
  try {
    pending = await insertPendingOutbound(db, {
      conversationId: conversation.id,
      type: payload.type,
      content: contentOf(payload, input.extraContent),
      senderId: user.id,
      clientKey: input.clientKey,
      replyToWamid: payload.context?.message_id ?? null,
    });
  } catch (error) {
    if (error instanceof ClientKeyConflictError) throw new ActionError(error.message, { code: "CONFLICT", field: "clientKey" });
    throw error;
  }
  if (!pending.created) return { messageId: pending.message.id, status: pending.message.status, sent: false };
  return deliver(pending.message, payload, conversation);
}

async function replyWamid(conversationId: string, replyToMessageId: string | undefined): Promise<string | undefined> {
  if (!replyToMessageId) return undefined;
  const original = await findMessage(await getDb(), replyToMessageId);
  if (!original || original.conversationId !== conversationId || !original.wamid) {
    throw new ActionError("The message you reply to is not in this conversation or was never sent.", { code: "INVALID_INPUT", field: "replyToMessageId" });
  }
  return original.wamid;
}

function composedPayload(message: z.infer<typeof composedMessageSchema>, to: string, replyTo: string | undefined): unknown {
  const envelope = { to, replyTo };
  switch (message.kind) {
    case "text":
      return buildTextMessage({ ...envelope, body: message.body, previewUrl: /https?:\/\//.test(message.body) });
    case "media":
      return buildMediaMessage({ ...envelope, kind: message.mediaKind, media: { id: message.mediaId }, caption: message.caption, filename: message.filename });
    case "location":
      return buildLocationMessage({ ...envelope, latitude: message.latitude, longitude: message.longitude, name: message.name, address: message.address });
    case "contacts":
      return buildContactsMessage({ ...envelope, contacts: message.contacts });
    case "buttons":
      return buildReplyButtonsMessage({
        ...envelope,
        body: message.body,
        buttons: message.buttons.map((button) => ({ id: button.id, title: button.title.trim() })),
        header: message.header ? { type: "text", text: message.header } : undefined,
        footer: message.footer,
      });
    case "list":
      return buildListMessage({
        ...envelope,
        body: message.body,
        buttonText: message.buttonText,
        header: message.header,
        footer: message.footer,
        sections: [{ ...(message.sectionTitle ? { title: message.sectionTitle } : {}), rows: message.rows }],
      });
    case "link_button":
      return buildCtaUrlMessage({
        ...envelope,
        body: message.body,
        displayText: message.buttonLabel.trim(),
        url: message.url,
        header: message.header ? { type: "text", text: message.header } : undefined,
        footer: message.footer,
      });
    case "location_request":
      return buildLocationRequestMessage({ ...envelope, body: message.body });
  }
}

/** Sends text, media, a location, contact cards or an interactive message (free-form: the window must be open). */
export const sendMessageAction = inboxClient
  .metadata({ actionName: "sendMessage" })
  .inputSchema(sendMessageInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const conversation = await conversationOrThrow(parsedInput.conversationId);
    const replyTo = await replyWamid(conversation.id, parsedInput.replyToMessageId);
    const payload = composedPayload(parsedInput.message, recipientOf(conversation), replyTo);
    return sendOutbound(ctx.user, conversation, { clientKey: parsedInput.clientKey, payload, freeForm: true });
  });

/** The number's account's approved templates, from the mirror; synced first when the mirror has none yet. */
async function approvedTemplates(conversation: ConversationDetail): Promise<TemplateDefinition[]> {
  const db = await getDb();
  const wabaId = conversation.phoneNumber.wabaId;
  let mirrored = await listApprovedTemplates(db, wabaId);
  if (mirrored.length === 0) {
    try {
      await refreshTemplates(db, { wabaId, connectionId: conversation.phoneNumber.connectionId ?? undefined }, { maxAgeMs: 0 });
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      throw new ActionError(`Templates could not be loaded: ${error.title}. ${error.explanation}`, { code: "GATEWAY_ERROR" });
    }
    mirrored = await listApprovedTemplates(db, wabaId);
  }
  return mirrored.map((row) => ({
    name: row.name,
    language: row.language,
    category: row.category,
    parameter_format: templateParameterFormat({ parameter_format: row.parameterFormat, components: row.components }),
    components: row.components as TemplateDefinition["components"],
  }));
}

/** Approved templates this conversation's number can send, for the template picker: none the picker cannot fill (carousels…). */
export const listTemplatesAction = inboxClient
  .metadata({ actionName: "listTemplates" })
  .inputSchema(conversationInputSchema)
  .action(async ({ parsedInput }) =>
    (await approvedTemplates(await conversationOrThrow(parsedInput.conversationId))).filter((template) => !unsendableReason(template)),
  );

/** Sends an approved template; templates need no open window. */
export const sendTemplateAction = inboxClient
  .metadata({ actionName: "sendTemplate" })
  .inputSchema(sendTemplateInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const conversation = await conversationOrThrow(parsedInput.conversationId);
    const template = (await approvedTemplates(conversation)).find(
      (candidate) => candidate.name === parsedInput.templateName && candidate.language === parsedInput.languageCode,
    );
    if (!template) {
      throw new ActionError(`No approved template “${parsedInput.templateName}” in ${parsedInput.languageCode}.`, { code: "NOT_FOUND", field: "templateName" });
    }
    const unsendable = unsendableReason(template);
    if (unsendable) throw new ActionError(unsendableMessage(unsendable), { code: "UNSUPPORTED_TEMPLATE", field: "templateName" });
    const values: TemplateValues = {
      ...parsedInput.values,
      buttons: Object.fromEntries(Object.entries(parsedInput.values.buttons).map(([index, value]) => [Number(index), value])),
    };
    const problem = templateValueProblems(template, values)[0];
    if (problem) throw new ActionError(problem.message, { code: "INVALID_INPUT", field: `values.${problem.field}` });
    assertMarketingAllowed(conversation, template);
    const payload = buildTemplateMessage({
      to: recipientOf(conversation),
      name: template.name,
      languageCode: template.language,
      components: templateSendComponents(template, values),
    });
    return sendOutbound(ctx.user, conversation, {
      clientKey: parsedInput.clientKey,
      payload,
      freeForm: false,
      extraContent: { rendered: renderTemplate(template, values) },
    });
  });

/** Reacts to a message with an emoji (an empty emoji removes the reaction). */
export const reactAction = inboxClient
  .metadata({ actionName: "react" })
  .inputSchema(reactInputSchema)
  .action(async ({ parsedInput, ctx }) => {
    const conversation = await conversationOrThrow(parsedInput.conversationId);
    assertWindowOpen(conversation);
    const target = await findMessage(await getDb(), parsedInput.messageId);
    if (!target || target.conversationId !== conversation.id || !target.wamid) {
      throw new ActionError("That message is not in this conversation or was never sent.", { code: "INVALID_INPUT", field: "messageId" });
    }
    const payload = buildReactionMessage({ to: recipientOf(conversation), messageId: target.wamid, emoji: parsedInput.emoji });
    return sendOutbound(ctx.user, conversation, { clientKey: parsedInput.clientKey, payload, freeForm: true });
  });

/**
 * Sends a failed message again, as the same row. A message whose outcome is unknown (the gateway gave
 * no answer) is first reconciled: a status WhatsApp reported for it since means it went out.
 */
export const retryMessageAction = inboxClient
  .metadata({ actionName: "retryMessage" })
  .inputSchema(retryInputSchema)
  .action(async ({ parsedInput }): Promise<SendOutcome> => {
    const db = await getDb();
    const message = await findMessage(db, parsedInput.messageId);
    if (!message || message.direction !== "outbound") throw new ActionError("There is no such message to retry.", { code: "NOT_FOUND", field: "messageId" });
    const conversation = await conversationOrThrow(message.conversationId);
    const payload = assertValid(payloadOf(message, recipientOf(conversation)));
    const freeForm = message.type !== "template";
    if (!freeForm && conversation.marketingPreference === "stop") {
      const sent = message.content.template as { name?: string; language?: { code?: string } } | undefined;
      const template = (await approvedTemplates(conversation)).find(
        (candidate) => candidate.name === sent?.name && candidate.language === sent?.language?.code,
      );
      assertMarketingAllowed(conversation, template);
    }

    if (message.status === "failed") {
      if (freeForm) assertWindowOpen(conversation);
      const claimed = await claimFailedForRetry(db, message.id);
      if (!claimed) throw new ActionError("This message is already being sent again.", { code: "CONFLICT" });
      return deliver(claimed, payload, conversation);
    }
    if (isOutcomeUnknown(message)) {
      const attemptAt = message.statusAt ?? message.sentAt;
      const wamid = await findUnclaimedStatus(db, recipientOf(conversation), new Date(attemptAt.getTime() - 5_000));
      if (wamid) {
        const stored = await recordOutboundSent(db, message.id, wamid);
        return { messageId: message.id, status: stored?.status ?? "sent", sent: false };
      }
      if (Date.now() - attemptAt.getTime() < RECONCILE_WAIT_MS) {
        throw new ActionError(
          "We cannot tell yet whether WhatsApp took this message; sending it again now could send it twice. Wait a minute: if it went out, its ticks appear by themselves.",
          { code: "OUTCOME_UNKNOWN" },
        );
      }
      if (freeForm) assertWindowOpen(conversation);
      const claimed = await claimUnknownOutcomeForRetry(db, message.id);
      if (!claimed) throw new ActionError("This message is already being sent again.", { code: "CONFLICT" });
      return deliver(claimed, payload, conversation);
    }
    throw new ActionError("Only a message that failed can be sent again.", { code: "NOT_RETRYABLE" });
  });

/** Assigns a conversation to a user (or to nobody). */
export const assignConversationAction = inboxClient
  .metadata({ actionName: "assignConversation" })
  .inputSchema(assignInputSchema)
  .action(async ({ parsedInput }) => {
    const db = await getDb();
    if (parsedInput.assigneeId) {
      const assignee = await findUserById(db, parsedInput.assigneeId);
      if (!assignee || assignee.disabled) throw new ActionError("That person cannot be assigned (unknown or disabled).", { code: "INVALID_INPUT", field: "assigneeId" });
    }
    if (!(await assignConversation(db, parsedInput.conversationId, parsedInput.assigneeId))) {
      throw new ActionError("This conversation does not exist (any more).", { code: "NOT_FOUND", field: "conversationId" });
    }
    return { conversationId: parsedInput.conversationId, assigneeId: parsedInput.assigneeId };
  });

/** Resolves or reopens a conversation. */
export const setConversationStatusAction = inboxClient
  .metadata({ actionName: "setConversationStatus" })
  .inputSchema(statusInputSchema)
  .action(async ({ parsedInput }) => {
    if (!(await setConversationStatus(await getDb(), parsedInput.conversationId, parsedInput.status))) {
      throw new ActionError("This conversation does not exist (any more).", { code: "NOT_FOUND", field: "conversationId" });
    }
    return { conversationId: parsedInput.conversationId, status: parsedInput.status };
  });

/** Clears the unread count and sends WhatsApp's read receipt for the newest message of the customer. */
export const markReadAction = inboxClient
  .metadata({ actionName: "markRead" })
  .inputSchema(conversationInputSchema)
  .action(async ({ parsedInput }) => {
    const conversation = await conversationOrThrow(parsedInput.conversationId);
    const { latestInboundWamid } = await markConversationRead(await getDb(), conversation.id);
    if (!latestInboundWamid) return { receiptSent: false as const, receiptError: undefined };
    try {
      await gateway().messages.markAsRead(conversation.phoneNumber.id, latestInboundWamid, {
        connectionId: conversation.phoneNumber.connectionId ?? undefined,
      });
      return { receiptSent: true as const, receiptError: undefined };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      // Read here; the customer just does not see blue ticks this time.
      return { receiptSent: false as const, receiptError: `${error.title}: ${error.explanation}` };
    }
  });

/** When "typing…" last went out, per conversation: this instance's own limit, whatever browsers ask. */
const typingSentAt = new Map<string, number>();

/**
 * Shows "typing…" to the customer while an agent writes, at most once per 20 seconds per conversation.
 * Meta ties it to a read receipt, so the customer's latest message is marked read too. Refused when the
 * window is closed. The gateway call runs after the answer (browsers run server actions one at a time,
 * so a slow call must not hold up the send behind it); its failure is only logged.
 */
export const typingAction = inboxClient
  .metadata({ actionName: "typing" })
  .inputSchema(conversationInputSchema)
  .action(async ({ parsedInput }) => {
    const conversation = await conversationOrThrow(parsedInput.conversationId);
    assertWindowOpen(conversation);
    const now = Date.now();
    if (!shouldSendTyping(typingSentAt.get(conversation.id), now, true)) return { scheduled: false as const };
    typingSentAt.set(conversation.id, now);
    // Entries past their interval no longer hold anything back: dropped so the map stays small.
    if (typingSentAt.size > 1_000) for (const [id, at] of typingSentAt) if (shouldSendTyping(at, now, true)) typingSentAt.delete(id);
    const { latestInboundWamid } = await markConversationRead(await getDb(), conversation.id);
    if (!latestInboundWamid) return { scheduled: false as const };
    after(async () => {
      try {
        await gateway().messages.sendTypingIndicator(conversation.phoneNumber.id, latestInboundWamid, {
          connectionId: conversation.phoneNumber.connectionId ?? undefined,
        });
      } catch (error) {
        console.warn(`Typing indicator for conversation ${conversation.id} not shown:`, error);
      }
    });
    return { scheduled: true as const };
  });
