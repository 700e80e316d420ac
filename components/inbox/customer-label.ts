import type { CustomerIdentity } from "./types";

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
