import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";
import { WEBHOOK_EVENT_TYPES } from "@/lib/outbound-webhooks/event-types";

/** The events an endpoint can subscribe to, in the order the form offers them (browser-safe, as the form loads this schema). */
export const OUTBOUND_EVENT_TYPES = WEBHOOK_EVENT_TYPES;

export const ENDPOINT_URL_MAX = 2048;
export const ENDPOINT_DESCRIPTION_MAX = 500;

/** The statuses a delivery can be in, for the deliveries' filter. */
export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return typeof value === "string" && (DELIVERY_STATUSES as readonly string[]).includes(value);
}

// Only the URL's shape is checked here: whether http is allowed and where the host points is the service's rule.
const endpointUrl = z
  .string()
  .trim()
  .max(ENDPOINT_URL_MAX, invalid("outboundWebhooks.endpoint.form.urlTooLong"))
  .pipe(z.url({ protocol: /^https?$/, ...invalid("outboundWebhooks.endpoint.form.urlInvalid") }));

const endpointDescription = z.string().trim().max(ENDPOINT_DESCRIPTION_MAX, invalid("outboundWebhooks.endpoint.form.descriptionTooLong"));

const endpointEvents = z
  .array(z.enum(OUTBOUND_EVENT_TYPES, invalid("outboundWebhooks.endpoint.form.eventUnknown")))
  .min(1, invalid("outboundWebhooks.endpoint.form.eventsRequired"))
  .transform((events) => [...new Set(events)]);

const endpointId = z.uuid(invalid("outboundWebhooks.endpoint.form.pickEndpoint"));

export const createEndpointSchema = z.object({
  url: endpointUrl,
  description: endpointDescription.default(""),
  events: endpointEvents,
});
/** What the add and edit forms hold (the edit form sends every field). */
export type EndpointFormValues = z.input<typeof createEndpointSchema>;

/** A change to an endpoint: only the fields given change; `enabled` turns it off or on again (a re-enable after failing too). */
export const updateEndpointSchema = z.object({
  id: endpointId,
  url: endpointUrl.optional(),
  description: endpointDescription.optional(),
  events: endpointEvents.optional(),
  enabled: z.boolean().optional(),
});

export const endpointIdSchema = z.object({ id: endpointId });

export const replayDeliverySchema = z.object({
  deliveryId: z.string().trim().min(1, invalid("outboundWebhooks.deliveries.replay.pickDelivery")).max(200),
});
