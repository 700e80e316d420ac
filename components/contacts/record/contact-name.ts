/** How the contact screens name a contact. Pure and browser-safe. */
import { parsePhoneNumberFromString } from "libphonenumber-js/min";

import type { ContactListItem } from "@/lib/contacts/views";
import { formatPhone, formatUsername } from "@/lib/inbox/customer-label";

/** The team's name for them, else their WhatsApp name, else +number, else @username, else their user id. */
export function contactName(contact: Pick<ContactListItem, "displayName" | "profileName" | "phoneNumber" | "username" | "userId">): string {
  const name = contact.displayName?.trim() || contact.profileName?.trim();
  if (name) return name;
  if (contact.phoneNumber) return formatPhone(contact.phoneNumber);
  if (contact.username) return formatUsername(contact.username);
  return contact.userId ?? "";
}

/** A number (digits, as WhatsApp reports it) written the international way with its groups: "+1 415 555 0123". */
export function formatContactPhone(digits: string): string {
  return parsePhoneNumberFromString(`+${digits}`)?.formatInternational() ?? formatPhone(digits);
}
