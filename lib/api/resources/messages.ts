/**
 * The public API's messages: the message object, the body of a send, and the one translation of a
 * send into the inbox's words (lib/inbox/outbound.ts `OutboundContent`). A send is checked by the
 * composer's own schema (lib/whatsapp/message-builders.ts), so the API refuses exactly what the
 * inbox's composer refuses, each problem named by the field as the caller wrote it.
 */
import "server-only";

import type { Database } from "@/db";
import type { ConnectionScope } from "@/db/queries/connection-access";
import { findLibraryMedia } from "@/db/queries/media";
import { findUserById } from "@/db/queries/users";
import { MESSAGE_STATUSES, type Message } from "@/db/schema";
import { encodeMessage, isTranslatable, message, type Translatable } from "@/lib/i18n/translatable";
import { invalid } from "@/lib/i18n/validation";
import { listSendableTemplates, OutboundRefusal, type OutboundContent, type RefusalWords, type SendContext } from "@/lib/inbox/outbound";
import { composedMessageSchema, type ComposedMessage } from "@/lib/whatsapp/message-builders";
import { templateFields, type TemplateDefinition } from "@/lib/whatsapp/template-fill";
import { z } from "@/lib/zod";

import { timestamp } from "./conversations";

// ---------------------------------------------------------------------------------------------
// The message object.
// ---------------------------------------------------------------------------------------------

export const messageSchema = z
  .object({
    id: z.uuid(),
    conversation_id: z.uuid(),
    wamid: z.string().nullable().meta({ description: "WhatsApp's id of the message; null while a send awaits WhatsApp's answer, or when it failed." }),
    direction: z.enum(["inbound", "outbound"]),
    type: z.string().meta({ description: "WhatsApp's message type: text, image, video, audio, document, sticker, location, contacts, interactive, template, reaction, … (unsupported for kinds WhatsApp does not describe).", example: "text" }),
    content: z.unknown().meta({ description: "The type's object as WhatsApp shapes it, as stored (for text: `{ body }`).", example: { body: "Is my order on its way?" } }),
    status: z.enum(MESSAGE_STATUSES).nullable().meta({ description: "An outbound message's delivery state; null for inbound messages." }),
    error: z
      .object({ code: z.number().int().nullable(), title: z.string().nullable(), details: z.string().nullable() })
      .nullable()
      .meta({ description: "Why a send failed: WhatsApp's error code, and the explanation." }),
    sent_at: timestamp,
    delivered_at: timestamp.nullable(),
    read_at: timestamp.nullable(),
    sender: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ description: "The team member who sent it; null for the customer's messages and sends made by no one (campaigns)." }),
    reply_to: z
      .object({ message_id: z.uuid().nullable(), wamid: z.string() })
      .nullable()
      .meta({ description: "The message this one quotes: its WhatsApp id, and its id here when it is stored." }),
    pricing: z
      .object({ category: z.string().nullable(), type: z.string().nullable(), billable: z.boolean().nullable(), pricing_model: z.string().nullable() })
      .nullable()
      .meta({ description: "What WhatsApp charges for it, from its statuses." }),
    origin: z.string().nullable().meta({ description: "`business_app` for messages sent from the WhatsApp Business app on the same number; null otherwise." }),
    edited_at: timestamp.nullable(),
    revoked_at: timestamp.nullable(),
  })
  .meta({
    id: "Message",
    description: "A message of a conversation, inbound or outbound.",
    example: {
      id: "8b0e0b8e-1c1d-4c51-a0f8-0c7f3d0c9e11",
      conversation_id: "5f0c8a8e-4b4e-4d8e-9a51-3c1f3f1f2b7a",
      wamid: "wamid.HBgLMTQxNTU1NTAxMDEVAgARGBI1",
      direction: "outbound",
      type: "text",
      content: { body: "Your order left the warehouse today." },
      status: "delivered",
      error: null,
      sent_at: "2026-03-14T09:30:02.000Z",
      delivered_at: "2026-03-14T09:30:04.000Z",
      read_at: null,
      sender: { id: "0d6f3a4e-2b1c-4f7e-8a9d-1e2f3a4b5c6d", name: "Alex Agent" },
      reply_to: null,
      pricing: { category: "service", type: "free_customer_service", billable: false, pricing_model: "PMP" },
      origin: null,
      edited_at: null,
      revoked_at: null,
    },
  });

