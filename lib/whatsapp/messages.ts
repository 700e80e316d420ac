/**
 * Outbound message payloads for `POST /{phone_number_id}/messages`, with WhatsApp's limits, so the
 * composer can validate before sending and the gateway client validates again. Browser-safe.
 */
import { z } from "zod";

import { characterCount } from "./formatting";
import { MESSAGE_LIMITS } from "./message-limits";
import { templateSendComponentSchema } from "./template-send";

export { MESSAGE_LIMITS };

/** Digits only, international format without "+" (what Graph expects in `to`). */
/** A business-scoped user id (2026), e.g. `US.13491208655302741918` or `US.ENT.11815799212886844830`. */
export const USER_ID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9.]{1,128}$/;

export const recipientSchema = z
  .string()
  .refine(
    (value) => /^\d{6,15}$/.test(value) || USER_ID_PATTERN.test(value),
    "must be the customer's number in international format, digits only (no +), or their WhatsApp user id",
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

const wamidSchema = z.string().min(1, "message id is required");
const httpsLinkSchema = z.url({ protocol: /^https$/, message: "must be a public https:// link" });

export const mediaRefSchema = z
  .object({ id: z.string().min(1).optional(), link: httpsLinkSchema.optional() })
  .refine((ref) => (ref.id === undefined) !== (ref.link === undefined), {
    message: "give either a media id or a link, not both",
  });
export type MediaRef = z.infer<typeof mediaRefSchema>;

const caption = z.string().min(1).refine((value) => characterCount(value) <= MESSAGE_LIMITS.caption, `caption must be at most ${MESSAGE_LIMITS.caption} characters`);

export const textObjectSchema = z.object({
  body: z
    .string()
    .min(1, "message text is required")
    .refine((value) => characterCount(value) <= MESSAGE_LIMITS.textBody, `message text must be at most ${MESSAGE_LIMITS.textBody} characters`),
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
    formatted_name: z.string().min(1, "the contact's full name is required"),
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
  birthday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "birthday must be YYYY-MM-DD").optional(),
});
export type ContactCard = z.infer<typeof contactCardSchema>;
export const contactsArraySchema = z.array(contactCardSchema).min(1, "share at least one contact");

const interactiveText = (max: number, what: string) =>
  z.object({
    text: z
      .string()
      .min(1, `${what} is required`)
      .refine((value) => characterCount(value) <= max, `${what} must be at most ${max} characters`),
  });

export const interactiveHeaderSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    text: z.string().min(1).refine((value) => characterCount(value) <= MESSAGE_LIMITS.interactiveHeaderText, `header must be at most ${MESSAGE_LIMITS.interactiveHeaderText} characters`),
  }),
  z.object({ type: z.literal("image"), image: mediaRefSchema }),
  z.object({ type: z.literal("video"), video: mediaRefSchema }),
  z.object({ type: z.literal("document"), document: mediaRefSchema }),
]);

const replyButtonSchema = z.object({
  type: z.literal("reply"),
  reply: z.object({
    id: z.string().min(1).refine((value) => characterCount(value) <= MESSAGE_LIMITS.buttonId, `button id must be at most ${MESSAGE_LIMITS.buttonId} characters`),
    title: z.string().min(1, "button title is required").refine((value) => characterCount(value) <= MESSAGE_LIMITS.buttonTitle, `button title must be at most ${MESSAGE_LIMITS.buttonTitle} characters`),
  }),
});

function duplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

export const buttonInteractiveSchema = z.object({
  type: z.literal("button"),
  header: interactiveHeaderSchema.optional(),
  body: interactiveText(MESSAGE_LIMITS.interactiveBody, "message text"),
  footer: interactiveText(MESSAGE_LIMITS.interactiveFooter, "footer").optional(),
  action: z.object({
    buttons: z
      .array(replyButtonSchema)
      .min(MESSAGE_LIMITS.buttonsMin, "add at least one button")
      .max(MESSAGE_LIMITS.buttonsMax, `at most ${MESSAGE_LIMITS.buttonsMax} buttons`)
      .superRefine((buttons, ctx) => {
        if (duplicates(buttons.map((b) => b.reply.id)).length > 0) ctx.addIssue({ code: "custom", message: "button ids must be unique" });
        if (duplicates(buttons.map((b) => b.reply.title)).length > 0) ctx.addIssue({ code: "custom", message: "button titles must be unique" });
      }),
  }),
});

