import { z } from "zod";
import { webhookError } from "./errors";
import type { JsonRecord } from "./http";
import { isRecord } from "./http";
import { sha256Hex } from "./ids";
import { mediaSample } from "./media-samples";
import { ID_BASE } from "./seed";
import type { Simulator } from "./sim";
import type { MediaObject } from "./state";
import { normaliseWaId, serviceWindowKey } from "./state";
import { messagesEnvelope } from "./webhooks/payloads";
import { messageTarget } from "./webhooks/routing";
import type { DeliveryOutcome } from "./webhooks/sender";

export const INBOUND_TYPES = [
  "text", "image", "video", "audio", "document", "sticker", "location", "contacts", "interactive",
  "button", "reaction", "order", "system", "unsupported",
] as const;
const MEDIA_TYPES = new Set(["image", "video", "audio", "document", "sticker"]);
const INBOUND_MEDIA_TTL_MS = 7 * 24 * 3600 * 1000;

export const inboundSchema = z.looseObject({
  phone_number_id: z.string().min(1),
  from: z.string().regex(/^\+?[\d\s-]{7,20}$/, "from must be the customer's number in international format"),
  name: z.string().min(1).optional(),
  timestamp: z.union([z.string().regex(/^\d+$/), z.number().int()]).optional(),
  type: z.enum(INBOUND_TYPES),
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional() }).optional(),
  referral: z.record(z.string(), z.unknown()).optional(),
});

export type InboundRequest = z.infer<typeof inboundSchema>;

export class InboundError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
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

/** `POST /_sim/inbound`: a customer writes; builds Meta's webhook, opens the service window and delivers it signed. */
export async function receiveInbound(sim: Simulator, request: InboundRequest): Promise<{ wamid: string; outcome: DeliveryOutcome; destination: string | null }> {
  const phone = sim.state.phoneNumbers.get(request.phone_number_id);
  if (!phone) throw new InboundError(404, `Unknown phone_number_id ${request.phone_number_id}`);
  const from = normaliseWaId(request.from);
  const timestamp = request.timestamp === undefined ? sim.clock.nowSeconds() : Number(request.timestamp);
  const wamid = sim.ids.wamid(from, "inbound");
  const message: JsonRecord = { from, id: wamid, timestamp: String(timestamp), type: request.type };
  const given = (request as JsonRecord)[request.type];

  if (request.type === "unsupported") {
    message.errors = [webhookError(131051, "Message type is currently not supported.")];
  } else if (MEDIA_TYPES.has(request.type)) {
    message[request.type] = inboundMedia(sim, request.type, isRecord(given) ? given : {}, phone.id, phone.connectionId);
  } else if (request.type === "contacts") {
    if (!Array.isArray(given) || given.length === 0) throw new InboundError(400, "contacts must be a non-empty array, as in a webhook");
    message.contacts = given;
  } else {
    if (!isRecord(given)) throw new InboundError(400, `The ${request.type} object is required, shaped as in a webhook`);
    if (request.type === "text" && typeof given.body !== "string") throw new InboundError(400, "text.body is required");
    message[request.type] = given;
  }
  if (request.context) message.context = request.context;
  if (request.referral) message.referral = request.referral;

  const known = sim.state.customers.get(from);
  const name = request.name ?? known?.name ?? `Customer ${from.slice(-4)}`;
  sim.state.customers.set(from, { waId: from, name });
  // System notices (number changes and the like) are not written by the customer, so they open no window.
  if (request.type !== "system") {
    const key = serviceWindowKey(phone.id, from);
    sim.state.serviceWindows.set(key, Math.max(sim.state.serviceWindows.get(key) ?? 0, timestamp * 1000));
  }
  sim.state.inboundMessages.set(wamid, { phoneNumberId: phone.id, from });

  const target = messageTarget(sim, phone);
  const payload = messagesEnvelope(phone, { contacts: [{ profile: { name }, wa_id: from }], messages: [message] });
  const outcome = await sim.webhooks.deliver(target, "messages", payload);
  return { wamid, outcome, destination: target.url };
}
