/**
 * Turns a webhook delivery into the records the inbox keeps: inbound messages, status reports,
 * identity and preference changes, template and quality updates. Lossless by construction: each
 * message and status is read on its own, a message whose content does not fit is kept as
 * unreadable with its raw JSON, and anything skipped is listed as a problem with where and why.
 * Pure: no I/O, so every payload shape is unit-tested here.
 */
import {
  changeMetadataSchema,
  firstIssue,
  INBOUND_CONTENT_SCHEMAS,
  inboundItemSchema,
  jsonObject,
  messageStatusSchema,
  phoneNumberQualityUpdateSchema,
  readWebhookErrors,
  templateStatusUpdateSchema,
  TYPES_WITHOUT_OBJECT,
  userPreferenceSchema,
  webhookContactSchema,
  webhookEntrySchema,
  webhookPayloadSchema,
  type JsonObject,
  type WebhookError,
} from "./webhook-types";
import { USER_ID_PATTERN } from "./messages";

/**
 * Who a customer is: a phone number (wa_id), a business-scoped user id, or both (2026: a customer
 * with a username may withhold the number). Never the phone number alone.
 */
export interface CustomerIdentity {
  phone?: string;
  userId?: string;
  username?: string;
  profileName?: string;
}

export interface InboundRecord {
  wamid: string;
  phoneNumberId: string;
  displayPhoneNumber: string | undefined;
  wabaId: string;
  customer: CustomerIdentity;
  /** Echoes of what the business sent from the WhatsApp Business app are outbound. */
  direction: "inbound" | "outbound";
  /** Where an outbound message came from when not from this dashboard. */
  origin: "business_app" | undefined;
  sentAt: Date;
  type: string;
  /** Everything WhatsApp sent but the envelope (from, id, timestamp, type): nothing is dropped. */
  content: Record<string, unknown>;
  replyToWamid: string | undefined;
  /** Set when the customer came from a click-to-WhatsApp ad. */
  referral: boolean;
  /** Until when the conversation is a free entry point (a referral's 72 hours); undefined without one. */
  referralExpiresAt: Date | undefined;
  /** Whether the customer wrote it: opens (or restarts) the 24-hour window. */
  opensWindow: boolean;
  /** The one-line summary the conversation list shows for it. */
  preview: MessagePreview;
  /** An edit or a revoke of an earlier message: applied to that message when it is here. */
  revises:
    | {
        originalWamid: string;
        kind: "edit" | "revoke";
        content: Record<string, unknown> | undefined;
        /** The edited message's summary, for the conversation list when it is the last message. */
        preview: MessagePreview | undefined;
      }
    | undefined;
}

/** A click-to-WhatsApp ad makes the customer's thread a free entry point for 72 hours (Meta's pricing). */
export const REFERRAL_ENTRY_POINT_MS = 72 * 60 * 60 * 1000;

export const STATUS_REPORTS = ["sent", "delivered", "read", "failed"] as const;
export type StatusReport = (typeof STATUS_REPORTS)[number];

/**
 * How far a message got: statuses only move forward (a late "delivered" never replaces "read").
 * "failed" ranks below "delivered": a success reported after a failure (another of the customer's
 * devices) wins over it, and a late "sent" does not undo a failure.
 */
export const STATUS_RANKS: Record<"pending" | StatusReport, number> = { pending: 0, sent: 1, failed: 2, delivered: 3, read: 4 };

/**
 * The statuses a reported one moves a message forward from (those ranked below it); undefined for a
 * status the inbox does not apply. The more statuses lie before one, the further along it is.
 */
export function statusesBefore(status: string): Array<keyof typeof STATUS_RANKS> | undefined {
  if (!Object.hasOwn(STATUS_RANKS, status)) return undefined;
  const rank = STATUS_RANKS[status as keyof typeof STATUS_RANKS];
  return (Object.keys(STATUS_RANKS) as Array<keyof typeof STATUS_RANKS>).filter((earlier) => STATUS_RANKS[earlier] < rank);
}

/** What one message cost (per-message pricing since July 2025), as its statuses report it. */
export interface MessagePricing {
  category: string | undefined;
  type: string | undefined;
  billable: boolean | undefined;
  pricingModel: string | undefined;
}

