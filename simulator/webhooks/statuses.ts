import { webhookError } from "../errors";
import { sha256Hex } from "../ids";
import type { Simulator } from "../sim";
import type { PhoneNumber } from "../state";
import { SERVICE_WINDOW_MS } from "../state";
import { messagesEnvelope } from "./payloads";
import { messageTarget } from "./routing";

export type ConversationCategory = "service" | "marketing" | "utility" | "authentication";

export interface OutboundMessage {
  wamid: string;
  phone: PhoneNumber;
  recipient: string;
  category: ConversationCategory;
}

/** The billing conversation in force for this customer and category, opened on first use for 24 hours. */
function billingConversation(sim: Simulator, message: OutboundMessage): { id: string; expiresAt: number } {
  const key = `${message.phone.id}:${message.recipient}:${message.category}`;
  const now = sim.clock.now();
  const current = sim.state.billingConversations.get(key);
  if (current && current.expiresAt > now) return current;
  const opened = { id: sha256Hex(`${key}:${now}`).slice(0, 32), expiresAt: now + SERVICE_WINDOW_MS };
  sim.state.billingConversations.set(key, opened);
  return opened;
}

function emitStatus(sim: Simulator, message: OutboundMessage, status: "sent" | "delivered" | "read" | "failed", errors?: unknown[]): void {
  const timestamp = String(sim.clock.nowSeconds());
  const entry: Record<string, unknown> = { id: message.wamid, status, timestamp, recipient_id: message.recipient };
  if (status === "sent" || status === "delivered") {
    const conversation = billingConversation(sim, message);
    entry.conversation = {
      id: conversation.id,
      ...(status === "sent" ? { expiration_timestamp: String(Math.floor(conversation.expiresAt / 1000)) } : {}),
      origin: { type: message.category },
    };
    entry.pricing = { billable: message.category !== "service", pricing_model: "CBP", category: message.category };
  }
  if (errors) entry.errors = errors;
  void sim.webhooks.deliver(messageTarget(sim, message.phone), "messages", messagesEnvelope(message.phone, { statuses: [entry] }));
}

/** After an accepted send: sent → delivered → read, each after its configured delay. */
export function scheduleDeliveryStatuses(sim: Simulator, message: OutboundMessage): void {
  const delays = sim.options.statusDelaysMs;
  sim.scheduler.after(delays.sent, () => emitStatus(sim, message, "sent"));
  sim.scheduler.after(delays.delivered, () => emitStatus(sim, message, "delivered"));
  sim.scheduler.after(delays.read, () => emitStatus(sim, message, "read"));
}

/** An accepted send WhatsApp could not deliver: a single failed status carrying the error. */
export function scheduleFailedStatus(sim: Simulator, message: OutboundMessage, code: number, details: string): void {
  sim.scheduler.after(sim.options.statusDelaysMs.sent, () => emitStatus(sim, message, "failed", [webhookError(code, details)]));
}
