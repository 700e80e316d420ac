import { webhookError } from "../errors";
import { recordTemplateStatus } from "../graph/template-analytics";
import type { Simulator } from "../sim";
import type { PhoneNumber } from "../state";
import { messagesEnvelope } from "./payloads";
import type { Pricing } from "./pricing";
import { messageTarget } from "./routing";

/** Whom a send addressed: statuses name the recipient the same way (`recipient_id` or `recipient_user_id`). */
export interface Recipient {
  kind: "wa_id" | "user_id";
  value: string;
}

export interface OutboundMessage {
  wamid: string;
  phone: PhoneNumber;
  recipient: Recipient;
  /** Fixed at send time, as Meta prices a message when it is sent. */
  pricing: Pricing;
}

function emitStatus(sim: Simulator, message: OutboundMessage, status: "sent" | "delivered" | "read" | "failed", errors?: unknown[]): void {
  recordTemplateStatus(sim, message.wamid, status);
  const timestamp = String(sim.clock.nowSeconds());
  const recipientField = message.recipient.kind === "user_id" ? "recipient_user_id" : "recipient_id";
  const entry: Record<string, unknown> = { id: message.wamid, status, timestamp, [recipientField]: message.recipient.value };
  // Meta prices sent and delivered statuses only; read and failed carry no pricing.
  if (status === "sent" || status === "delivered") entry.pricing = message.pricing;
  if (errors) entry.errors = errors;
  void sim.webhooks.deliver(messageTarget(sim, message.phone), "messages", messagesEnvelope(message.phone, { statuses: [entry] }));
}

/**
 * After an accepted send: sent → delivered → read, each after its configured delay, plus the
 * `status_delay_ms` fault in force at send time.
 */
export function scheduleDeliveryStatuses(sim: Simulator, message: OutboundMessage): void {
  const delays = sim.options.statusDelaysMs;
  const extra = sim.faults.status_delay_ms;
  sim.scheduler.after(extra + delays.sent, () => emitStatus(sim, message, "sent"));
  sim.scheduler.after(extra + delays.delivered, () => emitStatus(sim, message, "delivered"));
  sim.scheduler.after(extra + delays.read, () => emitStatus(sim, message, "read"));
}

/** An accepted send WhatsApp could not deliver: a single failed status carrying the error (delayed like the others). */
export function scheduleFailedStatus(sim: Simulator, message: OutboundMessage, code: number, details: string): void {
  sim.scheduler.after(sim.faults.status_delay_ms + sim.options.statusDelaysMs.sent, () => emitStatus(sim, message, "failed", [webhookError(code, details)]));
}
