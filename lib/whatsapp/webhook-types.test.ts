import { describe, expect, it } from "vitest";

import { parseWebhookChanges, webhookPayloadSchema } from "./webhook-types";

const delivery = {
  object: "whatsapp_business_account",
  entry: [
    {
      id: "waba-1",
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "15550000000", phone_number_id: "pn-1" },
            contacts: [{ profile: { name: "Ana" }, wa_id: "15550001111" }],
            messages: [
              { from: "15550001111", id: "wamid.1", timestamp: "1700000000", type: "text", text: { body: "hi" } },
              { from: "15550001111", id: "wamid.2", timestamp: "1700000001", type: "interactive", interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes" } } },
              { from: "15550001111", id: "wamid.3", timestamp: "1700000002", type: "unknown", errors: [{ code: 131051, title: "Message type unknown" }] },
              { from: "15550001111", id: "wamid.4", timestamp: "1700000003", type: "image", image: { id: "m1", mime_type: "image/jpeg", sha256: "x" }, referral: { source_url: "https://ad" } },
            ],
            statuses: [{ id: "wamid.9", status: "read", timestamp: "1700000004", recipient_id: "15550001111", conversation: { id: "c", origin: { type: "service" } } }],
          },
        },
        { field: "message_template_status_update", value: { event: "APPROVED", message_template_id: 123, message_template_name: "t", message_template_language: "en_US", reason: "NONE" } },
        { field: "account_update", value: { event: "VERIFIED_ACCOUNT" } },
        { field: "messages", value: { nonsense: true } },
      ],
    },
  ],
};

describe("webhook payloads", () => {
  it("types every change and keeps what it does not know", () => {
    const changes = parseWebhookChanges(webhookPayloadSchema.parse(delivery));
    expect(changes.map((change) => change.field)).toEqual(["messages", "message_template_status_update", "other", "invalid"]);
    const first = changes[0]!;
    expect(first.field === "messages" && first.value.messages?.map((m) => m.type)).toEqual(["text", "interactive", "unknown", "image"]);
    const template = changes[1]!;
    expect(template.field === "message_template_status_update" && template.value.message_template_id).toBe("123");
  });
});
