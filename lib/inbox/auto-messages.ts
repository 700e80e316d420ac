/**
 * The away and welcome messages, sent after a customer's message by the automation job. Each goes at
 * most once for its occasion: the client key names it (`welcome:<conversation>`,
 * `away:<conversation>:<start of the closed period>`), so a redelivered webhook or a retried job finds
 * the message already stored and sends nothing. Never outside the 24-hour window: the send checks the
 * window when it happens, so a job run late sends nothing and says why.
 */
import "server-only";

import type { Database } from "@/db";
import { findBusinessHours, hasEarlierInbound, type BusinessHoursRow } from "@/db/queries/inbox-settings";
import { logger } from "@/lib/log";
import { closedPeriodStart } from "@/lib/whatsapp/business-hours";

import { OutboundRefusal, sendAutomaticMessage, type SendContext } from "./outbound";

const log = logger("inbox");

/** The customer's message the automation answers. */
export interface InboundTrigger {
  messageId: string;
  conversationId: string;
  phoneNumberId: string;
  seq: number;
  sentAt: Date;
}

export type AutoMessageOutcome =
  | { kind: "welcome_message" | "away_message"; result: "sent" | "already_sent"; messageId: string; failed?: boolean }
  | { kind: "welcome_message" | "away_message"; result: "refused"; reason: string };

export const welcomeKey = (conversationId: string) => `welcome:${conversationId}`;
export const awayKey = (conversationId: string, periodStart: Date) => `away:${conversationId}:${periodStart.toISOString()}`;

/** Automatic sends wait behind agents' and the API's in the gateway budget, like campaigns. */
const AUTOMATIC_PRIORITY: SendContext["priority"] = "campaign";

async function send(
  db: Database,
  trigger: InboundTrigger,
  kind: "welcome_message" | "away_message",
  clientKey: string,
  text: string,
  context: SendContext,
): Promise<AutoMessageOutcome> {
  try {
    const outcome = await sendAutomaticMessage(db, { conversationId: trigger.conversationId, clientKey, text, origin: kind }, { priority: AUTOMATIC_PRIORITY, ...context });
    return { kind, result: outcome.sent ? "sent" : "already_sent", messageId: outcome.messageId, ...(outcome.error ? { failed: true } : {}) };
  } catch (error) {
    if (!(error instanceof OutboundRefusal)) throw error;
    // A refusal (the window closed while the job waited, a deleted customer) will not pass at a retry.
    log.info({ conversationId: trigger.conversationId, kind, code: error.code, reason: error.message }, "automatic message not sent");
    return { kind, result: "refused", reason: error.code };
  }
}

/** Which automatic messages the customer's message calls for, by the number's settings. */
export async function sendAutomaticMessages(db: Database, trigger: InboundTrigger, context: SendContext = {}): Promise<AutoMessageOutcome[]> {
  const settings = await findBusinessHours(db, trigger.phoneNumberId);
  if (!settings) return [];
  const outcomes: AutoMessageOutcome[] = [];
  if (settings.welcomeEnabled && settings.welcomeText.trim() && !(await hasEarlierInbound(db, trigger.conversationId, trigger.seq))) {
    outcomes.push(await send(db, trigger, "welcome_message", welcomeKey(trigger.conversationId), settings.welcomeText, context));
  }
  const periodStart = awayPeriod(settings, trigger.sentAt);
  if (periodStart) outcomes.push(await send(db, trigger, "away_message", awayKey(trigger.conversationId, periodStart), settings.awayText, context));
  return outcomes;
}

/** The closed period the customer wrote in, when the away message is on and the number was closed then. */
function awayPeriod(settings: BusinessHoursRow, writtenAt: Date): Date | null {
  if (!settings.awayEnabled || !settings.awayText.trim()) return null;
  return closedPeriodStart({ timeZone: settings.timeZone, weekly: settings.weekly, holidays: settings.holidays }, writtenAt);
}
