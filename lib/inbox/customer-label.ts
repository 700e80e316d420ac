/** How the inbox names a customer. Pure and browser-safe: used by the inbox and the media library alike. */

/**
 * Who the customer is, as WhatsApp last reported it: a number, a business-scoped user id, or both,
 * and maybe a username. `waId` is only the key (the number or the user id at first contact): never
 * show it as a number. Name them with `customerLabel`.
 */
export interface CustomerIdentity {
  waId: string;
  customerName: string | null;
  customerPhone: string | null;
  customerUserId: string | null;
  customerUsername: string | null;
}

/** A number as WhatsApp reports it (digits only), written the international way. */
export function formatPhone(phone: string): string {
  return `+${phone}`;
}

export function formatUsername(username: string): string {
  return `@${username.replace(/^@/, "")}`;
}

/**
 * What the inbox calls a customer, everywhere: their profile name, else @username, else +number,
 * else their user id. `waId` is a last resort only, shown as is (it may be a user id, not a number).
 */
export function customerLabel(customer: CustomerIdentity): string {
  const name = customer.customerName?.trim();
  if (name) return name;
  if (customer.customerUsername) return formatUsername(customer.customerUsername);
  if (customer.customerPhone) return formatPhone(customer.customerPhone);
  return customer.customerUserId ?? customer.waId;
}

/** The avatar's letter: the label's first character, past a leading "@" or "+". */
export function customerInitial(customer: CustomerIdentity): string {
  const [first] = Array.from(customerLabel(customer).replace(/^[@+]/, ""));
  return (first ?? "?").toUpperCase();
}

/** How to reach them besides their name: @username and +number, each when known. */
export function customerHandles(customer: CustomerIdentity): string[] {
  return [
    customer.customerUsername ? formatUsername(customer.customerUsername) : undefined,
    customer.customerPhone ? formatPhone(customer.customerPhone) : undefined,
  ].filter((handle): handle is string => handle !== undefined);
}
