/**
 * Builders from the composer's words (customer, reply, buttons…) to Graph message objects, and one
 * validator that reports problems by field. The send, a retry and the browser's copy of a message on
 * its way all build through here, so the inbox shows what WhatsApp is sent. Browser-safe.
 */
import { z } from "@/lib/zod";

import { decodeMessage, encodeMessage, message, type MessageKey, type Translatable } from "@/lib/i18n/translatable";

import { characterCount } from "./formatting";
import {
  type ContactCard,
  type MediaMessageKind,
  type MediaRef,
  type OutboundMessage,
  MESSAGE_LIMITS,
  contactCardSchema,
  isPublicHttpsLink,
  markAsReadSchema,
  normalizeRecipient,
  outboundMessageSchema,
} from "./messages";
import { renderTemplate, templateSendComponents, type RenderedTemplate, type TemplateDefinition, type TemplateValues } from "./template-fill";
import type { TemplateSendComponent } from "./template-send";

/**
 * Who receives it and, optionally, the wamid of the message it answers (shown as a quoted reply).
 * Without `to` a message is not addressed: enough for what the inbox stores and shows, not to send.
 */
export interface MessageEnvelope {
  to?: string;
  replyTo?: string;
}

type GraphMessage = z.input<typeof outboundMessageSchema>;
type Addressing = "messaging_product" | "recipient_type" | "to";
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A Graph message as the builders make it: addressed when they were given a recipient. */
export type BuiltMessage = DistributiveOmit<GraphMessage, Addressing> & Partial<Pick<GraphMessage, Addressing>>;

function envelope({ to, replyTo }: MessageEnvelope) {
  return {
    ...(to === undefined ? {} : { messaging_product: "whatsapp" as const, recipient_type: "individual" as const, to: normalizeRecipient(to) }),
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
export function buildReactionMessage(input: MessageEnvelope & { messageId: string; emoji: string }): BuiltMessage {
  return { ...envelope({ to: input.to }), type: "reaction", reaction: { message_id: input.messageId, emoji: input.emoji } };
}

// ---------------------------------------------------------------------------------------------
// The composer's words: what a person writes in the inbox, and the one way it becomes a message.
// ---------------------------------------------------------------------------------------------

/**
 * A problem in the composer's words, carried as zod's message (encoded, lib/i18n/translatable.ts):
 * the dialog and the action's answer put it into the reader's language.
 */
const problem = (key: MessageKey, values?: Record<string, string | number>) => encodeMessage(message(key, values));

/** The composer's fields, as its problems name them (`conversation.problems.*`). */
type RequiredField = "body" | "buttonTitle" | "rowTitle" | "listButton" | "buttonLabel";
type LimitedField = RequiredField | "caption" | "fileName" | "placeName" | "address" | "header" | "footer" | "rowDescription" | "sectionTitle";

const tooLong = (field: LimitedField, maximum: number) => problem("conversation.problems.tooLong", { field, maximum });

const limited = (max: number, field: RequiredField) =>
  z
    .string()
    .refine((value) => value.trim().length > 0, problem("conversation.problems.required", { field }))
    .refine((value) => characterCount(value) <= max, tooLong(field, max));

const optionalLimited = (max: number, field: LimitedField) =>
  z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value : undefined))
    .refine((value) => value === undefined || characterCount(value) <= max, tooLong(field, max));

/** A public https:// web address: what a link button opens (Meta allows http too; we ask for https). */
const httpsLinkSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === "") ctx.addIssue({ code: "custom", message: problem("conversation.problems.required", { field: "link" }) });
    else if (!/^https:\/\//i.test(value)) ctx.addIssue({ code: "custom", message: problem("conversation.problems.linkNotHttps") });
    else if (!isPublicHttpsLink(value)) ctx.addIssue({ code: "custom", message: problem("conversation.problems.linkInvalid") });
  });

const textBodySchema = limited(MESSAGE_LIMITS.textBody, "body");

const replyButtonsSchema = z
  .array(
    z.object({
      id: z.string().min(1).max(MESSAGE_LIMITS.buttonId),
      title: limited(MESSAGE_LIMITS.buttonTitle, "buttonTitle"),
    }),
  )
  .min(1, problem("conversation.problems.noButtons"))
  .max(MESSAGE_LIMITS.buttonsMax, problem("conversation.problems.tooManyButtons", { maximum: MESSAGE_LIMITS.buttonsMax }))
  .refine((buttons) => new Set(buttons.map((button) => button.title.trim())).size === buttons.length, problem("conversation.problems.buttonTitlesRepeat"));

