/**
 * Outbound message payloads for `POST /{phone_number_id}/messages`, with WhatsApp's limits, so the
 * composer can validate before sending and the gateway client validates again. Browser-safe.
 */
import { z } from "@/lib/zod";

import { encodeMessage, message, type MessageKey } from "@/lib/i18n/translatable";

import { characterCount } from "./formatting";
import { MESSAGE_LIMITS } from "./message-limits";
import { templateSendComponentSchema } from "./template-send";

export { MESSAGE_LIMITS };

/**
 * A problem with a payload, carried as zod's message (encoded, lib/i18n/translatable.ts): put into
 * the reader's words where it is shown (the inbox's refusal names the field before it).
 */
const problem = (key: MessageKey, values?: Record<string, string | number>) => encodeMessage(message(key, values));
const required = (field: string) => problem("conversation.payload.required", { field });
const tooLong = (field: string, maximum: number) => problem("conversation.payload.tooLong", { field, maximum });
/** At most `maximum` characters as WhatsApp counts them (an emoji once). */
const atMost = (maximum: number, field: string) => (schema: z.ZodString) => schema.refine((value) => characterCount(value) <= maximum, tooLong(field, maximum));

/** Digits only, international format without "+" (what Graph expects in `to`). */
/** A business-scoped user id (2026), e.g. `US.13491208655302741918` or `US.ENT.11815799212886844830`. */
export const USER_ID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9.]{1,128}$/;

export const recipientSchema = z
  .string()
  .refine(
    (value) => /^\d{6,15}$/.test(value) || USER_ID_PATTERN.test(value),
    problem("conversation.payload.recipient"),
  );

/** "+1 (555) 010-0001" → "15550100001": what a person types, made into Graph's `to`; a user id stays as it is. */
export function normalizeRecipient(phone: string): string {
  if (USER_ID_PATTERN.test(phone.trim())) return phone.trim();
  return phone.replace(/[\s()+\-.]/g, "");
}

/** Whom a send addresses: the customer's number when WhatsApp shared it, else their user id. */
export function recipientOf(customer: { customerPhone: string | null; customerUserId: string | null; waId: string }): string {
  return customer.customerPhone ?? customer.customerUserId ?? customer.waId;
}

const wamidSchema = z.string().min(1, required("messageId"));
const httpsLinkSchema = z.url({ protocol: /^https$/, message: problem("conversation.payload.httpsLink") });

export const mediaRefSchema = z
  .object({ id: z.string().min(1).optional(), link: httpsLinkSchema.optional() })
  .refine((ref) => (ref.id === undefined) !== (ref.link === undefined), {
    message: problem("conversation.payload.mediaRef"),
  });
export type MediaRef = z.infer<typeof mediaRefSchema>;

const caption = atMost(MESSAGE_LIMITS.caption, "caption")(z.string().min(1));

export const textObjectSchema = z.object({
  body: atMost(MESSAGE_LIMITS.textBody, "text")(z.string().min(1, required("text"))),
  preview_url: z.boolean().optional(),
});

export const imageObjectSchema = mediaRefSchema.and(z.object({ caption: caption.optional() }));
export const videoObjectSchema = imageObjectSchema;
export const documentObjectSchema = mediaRefSchema.and(
  z.object({ caption: caption.optional(), filename: z.string().min(1).max(240).optional() }),
);
export const audioObjectSchema = mediaRefSchema;
export const stickerObjectSchema = mediaRefSchema;

export const locationObjectSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().min(1).max(1000).optional(),
  address: z.string().min(1).max(1000).optional(),
});

const typed = { type: z.string().min(1).optional() };
export const contactCardSchema = z.object({
  name: z.object({
    formatted_name: z.string().min(1, required("contactName")),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    suffix: z.string().optional(),
    prefix: z.string().optional(),
  }),
  phones: z.array(z.object({ phone: z.string().min(1), wa_id: z.string().optional(), ...typed })).optional(),
  emails: z.array(z.object({ email: z.email(), ...typed })).optional(),
  urls: z.array(z.object({ url: z.string().min(1), ...typed })).optional(),
  org: z.object({ company: z.string().optional(), department: z.string().optional(), title: z.string().optional() }).optional(),
  addresses: z
    .array(
      z.object({
        street: z.string().optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        zip: z.string().optional(),
        country: z.string().optional(),
        country_code: z.string().optional(),
        ...typed,
      }),
    )
    .optional(),
  birthday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, problem("conversation.payload.birthday")).optional(),
});
export type ContactCard = z.infer<typeof contactCardSchema>;
export const contactsArraySchema = z.array(contactCardSchema).min(1, problem("conversation.payload.noContacts"));

