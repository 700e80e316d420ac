/**
 * Turns webhook deliveries into the records the inbox keeps: inbound messages, status reports,
 * template and quality updates. Pure: no I/O, so every payload shape is unit-tested here.
 */
import type { InboundMessage, MessagesChangeValue, ParsedChange, WebhookError } from "./webhook-types";

export interface InboundRecord {
  wamid: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  from: string;
  profileName: string | undefined;
  sentAt: Date;
  type: string;
  /** Everything WhatsApp sent but the envelope (from, id, timestamp, type): nothing is dropped. */
  content: Record<string, unknown>;
  replyToWamid: string | undefined;
  /** Set when the customer came from a click-to-WhatsApp ad. */
  referral: boolean;
}

export const STATUS_REPORTS = ["sent", "delivered", "read", "failed"] as const;
export type StatusReport = (typeof STATUS_REPORTS)[number];

export interface StatusRecord {
  wamid: string;
  status: StatusReport;
  at: Date;
  recipientId: string;
  errors: WebhookError[] | undefined;
  pricingCategory: string | undefined;
}

export interface DeliveryRecords {
  phoneNumbers: Array<{ id: string; wabaId: string; displayPhoneNumber: string }>;
  contacts: Array<{ waId: string; profileName: string | undefined }>;
  inbound: InboundRecord[];
  statuses: StatusRecord[];
  templateUpdates: Array<{ templateId: string; name: string; language: string; status: string; reason: string | undefined }>;
  qualityUpdates: Array<{ wabaId: string; displayPhoneNumber: string; event: string; currentLimit: string | undefined }>;
  /** Top-level errors and changes the product stores but does not act on. */
  unhandled: number;
}

/** WhatsApp timestamps are unix seconds as strings. */
export function fromUnixSeconds(value: string): Date {
  const seconds = Number(value);
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(Number.NaN);
}

function inboundRecord(message: InboundMessage, value: MessagesChangeValue, wabaId: string): InboundRecord {
  const { from, id, timestamp, type, ...content } = message;
  const profileName = value.contacts?.find((contact) => contact.wa_id === from)?.profile?.name;
  return {
    wamid: id,
    phoneNumberId: value.metadata.phone_number_id,
    displayPhoneNumber: value.metadata.display_phone_number,
    wabaId,
    from,
    profileName,
    sentAt: fromUnixSeconds(timestamp),
    type,
    content,
    replyToWamid: message.context?.id,
    referral: message.referral !== undefined,
  };
}

/** Collects every change of one delivery into records, keeping the order WhatsApp sent them in. */
export function recordsFromChanges(changes: ParsedChange[]): DeliveryRecords {
  const records: DeliveryRecords = {
    phoneNumbers: [],
    contacts: [],
    inbound: [],
    statuses: [],
    templateUpdates: [],
    qualityUpdates: [],
    unhandled: 0,
  };
  for (const change of changes) {
    switch (change.field) {
      case "messages": {
        const { value } = change;
        records.phoneNumbers.push({
          id: value.metadata.phone_number_id,
          wabaId: change.wabaId,
          displayPhoneNumber: value.metadata.display_phone_number,
        });
        for (const contact of value.contacts ?? []) {
          records.contacts.push({ waId: contact.wa_id, profileName: contact.profile?.name });
        }
        for (const message of value.messages ?? []) {
          const record = inboundRecord(message, value, change.wabaId);
          records.inbound.push(record);
          records.contacts.push({ waId: record.from, profileName: record.profileName });
        }
        for (const status of value.statuses ?? []) {
          if (!(STATUS_REPORTS as readonly string[]).includes(status.status)) {
            records.unhandled += 1;
            continue;
          }
          records.statuses.push({
            wamid: status.id,
            status: status.status as StatusReport,
            at: fromUnixSeconds(status.timestamp),
            recipientId: status.recipient_id,
            errors: status.errors,
            pricingCategory: status.pricing?.category,
          });
        }
        records.unhandled += value.errors?.length ?? 0;
        break;
      }
      case "message_template_status_update":
        records.templateUpdates.push({
          templateId: change.value.message_template_id,
          name: change.value.message_template_name,
          language: change.value.message_template_language,
          status: change.value.event,
          reason: change.value.reason ?? undefined,
        });
        break;
      case "phone_number_quality_update":
        records.qualityUpdates.push({
          wabaId: change.wabaId,
          displayPhoneNumber: change.value.display_phone_number,
          event: change.value.event,
          currentLimit: change.value.current_limit,
        });
        break;
      default:
        records.unhandled += 1;
    }
  }
  return records;
}

const MEDIA_LABELS: Record<string, string> = {
  image: "📷 Photo",
  video: "🎥 Video",
  audio: "🎵 Audio",
  document: "📄 Document",
  sticker: "Sticker",
};

/** The one-line summary shown in the conversation list. */
export function messagePreview(type: string, content: Record<string, unknown>): string {
  const part = (content[type] ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  switch (type) {
    case "text":
      return text(part.body);
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      const label = type === "audio" && part.voice === true ? "🎤 Voice message" : MEDIA_LABELS[type];
      const detail = text(part.caption) || (type === "document" ? text(part.filename) : "");
      return detail ? `${label}: ${detail}` : `${label}`;
    }
    case "location":
      return `📍 ${text(part.name) || "Location"}`;
    case "contacts":
      return "👤 Contact card";
    case "interactive": {
      const reply = (part.button_reply ?? part.list_reply) as Record<string, unknown> | undefined;
      return reply ? text(reply.title) : text((part.body as Record<string, unknown> | undefined)?.text) || "Interactive message";
    }
    case "button":
      return text(part.text);
    case "reaction":
      return part.emoji ? `Reacted ${text(part.emoji)}` : "Removed a reaction";
    case "order":
      return "🛒 Order";
    case "template":
      return `Template: ${text(part.name)}`;
    case "system":
      return text(part.body) || "System message";
    default:
      return "Unsupported message";
  }
}
