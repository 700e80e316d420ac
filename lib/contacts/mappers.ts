/** Contacts' rows as the views the screens, the panel and the API read (one mapping for the list and the record). */
import type { ContactListRow } from "@/db/queries/contact-list";
import { SERVICE_WINDOW_MS } from "@/lib/whatsapp/service-window";

import { CONSENT_SOURCES, TAG_COLOURS, type AttributeValue, type ConsentSource, type ContactListItem, type TagChip, type TagColour } from "./views";

export const tagColour = (colour: string): TagColour => ((TAG_COLOURS as readonly string[]).includes(colour) ? (colour as TagColour) : "gray");

export function tagChip(tag: { id: string; name: string; colour: string }): TagChip {
  return { id: tag.id, name: tag.name, colour: tagColour(tag.colour) };
}

const consentSource = (value: string | null): ConsentSource | null =>
  value !== null && (CONSENT_SOURCES as readonly string[]).includes(value) ? (value as ConsentSource) : null;

/** When the 24-hour window of the latest inbound message closes; null once it has closed (or never opened). */
export function windowClosesAt(lastInboundAt: Date | null, now: Date): string | null {
  if (!lastInboundAt) return null;
  const closes = lastInboundAt.getTime() + SERVICE_WINDOW_MS;
  return closes > now.getTime() ? new Date(closes).toISOString() : null;
}

/** A contact's row and its tags as the list (and the API) shows it; `now` decides whether its latest window is still open. */
export function contactListItemOf(
  row: Omit<ContactListRow, "sortKey" | "waId">,
  tags: ReadonlyArray<{ id: string; name: string; colour: string }>,
  now: Date,
): ContactListItem {
  return {
    id: row.id,
    name: row.displayName ?? row.profileName ?? null,
    displayName: row.displayName,
    profileName: row.profileName,
    phoneNumber: row.phoneNumber,
    userId: row.userId,
    username: row.username,
    tags: tags.map(tagChip),
    attributes: { ...(row.attributes as Record<string, AttributeValue>) },
    consent: { state: row.consent, source: consentSource(row.consentSource), at: row.consentAt?.toISOString() ?? null },
    lastMessageAt: row.lastMessageAt?.toISOString() ?? null,
    lastInboundAt: row.lastInboundAt?.toISOString() ?? null,
    windowClosesAt: windowClosesAt(row.lastInboundAt, now),
    createdAt: row.createdAt.toISOString(),
  };
}
