/** Sending messages: `POST /{phone_number_id}/messages` for every message type, and mark as read. */
import {
  type MediaMessageInput,
  type MessageEnvelope,
  type ReplyButton,
  type ListSection,
  type InteractiveHeader,
  buildContactsMessage,
  buildCtaUrlMessage,
  buildListMessage,
  buildLocationMessage,
  buildLocationRequestMessage,
  buildMarkAsRead,
  buildMediaMessage,
  buildReactionMessage,
  buildReplyButtonsMessage,
  buildTemplateMessage,
  buildTextMessage,
  issuesToProblems,
} from "@/lib/whatsapp/message-builders";
import {
  type ContactCard,
  type MediaRef,
  type SendMessageResponse,
  outboundMessageSchema,
  sendMessageResponseSchema,
  successResponseSchema,
} from "@/lib/whatsapp/messages";
import type { TemplateSendComponent } from "@/lib/whatsapp/template-send";

import { InvalidRequestError } from "./errors";
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

type WithoutKind<T> = Omit<T, "kind">;
type MediaInput = WithoutKind<MediaMessageInput>;

export function createMessagesApi(transport: GatewayTransport) {
  /** Validates against WhatsApp's limits, then sends. Never retried after a 5xx or timeout (outcomeUnknown). */
  async function sendMessage(phoneNumberId: string, message: unknown, options?: CallOptions): Promise<SentMessage> {
    const path = `${encodeSegment(phoneNumberId)}/messages`;
    const parsed = outboundMessageSchema.safeParse(message);
    if (!parsed.success) {
      throw new InvalidRequestError(issuesToProblems(parsed.error.issues), { method: "POST", path, idempotencyKey: options?.idempotencyKey });
    }
    // A reaction repeated only sets the same emoji again, so it may be retried like a read.
    const idempotent = parsed.data.type === "reaction";
    const response = await transport.request(
      { plane: "graph", method: "POST", path, json: parsed.data, schema: sendMessageResponseSchema, idempotent },
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

  const media = (kind: MediaMessageInput["kind"]) => (phoneNumberId: string, input: MediaInput, options?: CallOptions) =>
    sendMessage(phoneNumberId, buildMediaMessage({ ...input, kind }), options);

  return {
    sendMessage,
    sendText: (phoneNumberId: string, input: MessageEnvelope & { body: string; previewUrl?: boolean }, options?: CallOptions) =>
      sendMessage(phoneNumberId, buildTextMessage(input), options),
    sendTemplate: (
      phoneNumberId: string,
      input: MessageEnvelope & { name: string; languageCode: string; components?: TemplateSendComponent[] },
      options?: CallOptions,
    ) => sendMessage(phoneNumberId, buildTemplateMessage(input), options),
    sendMedia: (phoneNumberId: string, input: MediaMessageInput, options?: CallOptions) =>
      sendMessage(phoneNumberId, buildMediaMessage(input), options),
    sendImage: media("image"),
    sendVideo: media("video"),
    sendDocument: media("document"),
    sendAudio: (phoneNumberId: string, input: MessageEnvelope & { media: MediaRef }, options?: CallOptions) =>
      sendMessage(phoneNumberId, buildMediaMessage({ ...input, kind: "audio" }), options),
    sendSticker: (phoneNumberId: string, input: MessageEnvelope & { media: MediaRef }, options?: CallOptions) =>
      sendMessage(phoneNumberId, buildMediaMessage({ ...input, kind: "sticker" }), options),
    sendLocation: (
      phoneNumberId: string,
      input: MessageEnvelope & { latitude: number; longitude: number; name?: string; address?: string },
      options?: CallOptions,
    ) => sendMessage(phoneNumberId, buildLocationMessage(input), options),
    sendContacts: (phoneNumberId: string, input: MessageEnvelope & { contacts: ContactCard[] }, options?: CallOptions) =>
      sendMessage(phoneNumberId, buildContactsMessage(input), options),
    sendReplyButtons: (
      phoneNumberId: string,
      input: MessageEnvelope & { body: string; buttons: ReplyButton[]; header?: InteractiveHeader; footer?: string },
      options?: CallOptions,
    ) => sendMessage(phoneNumberId, buildReplyButtonsMessage(input), options),
    sendList: (
      phoneNumberId: string,
      input: MessageEnvelope & { body: string; buttonText: string; sections: ListSection[]; header?: string; footer?: string },
      options?: CallOptions,
    ) => sendMessage(phoneNumberId, buildListMessage(input), options),
    sendCtaUrl: (
      phoneNumberId: string,
      input: MessageEnvelope & { body: string; displayText: string; url: string; header?: InteractiveHeader; footer?: string },
      options?: CallOptions,
    ) => sendMessage(phoneNumberId, buildCtaUrlMessage(input), options),
    sendLocationRequest: (phoneNumberId: string, input: MessageEnvelope & { body: string }, options?: CallOptions) =>
      sendMessage(phoneNumberId, buildLocationRequestMessage(input), options),
    /** An empty emoji removes the reaction. */
    sendReaction: (phoneNumberId: string, input: { to: string; messageId: string; emoji: string }, options?: CallOptions) =>
      sendMessage(phoneNumberId, buildReactionMessage(input), options),
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
