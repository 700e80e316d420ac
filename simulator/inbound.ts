import { z } from "zod";
import { customerFields, hasIdentity, IDENTITY_REQUIRED, recordCustomerMessage, rememberCustomer } from "./customers";
import { webhookError } from "./errors";
import { recordTemplateButtonReply } from "./graph/template-analytics";
import type { JsonRecord } from "./http";
import { isRecord } from "./http";
import { sha256Hex } from "./ids";
import { mediaSample } from "./media-samples";
import { ID_BASE } from "./seed";
import type { Simulator } from "./sim";
import type { MediaObject, PhoneNumber } from "./state";
import { customerContact, messagesEnvelope } from "./webhooks/payloads";
import { messageTarget } from "./webhooks/routing";
import type { DeliveryOutcome } from "./webhooks/sender";

export const INBOUND_TYPES = [
  "text", "image", "video", "audio", "document", "sticker", "location", "contacts", "interactive",
  "button", "reaction", "order", "system", "edit", "revoke", "request_welcome", "unsupported",
] as const;
const MEDIA_TYPES = new Set(["image", "video", "audio", "document", "sticker"]);
// Not the customer writing anew: notices, and changes to a message already sent.
const OPENS_NO_WINDOW = new Set(["system", "edit", "revoke"]);
const INBOUND_MEDIA_TTL_MS = 7 * 24 * 3600 * 1000;

export const inboundSchema = z.looseObject({
  phone_number_id: z.string().min(1),
  ...customerFields,
  timestamp: z.union([z.string().regex(/^\d+$/), z.number().int()]).optional(),
  // Real traffic sends the timestamp as a string or a number; the simulator sends either on request.
  timestamp_as: z.enum(["string", "number"]).optional(),
  type: z.enum(INBOUND_TYPES),
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional() }).optional(),
  referral: z.record(z.string(), z.unknown()).optional(),
}).refine(hasIdentity, { message: IDENTITY_REQUIRED, path: ["from"] });

export type InboundRequest = z.infer<typeof inboundSchema>;

/** A control call the simulator cannot carry out, with the HTTP status to answer. */
export class InboundError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function phoneNumberOrThrow(sim: Simulator, phoneNumberId: string): PhoneNumber {
  const phone = sim.state.phoneNumbers.get(phoneNumberId);
  if (!phone) throw new InboundError(404, `Unknown phone_number_id ${phoneNumberId}`);
  return phone;
}

/** Media the customer "sent": real bytes stored like an upload, downloadable for about seven days. */
function inboundMedia(sim: Simulator, type: string, given: JsonRecord, phoneNumberId: string, connectionId: string): JsonRecord {
  if (typeof given.id === "string") {
    const existing = sim.state.media.get(given.id);
    return { mime_type: existing?.mimeType, sha256: existing?.sha256, ...given };
  }
  const sample = mediaSample(type, typeof given.mime_type === "string" ? given.mime_type : undefined);
  const now = sim.clock.now();
  const media: MediaObject = {
    id: sim.ids.numeric("media", ID_BASE.media), connectionId, phoneNumberId, mimeType: sample.mimeType, sha256: sha256Hex(sample.bytes),
    bytes: sample.bytes, filename: typeof given.filename === "string" ? given.filename : sample.filename ?? null,
    origin: "inbound", createdAt: now, expiresAt: now + INBOUND_MEDIA_TTL_MS,
  };
  sim.state.media.set(media.id, media);
  const object: JsonRecord = { ...given, id: media.id, mime_type: media.mimeType, sha256: media.sha256 };
  if (type === "document" && !object.filename && media.filename) object.filename = media.filename;
  if (type === "sticker" && object.animated === undefined) object.animated = false;
  return object;
}

/** Edits and revokes point at the message they change; the rest of their object is forwarded as given. */
function requireOriginal(type: "edit" | "revoke", given: unknown): JsonRecord {
  if (!isRecord(given) || typeof given.original_message_id !== "string" || given.original_message_id === "") {
    throw new InboundError(400, `${type}.original_message_id is required: the wamid of the message the customer ${type === "edit" ? "edited" : "deleted"}`);
  }
  if (type === "edit" && !isRecord(given.message)) throw new InboundError(400, "edit.message is required: the edited message, e.g. {\"type\":\"text\",\"text\":{\"body\":\"new text\"}}");
  return given;
}

/** The type's object as Meta delivers it; contact cards and the like are forwarded exactly as given, never validated. */
function typeObject(sim: Simulator, request: InboundRequest, phone: PhoneNumber): JsonRecord {
  const given = (request as JsonRecord)[request.type];
  switch (request.type) {
    case "unsupported":
      return { errors: [webhookError(131051, "Message type is currently not supported.")] };
    case "request_welcome":
      return {};
    case "edit":
    case "revoke":
      return { [request.type]: requireOriginal(request.type, given) };
    case "contacts":
      if (!Array.isArray(given) || given.length === 0) throw new InboundError(400, "contacts must be a non-empty array, as in a webhook");
      return { contacts: given };
  }
  if (MEDIA_TYPES.has(request.type)) return { [request.type]: inboundMedia(sim, request.type, isRecord(given) ? given : {}, phone.id, phone.connectionId) };
  if (!isRecord(given)) throw new InboundError(400, `The ${request.type} object is required, shaped as in a webhook`);
  if (request.type === "text" && typeof given.body !== "string") throw new InboundError(400, "text.body is required");
  return { [request.type]: given };
}

/** `POST /_sim/inbound`: a customer writes; builds Meta's webhook, opens the service window and delivers it signed. */
export async function receiveInbound(sim: Simulator, request: InboundRequest): Promise<{ wamid: string; outcome: DeliveryOutcome; destination: string | null }> {
  const phone = phoneNumberOrThrow(sim, request.phone_number_id);
  const timestamp = request.timestamp === undefined ? sim.clock.nowSeconds() : Number(request.timestamp);
  const object = typeObject(sim, request, phone);
  const customer = rememberCustomer(sim.state, request);
  const wamid = sim.ids.wamid(customer.waId ?? customer.userId ?? customer.id, "inbound");
  // `from` only when the number is known: a customer with a username may withhold it.
  const message: JsonRecord = {
    ...(customer.waId ? { from: customer.waId } : {}),
    ...(customer.userId ? { from_user_id: customer.userId } : {}),
    id: wamid,
    timestamp: request.timestamp_as === "number" ? timestamp : String(timestamp),
    type: request.type,
    ...object,
  };
  if (request.context) message.context = request.context;
  if (request.referral) message.referral = request.referral;

  if (!OPENS_NO_WINDOW.has(request.type)) recordCustomerMessage(sim.state, phone.id, customer, timestamp * 1000, request.referral !== undefined);
  sim.state.inboundMessages.set(wamid, { phoneNumberId: phone.id, customerId: customer.id });
  // A quick-reply button answering a template: Meta counts it as a click on that template.
  if (request.type === "button" && request.context?.id) {
    const button = (object as { button?: { text?: unknown } }).button;
    recordTemplateButtonReply(sim, { contextId: request.context.id, text: typeof button?.text === "string" ? button.text : "" });
  }

  const target = messageTarget(sim, phone);
  const payload = messagesEnvelope(phone, { contacts: [customerContact(customer)], messages: [message] });
  const outcome = await sim.webhooks.deliver(target, "messages", payload);
  return { wamid, outcome, destination: target.url };
}
