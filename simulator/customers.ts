import { z } from "zod";
import type { Customer, ServiceWindow, SimState } from "./state";
import { normaliseWaId, SERVICE_WINDOW_MS } from "./state";

/** A business-scoped user id (usernames, 2026): two uppercase letters, a dot, up to 128 alphanumerics or dots. */
export const USER_ID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9.]{1,128}$/;

/** A click-to-WhatsApp referral makes the customer's thread a free entry point for 72 hours. */
export const FREE_ENTRY_POINT_MS = 72 * 60 * 60 * 1000;

export function isUserId(value: string): boolean {
  return USER_ID_PATTERN.test(value);
}

/** The fields a control call uses to name a customer: a number, a user id, or both (see `hasIdentity`). */
export const customerFields = {
  from: z.string().regex(/^\+?[\d\s-]{7,20}$/, "from must be the customer's number in international format").optional(),
  user_id: z.string().regex(USER_ID_PATTERN, "user_id must be a business-scoped user id: two uppercase letters, a dot, then up to 128 letters, digits or dots (US.13491208655302741918)").optional(),
  username: z.string().regex(/^@?[A-Za-z0-9._]{1,64}$/, "username must be a WhatsApp username such as @maria.lopez or maria.lopez").optional(),
  name: z.string().min(1).optional(),
};

export const IDENTITY_REQUIRED = "from or user_id is required: the customer's number, business-scoped user id, or both";

export function hasIdentity(request: { from?: string; user_id?: string }): boolean {
  return request.from !== undefined || request.user_id !== undefined;
}

export interface CustomerIdentity {
  waId?: string | null;
  userId?: string | null;
}

/** The customer known by this user id or number; the user id is tried first, as it names the customer without a number. */
export function findCustomer(state: SimState, identity: CustomerIdentity): Customer | undefined {
  const customers = [...state.customers.values()];
  const byUserId = identity.userId ? customers.find((customer) => customer.userId === identity.userId) : undefined;
  return byUserId ?? (identity.waId ? customers.find((customer) => customer.waId === identity.waId) : undefined);
}

/** Finds the customer a control call names, or records a new one; identities and names learned on the way are kept. */
export function rememberCustomer(state: SimState, request: { from?: string; user_id?: string; username?: string; name?: string }): Customer {
  const waId = request.from === undefined ? null : normaliseWaId(request.from);
  const userId = request.user_id ?? null;
  const known = findCustomer(state, { waId, userId });
  const customer: Customer = known ?? { id: waId ?? userId ?? "", waId, userId, username: null, name: "" };
  customer.waId = waId ?? customer.waId;
  customer.userId = userId ?? customer.userId;
  customer.username = request.username ?? customer.username;
  customer.name = request.name ?? (customer.name || defaultName(customer));
  state.customers.set(customer.id, customer);
  return customer;
}

function defaultName(customer: Customer): string {
  if (customer.username) return customer.username.replace(/^@/, "");
  return `Customer ${(customer.waId ?? customer.userId ?? "").slice(-4)}`;
}

export function serviceWindowKey(phoneNumberId: string, customerId: string): string {
  return `${phoneNumberId}:${customerId}`;
}

export function serviceWindowOf(state: SimState, phoneNumberId: string, customer: Customer | undefined): ServiceWindow | undefined {
  return customer ? state.serviceWindows.get(serviceWindowKey(phoneNumberId, customer.id)) : undefined;
}

export function isWindowOpen(window: ServiceWindow | undefined, now: number): boolean {
  return window !== undefined && now - window.lastInboundAt <= SERVICE_WINDOW_MS;
}

/** A message the customer wrote: (re)opens the 24-hour window, and a referral starts a free entry point. */
export function recordCustomerMessage(state: SimState, phoneNumberId: string, customer: Customer, at: number, referral: boolean): void {
  const key = serviceWindowKey(phoneNumberId, customer.id);
  const window = state.serviceWindows.get(key) ?? { phoneNumberId, customerId: customer.id, lastInboundAt: 0, referralAt: null };
  window.lastInboundAt = Math.max(window.lastInboundAt, at);
  if (referral) window.referralAt = Math.max(window.referralAt ?? 0, at);
  state.serviceWindows.set(key, window);
}

/** Marketing preferences are the business's to respect: one per WABA and customer. */
export function marketingPreferenceKey(wabaId: string, customerId: string): string {
  return `${wabaId}:${customerId}`;
}
