/** How the inbox names a customer. Pure and browser-safe: used by the inbox and the media library alike. */

/**
 * Who the customer is, as WhatsApp last reported it: a number, a business-scoped user id, or both,
 * and maybe a username; and the team's own name for them (the contact's display name), when given.
 * `waId` is only the key (the number or the user id at first contact): never show it as a number.
 * Name them with `customerLabel`.
 */
export interface CustomerIdentity {
  waId: string;
  customerName: string | null;
  customerDisplayName?: string | null;
  customerPhone: string | null;
  customerUserId: string | null;
  customerUsername: string | null;
}

/**
 * A deleted contact's conversations stay, under an anonymised contact whose key starts so
 * (`deleted:<uuid>`, with no number, ids or names).
 */
export const DELETED_CUSTOMER_KEY_PREFIX = "deleted:";

export function isDeletedCustomer(customer: Pick<CustomerIdentity, "waId">): boolean {
  return customer.waId.startsWith(DELETED_CUSTOMER_KEY_PREFIX);
}

/** The words the label needs from the catalog: `useTranslations("common")` (or `getTranslations("common")`) passes as is. */
export type CustomerLabelTranslator = (key: "deletedContact") => string;

/** A number as WhatsApp reports it (digits only), written the international way. */
export function formatPhone(phone: string): string {
  return `+${phone}`;
}

export function formatUsername(username: string): string {
  return `@${username.replace(/^@/, "")}`;
}

/**
 * What the inbox calls a customer, everywhere: the team's name for them, else their profile name,
 * else @username, else +number, else their user id. `waId` is a last resort only, shown as is (it may
 * be a user id, not a number). A deleted contact is "Deleted contact" in the reader's words (`t`).
 */
export function customerLabel(customer: CustomerIdentity, t: CustomerLabelTranslator): string {
  if (isDeletedCustomer(customer)) return t("deletedContact");
  const name = customer.customerDisplayName?.trim() || customer.customerName?.trim();
  if (name) return name;
  if (customer.customerUsername) return formatUsername(customer.customerUsername);
  if (customer.customerPhone) return formatPhone(customer.customerPhone);
  return customer.customerUserId ?? customer.waId;
}

/** The avatar's letter: the label's first character, past a leading "@" or "+". */
export function customerInitial(customer: CustomerIdentity, t: CustomerLabelTranslator): string {
  const [first] = Array.from(customerLabel(customer, t).replace(/^[@+]/, ""));
  return (first ?? "?").toUpperCase();
}

/** How to reach them besides their name: @username and +number, each when known. */
export function customerHandles(customer: CustomerIdentity): string[] {
  return [
    customer.customerUsername ? formatUsername(customer.customerUsername) : undefined,
    customer.customerPhone ? formatPhone(customer.customerPhone) : undefined,
  ].filter((handle): handle is string => handle !== undefined);
}