export interface StatusRecord {
  wamid: string;
  status: StatusReport;
  at: Date;
  /** The customer's number, or their user id when the number is withheld. */
  recipientId: string | undefined;
  errors: WebhookError[] | undefined;
  pricing: MessagePricing | undefined;
  /** The stored statuses this one replaces: statuses only move forward. */
  movesFrom: Array<keyof typeof STATUS_RANKS>;
}

/** A customer's new number or user id, announced by a `system` message. */
export interface IdentityChange {
  customer: CustomerIdentity;
  phone: string | undefined;
  userId: string | undefined;
}

/** The customer stopped or resumed marketing messages. */
export interface PreferenceRecord {
  customer: CustomerIdentity;
  category: string;
  value: "stop" | "resume";
  at: Date;
}

export interface TemplateUpdateRecord {
  templateId: string;
  name: string | undefined;
  language: string | undefined;
  event: string;
  /** The status the event means; undefined when the event leaves the status as it is. */
  status: string | undefined;
  reason: string | undefined;
}

/** Something of a delivery that was not applied, where it is and why, for the team to see and replay. */
export interface DeliveryProblem {
  at: string;
  problem: string;
}

export interface DeliveryRecords {
  phoneNumbers: Array<{ id: string; wabaId: string; displayPhoneNumber: string | undefined }>;
  contacts: CustomerIdentity[];
  inbound: InboundRecord[];
  statuses: StatusRecord[];
  identityChanges: IdentityChange[];
  preferences: PreferenceRecord[];
  templateUpdates: TemplateUpdateRecord[];
  qualityUpdates: Array<{ wabaId: string; displayPhoneNumber: string; event: string; currentLimit: string | undefined }>;
  /** Items that could not be applied: each needs attention. */
  problems: DeliveryProblem[];
  /** Changes of fields the product stores but does not act on (kept raw on the delivery). */
  ignored: number;
}

export function emptyRecords(): DeliveryRecords {
  return {
    phoneNumbers: [],
    contacts: [],
    inbound: [],
    statuses: [],
    identityChanges: [],
    preferences: [],
    templateUpdates: [],
    qualityUpdates: [],
    problems: [],
    ignored: 0,
  };
}

/** A delivery that is not JSON or not a WhatsApp webhook envelope: stored with this error. */
export class NotAWebhookError extends Error {
  override name = "NotAWebhookError";
}

/**
 * WhatsApp timestamps are unix seconds, as a string or a number; milliseconds are recognised too.
 * A missing or unreadable one falls back to when the delivery arrived.
 */
export function readTimestamp(value: unknown, fallback: Date): Date {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (!Number.isFinite(number) || number <= 0) return fallback;
  return new Date(number > 1e12 ? number : number * 1000);
}

/** "+1 555-010 0001" → "15550100001"; a value with no digits, or a user id, is not a number. */
function phoneOf(value: string | undefined): string | undefined {
  if (value === undefined || USER_ID_PATTERN.test(value.trim())) return undefined;
  const digits = value.replace(/\D/g, "");
  return digits.length > 0 ? digits : undefined;
}

/** A user id found in a field meant for a number (`from`, `wa_id`, `recipient_id`): read as the user id it is. */
function userIdIn(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && USER_ID_PATTERN.test(trimmed) ? trimmed : undefined;
}

/** The username as shown, without a leading "@" (the inbox adds it). */
function usernameOf(value: string | undefined): string | undefined {
  const trimmed = value?.trim().replace(/^@/, "");
  return trimmed ? trimmed : undefined;
}

/** Template status events as statuses (contract §6): an event is not a status. */
export function templateStatusFromEvent(event: string): string | undefined {
  switch (event.toUpperCase()) {
    case "REINSTATED":
    case "UNARCHIVED":
      return "APPROVED";
    // A flagged or locked template can still be sent; an account-wide limit says nothing of one template.
    case "FLAGGED":
    case "LOCKED":
    case "LIMIT_EXCEEDED":
      return undefined;
    default:
      return event.toUpperCase();
  }
}

/** `reason` NONE (or null, or empty) means no reason. */
function reasonOf(value: string | null | undefined): string | undefined {
  if (!value || value.toUpperCase() === "NONE") return undefined;
  return value;
}

/** Types a customer writes that do not open the 24-hour window: notices, edits and deletions of earlier messages. */
const NOT_WRITTEN_BY_CUSTOMER = new Set(["system", "edit", "revoke"]);

