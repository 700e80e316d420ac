/** Inputs of the inbox actions, shared by the composer's forms and the server. Browser-safe. */
import { z } from "zod";

import { characterCount } from "@/lib/whatsapp/formatting";
import { MESSAGE_LIMITS, contactCardSchema, isPublicHttpsLink } from "@/lib/whatsapp/messages";

const id = (what: string) => z.uuid(`${what} is not valid`);

/** Generated once per message in the browser: a resubmission with the same key never sends twice. */
export const clientKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "clientKey must be 8–100 letters, digits, - or _");

const limited = (max: number, what: string, { required = true } = {}) =>
  z
    .string()
    .refine((value) => !required || value.trim().length > 0, `${what} is required`)
    .refine((value) => characterCount(value) <= max, `${what} must be at most ${max} characters`);

const optionalLimited = (max: number, what: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value : undefined))
    .refine((value) => value === undefined || characterCount(value) <= max, `${what} must be at most ${max} characters`);

/** A public https:// web address: what a link button opens (Meta allows http too; we ask for https). */
const httpsLinkSchema = (what: string) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value === "") ctx.addIssue({ code: "custom", message: `${what} is required` });
      else if (!/^https:\/\//i.test(value)) ctx.addIssue({ code: "custom", message: `${what} must start with https://` });
      else if (!isPublicHttpsLink(value)) ctx.addIssue({ code: "custom", message: `${what} is not a valid web address` });
    });

export const textBodySchema = limited(MESSAGE_LIMITS.textBody, "Message text");

export const replyButtonsSchema = z
  .array(
    z.object({
      id: z.string().min(1).max(MESSAGE_LIMITS.buttonId),
      title: limited(MESSAGE_LIMITS.buttonTitle, "Button title"),
    }),
  )
  .min(1, "Add at least one button")
  .max(MESSAGE_LIMITS.buttonsMax, `At most ${MESSAGE_LIMITS.buttonsMax} buttons`)
  .refine((buttons) => new Set(buttons.map((button) => button.title.trim())).size === buttons.length, "Button titles must be different");

export const listRowsSchema = z
  .array(
    z.object({
      id: z.string().min(1).max(MESSAGE_LIMITS.listRowId),
      title: limited(MESSAGE_LIMITS.listRowTitle, "Row title"),
      description: optionalLimited(MESSAGE_LIMITS.listRowDescription, "Row description"),
    }),
  )
  .min(1, "Add at least one row")
  .max(MESSAGE_LIMITS.listRowsTotal, `At most ${MESSAGE_LIMITS.listRowsTotal} rows`);

/** What the composer can send, in the composer's words; the server builds the Graph payload. */
export const composedMessageSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), body: textBodySchema }),
  z.object({
    kind: z.literal("media"),
    mediaKind: z.enum(["image", "video", "audio", "document", "sticker"]),
    mediaId: z.string().regex(/^[\w.-]{1,128}$/, "mediaId is not a WhatsApp media id"),
    caption: optionalLimited(MESSAGE_LIMITS.caption, "Caption"),
    filename: optionalLimited(240, "File name"),
  }),
  z.object({
    kind: z.literal("location"),
    latitude: z.number("Latitude must be a number").min(-90, "Latitude must be between -90 and 90").max(90, "Latitude must be between -90 and 90"),
    longitude: z
      .number("Longitude must be a number")
      .min(-180, "Longitude must be between -180 and 180")
      .max(180, "Longitude must be between -180 and 180"),
    name: optionalLimited(1000, "Place name"),
    address: optionalLimited(1000, "Address"),
  }),
  z.object({ kind: z.literal("contacts"), contacts: z.array(contactCardSchema).min(1, "Share at least one contact").max(20) }),
  z.object({
    kind: z.literal("buttons"),
    body: limited(MESSAGE_LIMITS.interactiveBody, "Message text"),
    header: optionalLimited(MESSAGE_LIMITS.interactiveHeaderText, "Header"),
    footer: optionalLimited(MESSAGE_LIMITS.interactiveFooter, "Footer"),
    buttons: replyButtonsSchema,
  }),
  z.object({
    kind: z.literal("list"),
    body: limited(MESSAGE_LIMITS.interactiveBody, "Message text"),
    header: optionalLimited(MESSAGE_LIMITS.interactiveHeaderText, "Header"),
    footer: optionalLimited(MESSAGE_LIMITS.interactiveFooter, "Footer"),
    buttonText: limited(MESSAGE_LIMITS.listButton, "List button text"),
    sectionTitle: optionalLimited(MESSAGE_LIMITS.listSectionTitle, "Section title"),
    rows: listRowsSchema,
  }),
  z.object({
    kind: z.literal("link_button"),
    body: limited(MESSAGE_LIMITS.interactiveBody, "Message text"),
    header: optionalLimited(MESSAGE_LIMITS.interactiveHeaderText, "Header"),
    footer: optionalLimited(MESSAGE_LIMITS.interactiveFooter, "Footer"),
    buttonLabel: limited(MESSAGE_LIMITS.ctaDisplayText, "Button label"),
    url: httpsLinkSchema("Link"),
  }),
  z.object({ kind: z.literal("location_request"), body: limited(MESSAGE_LIMITS.interactiveBody, "Message text") }),
]);
export type ComposedMessage = z.input<typeof composedMessageSchema>;

export const sendMessageInputSchema = z.object({
  conversationId: id("conversationId"),
  clientKey: clientKeySchema,
  /** The message this one answers (shown quoted). */
  replyToMessageId: id("replyToMessageId").optional(),
  message: composedMessageSchema,
});
export type SendMessageInput = z.input<typeof sendMessageInputSchema>;

export const templateValuesSchema = z.object({
  header: z.array(z.string().max(1000)).max(1).default([]),
  body: z.array(z.string().max(1024)).max(100).default([]),
  headerMedia: z
    .object({ id: z.string().optional(), link: z.string().optional(), filename: z.string().optional() })
    .optional(),
  headerLocation: z
    .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), name: z.string().optional(), address: z.string().optional() })
    .optional(),
  buttons: z.record(z.string().regex(/^\d$/), z.string().max(2000)).default({}),
});

export const sendTemplateInputSchema = z.object({
  conversationId: id("conversationId"),
  clientKey: clientKeySchema,
  templateName: z.string().min(1, "Choose a template").max(512),
  languageCode: z.string().min(2, "Choose a language").max(20),
  values: templateValuesSchema,
});
export type SendTemplateInput = z.input<typeof sendTemplateInputSchema>;

export const reactInputSchema = z.object({
  conversationId: id("conversationId"),
  clientKey: clientKeySchema,
  messageId: id("messageId"),
  /** Empty removes the reaction. */
  emoji: z.string().max(16, "emoji must be a single emoji"),
});

export const retryInputSchema = z.object({ messageId: id("messageId") });
export const conversationInputSchema = z.object({ conversationId: id("conversationId") });
export const assignInputSchema = z.object({ conversationId: id("conversationId"), assigneeId: id("assigneeId").nullable() });
export const statusInputSchema = z.object({ conversationId: id("conversationId"), status: z.enum(["open", "resolved"]) });

