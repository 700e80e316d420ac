import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import type { MessagePricing } from "@/lib/inbox/views";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

import { pricingLabel as labelIn, type PricingTranslate } from "./pricing-label";

const english = createTranslator({ locale: "en", messages: en, namespace: "conversation.pricing" }) as PricingTranslate;
const pricingLabel = (pricing: MessagePricing | null) => labelIn(pricing, english);

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

describe("pricingLabel in other languages", () => {
  it("names the category and the cost in the reader's words", () => {
    const chinese = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "conversation.pricing" }) as PricingTranslate;
    const arabic = createTranslator({ locale: "ar", messages: ar, namespace: "conversation.pricing" }) as PricingTranslate;
    expect(labelIn({ category: "marketing", billable: true }, chinese)).toBe("营销 · 已计费");
    expect(labelIn({ category: "utility", type: "free_customer_service", billable: false }, arabic)).toBe("خدمية · مجانية (نافذة الـ24 ساعة)");
  });
});
