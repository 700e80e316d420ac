/**
 * Webhook payloads (contract section 6) as zod schemas. Loose everywhere: Meta adds fields and types,
 * and an unknown message type must be kept as unsupported, never dropped. Browser-safe.
 */
import { z } from "zod";

import { contactCardSchema } from "./messages";

export const webhookErrorSchema = z.looseObject({
  code: z.number(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});
export type WebhookError = z.infer<typeof webhookErrorSchema>;

const inboundMediaSchema = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  animated: z.boolean().optional(),
  voice: z.boolean().optional(),
});

export const inboundMessageSchema = z.looseObject({
  from: z.string(),
  id: z.string(),
  /** Unix seconds, as a string. */
  timestamp: z.string(),
  type: z.string(),
  context: z
    .looseObject({
      from: z.string().optional(),
      id: z.string().optional(),
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
      referred_product: z.looseObject({ catalog_id: z.string(), product_retailer_id: z.string() }).optional(),
    })
    .optional(),
  /** Present when the customer came from a click-to-WhatsApp ad: a 72-hour free entry point. */
  referral: z.looseObject({ source_url: z.string().optional(), source_type: z.string().optional(), source_id: z.string().optional(), headline: z.string().optional() }).optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: inboundMediaSchema.optional(),
  video: inboundMediaSchema.optional(),
  audio: inboundMediaSchema.optional(),
  document: inboundMediaSchema.optional(),
  sticker: inboundMediaSchema.optional(),
  location: z
    .looseObject({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional(), url: z.string().optional() })
    .optional(),
  contacts: z.array(contactCardSchema.loose()).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }).optional(),
    })
    .optional(),
  button: z.looseObject({ payload: z.string().optional(), text: z.string() }).optional(),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  order: z.looseObject({ catalog_id: z.string(), product_items: z.array(z.looseObject({})), text: z.string().optional() }).optional(),
  system: z.looseObject({ body: z.string().optional(), type: z.string().optional(), wa_id: z.string().optional() }).optional(),
  errors: z.array(webhookErrorSchema).optional(),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export const messageStatusSchema = z.looseObject({
  id: z.string(),
  status: z.string(), // sent | delivered | read | failed (and others Meta may add)
  timestamp: z.string(),
  recipient_id: z.string(),
  conversation: z
    .looseObject({
      id: z.string(),
      expiration_timestamp: z.string().optional(),
      origin: z.looseObject({ type: z.string() }).optional(),
    })
    .optional(),
  pricing: z.looseObject({ billable: z.boolean().optional(), pricing_model: z.string().optional(), category: z.string().optional() }).optional(),
  errors: z.array(webhookErrorSchema).optional(),
});
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const messagesChangeValueSchema = z.looseObject({
  messaging_product: z.literal("whatsapp"),
  metadata: z.looseObject({ display_phone_number: z.string(), phone_number_id: z.string() }),
  contacts: z.array(z.looseObject({ profile: z.looseObject({ name: z.string().optional() }).optional(), wa_id: z.string() })).optional(),
  messages: z.array(inboundMessageSchema).optional(),
  statuses: z.array(messageStatusSchema).optional(),
  errors: z.array(webhookErrorSchema).optional(),
});
export type MessagesChangeValue = z.infer<typeof messagesChangeValueSchema>;

export const templateStatusUpdateSchema = z.looseObject({
  event: z.string(),
  message_template_id: z.union([z.number(), z.string()]).transform(String),
  message_template_name: z.string(),
  message_template_language: z.string(),
  reason: z.string().nullable().optional(),
});
export type TemplateStatusUpdate = z.infer<typeof templateStatusUpdateSchema>;

export const phoneNumberQualityUpdateSchema = z.looseObject({
  display_phone_number: z.string(),
  event: z.string(),
  current_limit: z.string().optional(),
});

/** One change; `value` stays unknown for fields the product does not act on (they are stored raw). */
export const webhookChangeSchema = z.looseObject({ field: z.string(), value: z.unknown() });

export const webhookPayloadSchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.looseObject({ id: z.string(), changes: z.array(webhookChangeSchema) })),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

export type ParsedChange =
  | { field: "messages"; wabaId: string; value: MessagesChangeValue }
  | { field: "message_template_status_update"; wabaId: string; value: TemplateStatusUpdate }
  | { field: "phone_number_quality_update"; wabaId: string; value: z.infer<typeof phoneNumberQualityUpdateSchema> }
  | { field: "other"; wabaId: string; name: string; value: unknown }
  | { field: "invalid"; wabaId: string; name: string; value: unknown; problem: string };

const changeSchemas = {
  messages: messagesChangeValueSchema,
  message_template_status_update: templateStatusUpdateSchema,
  phone_number_quality_update: phoneNumberQualityUpdateSchema,
} as const;

/** Every change of a delivery, typed when the product knows its field; nothing is dropped. */
export function parseWebhookChanges(payload: WebhookPayload): ParsedChange[] {
  return payload.entry.flatMap((entry) =>
    entry.changes.map((change): ParsedChange => {
      const schema = changeSchemas[change.field as keyof typeof changeSchemas];
      if (!schema) return { field: "other", wabaId: entry.id, name: change.field, value: change.value };
      const result = schema.safeParse(change.value);
      if (!result.success) {
        return { field: "invalid", wabaId: entry.id, name: change.field, value: change.value, problem: result.error.issues[0]?.message ?? "invalid" };
      }
      return { field: change.field, wabaId: entry.id, value: result.data } as ParsedChange;
    }),
  );
}
