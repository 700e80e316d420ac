/** Inputs of the inbox actions, shared by the composer's forms and the server. Browser-safe. */
import { z } from "@/lib/zod";

import { encodeMessage, message } from "@/lib/i18n/translatable";
import { invalid } from "@/lib/i18n/validation";
import { composedMessageSchema } from "@/lib/whatsapp/message-builders";

// The composer's words are WhatsApp's domain (lib/whatsapp builds the message from them); the forms read them here.
export { composedMessageSchema, type ComposedMessage } from "@/lib/whatsapp/message-builders";

/** An id the browser sends; its problem names the field ("conversationId is not valid"). */
const id = (field: string) => z.uuid({ error: () => encodeMessage(message("conversation.inputs.invalidId", { field })) });

/** Generated once per message in the browser: a resubmission with the same key never sends twice. */
export const clientKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, invalid("conversation.inputs.clientKey"));

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
  templateName: z.string().min(1, invalid("conversation.inputs.chooseTemplate")).max(512),
  languageCode: z.string().min(2, invalid("conversation.inputs.chooseLanguage")).max(20),
  values: templateValuesSchema,
});
export type SendTemplateInput = z.input<typeof sendTemplateInputSchema>;

export const reactInputSchema = z.object({
  conversationId: id("conversationId"),
  clientKey: clientKeySchema,
  messageId: id("messageId"),
  /** Empty removes the reaction. */
  emoji: z.string().max(16, invalid("conversation.inputs.emoji")),
});

export const retryInputSchema = z.object({ messageId: id("messageId") });
export const conversationInputSchema = z.object({ conversationId: id("conversationId") });
export const assignInputSchema = z.object({ conversationId: id("conversationId"), assigneeId: id("assigneeId").nullable() });
export const statusInputSchema = z.object({ conversationId: id("conversationId"), status: z.enum(["open", "resolved"]) });


/** A private note: its text, the teammates it mentions, and the browser's key for it (stored once). */
export const addNoteInputSchema = z.object({
  conversationId: id("conversationId"),
  clientKey: clientKeySchema,
  body: z.string().trim().min(1, invalid("notes.errors.empty")).max(4096, invalid("notes.errors.tooLong")),
  mentionIds: z.array(id("mentionIds")).max(20, invalid("notes.errors.tooManyMentions")).default([]),
});
export type AddNoteInput = z.input<typeof addNoteInputSchema>;
