import { errorDetails, GraphError, invalidParameter, MatonError, tableError } from "../errors";
import type { SendErrorFault, SendLostAnswerFault, SendTimeoutFault } from "../faults";
import type { JsonRecord, Reply } from "../http";
import { json } from "../http";
import { findCustomer, isUserId, isWindowOpen, marketingPreferenceKey, serviceWindowOf } from "../customers";
import { NOT_ON_WHATSAPP_PREFIX } from "../seed";
import type { Simulator } from "../sim";
import type { Customer, MediaObject, PhoneNumber } from "../state";
import { normaliseWaId, templatesOf } from "../state";
import type { MessageCategory } from "../webhooks/pricing";
import { priceMessage } from "../webhooks/pricing";
import type { Recipient } from "../webhooks/statuses";
import { scheduleDeliveryStatuses, scheduleFailedStatus } from "../webhooks/statuses";
import type { GraphRequest } from "./context";
import { readGraphBody } from "./context";
import { recordTemplateSend } from "./template-analytics";
import { fieldPath, oneOf, requireRecord, requireText } from "./fields";
import type { LinkFailure, MediaResolver } from "./message-rules";
import { validateFreeFormMessage } from "./message-rules";
import { validateTemplateSend } from "./template-send";

function mediaResolver(request: GraphRequest): MediaResolver {
  return (id: string): MediaObject | null => {
    const media = request.sim.state.media.get(id);
    if (!media || media.connectionId !== request.connection.connectionId) return null;
    return media.expiresAt > request.sim.clock.now() ? media : null;
  };
}

function requireMessagingProduct(body: JsonRecord): void {
  if (body.messaging_product === undefined) throw new GraphError(100, { message: "(#100) The parameter messaging_product is required." });
  oneOf(String(body.messaging_product).toLowerCase(), "messaging_product", ["whatsapp"] as const);
}

const KEEP_TYPING_INDICATORS = 1000;

/**
 * Mark as read: `{"status":"read","message_id"}`; with `"typing_indicator":{"type":"text"}` it also shows
 * "typing…", which needs a message the customer sent to this number (else 100 naming message_id).
 */
function markAsRead(sim: Simulator, phone: PhoneNumber, body: JsonRecord): Reply {
  const messageId = requireText(body.message_id, "message_id", 512);
  if (!messageId.startsWith("wamid.")) throw invalidParameter("Param message_id is not a valid WhatsApp message id.");
  if (body.typing_indicator !== undefined) {
    const indicator = requireRecord(body.typing_indicator, "typing_indicator");
    const type = oneOf(indicator.type, fieldPath("typing_indicator", "type"), ["text"] as const);
    const received = sim.state.inboundMessages.get(messageId);
    if (!received || received.phoneNumberId !== phone.id) {
      throw invalidParameter(`Param message_id (${messageId}) is not a message this phone number received: a typing indicator answers a message the customer sent.`);
    }
    sim.state.typingIndicators.push({ phoneNumberId: phone.id, messageId, type, at: sim.clock.now() });
    if (sim.state.typingIndicators.length > KEEP_TYPING_INDICATORS) sim.state.typingIndicators.shift();
  }
  return json({ success: true });
}

/** Does an armed fault's `to` name this recipient (by the number or user id sent, or another identity of the same customer)? */
function faultMatches(fault: { to: string | null }, recipient: Recipient, customer: Customer | undefined): boolean {
  if (fault.to === null) return true;
  const wanted = isUserId(fault.to) ? fault.to : normaliseWaId(fault.to);
  return wanted === recipient.value || (customer !== undefined && (customer.waId === wanted || customer.userId === wanted));
}

/** Takes one use of an armed fault; spent faults are dropped. */
function consume(sim: Simulator, fault: SendErrorFault): void {
  fault.remaining -= 1;
  if (fault.remaining <= 0) sim.faults.send_errors = sim.faults.send_errors.filter((candidate) => candidate !== fault);
}

