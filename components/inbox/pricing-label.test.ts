import { describe, expect, it } from "vitest";

import { pricingLabel } from "./pricing-label";

describe("pricingLabel", () => {
  it("says a billable message was charged", () => {
    expect(pricingLabel({ category: "marketing", billable: true })).toBe("Marketing · charged");
    expect(pricingLabel({ category: "utility", type: "regular", billable: true, pricingModel: "PMP" })).toBe("Utility · charged");
  });

  it("says service messages are free, without a reason (they always are)", () => {
    expect(pricingLabel({ category: "service", type: "free_customer_service" })).toBe("Service · free");
    expect(pricingLabel({ category: "service", type: "free_customer_service", billable: false })).toBe("Service · free");
  });

  it("gives the reason a template was free", () => {
    expect(pricingLabel({ category: "utility", type: "free_customer_service", billable: false })).toBe("Utility · free (customer service window)");
    expect(pricingLabel({ category: "marketing", type: "free_entry_point", billable: false })).toBe("Marketing · free (ad entry point)");
    expect(pricingLabel({ category: "referral_conversion", type: "free_entry_point", billable: false })).toBe("Referral conversion · free (ad entry point)");
  });

  it("reads the type when billable is missing", () => {
    expect(pricingLabel({ category: "authentication", type: "regular" })).toBe("Authentication · charged");
    expect(pricingLabel({ category: "marketing", type: "free_entry_point" })).toBe("Marketing · free (ad entry point)");
  });

  it("lets billable decide over the type", () => {
    expect(pricingLabel({ category: "utility", type: "regular", billable: false })).toBe("Utility · free");
  });

  it("names an unknown free type in plain words", () => {
    expect(pricingLabel({ category: "utility", type: "free_tier_promo", billable: false })).toBe("Utility · free (tier promo)");
  });

  it("shows what is known, and nothing when nothing is", () => {
    expect(pricingLabel({ category: "marketing" })).toBe("Marketing");
    expect(pricingLabel({ billable: true })).toBe("Charged");
    expect(pricingLabel({})).toBeNull();
    expect(pricingLabel(null)).toBeNull();
  });
});