interface ChangeContext {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string | undefined;
  contacts: CustomerIdentity[];
  receivedAt: Date;
  records: DeliveryRecords;
}

function readContacts(value: unknown): CustomerIdentity[] {
  if (!Array.isArray(value)) return [];
  const people: CustomerIdentity[] = [];
  for (const item of value) {
    const parsed = webhookContactSchema.safeParse(item);
    if (!parsed.success) continue;
    const person: CustomerIdentity = {
      phone: phoneOf(parsed.data.wa_id),
      userId: parsed.data.user_id ?? userIdIn(parsed.data.wa_id),
      username: usernameOf(parsed.data.username ?? parsed.data.profile?.username),
      profileName: parsed.data.profile?.name || undefined,
    };
    if (person.phone || person.userId) people.push(person);
  }
  return people;
}

/** The sender: `from` and `from_user_id`, completed from the change's `contacts`. */
function senderOf(item: { from?: string; from_user_id?: string }, contacts: CustomerIdentity[]): CustomerIdentity | undefined {
  const phone = phoneOf(item.from);
  const userId = item.from_user_id ?? userIdIn(item.from);
  const known = contacts.find((person) => (phone && person.phone === phone) || (userId && person.userId === userId));
  if (phone || userId) {
    return {
      phone: phone ?? known?.phone,
      userId: userId ?? known?.userId,
      username: known?.username,
      profileName: known?.profileName,
    };
  }
  // No sender on the message itself: the change's only contact wrote it.
  return contacts.length === 1 ? { ...contacts[0]! } : undefined;
}

/** Checks a message type's object; a known type whose object does not fit says why. */
function contentProblem(type: string, item: JsonObject): string | undefined {
  if (TYPES_WITHOUT_OBJECT.has(type)) return undefined;
  // Own keys only: a type named "constructor" or "toString" is just an unknown type.
  const schema = Object.hasOwn(INBOUND_CONTENT_SCHEMAS, type) ? INBOUND_CONTENT_SCHEMAS[type] : undefined;
  if (!schema) return undefined;
  const result = schema.safeParse(item[type]);
  if (result.success) return undefined;
  return item[type] === undefined ? `the ${type} object is missing` : `${type}.${firstIssue(result.error)}`;
}

/** A message the inbox cannot show as its type: kept whole, to show raw and to read again after a fix. */
function unreadableContent(type: string | undefined, problem: string, raw: unknown): Record<string, unknown> {
  return { unreadable: { type: type ?? null, problem }, raw };
}

function revisionOf(type: string, content: Record<string, unknown>): InboundRecord["revises"] {
  if (type !== "edit" && type !== "revoke") return undefined;
  const part = content[type] as { original_message_id: string | number; message?: Record<string, unknown> };
  if (type === "revoke") return { kind: "revoke", originalWamid: String(part.original_message_id), content: undefined, preview: undefined };
  const edited = part.message;
  const editedType = typeof edited?.type === "string" ? edited.type : undefined;
  // The edited message, shaped like a stored message's content: { [type]: object }.
  const editedContent = edited && editedType && Object.hasOwn(edited, editedType) ? { [editedType]: edited[editedType] } : undefined;
  return {
    kind: "edit",
    originalWamid: String(part.original_message_id),
    content: editedContent,
    preview: editedContent && editedType ? messagePreview(editedType, editedContent) : undefined,
  };
}

