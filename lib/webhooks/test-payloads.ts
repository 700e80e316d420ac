/** Webhook deliveries shaped as the contract shows, for tests of the ingest path. */
export const WABA_ID = "102290129340398";
export const PHONE_NUMBER_ID = "106540352242922";
export const DISPLAY_NUMBER = "15550783881";

let sequence = 0;
export function wamid(): string {
  sequence += 1;
  return `wamid.HBgLMTU1NTAxMDAwMDEVAgASGBQzQTdG${String(sequence).padStart(8, "0")}`;
}

export function unix(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}

export function delivery(value: Record<string, unknown>, field = "messages", wabaId = WABA_ID) {
  return { object: "whatsapp_business_account", entry: [{ id: wabaId, changes: [{ field, value }] }] };
}

export function messagesValue(
  parts: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[]; errors?: unknown[] },
  phoneNumberId = PHONE_NUMBER_ID,
) {
  return {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: phoneNumberId },
    ...parts,
  };
}

export function inbound(
  from: string,
  type: string,
  object: unknown,
  options: { at?: Date; id?: string; name?: string; extra?: Record<string, unknown>; phoneNumberId?: string } = {},
) {
  const message = {
    from,
    id: options.id ?? wamid(),
    timestamp: unix(options.at ?? new Date()),
    type,
    ...(object === undefined ? {} : { [type]: object }),
    ...options.extra,
  };
  return delivery(
    messagesValue(
      { contacts: [{ profile: { name: options.name ?? "Customer" }, wa_id: from }], messages: [message] },
      options.phoneNumberId,
    ),
  );
}

export function status(id: string, state: string, at: Date, extra: Record<string, unknown> = {}) {
  return delivery(
    messagesValue({
      statuses: [
        {
          id,
          status: state,
          timestamp: unix(at),
          recipient_id: "15551234567",
          pricing: { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" },
          ...extra,
        },
      ],
    }),
  );
}
