"use client";

import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import type { WebhookEventType } from "@/lib/outbound-webhooks/event-types";

/** Each event type's one-line explanation in the catalog (an event's name has dots, a key cannot). */
export const EVENT_EXPLANATION_KEYS = {
  "message.received": "messageReceived",
  "message.status": "messageStatus",
  "conversation.assigned": "conversationAssigned",
  "conversation.resolved": "conversationResolved",
  "contact.opted_out": "contactOptedOut",
  "contact.opted_in": "contactOptedIn",
  "campaign.started": "campaignStarted",
  "campaign.finished": "campaignFinished",
} as const satisfies Record<WebhookEventType, string>;

/**
 * An endpoint's events as badges, by their names: they are what the receiving system's code matches on,
 * so they are shown as sent, in every language.
 */
export function EventBadges({ events, label }: { events: readonly string[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {events.map((event) => (
        <li key={event}>
          <Badge variant="outline" className="font-mono font-normal" dir="ltr">
            {event}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** What an event type means, in the reader's words (an unknown type, such as `webhook.test`, has none). */
export function useEventExplanation(): (event: string) => string | undefined {
  const t = useTranslations("outboundWebhooks.events");
  return (event) => (event in EVENT_EXPLANATION_KEYS ? t(EVENT_EXPLANATION_KEYS[event as WebhookEventType]) : undefined);
}