export type ApiMessage = z.input<typeof messageSchema>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** A stored message as the API's; `quoted` maps the wamids its page quotes to their ids. */
export function apiMessage(row: Message, context: { senderName: string | null; quotedIds?: ReadonlyMap<string, string> }): ApiMessage {
  return {
    id: row.id,
    conversation_id: row.conversationId,
    wamid: row.wamid,
    direction: row.direction,
    type: row.type,
    content: row.content[row.type] ?? null,
    status: row.status,
    error: row.errorCode !== null || row.errorTitle !== null || row.errorDetails !== null ? { code: row.errorCode, title: row.errorTitle, details: row.errorDetails } : null,
    sent_at: row.sentAt.toISOString(),
    delivered_at: iso(row.deliveredAt),
    read_at: iso(row.readAt),
    sender: row.senderId ? { id: row.senderId, name: context.senderName ?? "" } : null,
    reply_to: row.replyToWamid ? { message_id: context.quotedIds?.get(row.replyToWamid) ?? null, wamid: row.replyToWamid } : null,
    pricing: row.pricing
      ? { category: row.pricing.category ?? null, type: row.pricing.type ?? null, billable: row.pricing.billable ?? null, pricing_model: row.pricing.pricingModel ?? null }
      : null,
    origin: row.origin,
    edited_at: iso(row.editedAt),
    revoked_at: iso(row.revokedAt),
  };
}

/** Messages as the API's, with their senders' names (a page has few senders: one look-up each) and the ids of the messages they quote. */
export async function apiMessages(db: Database, rows: Message[], quoted: Message[] = []): Promise<ApiMessage[]> {
  const senderIds = [...new Set(rows.map((row) => row.senderId).filter((id): id is string => id !== null))];
  const names = new Map(await Promise.all(senderIds.map(async (id) => [id, (await findUserById(db, id))?.name ?? null] as const)));
  const quotedIds = new Map([...rows, ...quoted].filter((row) => row.wamid !== null).map((row) => [row.wamid!, row.id]));
  return rows.map((row) => apiMessage(row, { senderName: row.senderId ? (names.get(row.senderId) ?? null) : null, quotedIds }));
}

/** Where the next (older) page of a conversation's messages starts. */
export const messageCursorSchema = z.object({ sentAt: z.iso.datetime(), seq: z.string().regex(/^\d{1,18}$/) });

// ---------------------------------------------------------------------------------------------
// The body of a send.
// ---------------------------------------------------------------------------------------------

const libraryId = z
  .string()
  .regex(/^[\w.-]{1,128}$/, invalid("apiResources.inputs.mediaId"))
  .meta({ description: "The id of a file in the media library (`GET /media`) of the conversation's business number.", example: "1013859600285441" });

const replyTo = z.uuid().optional().meta({ description: "The id of a message of this conversation to quote (not for templates)." });

const caption = z.string().optional().meta({ description: "Shown under the file (at most 1024 characters)." });

const interactiveSchema = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("button"),
      body: z.string(),
      header: z.string().optional(),
      footer: z.string().optional(),
      buttons: z.array(z.object({ id: z.string(), title: z.string() })).meta({ description: "1 to 3 reply buttons; the customer's tap comes back with the button's id." }),
    }),
    z.object({
      type: z.literal("list"),
      body: z.string(),
      header: z.string().optional(),
      footer: z.string().optional(),
      button: z.string().meta({ description: "The label of the button that opens the list." }),
      section_title: z.string().optional(),
      rows: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().optional() })).meta({ description: "1 to 10 rows." }),
    }),
    z.object({
      type: z.literal("cta_url"),
      body: z.string(),
      header: z.string().optional(),
      footer: z.string().optional(),
      display_text: z.string().meta({ description: "The button's label." }),
      url: z.string().meta({ description: "The public https:// address the button opens." }),
    }),
  ])
  .meta({ description: "Reply buttons, a list, or a button that opens a web page: the same limits as the inbox's composer." });

