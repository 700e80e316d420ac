import { FREE_ENTRY_POINT_MS, isWindowOpen } from "../customers";
import type { ServiceWindow } from "../state";

/** What a send is priced as: free-form messages are service, templates their category. */
export type MessageCategory = "service" | "marketing" | "utility" | "authentication";

/** A status's `pricing` under per-message pricing (PMP, since 1 July 2025); no `conversation` object any more. */
export interface Pricing {
  billable: boolean;
  pricing_model: "PMP";
  type: "regular" | "free_customer_service" | "free_entry_point";
  category: MessageCategory | "referral_conversion";
}

/**
 * Meta's rules at send time: inside a free entry point (a click-to-WhatsApp referral under 72 h old) everything is
 * free; inside the 24-hour window service and utility messages are free; anything else is billed.
 */
export function priceMessage(category: MessageCategory, window: ServiceWindow | undefined, now: number): Pricing {
  if (window?.referralAt != null && now - window.referralAt < FREE_ENTRY_POINT_MS) {
    return { billable: false, pricing_model: "PMP", type: "free_entry_point", category: "referral_conversion" };
  }
  if (isWindowOpen(window, now) && (category === "service" || category === "utility")) {
    return { billable: false, pricing_model: "PMP", type: "free_customer_service", category };
  }
  return { billable: true, pricing_model: "PMP", type: "regular", category };
}