const interactiveText = (max: number, field: "text" | "footer") => z.object({ text: atMost(max, field)(z.string().min(1, required(field))) });

export const interactiveHeaderSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    text: atMost(MESSAGE_LIMITS.interactiveHeaderText, "header")(z.string().min(1)),
  }),
  z.object({ type: z.literal("image"), image: mediaRefSchema }),
  z.object({ type: z.literal("video"), video: mediaRefSchema }),
  z.object({ type: z.literal("document"), document: mediaRefSchema }),
]);

const replyButtonSchema = z.object({
  type: z.literal("reply"),
  reply: z.object({
    id: atMost(MESSAGE_LIMITS.buttonId, "buttonId")(z.string().min(1)),
    title: atMost(MESSAGE_LIMITS.buttonTitle, "buttonTitle")(z.string().min(1, required("buttonTitle"))),
  }),
});

function duplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

export const buttonInteractiveSchema = z.object({
  type: z.literal("button"),
  header: interactiveHeaderSchema.optional(),
  body: interactiveText(MESSAGE_LIMITS.interactiveBody, "text"),
  footer: interactiveText(MESSAGE_LIMITS.interactiveFooter, "footer").optional(),
  action: z.object({
    buttons: z
      .array(replyButtonSchema)
      .min(MESSAGE_LIMITS.buttonsMin, problem("conversation.payload.noButtons"))
      .max(MESSAGE_LIMITS.buttonsMax, problem("conversation.payload.tooManyButtons", { maximum: MESSAGE_LIMITS.buttonsMax }))
      .superRefine((buttons, ctx) => {
        if (duplicates(buttons.map((b) => b.reply.id)).length > 0) ctx.addIssue({ code: "custom", message: problem("conversation.payload.buttonIdsRepeat") });
        if (duplicates(buttons.map((b) => b.reply.title)).length > 0) ctx.addIssue({ code: "custom", message: problem("conversation.payload.buttonTitlesRepeat") });
      }),
  }),
});

const listRowSchema = z.object({
  id: atMost(MESSAGE_LIMITS.listRowId, "rowId")(z.string().min(1)),
  title: atMost(MESSAGE_LIMITS.listRowTitle, "rowTitle")(z.string().min(1, required("rowTitle"))),
  description: atMost(MESSAGE_LIMITS.listRowDescription, "rowDescription")(z.string()).optional(),
});

const listSectionSchema = z.object({
  title: atMost(MESSAGE_LIMITS.listSectionTitle, "sectionTitle")(z.string().min(1)).optional(),
  rows: z.array(listRowSchema).min(1, problem("conversation.payload.sectionWithoutRows")),
});

export const listInteractiveSchema = z.object({
  type: z.literal("list"),
  header: z
    .object({ type: z.literal("text"), text: atMost(MESSAGE_LIMITS.interactiveHeaderText, "listHeader")(z.string().min(1)) })
    .optional(),
  body: interactiveText(MESSAGE_LIMITS.interactiveBody, "text"),
  footer: interactiveText(MESSAGE_LIMITS.interactiveFooter, "footer").optional(),
  action: z.object({
    button: atMost(MESSAGE_LIMITS.listButton, "listButton")(z.string().min(1, required("listButton"))),
    sections: z
      .array(listSectionSchema)
      .min(1, problem("conversation.payload.noSections"))
      .max(MESSAGE_LIMITS.listSections, problem("conversation.payload.tooManySections", { maximum: MESSAGE_LIMITS.listSections }))
      .superRefine((sections, ctx) => {
        const rows = sections.flatMap((section) => section.rows);
        if (rows.length > MESSAGE_LIMITS.listRowsTotal) {
          ctx.addIssue({ code: "custom", message: problem("conversation.payload.tooManyRows", { maximum: MESSAGE_LIMITS.listRowsTotal }) });
        }
        if (duplicates(rows.map((row) => row.id)).length > 0) ctx.addIssue({ code: "custom", message: problem("conversation.payload.rowIdsRepeat") });
        if (sections.length > 1 && sections.some((section) => section.title === undefined)) {
          ctx.addIssue({ code: "custom", message: problem("conversation.payload.sectionTitles") });
        }
      }),
  }),
});

const publicHttpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain });

/** An https:// address on a public host name (no IP, no localhost): what a link button may open. */
export function isPublicHttpsLink(value: string): boolean {
  return publicHttpsUrl.safeParse(value).success;
}