/** Takes one use of an armed held answer (`timeout_ms`) matching this accepted send, if any. */
function takeTimeout(sim: Simulator, recipient: Recipient, customer: Customer | undefined): SendTimeoutFault | undefined {
  const fault = sim.faults.send_timeouts.find((candidate) => candidate.remaining > 0 && faultMatches(candidate, recipient, customer));
  if (!fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) sim.faults.send_timeouts = sim.faults.send_timeouts.filter((candidate) => candidate !== fault);
  return fault;
}

/** Takes one use of an armed 5xx answer after the send (`server_error_after_send`) matching this accepted send, if any. */
function takeLostAnswer(sim: Simulator, recipient: Recipient, customer: Customer | undefined): SendLostAnswerFault | undefined {
  const fault = sim.faults.send_lost_answers.find((candidate) => candidate.remaining > 0 && faultMatches(candidate, recipient, customer));
  if (!fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) sim.faults.send_lost_answers = sim.faults.send_lost_answers.filter((candidate) => candidate !== fault);
  return fault;
}

/** Counts an accepted send per number and recipient (`received` in `/_sim/state`). */
function recordReceived(sim: Simulator, phone: PhoneNumber, recipient: Recipient): void {
  let byRecipient = sim.state.received.get(phone.id);
  if (!byRecipient) {
    byRecipient = new Map();
    sim.state.received.set(phone.id, byRecipient);
  }
  byRecipient.set(recipient.value, (byRecipient.get(recipient.value) ?? 0) + 1);
}

function isSynchronous(sim: Simulator, fault: SendErrorFault): boolean {
  return fault.form === "sync" || (fault.form === "window" && sim.faults.window_error === "sync");
}

/**
 * Whom a send addresses: `to` (a number, or since 2026 a business-scoped user id) wins over Meta's
 * `recipient` (a user id), as Meta documents it.
 */
function recipientOf(body: JsonRecord): { input: string; recipient: Recipient } {
  const field = body.to === undefined && body.recipient !== undefined ? "recipient" : "to";
  const input = requireText(body[field], field, 140);
  if (isUserId(input)) return { input, recipient: { kind: "user_id", value: input } };
  const waId = normaliseWaId(input);
  if (field === "recipient") throw invalidParameter(`Param recipient must be a business-scoped user id such as US.13491208655302741918; got "${input}".`);
  if (!/^\d{7,15}$/.test(waId)) throw invalidParameter(`Param to must be a phone number in international format or a business-scoped user id; got "${input}".`);
  return { input, recipient: { kind: "wa_id", value: waId } };
}

/** Why an accepted send will fail after all, as a failed status webhook; null when it is delivered. */
function deferredFailure(recipient: Recipient, customer: Customer | undefined, marketingStopped: boolean, linkFailure: LinkFailure | null): { code: number; details: string } | null {
  if (recipient.kind === "wa_id" && recipient.value.startsWith(NOT_ON_WHATSAPP_PREFIX)) return { code: 131026, details: "Message Undeliverable." };
  // A user id is only ever learned from a webhook: one the simulator never sent belongs to no one.
  if (recipient.kind === "user_id" && !customer) return { code: 131026, details: "Message Undeliverable." };
  if (marketingStopped) return { code: 131050, details: "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business." };
  return linkFailure ? { code: 131053, details: linkFailure.details } : null;
}