const listRowsSchema = z
  .array(
    z.object({
      id: z.string().min(1).max(MESSAGE_LIMITS.listRowId),
      title: limited(MESSAGE_LIMITS.listRowTitle, "rowTitle"),
      description: optionalLimited(MESSAGE_LIMITS.listRowDescription, "rowDescription"),
    }),
  )
  .min(1, problem("conversation.problems.noRows"))
  .max(MESSAGE_LIMITS.listRowsTotal, problem("conversation.problems.tooManyRows", { maximum: MESSAGE_LIMITS.listRowsTotal }));

const latitudeRange = problem("conversation.problems.latitudeRange", { minimum: -90, maximum: 90 });
const longitudeRange = problem("conversation.problems.longitudeRange", { minimum: -180, maximum: 180 });

/** What the composer can send, in the composer's words, checked field by field as its forms show it. */
export const composedMessageSchema = z.discriminatedUnion("kind", [
  // previewUrl: the caller's choice of a link preview; without it, a message with a link shows one.
  z.object({ kind: z.literal("text"), body: textBodySchema, previewUrl: z.boolean().optional() }),
  z.object({
    kind: z.literal("media"),
    mediaKind: z.enum(["image", "video", "audio", "document", "sticker"]),
    mediaId: z.string().regex(/^[\w.-]{1,128}$/, problem("conversation.problems.mediaId")),
    caption: optionalLimited(MESSAGE_LIMITS.caption, "caption"),
    filename: optionalLimited(240, "fileName"),
  }),
  z.object({
    kind: z.literal("location"),
    latitude: z.number(problem("conversation.problems.latitudeNotNumber")).min(-90, latitudeRange).max(90, latitudeRange),
    longitude: z.number(problem("conversation.problems.longitudeNotNumber")).min(-180, longitudeRange).max(180, longitudeRange),
    name: optionalLimited(1000, "placeName"),
    address: optionalLimited(1000, "address"),
  }),
  z.object({ kind: z.literal("contacts"), contacts: z.array(contactCardSchema).min(1, problem("conversation.problems.noContacts")).max(20) }),
  z.object({
    kind: z.literal("buttons"),
    body: limited(MESSAGE_LIMITS.interactiveBody, "body"),
    header: optionalLimited(MESSAGE_LIMITS.interactiveHeaderText, "header"),
    footer: optionalLimited(MESSAGE_LIMITS.interactiveFooter, "footer"),
    buttons: replyButtonsSchema,
  }),
  z.object({
    kind: z.literal("list"),
    body: limited(MESSAGE_LIMITS.interactiveBody, "body"),
    header: optionalLimited(MESSAGE_LIMITS.interactiveHeaderText, "header"),
    footer: optionalLimited(MESSAGE_LIMITS.interactiveFooter, "footer"),
    buttonText: limited(MESSAGE_LIMITS.listButton, "listButton"),
    sectionTitle: optionalLimited(MESSAGE_LIMITS.listSectionTitle, "sectionTitle"),
    rows: listRowsSchema,
  }),
  z.object({
    kind: z.literal("link_button"),
    body: limited(MESSAGE_LIMITS.interactiveBody, "body"),
    header: optionalLimited(MESSAGE_LIMITS.interactiveHeaderText, "header"),
    footer: optionalLimited(MESSAGE_LIMITS.interactiveFooter, "footer"),
    buttonLabel: limited(MESSAGE_LIMITS.ctaDisplayText, "buttonLabel"),
    url: httpsLinkSchema,
  }),
  z.object({ kind: z.literal("location_request"), body: limited(MESSAGE_LIMITS.interactiveBody, "body") }),
]);
export type ComposedMessage = z.input<typeof composedMessageSchema>;

/** An optional field as the forms leave it: blank is left out, anything else kept as written. */
const given = (value: string | undefined) => (value?.trim() ? value : undefined);
const textHeader = (value: string | undefined) => (given(value) ? { type: "text" as const, text: value! } : undefined);

