/** What the webhooks settings page shows: plain, serialisable views, browser-safe (only types come from the data layer). */
import type { listLinkedWabas } from "@/db/queries/wabas";
import type { WebhookEvent } from "@/db/schema";

/**
 * Whether our callback is registered on a linked WABA: the URL in force there, outdated when it
 * differs from `currentUrl` (after a token rotation or a new APP_URL), and the last delivery seen.
 */
export function wabaRegistrationView(
  waba: Awaited<ReturnType<typeof listLinkedWabas>>[number],
  currentUrl: string,
  lastDeliveryAt: Date | undefined,
) {
  return {
    wabaId: waba.id,
    name: waba.name,
    connectionLabel: waba.connectionLabel,
    registeredUrl: waba.callbackUrl,
    registeredAt: waba.callbackRegisteredAt?.toISOString() ?? null,
    /** The URL registered differs from the one in force now (after a token rotation or a new APP_URL). */
    outdated: waba.callbackUrl !== null && waba.callbackUrl !== currentUrl,
    error: waba.callbackError,
    lastDeliveryAt: lastDeliveryAt?.toISOString() ?? null,
  };
}

export type WabaRegistrationView = ReturnType<typeof wabaRegistrationView>;

/** A stored delivery as the deliveries table lists it: what it held and how it went, not its raw body. */
export function webhookDeliveryView(event: WebhookEvent) {
  return {
    id: event.id,
    receivedAt: event.receivedAt.toISOString(),
    authenticatedBy: event.authenticatedBy,
    processed: event.processedAt !== null,
    error: event.error,
    summary: event.summary ?? null,
    /** Items not applied, each with where it is in the delivery and why. */
    problems: event.problems ?? [],
    size: event.body.length,
  };
}

export type WebhookDeliveryView = ReturnType<typeof webhookDeliveryView>;
