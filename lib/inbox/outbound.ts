/**
 * The inbox's sends, once: an agent's action, the public API and a campaign are three doors to these
 * functions. A send goes, top to bottom in this file:
 *   the conversation (not a deleted contact's) → the message, built by lib/whatsapp's builders →
 *   checked once (WhatsApp's limits, the 24-hour window, the customer's marketing opt-out) → recorded
 *   as pending under the caller's client key → delivered through the gateway → settled with the wamid,
 *   or with the failure explained.
 * A retry sends the stored row again, rebuilt by the same builders; an unknown outcome is reconciled
 * from the statuses WhatsApp reported before anything is sent twice (DESIGN.md §5).
 */
import "server-only";


import type { Database } from "@/db";
import { ALL_CONNECTIONS, type ConnectionScope } from "@/db/queries/connection-access";
import { findMessage, markConversationRead, type ConversationDetail } from "@/db/queries/conversations";
import { markMessageOrigin } from "@/db/queries/inbox-settings";
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
import { listApprovedTemplates } from "@/db/queries/templates";
import type { Message } from "@/db/schema";
import type { ActionFailure } from "@/lib/actions/errors";
import { describeGatewayFailure, failureMessage, isGatewayError, type CallOptions, type GatewayClient, type GatewayFailure } from "@/lib/gateway";
import { failureSentence, translateFailure } from "@/lib/gateway/errors";
import { findVisibleConversation } from "@/lib/auth/connection-access";
import { gateway as processGateway } from "@/lib/gateway/server";
import { decodeMessage, encodeMessage, message as catalogMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";
import { logger } from "@/lib/log";
import { withOutboundEvents } from "@/lib/outbound-webhooks/emit";
import { refreshTemplates } from "@/lib/templates/sync";
import { messagePreview, statusesBefore } from "@/lib/whatsapp/inbound";
import {
  buildReactionMessage,
  composeMessage,
  composeTemplateMessage,
  storedContent,
  storedMessageAgain,
  validateOutboundMessage,
  type BuiltMessage,
  type ComposedMessage,
} from "@/lib/whatsapp/message-builders";
import { shouldSendTyping } from "@/lib/whatsapp/message-limits";
import { recipientOf, type OutboundMessage } from "@/lib/whatsapp/messages";
import { isServiceWindowOpen, serviceWindow } from "@/lib/whatsapp/service-window";
import { templateValueProblems, type TemplateDefinition, type TemplateValues } from "@/lib/whatsapp/template-fill";
import { unsendableMessage, unsendableReason } from "@/lib/whatsapp/template-kinds";
import { templateParameterFormat } from "@/lib/whatsapp/templates";
import { inEnglish } from "@/lib/i18n/translators";

const log = logger("inbox");

/** Why the inbox refused, as a code each door maps to its own answer (an action's error, an HTTP status). */
export type OutboundRefusalCode =
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "WINDOW_CLOSED"
  | "OPTED_OUT"
  | "UNSUPPORTED_TEMPLATE"
  | "CONFLICT"
  | "OUTCOME_UNKNOWN"
  | "NOT_RETRYABLE"
  | "GATEWAY_ERROR";

/** English, for the refusal's `message` (logs, and code that runs outside a request). */
const english = inEnglish;

/**
 * What a refusal says: a catalog message, whose values may carry messages of their own (encoded, e.g.
 * the problem a field has); a sentence written for each reader (a gateway failure's); or a text as it is.
 */
export type RefusalWords = Translatable | ((t: Translate) => string) | string;

function inWords(t: Translate, words: RefusalWords): string {
  if (typeof words === "function") return words(t);
  const translatable = typeof words === "string" ? decodeMessage(words) : words;
  if (!translatable) return words as string;
  const values = translatable.values
    ? Object.fromEntries(Object.entries(translatable.values).map(([name, value]) => [name, typeof value === "string" ? inWords(t, value) : value]))
    : undefined;
  return t(translatable.key, values);
}

/**
 * A send refused before WhatsApp saw it (or instead of sending twice), in words safe to show; when a
 * gateway call stood in the way, with its description. `said` is put into the reader's language by
 * the door the answer leaves by (`toActionFailure` for an action); `message` is its English.
 */
export class OutboundRefusal extends Error {
  override name = "OutboundRefusal";
  readonly code: OutboundRefusalCode;
  readonly field: string | undefined;
  readonly failure: GatewayFailure | undefined;
  /** What the person is told. */
  readonly said: RefusalWords;

  constructor(message: RefusalWords, code: OutboundRefusalCode, field?: string, failure?: GatewayFailure) {
    super(inWords(english, message));
    this.said = message;
    this.code = code;
    this.field = field;
    this.failure = failure;
  }

  /** The plain data an action's result carries as `serverError`, in the reader's words. */
  toActionFailure(t: Translate): ActionFailure {
    return { message: inWords(t, this.said), code: this.code, field: this.field, failure: this.failure && translateFailure(t, this.failure) };
  }
}

/** What the conversation's sender was told: the stored message, and the failure when the gateway refused it. */
export interface SendOutcome {
  messageId: string;
  status: Message["status"];
  /** False when nothing went out now: the client key's earlier message is answered, or a reconciled retry. */
  sent: boolean;
  error?: GatewayFailure;
}

/** What to send: the composer's words, an approved template filled in, or a reaction to a message. */
export type OutboundContent =
  | ComposedMessage
  | { kind: "template"; name: string; languageCode: string; values: TemplateValues }
  | { kind: "reaction"; messageId: string; emoji: string };

/** Which conversation, for whom: a conversation outside the scope is refused as one that does not exist. */
export interface ConversationRequest {
  conversationId: string;
  /** The connections the caller may work in (a person's; all for work no person does). */
  scope: ConnectionScope;
}

/** One message for one conversation, as every door asks for it. */
export interface SendRequest extends ConversationRequest {
  /** The person sending it; null when no person does (a campaign). */
  senderId: string | null;
  /** Made once per message by the caller, before the first attempt: the same key never sends twice. */
  clientKey: string;
  message: OutboundContent;
  /** The message this one answers, shown quoted (the composer's messages). */
  replyToMessageId?: string;
}

/** The gateway calls the inbox makes. */
type OutboundGateway = Pick<GatewayClient, "messages" | "templates">;

/** Who sends, for the gateway: the client (the process's by default) and the priority of the wait. */
export interface SendContext {
  gateway?: OutboundGateway;
  /** An agent's send goes first (the default), then the API's, then campaigns'. */
  priority?: CallOptions["priority"];
}

/** An unknown outcome may still turn up as a status webhook: wait this long before sending again. */
const RECONCILE_WAIT_MS = 60_000;

/** Sends a message into a conversation: the whole pipeline, for every door. */
export async function sendMessage(db: Database, request: SendRequest, context: SendContext = {}): Promise<SendOutcome> {
  const client = context.gateway ?? processGateway();
  const conversation = await conversationOrThrow(db, request);
  assertCustomerNotDeleted(conversation);
  // Only templates may go out when the customer has not written for 24 hours.
  if (request.message.kind !== "template") assertWindowOpen(conversation);
  const { message, extra } = await messageFor(db, conversation, request, client);
  const payload = checked(message);
  const pending = await recordPending(db, conversation, request, payload, extra);
  // A client key that names a private note answers nothing here: a note is never turned into a send.
  assertNotANote(pending.message);
  if (!pending.created) return { messageId: pending.message.id, status: pending.message.status, sent: false };
  return deliver(db, pending.message, payload, conversation, client, context);
}

/** What the dashboard sends by itself: a text, with no sender, marked with where it came from. */
export interface AutomaticSendRequest {
  conversationId: string;
  /** Stable per occasion (`away:<conversation>:<closed period>`, `welcome:<conversation>`): it never sends twice. */
  clientKey: string;
  text: string;
  origin: "away_message" | "welcome_message";
}

/**
 * Sends an automatic message (lib/inbox/auto-messages.ts): the same pipeline as an agent's text, refused
 * when the 24-hour window is closed now; the row is stored with its origin in the commit that creates it.
 * A key already used answers the stored message and sends nothing.
 */
export async function sendAutomaticMessage(db: Database, request: AutomaticSendRequest, context: SendContext = {}): Promise<SendOutcome> {
  const client = context.gateway ?? processGateway();
  const conversation = await conversationOrThrow(db, { conversationId: request.conversationId, scope: ALL_CONNECTIONS });
  assertCustomerNotDeleted(conversation);
  assertWindowOpen(conversation);
  const payload = checked(composeMessage({ kind: "text", body: request.text }, { to: recipientOf(conversation) }));
  const content = storedContent(payload);
  let pending: { message: Message; created: boolean };
  try {
    pending = await db.transaction(async (tx) => {
      const recorded = await insertPendingOutbound(tx, {
        conversationId: conversation.id,
        type: payload.type,
        content,
        preview: messagePreview(payload.type, content),
        senderId: null,
        clientKey: request.clientKey,
      });
      if (recorded.created) await markMessageOrigin(tx, recorded.message.id, request.origin);
      return recorded;
    });
  } catch (error) {
    if (error instanceof ClientKeyConflictError) throw new OutboundRefusal(catalogMessage("conversation.refusals.clientKeyTaken"), "CONFLICT", "clientKey");
    throw error;
  }
  if (!pending.created) return { messageId: pending.message.id, status: pending.message.status, sent: false };
  return deliver(db, { ...pending.message, origin: request.origin }, payload, conversation, client, context);
}

/**
 * Sends a failed message again, as the same row. A message whose outcome is unknown (the gateway gave
 * no answer) is first reconciled: a status WhatsApp reported for it since means it went out.
 */
export async function retryMessage(db: Database, request: { messageId: string; scope: ConnectionScope }, context: SendContext = {}): Promise<SendOutcome> {
  const client = context.gateway ?? processGateway();
  const message = await findMessage(db, request.messageId);
  const noSuchMessage = () => new OutboundRefusal(catalogMessage("conversation.refusals.noSuchMessage"), "NOT_FOUND", "messageId");
  if (!message || message.direction !== "outbound") throw noSuchMessage();
  // A message of a conversation the caller may not see is one that does not exist.
  const conversation = await findVisibleConversation(db, request.scope, message.conversationId);
  if (!conversation) throw noSuchMessage();
  assertNotANote(message);
  assertCustomerNotDeleted(conversation);
  const payload = checked(storedMessageAgain(message, { to: recipientOf(conversation) }));
  const freeForm = message.type !== "template";
  if (!freeForm && conversation.consent.state === "opted_out") {
    const sent = payload.type === "template" ? payload.template : undefined;
    const template = (await approvedTemplates(db, conversation, client)).find(
      (candidate) => candidate.name === sent?.name && candidate.language === sent?.language.code,
    );
    assertMarketingAllowed(conversation, template);
  }

  if (message.status === "failed") {
    if (freeForm) assertWindowOpen(conversation);
    const claimed = await claimFailedForRetry(db, message.id);
    if (!claimed) throw new OutboundRefusal(catalogMessage("conversation.refusals.alreadyRetrying"), "CONFLICT");
    return deliver(db, claimed, payload, conversation, client, context);
  }
  if (isOutcomeUnknown(message)) {
    const attemptAt = message.statusAt ?? message.sentAt;
    const wamid = await findUnclaimedStatus(db, recipientOf(conversation), new Date(attemptAt.getTime() - 5_000));
    if (wamid) {
      const stored = await withOutboundEvents(db, (outbound) => recordOutboundSent(db, message.id, wamid, statusesBefore, outbound));
      return { messageId: message.id, status: stored?.status ?? "sent", sent: false };
    }
    if (Date.now() - attemptAt.getTime() < RECONCILE_WAIT_MS) {
      throw new OutboundRefusal(catalogMessage("conversation.refusals.outcomeUnknown"), "OUTCOME_UNKNOWN");
    }
    if (freeForm) assertWindowOpen(conversation);
    const claimed = await claimUnknownOutcomeForRetry(db, message.id);
    if (!claimed) throw new OutboundRefusal(catalogMessage("conversation.refusals.alreadyRetrying"), "CONFLICT");
    return deliver(db, claimed, payload, conversation, client, context);
  }
  throw new OutboundRefusal(catalogMessage("conversation.refusals.notRetryable"), "NOT_RETRYABLE");
}

/** Approved templates this conversation's number can send: none the picker cannot fill (carousels…). */
export async function listSendableTemplates(db: Database, request: ConversationRequest, context: SendContext = {}): Promise<TemplateDefinition[]> {
  const conversation = await conversationOrThrow(db, request);
  return (await approvedTemplates(db, conversation, context.gateway ?? processGateway())).filter((template) => !unsendableReason(template));
}

/** Clears the unread count and sends WhatsApp's read receipt for the customer's newest message. */
export async function markConversationReadWithReceipt(db: Database, request: ConversationRequest, context: SendContext = {}) {
  const conversation = await conversationOrThrow(db, request);
  const { latestInboundWamid } = await markConversationRead(db, conversation.id);
  if (!latestInboundWamid) return { receiptSent: false as const, receiptError: undefined };
  try {
    await (context.gateway ?? processGateway()).messages.markAsRead(conversation.phoneNumber.id, latestInboundWamid, {
      connectionId: conversation.phoneNumber.connectionId ?? undefined,
    });
    return { receiptSent: true as const, receiptError: undefined };
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    // Read here; the customer just does not see blue ticks this time.
    return { receiptSent: false as const, receiptError: failureMessage(describeGatewayFailure(error)) };
  }
}

/** When "typing…" last went out, per conversation: this instance's own limit, whatever browsers ask. */
const typingSentAt = new Map<string, number>();

/**
 * Prepares "typing…" for the customer while an agent writes, at most once per 20 seconds per
 * conversation; refused when the window is closed. Meta ties it to a read receipt, so the customer's
 * latest message is marked read now. Answers the gateway call for the caller to run after its answer
 * (a slow call must not hold up the send behind it), or undefined when there is nothing to show.
 */
export async function prepareTypingIndicator(
  db: Database,
  request: ConversationRequest,
  context: SendContext = {},
): Promise<(() => Promise<void>) | undefined> {
  const conversation = await conversationOrThrow(db, request);
  assertWindowOpen(conversation);
  const now = Date.now();
  if (!shouldSendTyping(typingSentAt.get(conversation.id), now, true)) return undefined;
  typingSentAt.set(conversation.id, now);
  // Entries past their interval no longer hold anything back: dropped so the map stays small.
  if (typingSentAt.size > 1_000) for (const [id, at] of typingSentAt) if (shouldSendTyping(at, now, true)) typingSentAt.delete(id);
  const { latestInboundWamid } = await markConversationRead(db, conversation.id);
  if (!latestInboundWamid) return undefined;
  const client = context.gateway ?? processGateway();
  return async () => {
    try {
      await client.messages.sendTypingIndicator(conversation.phoneNumber.id, latestInboundWamid, {
        connectionId: conversation.phoneNumber.connectionId ?? undefined,
      });
    } catch (error) {
      log.warn({ err: error, conversationId: conversation.id }, "typing indicator not shown");
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The steps.
// ---------------------------------------------------------------------------------------------

/** The conversation, when it exists within the caller's scope: one outside it gets the same refusal as a missing one. */
async function conversationOrThrow(db: Database, request: ConversationRequest): Promise<ConversationDetail> {
  const conversation = await findVisibleConversation(db, request.scope, request.conversationId);
  if (!conversation) throw new OutboundRefusal(catalogMessage("conversation.refusals.conversationGone"), "NOT_FOUND", "conversationId");
  return conversation;
}

/** The gateway's explanation of a Graph code, as a failure is written out: "Title: what happened. What to do." */
function explainedAs(code: "131047" | "131050"): Translatable {
  const part = (words: "title" | "explanation" | "action") => encodeMessage(catalogMessage(`gateway.codes.${code}.${words}`));
  return catalogMessage("gateway.failure.withTitle", { title: part("title"), explanation: part("explanation"), action: part("action") });
}

/** The server's own refusal, before anything reaches the gateway: the same words WhatsApp's 131047 gets. */
function assertWindowOpen(conversation: ConversationDetail, now = new Date()) {
  if (isServiceWindowOpen(serviceWindow(conversation.lastInboundAt, now))) return;
  throw new OutboundRefusal(explainedAs("131047"), "WINDOW_CLOSED");
}

/**
 * A customer who opted out of marketing gets no marketing template from anyone: refused before any
 * gateway call. When they stopped it in WhatsApp, with the words WhatsApp's 131050 gets when it
 * refuses them itself; otherwise (a keyword they wrote, a person, an import) with our own.
 */
function assertMarketingAllowed(conversation: ConversationDetail, template: { category?: string } | undefined) {
  if (template?.category?.toUpperCase() !== "MARKETING" || conversation.consent.state !== "opted_out") return;
  const said = conversation.consent.source === "whatsapp" ? explainedAs("131050") : catalogMessage("contacts.consent.optedOutRefusal");
  throw new OutboundRefusal(said, "OPTED_OUT");
}

/** A private note is for the team alone: no path sends it, retries it or answers it as a send. */
function assertNotANote(message: Pick<Message, "type">) {
  if (message.type !== "note") return;
  throw new OutboundRefusal(catalogMessage("notes.refusals.neverSent"), "NOT_RETRYABLE", "messageId");
}

/** A deleted contact's conversation stays readable, but nothing more goes to it (a customer who writes again is a new contact). */
function assertCustomerNotDeleted(conversation: ConversationDetail) {
  if (conversation.customerDeletedAt === null) return;
  throw new OutboundRefusal(catalogMessage("contacts.consent.sendToDeletedContact"), "INVALID_INPUT", "conversationId");
}

/** A message of this conversation that went out (it has a wamid): what a reply quotes, a reaction names. */
async function sentMessageOrThrow(db: Database, conversation: ConversationDetail, messageId: string, refusal: { field: string; message: Translatable }) {
  const message = await findMessage(db, messageId);
  if (!message || message.conversationId !== conversation.id || !message.wamid) throw new OutboundRefusal(refusal.message, "INVALID_INPUT", refusal.field);
  return { ...message, wamid: message.wamid };
}

/** The message to send, addressed to the conversation's customer, and what only the inbox keeps of it. */
async function messageFor(
  db: Database,
  conversation: ConversationDetail,
  request: SendRequest,
  client: OutboundGateway,
): Promise<{ message: BuiltMessage; extra?: Record<string, unknown> }> {
  const to = recipientOf(conversation);
  const { message } = request;
  switch (message.kind) {
    case "template": {
      const template = (await approvedTemplates(db, conversation, client)).find(
        (candidate) => candidate.name === message.name && candidate.language === message.languageCode,
      );
      if (!template) {
        throw new OutboundRefusal(catalogMessage("conversation.refusals.noTemplate", { name: message.name, language: message.languageCode }), "NOT_FOUND", "templateName");
      }
      const unsendable = unsendableReason(template);
      if (unsendable) throw new OutboundRefusal(unsendableMessage(unsendable), "UNSUPPORTED_TEMPLATE", "templateName");
      const problem = templateValueProblems(template, message.values)[0];
      if (problem) throw new OutboundRefusal(problem.message, "INVALID_INPUT", `values.${problem.field}`);
      assertMarketingAllowed(conversation, template);
      const filled = composeTemplateMessage(template, message.values, { to });
      // The text as the customer reads it: the inbox shows it without the template at hand.
      return { message: filled.message, extra: { rendered: filled.rendered } };
    }
    case "reaction": {
      const target = await sentMessageOrThrow(db, conversation, message.messageId, {
        field: "messageId",
        message: catalogMessage("conversation.refusals.reactionTarget"),
      });
      return { message: buildReactionMessage({ to, messageId: target.wamid, emoji: message.emoji }) };
    }
    default: {
      const replyTo = request.replyToMessageId
        ? (
            await sentMessageOrThrow(db, conversation, request.replyToMessageId, {
              field: "replyToMessageId",
              message: catalogMessage("conversation.refusals.replyTarget"),
            })
          ).wamid
        : undefined;
      return { message: composeMessage(message, { to, replyTo }) };
    }
  }
}

/** The one check of a message against WhatsApp's limits; the gateway sends what passed it. */
function checked(message: unknown): OutboundMessage {
  const validation = validateOutboundMessage(message);
  if (validation.ok) return validation.message;
  const problem = validation.problems[0]!;
  const words = typeof problem.message === "string" ? problem.message : encodeMessage(problem.message);
  throw new OutboundRefusal(problem.field ? catalogMessage("conversation.refusals.fieldProblem", { field: problem.field, problem: words }) : words, "INVALID_INPUT", problem.field);
}

/** The message as pending under the client key, or the one already stored under it. */
async function recordPending(db: Database, conversation: ConversationDetail, request: SendRequest, payload: OutboundMessage, extra?: Record<string, unknown>) {
  const content = storedContent(payload, extra);
  try {
    return await insertPendingOutbound(db, {
      conversationId: conversation.id,
      type: payload.type,
      content,
      preview: messagePreview(payload.type, content),
      senderId: request.senderId,
      clientKey: request.clientKey,
      replyToWamid: payload.context?.message_id ?? null,
    });
  } catch (error) {
    if (error instanceof ClientKeyConflictError) throw new OutboundRefusal(catalogMessage("conversation.refusals.clientKeyTaken"), "CONFLICT", "clientKey");
    throw error;
  }
}

/** Sends a stored pending message through the gateway and records the wamid or the failure. */
async function deliver(
  db: Database,
  message: Message,
  payload: OutboundMessage,
  conversation: ConversationDetail,
  client: OutboundGateway,
  context: SendContext,
): Promise<SendOutcome> {
  // The last door before the gateway: whatever led here, a note does not pass it.
  assertNotANote(message);
  try {
    const sent = await client.messages.sendMessage(conversation.phoneNumber.id, payload, {
      connectionId: conversation.phoneNumber.connectionId ?? undefined,
      idempotencyKey: message.clientKey ?? message.id,
      ...(context.priority ? { priority: context.priority } : {}),
    });
    const stored = await withOutboundEvents(db, (outbound) => recordOutboundSent(db, message.id, sent.messageId, statusesBefore, outbound));
    return { messageId: message.id, status: stored?.status ?? "pending", sent: true };
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    const failure = describeGatewayFailure(error);
    const recorded = await withOutboundEvents(db, (outbound) => recordOutboundFailure(db, message.id, failureOf(failure), new Date(), outbound));
    return { messageId: message.id, status: recorded?.status ?? "failed", sent: true, error: failure };
  }
}

/** A gateway failure as the message keeps it: the Graph code, our title, and the rest of the sentence (the timeline shows the title apart). */
function failureOf(failure: GatewayFailure) {
  const code = typeof failure.code === "number" ? failure.code : null;
  return { code, title: failure.title, details: failureMessage(failure, { withTitle: false }), outcomeUnknown: failure.outcomeUnknown };
}

/** The number's account's approved templates, from the mirror; synced first when the mirror has none yet. */
async function approvedTemplates(db: Database, conversation: ConversationDetail, client: OutboundGateway): Promise<TemplateDefinition[]> {
  const wabaId = conversation.phoneNumber.wabaId;
  let mirrored = await listApprovedTemplates(db, wabaId);
  if (mirrored.length === 0) {
    try {
      await refreshTemplates(db, { wabaId, connectionId: conversation.phoneNumber.connectionId ?? undefined }, { maxAgeMs: 0, client });
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      const failure = describeGatewayFailure(error);
      const lead = catalogMessage("conversation.refusals.templatesNotLoaded");
      throw new OutboundRefusal((t) => failureSentence(t, failure, { lead }), "GATEWAY_ERROR", undefined, failure);
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
