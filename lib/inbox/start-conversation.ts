/**
 * Writing to a customer by who they are rather than by conversation: the conversation of that
 * customer on the business number, or a new one when they never wrote (started as the webhook ingest
 * starts one), then the send through the inbox's one pipeline (lib/inbox/outbound.ts). A customer who
 * never wrote has no open 24-hour window, so only a template can start the conversation: the
 * pipeline refuses anything else exactly as it does in any closed window.
 */
import "server-only";

import type { Database } from "@/db";
import type { ConnectionScope } from "@/db/queries/connection-access";
import { findPhoneNumber } from "@/db/queries/phone-numbers";
import { discardEmptyConversation, findOrStartConversation, type CustomerIdentity } from "@/db/queries/start-conversation";
import { isPhoneNumberVisible } from "@/lib/auth/connection-access";
import { message } from "@/lib/i18n/translatable";
import { logger } from "@/lib/log";
import { normalizeRecipient, USER_ID_PATTERN } from "@/lib/whatsapp/messages";

import { OutboundRefusal, sendMessage, type OutboundContent, type SendContext, type SendOutcome, type SendRequest } from "./outbound";

const log = logger("inbox");

/** A customer as the caller names them: a phone number as typed, or a business-scoped user id. */
export type CustomerAddress = { phone: string; userId?: undefined } | { userId: string; phone?: undefined };

/** What a customer's number may be once made digits: E.164 without "+" (a country code never starts with 0). */
const PHONE_DIGITS = /^[1-9]\d{5,14}$/;

/** "+1 (555) 010-0001" → "15550100001", as WhatsApp's wa_id; undefined when it cannot be a phone number. */
export function customerPhoneDigits(phone: string): string | undefined {
  const digits = normalizeRecipient(phone.trim());
  return PHONE_DIGITS.test(digits) ? digits : undefined;
}

/** The customer's identity as stored, or a refusal naming the part that cannot be one (`customer.phone`, `customer.userId`). */
export function customerIdentity(address: CustomerAddress): CustomerIdentity {
  if (address.phone !== undefined) {
    const phone = customerPhoneDigits(address.phone);
    if (!phone) throw new OutboundRefusal(message("apiResources.refusals.invalidPhone"), "INVALID_INPUT", "customer.phone");
    return { phone };
  }
  const userId = address.userId.trim();
  if (!USER_ID_PATTERN.test(userId)) throw new OutboundRefusal(message("apiResources.refusals.invalidUserId"), "INVALID_INPUT", "customer.userId");
  return { userId };
}

/** A send to a customer on a business number: the conversation is found or started for it. */
export interface CustomerSendRequest extends Omit<SendRequest, "conversationId" | "message"> {
  /** The business number it goes out from (one of the caller's connections). */
  phoneNumberId: string;
  customer: CustomerAddress;
  /**
   * The message, or how to make it once the conversation is known (e.g. a template's variables named
   * by the template that conversation's number has).
   */
  message: OutboundContent | ((conversationId: string) => Promise<OutboundContent>);
}

export interface CustomerSendOutcome extends SendOutcome {
  conversationId: string;
  /** The conversation was started by this send. */
  started: boolean;
}

/**
 * Sends to a customer by number or user id: the conversation of that customer on the business number
 * (one of the caller's connections; any other is refused as unknown), else a new one. A send refused
 * before anything was stored leaves no conversation behind that it started.
 */
export async function sendToCustomer(db: Database, request: CustomerSendRequest, context: SendContext = {}): Promise<CustomerSendOutcome> {
  const customer = customerIdentity(request.customer);
  await requireVisibleNumber(db, request.scope, request.phoneNumberId);
  const { conversationId, started } = await findOrStartConversation(db, { phoneNumberId: request.phoneNumberId, customer });
  try {
    const content = typeof request.message === "function" ? await request.message(conversationId) : request.message;
    const outcome = await sendMessage(
      db,
      {
        conversationId,
        scope: request.scope,
        senderId: request.senderId,
        clientKey: request.clientKey,
        message: content,
        replyToMessageId: request.replyToMessageId,
      },
      context,
    );
    return { ...outcome, conversationId, started };
  } catch (error) {
    if (started) {
      await discardEmptyConversation(db, conversationId).catch((cleanup: unknown) => {
        log.error({ err: cleanup, conversationId }, "a conversation started for a refused send could not be removed");
      });
    }
    throw error;
  }
}

/** The number exists and is one of the scope's: anything else is refused as a number that does not exist. */
async function requireVisibleNumber(db: Database, scope: ConnectionScope, phoneNumberId: string): Promise<void> {
  const number = await findPhoneNumber(db, phoneNumberId);
  if (!number || !(await isPhoneNumberVisible(db, scope, number.id))) {
    throw new OutboundRefusal(message("apiResources.refusals.unknownPhoneNumber"), "NOT_FOUND", "phoneNumberId");
  }
}
