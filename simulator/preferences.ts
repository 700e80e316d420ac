import { z } from "zod";
import { customerFields, hasIdentity, IDENTITY_REQUIRED, marketingPreferenceKey, rememberCustomer } from "./customers";
import { phoneNumberOrThrow } from "./inbound";
import type { Simulator } from "./sim";
import type { Customer } from "./state";
import { customerContact, customerIds, numberChangeEnvelope } from "./webhooks/payloads";
import { messageTarget } from "./webhooks/routing";
import type { DeliveryOutcome } from "./webhooks/sender";

export const preferencesSchema = z.strictObject({
  phone_number_id: z.string().min(1),
  ...customerFields,
  value: z.enum(["stop", "resume"]),
}).refine(hasIdentity, { message: IDENTITY_REQUIRED, path: ["from"] });

export type PreferencesRequest = z.infer<typeof preferencesSchema>;

const DETAILS = {
  stop: "User requested to stop marketing messages",
  resume: "User requested to resume marketing messages",
} as const;

/**
 * `POST /_sim/preferences`: the customer stops (or resumes) marketing messages from the business. The simulator
 * remembers it per WABA and customer, and announces it with Meta's `user_preferences` webhook.
 */
export async function changeMarketingPreference(sim: Simulator, request: PreferencesRequest): Promise<{ customer: Customer; outcome: DeliveryOutcome; destination: string | null }> {
  const phone = phoneNumberOrThrow(sim, request.phone_number_id);
  const customer = rememberCustomer(sim.state, request);
  sim.state.marketingPreferences.set(marketingPreferenceKey(phone.wabaId, customer.id), request.value);
  const preference = {
    ...customerIds(customer),
    detail: DETAILS[request.value],
    category: "marketing_messages",
    value: request.value,
    timestamp: sim.clock.nowSeconds(),
  };
  // It concerns one customer of one number, so it travels like the number's messages (override, else default).
  const target = messageTarget(sim, phone);
  const payload = numberChangeEnvelope(phone, "user_preferences", { contacts: [customerContact(customer)], user_preferences: [preference] });
  const outcome = await sim.webhooks.deliver(target, "user_preferences", payload);
  return { customer, outcome, destination: target.url };
}
