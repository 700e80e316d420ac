/** Sending messages: `POST /{phone_number_id}/messages` for a message, a read receipt and "typing…". */
import { buildMarkAsRead } from "@/lib/whatsapp/message-builders";
import { type OutboundMessage, type SendMessageResponse, sendMessageResponseSchema, successResponseSchema } from "@/lib/whatsapp/messages";

import { type CallOptions, type GatewayTransport, encodeSegment } from "./request";

export interface SentMessage {
  /** The wamid to store; statuses in webhooks refer to it. */
  messageId: string;
  /** The customer's WhatsApp id as Meta normalised it. */
  waId: string | undefined;
  /** "accepted" or "held_for_quality_assessment" on template sends. */
  messageStatus: string | undefined;
  response: SendMessageResponse;
}

export function createMessagesApi(transport: GatewayTransport) {
  /**
   * Sends a message built and checked by lib/whatsapp (`validateOutboundMessage` gives the type).
   * Never retried after a 5xx or timeout: the outcome is unknown, reconciled by the caller.
   */
  async function sendMessage(phoneNumberId: string, message: OutboundMessage, options?: CallOptions): Promise<SentMessage> {
    // A reaction repeated only sets the same emoji again, so it may be retried like a read.
    const idempotent = message.type === "reaction";
    const response = await transport.request(
      { plane: "graph", method: "POST", path: `${encodeSegment(phoneNumberId)}/messages`, json: message, schema: sendMessageResponseSchema, idempotent },
      options,
    );
    const first = response.messages[0]!;
    return { messageId: first.id, waId: response.contacts?.[0]?.wa_id, messageStatus: first.message_status, response };
  }

  /** A read receipt, with or without the typing indicator; repeating it changes nothing, so it may be retried. */
  async function postReadReceipt(phoneNumberId: string, messageId: string, typingIndicator: boolean, options?: CallOptions): Promise<boolean> {
    const response = await transport.request(
      {
        plane: "graph",
        method: "POST",
        path: `${encodeSegment(phoneNumberId)}/messages`,
        json: buildMarkAsRead(messageId, { typingIndicator }),
        schema: successResponseSchema,
        idempotent: true,
      },
      options,
    );
    return response.success;
  }

  return {
    sendMessage,
    /** Marks an inbound message (and those before it) as read: the customer sees blue ticks. */
    markAsRead: (phoneNumberId: string, messageId: string, options?: CallOptions) => postReadReceipt(phoneNumberId, messageId, false, options),
    /**
     * Shows "typing…" to the customer (up to 25 s or until the reply); Meta ties it to a read receipt,
     * so `messageId`, their latest message, is marked read too.
     */
    sendTypingIndicator: (phoneNumberId: string, messageId: string, options?: CallOptions) => postReadReceipt(phoneNumberId, messageId, true, options),
  };
}

export type MessagesApi = ReturnType<typeof createMessagesApi>;
