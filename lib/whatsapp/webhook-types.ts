/**
 * Webhook payloads (contract section 6) as read here: leniently, item by item. Real traffic is
 * looser than Meta's reference (timestamps as numbers, contact cards with any text, senders known
 * only by a user id), so each schema asks only for what the product needs to keep an item, and
 * each message type's object is checked on its own: a message whose object does not fit is kept
 * as unreadable with its raw JSON, never dropped. Browser-safe.
 */
import { z } from "@/lib/zod";

/** A string Meta sometimes sends as a number (ids, timestamps, codes): read as text. */
export const looseText = z.union([z.string(), z.number().finite()]).transform(String);

/** A JSON object with any fields; other values fail. */
export const jsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof jsonObject>;

/** A number Meta sometimes sends as a string (coordinates, error codes). */
const looseNumber = z.union([
  z.number().finite(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

export const webhookErrorSchema = z.looseObject({
  code: looseNumber.optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional().catch(undefined),
  href: z.string().optional(),
});
export type WebhookError = z.infer<typeof webhookErrorSchema>;

/** Errors as given, each read on its own; one that is not an object is kept as its text. */
export function readWebhookErrors(value: unknown): WebhookError[] | undefined {
  // One error object instead of a list is read as a list of one.
  const items = Array.isArray(value) ? value : value !== null && typeof value === "object" ? [value] : [];
  if (items.length === 0) return undefined;
  return items.map((item) => {
    const parsed = webhookErrorSchema.safeParse(item);
    return parsed.success ? parsed.data : { title: typeof item === "string" ? item : JSON.stringify(item) };
  });
}

/** What is needed to keep a message at all: its id. Everything else is read leniently. */
export const inboundItemSchema = z.looseObject({
  id: looseText.pipe(z.string().min(1)),
  type: z.string().min(1).optional().catch(undefined),
  from: looseText.optional().catch(undefined),
  from_user_id: z.string().min(1).optional().catch(undefined),
  timestamp: z.unknown().optional(),
});

const mediaObject = z.looseObject({ id: looseText });
const replyObject = z.looseObject({ id: looseText, title: z.string() });

/**
 * Each known type's object, with what the inbox needs to show it; the rest of the object is kept as
 * given (`looseObject`). Types not listed here are kept and shown as not supported yet.
 */
export const INBOUND_CONTENT_SCHEMAS: Record<string, z.ZodType> = {
  text: z.looseObject({ body: z.string() }),
  image: mediaObject,
  video: mediaObject,
  audio: mediaObject,
  document: mediaObject,
  sticker: mediaObject,
  location: z.looseObject({ latitude: looseNumber, longitude: looseNumber }),
  // Contact cards hold whatever the customer's address book holds: any objects, kept as given.
  contacts: z.array(jsonObject).min(1),
  interactive: z.union([
    z.looseObject({ type: z.literal("button_reply"), button_reply: replyObject }),
    z.looseObject({ type: z.literal("list_reply"), list_reply: replyObject }),
    z.looseObject({ type: z.literal("nfm_reply"), nfm_reply: jsonObject }),
    z.looseObject({ type: z.string() }),
  ]),
  button: z.looseObject({ text: z.string() }),
  reaction: z.looseObject({ message_id: looseText }),
  order: jsonObject,
  system: jsonObject,
  edit: z.looseObject({ original_message_id: looseText, message: jsonObject.optional() }),
  revoke: z.looseObject({ original_message_id: looseText }),
};

/** Types whose object may be missing: the type says everything. */
export const TYPES_WITHOUT_OBJECT = new Set(["unsupported", "unknown", "request_welcome"]);

export const webhookContactSchema = z.looseObject({
  wa_id: looseText.optional().catch(undefined),
  user_id: z.string().min(1).optional().catch(undefined),
  username: z.string().min(1).optional().catch(undefined),
  profile: z
    .looseObject({ name: z.string().optional().catch(undefined), username: z.string().min(1).optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

export const messageStatusSchema = z.looseObject({
  id: looseText.pipe(z.string().min(1)),
  status: z.string().min(1),
  timestamp: z.unknown().optional(),
  recipient_id: looseText.optional().catch(undefined),
  recipient_user_id: z.string().optional().catch(undefined),
  pricing: z
    .looseObject({
      billable: z.boolean().optional().catch(undefined),
      pricing_model: z.string().optional().catch(undefined),
      type: z.string().optional().catch(undefined),
      category: z.string().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  errors: z.unknown().optional(),
});

export const templateStatusUpdateSchema = z.looseObject({
  event: z.string().min(1),
  message_template_id: looseText,
  message_template_name: z.string().optional().catch(undefined),
  message_template_language: z.string().optional().catch(undefined),
  reason: z.string().nullable().optional().catch(undefined),
});

export const phoneNumberQualityUpdateSchema = z.looseObject({
  display_phone_number: looseText,
  event: z.string(),
  current_limit: z.string().optional().catch(undefined),
});

export const userPreferenceSchema = z.looseObject({
  wa_id: looseText.optional().catch(undefined),
  user_id: z.string().min(1).optional().catch(undefined),
  category: z.string().optional().catch(undefined),
  value: z.string(),
  timestamp: z.unknown().optional(),
});

/** The metadata every `messages`-like change needs: which business number it is about. */
export const changeMetadataSchema = z.looseObject({
  phone_number_id: looseText.pipe(z.string().min(1)),
  display_phone_number: looseText.optional().catch(undefined),
});

/** The envelope: a delivery that does not fit it is not a WhatsApp webhook at all. Entries are read one by one. */
export const webhookPayloadSchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.unknown()),
});

/** One entry: its account id and its changes; an entry that does not fit is listed as a problem, the others applied. */
export const webhookEntrySchema = z.looseObject({ id: looseText, changes: z.array(z.unknown()).nullish().transform((changes) => changes ?? []) });
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

/** The first problem zod found, as "field: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