const listRowSchema = z.object({
  id: z.string().min(1).refine((value) => characterCount(value) <= MESSAGE_LIMITS.listRowId, `row id must be at most ${MESSAGE_LIMITS.listRowId} characters`),
  title: z.string().min(1, "row title is required").refine((value) => characterCount(value) <= MESSAGE_LIMITS.listRowTitle, `row title must be at most ${MESSAGE_LIMITS.listRowTitle} characters`),
  description: z.string().refine((value) => characterCount(value) <= MESSAGE_LIMITS.listRowDescription, `row description must be at most ${MESSAGE_LIMITS.listRowDescription} characters`).optional(),
});

const listSectionSchema = z.object({
  title: z.string().min(1).refine((value) => characterCount(value) <= MESSAGE_LIMITS.listSectionTitle, `section title must be at most ${MESSAGE_LIMITS.listSectionTitle} characters`).optional(),
  rows: z.array(listRowSchema).min(1, "each section needs at least one row"),
});

export const listInteractiveSchema = z.object({
  type: z.literal("list"),
  header: z
    .object({ type: z.literal("text"), text: z.string().min(1).refine((value) => characterCount(value) <= MESSAGE_LIMITS.interactiveHeaderText, `at most ${MESSAGE_LIMITS.interactiveHeaderText} characters`) })
    .optional(),
  body: interactiveText(MESSAGE_LIMITS.interactiveBody, "message text"),
  footer: interactiveText(MESSAGE_LIMITS.interactiveFooter, "footer").optional(),
  action: z.object({
    button: z.string().min(1, "list button text is required").refine((value) => characterCount(value) <= MESSAGE_LIMITS.listButton, `list button text must be at most ${MESSAGE_LIMITS.listButton} characters`),
    sections: z
      .array(listSectionSchema)
      .min(1, "add at least one section")
      .max(MESSAGE_LIMITS.listSections, `at most ${MESSAGE_LIMITS.listSections} sections`)
      .superRefine((sections, ctx) => {
        const rows = sections.flatMap((section) => section.rows);
        if (rows.length > MESSAGE_LIMITS.listRowsTotal) {
          ctx.addIssue({ code: "custom", message: `at most ${MESSAGE_LIMITS.listRowsTotal} rows in all sections together` });
        }
        if (duplicates(rows.map((row) => row.id)).length > 0) ctx.addIssue({ code: "custom", message: "row ids must be unique" });
        if (sections.length > 1 && sections.some((section) => section.title === undefined)) {
          ctx.addIssue({ code: "custom", message: "every section needs a title when there is more than one" });
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
const ctaLinkSchema = z.string().refine(isPublicHttpsLink, "link must be a public https:// address");

/** A message with one button that opens a web page (`cta_url`). */
export const ctaUrlInteractiveSchema = z.object({
  type: z.literal("cta_url"),
  header: interactiveHeaderSchema.optional(),
  body: interactiveText(MESSAGE_LIMITS.interactiveBody, "message text"),
  footer: interactiveText(MESSAGE_LIMITS.interactiveFooter, "footer").optional(),
  action: z.object({
    name: z.literal("cta_url"),
    parameters: z.object({
      display_text: z
        .string()
        .min(1, "button label is required")
        .refine((value) => characterCount(value) <= MESSAGE_LIMITS.ctaDisplayText, `button label must be at most ${MESSAGE_LIMITS.ctaDisplayText} characters`),
      url: ctaLinkSchema,
    }),
  }),
});

/** A message with a "Send location" button: the customer's answer is a `location` message quoting it. */
export const locationRequestInteractiveSchema = z.object({
  type: z.literal("location_request_message"),
  body: interactiveText(MESSAGE_LIMITS.interactiveBody, "message text"),
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
  name: z.string().min(1, "template name is required"),
  language: z.object({ code: z.string().min(2, "template language is required") }),
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