function readMessage(raw: unknown, where: string, context: ChangeContext, direction: "inbound" | "outbound"): void {
  const { records } = context;
  const parsed = inboundItemSchema.safeParse(raw);
  if (!parsed.success) {
    records.problems.push({ at: where, problem: `message not kept: ${firstIssue(parsed.error)}` });
    return;
  }
  const item = parsed.data;
  const { id, from: _from, from_user_id: _fromUserId, to: _to, timestamp, type: givenType, ...rest } = item as typeof item & { to?: unknown };
  const customer =
    direction === "outbound"
      ? echoRecipient(item as JsonObject, context.contacts)
      : senderOf(item, context.contacts);
  if (!customer) {
    records.problems.push({ at: where, problem: `message ${id} not kept: no sender (neither from, from_user_id nor a single contact)` });
    return;
  }
  let type = givenType ?? "unknown";
  let content: Record<string, unknown> = rest;
  const problem = givenType === undefined ? "the message has no type" : contentProblem(type, item as JsonObject);
  if (problem) {
    type = "unreadable";
    content = unreadableContent(givenType, problem, raw);
  }
  const context_ = jsonObject.safeParse(item.context);
  const quotedId = context_.success ? context_.data.id : undefined;
  const replyTo = typeof quotedId === "string" || (typeof quotedId === "number" && Number.isFinite(quotedId)) ? String(quotedId) : undefined;
  const revises = problem ? undefined : revisionOf(type, content);
  const sentAt = readTimestamp(timestamp, context.receivedAt);
  const referral = item.referral !== undefined && item.referral !== null;
  records.inbound.push({
    wamid: id,
    phoneNumberId: context.phoneNumberId,
    displayPhoneNumber: context.displayPhoneNumber,
    wabaId: context.wabaId,
    customer,
    direction,
    origin: direction === "outbound" ? "business_app" : undefined,
    sentAt,
    type,
    content,
    replyToWamid: replyTo || undefined,
    referral,
    referralExpiresAt: referral ? new Date(sentAt.getTime() + REFERRAL_ENTRY_POINT_MS) : undefined,
    opensWindow: direction === "inbound" && !NOT_WRITTEN_BY_CUSTOMER.has(type),
    preview: messagePreview(type, content),
    revises,
  });
  if (direction === "inbound") records.contacts.push(customer);
  if (type === "system" && direction === "inbound") readSystemMessage(content.system as JsonObject, customer, records, sentAt);
}

/** An echo's customer is its `to` (the business is `from`). */
function echoRecipient(item: JsonObject, contacts: CustomerIdentity[]): CustomerIdentity | undefined {
  const to = typeof item.to === "string" || typeof item.to === "number" ? String(item.to) : undefined;
  const userId = typeof item.to_user_id === "string" ? item.to_user_id : userIdIn(to);
  const phone = phoneOf(to);
  if (!phone && !userId) return contacts.length === 1 ? { ...contacts[0]! } : undefined;
  const known = contacts.find((person) => (phone && person.phone === phone) || (userId && person.userId === userId));
  return { phone: phone ?? known?.phone, userId: userId ?? known?.userId, username: known?.username, profileName: known?.profileName };
}

/** Number and user id changes, and marketing preferences told by a system message. */
function readSystemMessage(system: JsonObject, customer: CustomerIdentity, records: DeliveryRecords, at: Date): void {
  const kind = typeof system.type === "string" ? system.type : "";
  const text = (value: unknown) =>
    typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  if (kind === "user_changed_number") {
    const phone = phoneOf(text(system.new_wa_id) ?? text(system.wa_id));
    if (phone && phone !== customer.phone) records.identityChanges.push({ customer, phone, userId: undefined });
  } else if (kind === "user_changed_user_id") {
    const userId = text(system.new_user_id) ?? text(system.user_id);
    if (userId && userId !== customer.userId) records.identityChanges.push({ customer, phone: undefined, userId });
  } else if (kind === "user_preference_changed") {
    const value = text(system.value) ?? text(system.body);
    // Stop words first: "stopped …, they can restart them" is a stop.
    const decided = value && /stop|opt(ed)?[ -]?out/i.test(value) ? "stop" : value && /resume|start|opt(ed)?[ -]?in/i.test(value) ? "resume" : undefined;
    if (decided) records.preferences.push({ customer, category: text(system.category) ?? "marketing_messages", value: decided, at });
  }
}

function readStatus(raw: unknown, where: string, context: ChangeContext): void {
  const parsed = messageStatusSchema.safeParse(raw);
  if (!parsed.success) {
    context.records.problems.push({ at: where, problem: `status not applied: ${firstIssue(parsed.error)}` });
    return;
  }
  const status = parsed.data;
  if (!(STATUS_REPORTS as readonly string[]).includes(status.status)) {
    context.records.problems.push({ at: where, problem: `status “${status.status}” of ${status.id} is not one the inbox applies` });
    return;
  }
  const pricing = status.pricing;
  context.records.statuses.push({
    wamid: status.id,
    status: status.status as StatusReport,
    movesFrom: statusesBefore(status.status)!,
    at: readTimestamp(status.timestamp, context.receivedAt),
    recipientId: phoneOf(status.recipient_id) ?? status.recipient_user_id ?? userIdIn(status.recipient_id),
    errors: readWebhookErrors(status.errors),
    pricing: pricing
      ? { category: pricing.category, type: pricing.type, billable: pricing.billable, pricingModel: pricing.pricing_model }
      : undefined,
  });
}