/** A template's variables: in order, or by name. */
const variableValues = z
  .union([z.array(z.string().max(1024)).max(100), z.record(z.string().regex(/^\w{1,64}$/), z.string().max(1024))])
  .meta({
    description: "In order (`[\"Maya\", \"A-1042\"]` for {{1}}, {{2}}…), or by variable name (`{ \"first_name\": \"Maya\" }`; positional templates take `{ \"1\": …, \"2\": … }` too).",
  });

export const templateSendSchema = z
  .object({
    name: z.string().min(1).max(512).meta({ example: "order_update" }),
    language: z.string().min(2).max(20).meta({ example: "en_US" }),
    variables: z
      .object({
        header: variableValues.optional().meta({ description: "The text header's variable." }),
        body: variableValues.optional(),
        header_media: z
          .object({ media_id: libraryId, filename: z.string().max(240).optional() })
          .optional()
          .meta({ description: "The header's image, video or document: a media library id of the conversation's business number." }),
        header_location: z
          .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), name: z.string().max(1000).optional(), address: z.string().max(1000).optional() })
          .optional(),
        buttons: z
          .record(z.string().regex(/^\d$/), z.string().max(2000))
          .optional()
          .meta({ description: "By button index (`\"0\"`…`\"9\"`): a link button's URL suffix, a copy-code button's code, a one-time code." }),
      })
      .optional(),
  })
  .meta({ description: "An approved template of the business number's account, filled in. Templates may be sent whether or not the 24-hour window is open." });

const messageVariants = [
  z.object({
    type: z.literal("text"),
    text: z.object({
      body: z.string().meta({ description: "At most 4096 characters.", example: "Your order left the warehouse today." }),
      preview_url: z.boolean().optional().meta({ description: "Whether the customer sees a preview of the first link; by default, a message with a link shows one." }),
    }),
    reply_to: replyTo,
  }),
  z.object({ type: z.literal("image"), image: z.object({ media_id: libraryId, caption }).meta({ description: "A JPEG or PNG image of the library." }), reply_to: replyTo }),
  z.object({ type: z.literal("video"), video: z.object({ media_id: libraryId, caption }).meta({ description: "An MP4 or 3GP video of the library." }), reply_to: replyTo }),
  z.object({ type: z.literal("audio"), audio: z.object({ media_id: libraryId }).meta({ description: "An audio file of the library." }), reply_to: replyTo }),
  z.object({
    type: z.literal("document"),
    document: z
      .object({ media_id: libraryId, caption, filename: z.string().optional().meta({ description: "The name the customer sees." }) })
      .meta({ description: "A document of the library." }),
    reply_to: replyTo,
  }),
  z.object({ type: z.literal("sticker"), sticker: z.object({ media_id: libraryId }).meta({ description: "A WebP sticker of the library." }), reply_to: replyTo }),
  z.object({ type: z.literal("interactive"), interactive: interactiveSchema, reply_to: replyTo }),
  z.object({ type: z.literal("template"), template: templateSendSchema, reply_to: replyTo }),
] as const;

type MessageVariant = (typeof messageVariants)[number];
export type MessageBody = z.output<MessageVariant>;

/**
 * A template quotes no message (the composer cannot send one as a reply); every other kind is checked
 * by the composer's own schema, each problem named by the field as the caller wrote it.
 */
function composerCheck(body: MessageBody, ctx: z.RefinementCtx): void {
  if (body.type === "template") {
    if (body.reply_to !== undefined) ctx.addIssue({ code: "custom", path: ["reply_to"], message: encodeMessage(message("apiResources.inputs.replyToTemplate")) });
    return;
  }
  const composed = composedFrom(body);
  const result = composedMessageSchema.safeParse(composed);
  if (result.success) return;
  for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: apiPath(body, issue.path), message: issue.message });
}

