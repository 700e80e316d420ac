import type { Customer, PhoneNumber, Template } from "../state";
import { displayDigits } from "../state";

export interface MessagesValue {
  contacts?: unknown[];
  messages?: unknown[];
  statuses?: unknown[];
  errors?: unknown[];
}

/** One change for one business number (`messages`, `user_preferences`), in the envelope Meta posts. */
export function numberChangeEnvelope(phone: PhoneNumber, field: string, value: Record<string, unknown>): Record<string, unknown> {
  return {
    object: "whatsapp_business_account",
    entry: [{
      id: phone.wabaId,
      changes: [{
        field,
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: displayDigits(phone.displayPhoneNumber), phone_number_id: phone.id },
          ...value,
        },
      }],
    }],
  };
}

/** The `messages` change for one business number. */
export function messagesEnvelope(phone: PhoneNumber, value: MessagesValue): Record<string, unknown> {
  return numberChangeEnvelope(phone, "messages", { ...value });
}

/** `contacts[]` item: wa_id only when the number is known, user_id when known, the username inside the profile. */
export function customerContact(customer: Customer): Record<string, unknown> {
  return {
    profile: { name: customer.name, ...(customer.username ? { username: customer.username } : {}) },
    ...(customer.waId ? { wa_id: customer.waId } : {}),
    ...(customer.userId ? { user_id: customer.userId } : {}),
  };
}

/** The customer's identities as a status or preference names them (`wa_id`, `user_id`), each when known. */
export function customerIds(customer: Customer): Record<string, string> {
  return { ...(customer.waId ? { wa_id: customer.waId } : {}), ...(customer.userId ? { user_id: customer.userId } : {}) };
}

/** `message_template_status_update`; Meta sends the template id as a number and "NONE" for no reason. */
export function templateStatusEnvelope(template: Template, event: string, reason: string | null, nowSeconds: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
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
          message_template_category: template.category,
          ...extra,
        },
      }],
    }],
  };
}
