/**
 * Builders from the composer's words (customer, reply, buttons…) to Graph message objects, and one
 * validator that reports problems by field. Browser-safe.
 */
import type { z } from "zod";

import {
  type ContactCard,
  type MediaMessageKind,
  type MediaRef,
  type OutboundMessage,
  markAsReadSchema,
  normalizeRecipient,
  outboundMessageSchema,
} from "./messages";
import type { TemplateSendComponent } from "./template-send";

/** Who receives it and, optionally, the wamid of the message it answers (shown as a quoted reply). */
export interface MessageEnvelope {
  to: string;
  replyTo?: string;
}

type BuiltMessage = z.input<typeof outboundMessageSchema>;

function envelope({ to, replyTo }: MessageEnvelope) {
  return {
    messaging_product: "whatsapp" as const,
    recipient_type: "individual" as const,
    to: normalizeRecipient(to),
    ...(replyTo ? { context: { message_id: replyTo } } : {}),
  };
}

export function buildTextMessage(input: MessageEnvelope & { body: string; previewUrl?: boolean }): BuiltMessage {
  const text = input.previewUrl === undefined ? { body: input.body } : { body: input.body, preview_url: input.previewUrl };
  return { ...envelope(input), type: "text", text };
}

export function buildTemplateMessage(
  input: MessageEnvelope & { name: string; languageCode: string; components?: TemplateSendComponent[] },
): BuiltMessage {
  const template = {
    name: input.name,
    language: { code: input.languageCode },
    ...(input.components && input.components.length > 0 ? { components: input.components } : {}),
  };
  return { ...envelope(input), type: "template", template };
}

export interface MediaMessageInput extends MessageEnvelope {
  kind: MediaMessageKind;
  /** An uploaded media id or a public https link. */
  media: MediaRef;
  /** image, video and document only */
  caption?: string;
  /** document only */
  filename?: string;
}

export function buildMediaMessage(input: MediaMessageInput): BuiltMessage {
  const ref = input.media.id !== undefined ? { id: input.media.id } : { link: input.media.link };
  const withCaption = input.caption !== undefined && input.kind !== "audio" && input.kind !== "sticker";
  const object = {
    ...ref,
    ...(withCaption ? { caption: input.caption } : {}),
    ...(input.kind === "document" && input.filename !== undefined ? { filename: input.filename } : {}),
  };
  return { ...envelope(input), type: input.kind, [input.kind]: object } as BuiltMessage;
}

export function buildLocationMessage(
  input: MessageEnvelope & { latitude: number; longitude: number; name?: string; address?: string },
): BuiltMessage {
  const { latitude, longitude, name, address } = input;
  const location = { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
  return { ...envelope(input), type: "location", location };
}

export function buildContactsMessage(input: MessageEnvelope & { contacts: ContactCard[] }): BuiltMessage {
  return { ...envelope(input), type: "contacts", contacts: input.contacts };
}

export interface ReplyButton {
  id: string;
  title: string;
}

export type InteractiveHeader =
  | { type: "text"; text: string }
  | { type: "image"; image: MediaRef }
  | { type: "video"; video: MediaRef }
  | { type: "document"; document: MediaRef };

export function buildReplyButtonsMessage(
  input: MessageEnvelope & { body: string; buttons: ReplyButton[]; header?: InteractiveHeader; footer?: string },
): BuiltMessage {
  return {
    ...envelope(input),
    type: "interactive",
    interactive: {
      type: "button",
      ...(input.header ? { header: input.header } : {}),
      body: { text: input.body },
      ...(input.footer ? { footer: { text: input.footer } } : {}),
      action: { buttons: input.buttons.map((reply) => ({ type: "reply" as const, reply })) },
    },
  };
}

export interface ListSection {
  title?: string;
  rows: { id: string; title: string; description?: string }[];
}

export function buildListMessage(
  input: MessageEnvelope & { body: string; buttonText: string; sections: ListSection[]; header?: string; footer?: string },
): BuiltMessage {
  return {
    ...envelope(input),
    type: "interactive",
    interactive: {
      type: "list",
      ...(input.header ? { header: { type: "text" as const, text: input.header } } : {}),
      body: { text: input.body },
      ...(input.footer ? { footer: { text: input.footer } } : {}),
      action: { button: input.buttonText, sections: input.sections },
    },
  };
}

/** One button that opens a web page (`cta_url`): the label is the button's text, the url an https:// link. */
export function buildCtaUrlMessage(
  input: MessageEnvelope & { body: string; displayText: string; url: string; header?: InteractiveHeader; footer?: string },
): BuiltMessage {
  return {
    ...envelope(input),
    type: "interactive",
    interactive: {
      type: "cta_url",
      ...(input.header ? { header: input.header } : {}),
      body: { text: input.body },
      ...(input.footer ? { footer: { text: input.footer } } : {}),
      action: { name: "cta_url", parameters: { display_text: input.displayText, url: input.url } },
    },
  };
}

/** Asks the customer to share their location: WhatsApp shows a "Send location" button under the text. */
export function buildLocationRequestMessage(input: MessageEnvelope & { body: string }): BuiltMessage {
  return {
    ...envelope(input),
    type: "interactive",
    interactive: { type: "location_request_message", body: { text: input.body }, action: { name: "send_location" } },
  };
}

/** An empty emoji removes an earlier reaction. */
export function buildReactionMessage(input: { to: string; messageId: string; emoji: string }): BuiltMessage {
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: normalizeRecipient(input.to),
    type: "reaction",
    reaction: { message_id: input.messageId, emoji: input.emoji },
  };
}

/** A read receipt; with `typingIndicator` the customer also sees "typing…" (Meta ties the two together). */
export function buildMarkAsRead(messageId: string, options: { typingIndicator?: boolean } = {}) {
  return markAsReadSchema.parse({
    messaging_product: "whatsapp",
    status: "read",
    message_id: messageId,
    ...(options.typingIndicator ? { typing_indicator: { type: "text" } } : {}),
  });
}

export interface FieldProblem {
  /** Dotted path of the field, e.g. "interactive.action.buttons.0.reply.title". */
  field: string;
  message: string;
}

export type MessageValidation = { ok: true; message: OutboundMessage } | { ok: false; problems: FieldProblem[] };

export function issuesToProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join("."), message: issue.message }));
}

/** Checks a message against WhatsApp's limits before it is sent. */
export function validateOutboundMessage(message: unknown): MessageValidation {
  const result = outboundMessageSchema.safeParse(message);
  return result.success ? { ok: true, message: result.data } : { ok: false, problems: issuesToProblems(result.error.issues) };
}