/** The composer's words for a message that is not a template. */
function composedFrom(body: Exclude<MessageBody, { type: "template" }>): ComposedMessage {
  switch (body.type) {
    case "text":
      return { kind: "text", body: body.text.body, previewUrl: body.text.preview_url };
    case "interactive": {
      const interactive = body.interactive;
      const frame = { body: interactive.body, header: interactive.header, footer: interactive.footer };
      if (interactive.type === "button") return { kind: "buttons", ...frame, buttons: interactive.buttons };
      if (interactive.type === "list") return { kind: "list", ...frame, buttonText: interactive.button, sectionTitle: interactive.section_title, rows: interactive.rows };
      return { kind: "link_button", ...frame, buttonLabel: interactive.display_text, url: interactive.url };
    }
    default: {
      const object = mediaObjectOf(body);
      return { kind: "media", mediaKind: body.type, mediaId: object.media_id, caption: object.caption, filename: object.filename };
    }
  }
}

type MediaBody = Extract<MessageBody, { type: "image" | "video" | "audio" | "document" | "sticker" }>;

function mediaObjectOf(body: MediaBody): { media_id: string; caption?: string; filename?: string } {
  switch (body.type) {
    case "image":
      return body.image;
    case "video":
      return body.video;
    case "audio":
      return body.audio;
    case "document":
      return body.document;
    case "sticker":
      return body.sticker;
  }
}

/** The composer's field names as the API's. */
const COMPOSER_FIELDS: Record<string, string> = { mediaId: "media_id", buttonText: "button", sectionTitle: "section_title", buttonLabel: "display_text" };

/** A composer issue's path (`buttons.0.title`) as the caller's (`interactive.buttons.0.title`). */
function apiPath(body: Exclude<MessageBody, { type: "template" }>, path: readonly PropertyKey[]): PropertyKey[] {
  const [first, ...rest] = path;
  const renamed = typeof first === "string" ? (COMPOSER_FIELDS[first] ?? first) : first;
  return [body.type, ...(renamed === undefined ? [] : [renamed]), ...rest];
}

/** The body of `POST /conversations/{conversation_id}/messages`: one message, by its `type`. */
export const sendMessageBody = z
  .discriminatedUnion("type", [...messageVariants])
  .superRefine(composerCheck)
  .meta({
    id: "SendMessage",
    description: "One message, by `type`. Outside the 24-hour window only `template` may be sent.",
    example: { type: "text", text: { body: "Your order left the warehouse today." } },
  });

/** Who to write to: their WhatsApp number or their user id. */
export const recipientSchema = z
  .object({
    wa_id: z.string().min(1).max(32).optional().meta({ description: "The customer's WhatsApp number in international format; spaces, dashes and a leading + are fine.", example: "+1 415 555 0101" }),
    user_id: z.string().min(1).max(160).optional().meta({ description: "The customer's business-scoped WhatsApp user id.", example: "US.13491208655302741918" }),
  })
  .refine((to) => (to.wa_id === undefined) !== (to.user_id === undefined), { message: encodeMessage(message("apiResources.inputs.oneRecipient")) })
  .meta({ description: "The customer: `wa_id` or `user_id`, one of the two." });

/** The body of `POST /messages`: a business number, a customer, and the same message. */
export const startMessageBody = z
  .intersection(
    z.object({
      phone_number_id: z.string().regex(/^[\w-]{1,64}$/).meta({ description: "The business number to send from (`GET /phone-numbers`).", example: "106540352242922" }),
      to: recipientSchema,
    }),
    sendMessageBody,
  )
  .meta({
    id: "SendMessageToCustomer",
    description:
      "One message to a customer, by their number or user id. The customer's conversation on that number is used, or started; a customer who never wrote can only receive a template.",
    example: { phone_number_id: "106540352242922", to: { wa_id: "+14155550101" }, type: "template", template: { name: "order_update", language: "en_US", variables: { body: ["Maya", "A-1042"] } } },
  });

