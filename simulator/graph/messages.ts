import { GraphError, invalidParameter } from "../errors";
import type { JsonRecord, Reply } from "../http";
import { json } from "../http";
import { NOT_ON_WHATSAPP_PREFIX } from "../seed";
import type { MediaObject, PhoneNumber } from "../state";
import { normaliseWaId, SERVICE_WINDOW_MS, serviceWindowKey, templatesOf } from "../state";
import type { ConversationCategory } from "../webhooks/statuses";
import { scheduleDeliveryStatuses, scheduleFailedStatus } from "../webhooks/statuses";
import type { GraphRequest } from "./context";
import { readGraphBody } from "./context";
import { oneOf, requireRecord, requireText } from "./fields";
import type { LinkFailure, MediaResolver } from "./message-rules";
import { validateFreeFormMessage } from "./message-rules";
import { validateTemplateSend } from "./template-send";

function mediaResolver(request: GraphRequest): MediaResolver {
  return (id: string): MediaObject | null => {
    const media = request.sim.state.media.get(id);
    if (!media || media.connectionId !== request.connection.connectionId) return null;
    return media.expiresAt > request.sim.clock.now() ? media : null;
  };
}

function requireMessagingProduct(body: JsonRecord): void {
  if (body.messaging_product === undefined) throw new GraphError(100, { message: "(#100) The parameter messaging_product is required." });
  oneOf(String(body.messaging_product).toLowerCase(), "messaging_product", ["whatsapp"] as const);
}

/** Mark as read: `{"status":"read","message_id"}`. */
function markAsRead(body: JsonRecord): Reply {
  const messageId = requireText(body.message_id, "message_id", 512);
  if (!messageId.startsWith("wamid.")) throw invalidParameter("Param message_id is not a valid WhatsApp message id.");
  return json({ success: true });
}

/** `POST /{phone_number_id}/messages`: validates like the Cloud API, then schedules status webhooks. */
export async function sendMessage(request: GraphRequest, phone: PhoneNumber): Promise<Reply> {
  const { sim } = request;
  const body = await readGraphBody(request);
  requireMessagingProduct(body);
  if (body.status !== undefined) {
    oneOf(body.status, "status", ["read"] as const);
    return markAsRead(body);
  }
  if (body.recipient_type !== undefined) oneOf(body.recipient_type, "recipient_type", ["individual"] as const);
  const to = requireText(body.to, "to", 64);
  const waId = normaliseWaId(to);
  if (!/^\d{7,15}$/.test(waId)) throw invalidParameter(`Param to must be a phone number in international format; got "${to}".`);
  const type = body.type === undefined ? "text" : String(body.type);
  if (body.context !== undefined) {
    const context = requireRecord(body.context, "context");
    requireText(context.message_id, "context['message_id']", 512);
  }

  const resolveMedia = mediaResolver(request);
  let category: ConversationCategory = "service";
  let linkFailure: LinkFailure | null;
  if (type === "template") {
    const result = validateTemplateSend(body, templatesOf(sim.state, phone.wabaId), resolveMedia);
    category = result.template.category.toLowerCase() as ConversationCategory;
    linkFailure = result.linkFailure;
  } else {
    linkFailure = validateFreeFormMessage(type, body, resolveMedia);
    const lastInbound = sim.state.serviceWindows.get(serviceWindowKey(phone.id, waId));
    if (lastInbound === undefined || sim.clock.now() - lastInbound > SERVICE_WINDOW_MS) {
      throw new GraphError(131047, {
        details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      });
    }
  }

  const wamid = sim.ids.wamid(waId, "outbound");
  const outbound = { wamid, phone, recipient: waId, category };
  if (waId.startsWith(NOT_ON_WHATSAPP_PREFIX)) {
    scheduleFailedStatus(sim, outbound, 131026, "Message Undeliverable.");
  } else if (linkFailure) {
    scheduleFailedStatus(sim, outbound, 131053, linkFailure.details);
  } else {
    scheduleDeliveryStatuses(sim, outbound);
  }
  const message: JsonRecord = { id: wamid };
  if (type === "template") message.message_status = "accepted";
  return json({ messaging_product: "whatsapp", contacts: [{ input: to, wa_id: waId }], messages: [message] });
}
