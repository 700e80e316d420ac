import type { PhoneNumber, Template } from "../state";
import { displayDigits } from "../state";

export interface MessagesValue {
  contacts?: unknown[];
  messages?: unknown[];
  statuses?: unknown[];
  errors?: unknown[];
}

/** The `messages` change for one business number, in the envelope Meta posts. */
export function messagesEnvelope(phone: PhoneNumber, value: MessagesValue): Record<string, unknown> {
  return {
    object: "whatsapp_business_account",
    entry: [{
      id: phone.wabaId,
      changes: [{
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: displayDigits(phone.displayPhoneNumber), phone_number_id: phone.id },
          ...value,
        },
      }],
    }],
  };
}

/** `message_template_status_update`; Meta sends the template id as a number. */
export function templateStatusEnvelope(template: Template, event: string, reason: string | null, nowSeconds: number): Record<string, unknown> {
  return {
    object: "whatsapp_business_account",
    entry: [{
      id: template.wabaId,
      time: nowSeconds,
      changes: [{
        field: "message_template_status_update",
        value: {
          event,
          message_template_id: Number(template.id),
          message_template_name: template.name,
          message_template_language: template.language,
          reason: reason ?? "NONE",
        },
      }],
    }],
  };
}