export type StartMessageBody = z.output<typeof startMessageBody>;

// ---------------------------------------------------------------------------------------------
// From the body to the inbox's send.
// ---------------------------------------------------------------------------------------------

/** The conversation a send goes into, as far as the body's translation needs it. */
export interface SendTarget {
  conversationId: string;
  phoneNumberId: string;
  scope: ConnectionScope;
}

/** The body as the inbox's send, and how to name the fields of the inbox's refusals as the caller wrote them. */
export interface PreparedSend {
  content: OutboundContent;
  replyToMessageId: string | undefined;
  fieldOf(field: string | undefined): string | undefined;
}

const refuse = (said: Translatable, field: string) => new OutboundRefusal(said, "INVALID_INPUT", field);

/**
 * A file of the library for this send: on the conversation's number, still valid at WhatsApp (30
 * days), and of the kind the message needs. Anything else is refused, naming the field.
 */
async function requireLibraryFile(db: Database, target: SendTarget, mediaId: string, kind: string, field: string, now = new Date()): Promise<void> {
  const record = await findLibraryMedia(db, target.scope, mediaId);
  if (!record || record.phoneNumberId !== target.phoneNumberId) throw refuse(message("apiResources.refusals.mediaNotInLibrary"), field);
  if (record.expiresAt.getTime() <= now.getTime()) throw refuse(message("apiResources.refusals.mediaExpired"), field);
  if (record.kind !== kind) throw refuse(message("apiResources.refusals.mediaKind", { kind: record.kind, expected: kind }), field);
}

/** A template's variable values in the template's order; values given by name must name its variables. */
function inOrder(given: string[] | Record<string, string> | undefined, names: string[] | undefined, field: string): string[] {
  if (given === undefined) return [];
  if (Array.isArray(given)) return given;
  // Without the template at hand its names are not known: the send refuses the template itself.
  if (!names) return [];
  const unknown = Object.keys(given).find((name) => !names.includes(name));
  if (unknown !== undefined) throw refuse(message("apiResources.refusals.unknownVariable", { name: unknown }), `${field}.${unknown}`);
  return names.map((name) => given[name] ?? "");
}

/**
 * Translates a send's body into the inbox's send for a conversation: library files checked, a
 * template's named variables put in its order (the template looked up among the ones the
 * conversation's number can send).
 */
export async function prepareSend(db: Database, target: SendTarget, body: MessageBody, context: SendContext = {}): Promise<PreparedSend> {
  if (body.type !== "template") {
    if (body.type !== "text" && body.type !== "interactive") await requireLibraryFile(db, target, mediaObjectOf(body).media_id, body.type, `${body.type}.media_id`);
    return { content: composedFrom(body), replyToMessageId: body.reply_to, fieldOf: (field) => messageField(body, field) };
  }
  const { template } = body;
  const variables = template.variables ?? {};
  const byName = (given: unknown) => given !== undefined && !Array.isArray(given);
  let definition: TemplateDefinition | undefined;
  if (byName(variables.header) || byName(variables.body) || variables.header_media) {
    const sendable = await listSendableTemplates(db, { conversationId: target.conversationId, scope: target.scope }, context);
    definition = sendable.find((candidate) => candidate.name === template.name && candidate.language === template.language);
  }
  const fields = definition ? templateFields(definition) : undefined;
  const header = inOrder(variables.header, fields?.headerVariableNames, "template.variables.header");
  const bodyValues = inOrder(variables.body, fields?.bodyVariableNames, "template.variables.body");
  if (variables.header_media && fields?.headerFormat && ["IMAGE", "VIDEO", "DOCUMENT"].includes(fields.headerFormat)) {
    await requireLibraryFile(db, target, variables.header_media.media_id, fields.headerFormat.toLowerCase(), "template.variables.header_media.media_id");
  }
  const content: OutboundContent = {
    kind: "template",
    name: template.name,
    languageCode: template.language,
    values: {
      header,
      body: bodyValues,
      ...(variables.header_media ? { headerMedia: { id: variables.header_media.media_id, filename: variables.header_media.filename } } : {}),
      ...(variables.header_location ? { headerLocation: variables.header_location } : {}),
      buttons: Object.fromEntries(Object.entries(variables.buttons ?? {}).map(([index, value]) => [Number(index), value])),
    },
  };
  const nameAt = (part: "header" | "body", index: string) => {
    const names = part === "header" ? fields?.headerVariableNames : fields?.bodyVariableNames;
    return byName(variables[part]) && names?.[Number(index)] !== undefined ? names[Number(index)]! : index;
  };
  return {
    content,
    replyToMessageId: undefined,
    fieldOf(field) {
      if (field === undefined) return undefined;
      const value = /^values\.(header|body)\.(\d+)$/.exec(field);
      if (value) return `template.variables.${value[1]}.${nameAt(value[1] as "header" | "body", value[2]!)}`;
      if (field === "templateName") return "template.name";
      if (field === "values.headerMedia") return "template.variables.header_media";
      if (field === "values.headerLocation") return "template.variables.header_location";
      const button = /^values\.buttons\.(\d+)$/.exec(field);
      if (button) return `template.variables.buttons.${button[1]}`;
      return commonField(field);
    },
  };
}