function readPreference(raw: unknown, where: string, context: ChangeContext): void {
  const parsed = userPreferenceSchema.safeParse(raw);
  const value = parsed.success ? parsed.data.value.toLowerCase() : undefined;
  if (!parsed.success || (value !== "stop" && value !== "resume")) {
    context.records.problems.push({ at: where, problem: `preference not applied: ${parsed.success ? `value “${parsed.data.value}”` : firstIssue(parsed.error)}` });
    return;
  }
  const given = { phone: phoneOf(parsed.data.wa_id), userId: parsed.data.user_id ?? userIdIn(parsed.data.wa_id) };
  const customer = given.phone || given.userId ? senderOf({ from: given.phone, from_user_id: given.userId }, context.contacts) : senderOf({}, context.contacts);
  if (!customer) {
    context.records.problems.push({ at: where, problem: "preference not applied: no customer (neither wa_id nor user_id)" });
    return;
  }
  context.records.preferences.push({
    customer,
    category: parsed.data.category ?? "marketing_messages",
    value,
    at: readTimestamp(parsed.data.timestamp, context.receivedAt),
  });
}

/** `messages`, `smb_message_echoes` and `user_preferences` changes share one shape: metadata, contacts, items. */
function readMessagingChange(field: string, value: JsonObject, where: string, wabaId: string, receivedAt: Date, records: DeliveryRecords): void {
  const metadata = changeMetadataSchema.safeParse(value.metadata);
  if (!metadata.success) {
    records.problems.push({ at: `${where}.value.metadata`, problem: `change not applied: which business number is unknown (${firstIssue(metadata.error)})` });
    return;
  }
  const context: ChangeContext = {
    wabaId,
    phoneNumberId: metadata.data.phone_number_id,
    displayPhoneNumber: metadata.data.display_phone_number,
    contacts: readContacts(value.contacts),
    receivedAt,
    records,
  };
  records.phoneNumbers.push({ id: context.phoneNumberId, wabaId, displayPhoneNumber: context.displayPhoneNumber });
  records.contacts.push(...context.contacts);
  const each = (key: string, read: (item: unknown, at: string) => void) => {
    const items = value[key];
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      records.problems.push({ at: `${where}.value.${key}`, problem: `${key} is not a list` });
      return;
    }
    items.forEach((item, i) => read(item, `${where}.value.${key}[${i}]`));
  };
  if (field === "messages") {
    each("messages", (item, at) => readMessage(item, at, context, "inbound"));
    each("statuses", (item, at) => readStatus(item, at, context));
    for (const error of readWebhookErrors(value.errors) ?? []) {
      records.problems.push({ at: `${where}.value.errors`, problem: `WhatsApp reported error ${error.code ?? "?"}: ${error.title ?? error.message ?? "no title"}` });
    }
  } else if (field === "smb_message_echoes") {
    each("message_echoes", (item, at) => readMessage(item, at, context, "outbound"));
  } else {
    each("user_preferences", (item, at) => readPreference(item, at, context));
  }
}

const MESSAGING_FIELDS = new Set(["messages", "smb_message_echoes", "user_preferences"]);

function readChange(raw: unknown, where: string, wabaId: string, receivedAt: Date, records: DeliveryRecords): void {
  const change = jsonObject.safeParse(raw);
  const field = change.success && typeof change.data.field === "string" ? change.data.field : undefined;
  if (!change.success || !field) {
    records.problems.push({ at: where, problem: "change not applied: it has no field" });
    return;
  }
  const value = change.data.value;
  if (MESSAGING_FIELDS.has(field)) {
    const object = jsonObject.safeParse(value);
    if (!object.success) records.problems.push({ at: `${where}.value`, problem: `${field} change not applied: its value is not an object` });
    else readMessagingChange(field, object.data, where, wabaId, receivedAt, records);
    return;
  }
  if (field === "message_template_status_update") {
    const update = templateStatusUpdateSchema.safeParse(value);
    if (!update.success) {
      records.problems.push({ at: `${where}.value`, problem: `template update not applied: ${firstIssue(update.error)}` });
      return;
    }
    records.templateUpdates.push({
      templateId: update.data.message_template_id,
      name: update.data.message_template_name,
      language: update.data.message_template_language,
      event: update.data.event,
      status: templateStatusFromEvent(update.data.event),
      reason: reasonOf(update.data.reason),
    });
    return;
  }
  if (field === "phone_number_quality_update") {
    const update = phoneNumberQualityUpdateSchema.safeParse(value);
    if (!update.success) {
      records.problems.push({ at: `${where}.value`, problem: `quality update not applied: ${firstIssue(update.error)}` });
      return;
    }
    records.qualityUpdates.push({ wabaId, displayPhoneNumber: update.data.display_phone_number, event: update.data.event, currentLimit: update.data.current_limit });
    return;
  }
  records.ignored += 1;
}