/**
 * The one builder from the composer's words to WhatsApp's message: the send, and the copy the browser
 * shows while it is on its way. Takes the words as typed or as checked (blank optional parts are left
 * out, labels trimmed), so both give the same message.
 */
export function composeMessage(message: ComposedMessage, addressing: MessageEnvelope = {}): BuiltMessage {
  switch (message.kind) {
    case "text":
      return buildTextMessage({ ...addressing, body: message.body, previewUrl: message.previewUrl ?? /https?:\/\//.test(message.body) });
    case "media":
      return buildMediaMessage({
        ...addressing,
        kind: message.mediaKind,
        media: { id: message.mediaId },
        caption: given(message.caption),
        filename: given(message.filename),
      });
    case "location":
      return buildLocationMessage({ ...addressing, latitude: message.latitude, longitude: message.longitude, name: given(message.name), address: given(message.address) });
    case "contacts":
      return buildContactsMessage({ ...addressing, contacts: message.contacts });
    case "buttons":
      return buildReplyButtonsMessage({
        ...addressing,
        body: message.body,
        buttons: message.buttons.map((button) => ({ id: button.id, title: button.title.trim() })),
        header: textHeader(message.header),
        footer: given(message.footer),
      });
    case "list":
      return buildListMessage({
        ...addressing,
        body: message.body,
        buttonText: message.buttonText,
        header: given(message.header),
        footer: given(message.footer),
        sections: [
          {
            ...(given(message.sectionTitle) ? { title: message.sectionTitle } : {}),
            rows: message.rows.map((row) => ({ id: row.id, title: row.title, ...(given(row.description) ? { description: row.description } : {}) })),
          },
        ],
      });
    case "link_button":
      return buildCtaUrlMessage({
        ...addressing,
        body: message.body,
        displayText: message.buttonLabel.trim(),
        url: message.url.trim(),
        header: textHeader(message.header),
        footer: given(message.footer),
      });
    case "location_request":
      return buildLocationRequestMessage({ ...addressing, body: message.body });
  }
}

/** An approved template filled in: the message, and its text as the customer reads it (kept for the inbox). */
export function composeTemplateMessage(
  template: TemplateDefinition,
  values: TemplateValues,
  addressing: MessageEnvelope = {},
): { message: BuiltMessage; rendered: RenderedTemplate } {
  const message = buildTemplateMessage({
    ...addressing,
    name: template.name,
    languageCode: template.language,
    components: templateSendComponents(template, values),
  });
  return { message, rendered: renderTemplate(template, values) };
}

/**
 * What the inbox stores of a message it sends: the type's object as WhatsApp shapes it (and the
 * quoted message's context), like an inbound message's content; `extra` adds what only the inbox keeps.
 */
export function storedContent(message: BuiltMessage | OutboundMessage, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const object = (message as Record<string, unknown>)[message.type];
  return { [message.type]: object, ...(message.context ? { context: message.context } : {}), ...extra };
}

/** A stored outbound message as WhatsApp's message again, for a retry (check it before sending). */
export function storedMessageAgain(
  stored: { type: string; content: Record<string, unknown>; replyToWamid: string | null },
  addressing: Required<Pick<MessageEnvelope, "to">>,
): unknown {
  return { ...envelope({ to: addressing.to, replyTo: stored.replyToWamid ?? undefined }), type: stored.type, [stored.type]: stored.content[stored.type] };
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

/**
 * A field's problem, as a person is told it: a catalog message (put into the reader's words where it
 * is shown, `translateMessage`), or words from a check that has none in the catalogs.
 */
export interface FieldProblem {
  /** Dotted path of the field, e.g. "interactive.action.buttons.0.reply.title". */
  field: string;
  message: Translatable | string;
}

export type MessageValidation = { ok: true; message: OutboundMessage } | { ok: false; problems: FieldProblem[] };

/** zod's issues as problems: a message a schema carries encoded (lib/i18n/validation.ts, the schemas here) becomes a Translatable again. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join("."), message: decodeMessage(issue.message) ?? issue.message }));
}

/** Checks a message against WhatsApp's limits before it is sent; the problems are put into words where they are shown. */
export function validateOutboundMessage(candidate: unknown): MessageValidation {
  const result = outboundMessageSchema.safeParse(candidate);
  return result.success ? { ok: true, message: result.data } : { ok: false, problems: issuesToProblems(result.error.issues) };
}