/** Fields any refusal of a send may name, as the caller wrote them. */
export function callerField(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  return commonField(field);
}

function commonField(field: string): string {
  const known: Record<string, string> = {
    replyToMessageId: "reply_to",
    clientKey: "Idempotency-Key",
    "customer.phone": "to.wa_id",
    "customer.userId": "to.user_id",
    phoneNumberId: "phone_number_id",
    conversationId: "conversation_id",
  };
  return known[field] ?? field;
}

/** A field of WhatsApp's message (what the last check before the gateway names) as the caller's. */
function messageField(body: Exclude<MessageBody, { type: "template" }>, field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  if (body.type === "interactive") {
    const rules: Array<[RegExp, string]> = [
      [/^interactive\.(body|header|footer)\.text$/, "interactive.$1"],
      [/^interactive\.action\.buttons\.(\d+)\.reply\.(id|title)$/, "interactive.buttons.$1.$2"],
      [/^interactive\.action\.buttons$/, "interactive.buttons"],
      [/^interactive\.action\.button$/, "interactive.button"],
      [/^interactive\.action\.sections\.\d+\.title$/, "interactive.section_title"],
      [/^interactive\.action\.sections\.\d+\.rows(.*)$/, "interactive.rows$1"],
      [/^interactive\.action\.sections$/, "interactive.rows"],
      [/^interactive\.action\.parameters\.(display_text|url)$/, "interactive.$1"],
    ];
    for (const [pattern, replacement] of rules) if (pattern.test(field)) return field.replace(pattern, replacement);
  }
  if (body.type !== "text" && body.type !== "interactive" && field === `${body.type}.id`) return `${body.type}.media_id`;
  return commonField(field);
}

/**
 * The inbox's refusal with its field named as the caller wrote it (and the sentence that names the
 * field, "text.body: …", saying the same). A refusal of a template that does not exist is a problem
 * with the body (422), not a missing resource.
 */
export function inCallerTerms(error: unknown, fieldOf: (field: string | undefined) => string | undefined): unknown {
  if (!(error instanceof OutboundRefusal)) return error;
  const field = fieldOf(error.field);
  const code = error.code === "NOT_FOUND" && error.field === "templateName" ? "INVALID_INPUT" : error.code;
  if (field === error.field && code === error.code) return error;
  return new OutboundRefusal(renamedField(error.said, field), code, field, error.failure);
}

function renamedField(said: RefusalWords, field: string | undefined): RefusalWords {
  if (!isTranslatable(said) || said.key !== "conversation.refusals.fieldProblem" || field === undefined) return said;
  return { ...said, values: { ...said.values, field } };
}
