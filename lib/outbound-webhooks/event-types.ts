/** The events an endpoint may subscribe to (browser-safe: forms may list them). */
export const WEBHOOK_EVENT_TYPES = [
  "message.received",
  "message.status",
  "conversation.assigned",
  "conversation.resolved",
  "contact.opted_out",
  "contact.opted_in",
  "campaign.started",
  "campaign.finished",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