/**
 * Every item of one delivery as records. Throws NotAWebhookError only when the delivery is not a
 * WhatsApp webhook envelope; anything inside that cannot be applied is listed in `problems`.
 */
export function recordsFromDelivery(payload: unknown, receivedAt: Date): DeliveryRecords {
  if (payload === undefined) throw new NotAWebhookError("Not a WhatsApp webhook: the body is not JSON");
  const envelope = webhookPayloadSchema.safeParse(payload);
  if (!envelope.success) throw new NotAWebhookError(`Not a WhatsApp webhook: ${firstIssue(envelope.error)}`);
  const records = emptyRecords();
  envelope.data.entry.forEach((raw, e) => {
    const entry = webhookEntrySchema.safeParse(raw);
    if (!entry.success) {
      records.problems.push({ at: `entry[${e}]`, problem: `entry not applied: ${firstIssue(entry.error)}` });
      return;
    }
    entry.data.changes.forEach((change, c) => readChange(change, `entry[${e}].changes[${c}]`, entry.data.id, receivedAt, records));
  });
  return records;
}

/**
 * What a conversation list's summary of a message is, named rather than written: the list words it in
 * the reader's language. "text" is the message's own words, shown as they are.
 */
export const PREVIEW_KINDS = [
  "text",
  "photo",
  "video",
  "audio",
  "voice",
  "document",
  "sticker",
  "location",
  "contacts",
  "form",
  "interactive",
  "reaction",
  "reactionRemoved",
  "order",
  "template",
  "system",
  "welcome",
  "edit",
  "revoke",
  "unreadable",
  "unsupported",
] as const;
export type PreviewKind = (typeof PREVIEW_KINDS)[number];

/**
 * The summary the conversation list shows: its kind, and only the customer's or agent's own words or a
 * name (caption, file name, place, template name, emoji, text), possibly empty. The detail is what is
 * stored and searched, so it never holds a label of the product's own.
 */
export interface MessagePreview {
  kind: PreviewKind;
  detail: string;
}

const MEDIA_KINDS: Record<string, PreviewKind> = {
  image: "photo",
  video: "video",
  audio: "audio",
  document: "document",
  sticker: "sticker",
};

/** The one-line summary shown in the conversation list. */
export function messagePreview(type: string, content: Record<string, unknown>): MessagePreview {
  const part = (content[type] ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const preview = (kind: PreviewKind, detail = ""): MessagePreview => ({ kind, detail });
  switch (type) {
    case "text":
      return preview("text", text(part.body));
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      const kind = type === "audio" && part.voice === true ? "voice" : MEDIA_KINDS[type]!;
      return preview(kind, text(part.caption) || (type === "document" ? text(part.filename) : ""));
    }
    case "location":
      return preview("location", text(part.name));
    case "contacts":
      return preview("contacts");
    case "interactive": {
      const reply = (part.button_reply ?? part.list_reply) as Record<string, unknown> | undefined;
      if (reply) return preview("text", text(reply.title));
      if (part.type === "nfm_reply") return preview("form");
      const body = text((part.body as Record<string, unknown> | undefined)?.text);
      return body ? preview("text", body) : preview("interactive");
    }
    case "button":
      return preview("text", text(part.text));
    case "reaction":
      return part.emoji ? preview("reaction", text(part.emoji)) : preview("reactionRemoved");
    case "order":
      return preview("order");
    case "template":
      return preview("template", text(part.name));
    case "system":
      return preview("system", text(part.body));
    case "request_welcome":
      return preview("welcome");
    case "edit":
      return preview("edit");
    case "revoke":
      return preview("revoke");
    case "unreadable":
      return preview("unreadable");
    default:
      return preview("unsupported");
  }
}