/** Meta allows http(s) for a link button; we ask for https, so the customer never opens a page in clear. */
const ctaLinkSchema = z.string().refine(isPublicHttpsLink, problem("conversation.payload.ctaLink"));

/** A message with one button that opens a web page (`cta_url`). */
export const ctaUrlInteractiveSchema = z.object({
  type: z.literal("cta_url"),
  header: interactiveHeaderSchema.optional(),
  body: interactiveText(MESSAGE_LIMITS.interactiveBody, "text"),
  footer: interactiveText(MESSAGE_LIMITS.interactiveFooter, "footer").optional(),
  action: z.object({
    name: z.literal("cta_url"),
    parameters: z.object({
      display_text: atMost(MESSAGE_LIMITS.ctaDisplayText, "buttonLabel")(z.string().min(1, required("buttonLabel"))),
      url: ctaLinkSchema,
    }),
  }),
});

/** A message with a "Send location" button: the customer's answer is a `location` message quoting it. */
export const locationRequestInteractiveSchema = z.object({
  type: z.literal("location_request_message"),
  body: interactiveText(MESSAGE_LIMITS.interactiveBody, "text"),
  action: z.object({ name: z.literal("send_location") }),
});

export const interactiveObjectSchema = z.discriminatedUnion("type", [
  buttonInteractiveSchema,
  listInteractiveSchema,
  ctaUrlInteractiveSchema,
  locationRequestInteractiveSchema,
]);

export const reactionObjectSchema = z.object({
  message_id: wamidSchema,
  emoji: z.string().max(16), // empty removes the reaction
});

export const templateObjectSchema = z.object({
  name: z.string().min(1, required("templateName")),
  language: z.object({ code: z.string().min(2, required("templateLanguage")) }),
  components: z.array(templateSendComponentSchema).optional(),
});

const envelope = {
  messaging_product: z.literal("whatsapp"),
  recipient_type: z.literal("individual").optional(),
  to: recipientSchema,
  context: z.object({ message_id: wamidSchema }).optional(),
};

export const outboundMessageSchema = z.discriminatedUnion("type", [
  z.object({ ...envelope, type: z.literal("text"), text: textObjectSchema }),
  z.object({ ...envelope, type: z.literal("template"), template: templateObjectSchema }),
  z.object({ ...envelope, type: z.literal("image"), image: imageObjectSchema }),
  z.object({ ...envelope, type: z.literal("video"), video: videoObjectSchema }),
  z.object({ ...envelope, type: z.literal("document"), document: documentObjectSchema }),
  z.object({ ...envelope, type: z.literal("audio"), audio: audioObjectSchema }),
  z.object({ ...envelope, type: z.literal("sticker"), sticker: stickerObjectSchema }),
  z.object({ ...envelope, type: z.literal("location"), location: locationObjectSchema }),
  z.object({ ...envelope, type: z.literal("contacts"), contacts: contactsArraySchema }),
  z.object({ ...envelope, type: z.literal("interactive"), interactive: interactiveObjectSchema }),
  z.object({ ...envelope, type: z.literal("reaction"), reaction: reactionObjectSchema }),
]);
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;
export type OutboundMessageType = OutboundMessage["type"];
export type MediaMessageKind = "image" | "video" | "document" | "audio" | "sticker";

export const markAsReadSchema = z.object({
  messaging_product: z.literal("whatsapp"),
  status: z.literal("read"),
  message_id: wamidSchema,
  /** Also shows "typing…" to the customer, for up to 25 seconds or until the reply. */
  typing_indicator: z.object({ type: z.literal("text") }).optional(),
});
export type MarkAsReadBody = z.infer<typeof markAsReadSchema>;

/** Answer to a send: `messages[0].id` is the wamid to store. */
export const sendMessageResponseSchema = z.looseObject({
  messaging_product: z.literal("whatsapp"),
  // A send to a user id is answered with `user_id` and no `wa_id`: only the wamid matters here.
  contacts: z
    .array(z.looseObject({ input: z.string().optional(), wa_id: z.string().optional(), user_id: z.string().optional() }))
    .optional()
    .catch(undefined),
  messages: z
    .array(z.looseObject({ id: z.string().min(1), message_status: z.string().optional() }))
    .min(1),
});
export type SendMessageResponse = z.infer<typeof sendMessageResponseSchema>;

export const successResponseSchema = z.looseObject({ success: z.boolean() });
export type SuccessResponse = z.infer<typeof successResponseSchema>;