/** `POST /{phone_number_id}/messages`: validates like the Cloud API, then schedules status webhooks. */
export async function sendMessage(request: GraphRequest, phone: PhoneNumber): Promise<Reply> {
  const { sim } = request;
  const body = await readGraphBody(request);
  requireMessagingProduct(body);
  if (body.status !== undefined) {
    oneOf(body.status, "status", ["read"] as const);
    return markAsRead(sim, phone, body);
  }
  if (body.recipient_type !== undefined) oneOf(body.recipient_type, "recipient_type", ["individual"] as const);
  const { input, recipient } = recipientOf(body);
  const customer = findCustomer(sim.state, recipient.kind === "user_id" ? { userId: recipient.value } : { waId: recipient.value });
  const window = serviceWindowOf(sim.state, phone.id, customer);
  // An armed error (POST /_sim/faults {"error_code"}): a synchronous one refuses this send before it is read;
  // an asynchronous one waits until the send is otherwise accepted.
  const fault = sim.faults.send_errors.find((candidate) => candidate.remaining > 0 && faultMatches(candidate, recipient, customer));
  if (fault && isSynchronous(sim, fault)) {
    consume(sim, fault);
    throw tableError(fault.error_code, fault.details ?? undefined);
  }
  const type = body.type === undefined ? "text" : String(body.type);
  if (body.context !== undefined) {
    const context = requireRecord(body.context, "context");
    requireText(context.message_id, "context['message_id']", 512);
  }

  const resolveMedia = mediaResolver(request);
  let category: MessageCategory = "service";
  let linkFailure: LinkFailure | null = null;
  let sentTemplateId: string | null = null;
  if (type === "template") {
    const result = validateTemplateSend(body, templatesOf(sim.state, phone.wabaId), resolveMedia);
    sentTemplateId = result.template.id;
    category = result.template.category.toLowerCase() as MessageCategory;
    linkFailure = result.linkFailure;
    // One-tap, zero-tap and copy-code passwords are tied to the phone number: Meta refuses them to a user id.
    if (category === "authentication" && recipient.kind === "user_id") {
      throw new GraphError(131062, { details: "Authentication templates cannot be sent to a business-scoped user id; send them to the customer's phone number." });
    }
  }
  let windowClosed = false;
  if (type !== "template") {
    linkFailure = validateFreeFormMessage(type, body, resolveMedia);
    windowClosed = !isWindowOpen(window, sim.clock.now());
    // 131047 in its two real forms: by default accepted, then a failed status; synchronous on request.
    if (windowClosed && sim.faults.window_error === "sync") throw tableError(131047);
  }

  const wamid = sim.ids.wamid(recipient.value, "outbound");
  const outbound = { wamid, phone, recipient, pricing: priceMessage(category, window, sim.clock.now()) };
  const marketingStopped = category === "marketing" && customer !== undefined &&
    sim.state.marketingPreferences.get(marketingPreferenceKey(phone.wabaId, customer.id)) === "stop";
  let failure = deferredFailure(recipient, customer, marketingStopped, linkFailure);
  if (windowClosed) {
    // Failed for the window: an armed asynchronous error waits for a send that would otherwise go out.
    failure = { code: 131047, details: errorDetails(131047) };
  } else if (fault) {
    consume(sim, fault);
    failure = { code: fault.error_code, details: fault.details ?? errorDetails(fault.error_code) };
  }
  if (failure) scheduleFailedStatus(sim, outbound, failure.code, failure.details);
  else scheduleDeliveryStatuses(sim, outbound);
  recordReceived(sim, phone, recipient);
  if (sentTemplateId) recordTemplateSend(sim, { wamid, wabaId: phone.wabaId, templateId: sentTemplateId });
  const message: JsonRecord = { id: wamid };
  if (type === "template") message.message_status = "accepted";
  // Meta answers wa_id for a send to a number and user_id for a send to a user id, never both.
  const contact = recipient.kind === "user_id" ? { input, user_id: recipient.value } : { input, wa_id: recipient.value };
  // The message is out and its statuses are on their way; only the answer is late (the unknown outcome).
  const timeout = takeTimeout(sim, recipient, customer);
  if (timeout) await sim.scheduler.hold(timeout.timeout_ms);
  // The message is out too, but the gateway answers an error in place of the wamid.
  const lostAnswer = takeLostAnswer(sim, recipient, customer);
  if (lostAnswer) throw new MatonError(lostAnswer.status, `Bad gateway: WhatsApp's answer was lost (injected fault ${lostAnswer.status} after the send)`);
  return json({ messaging_product: "whatsapp", contacts: [contact], messages: [message] });
}
