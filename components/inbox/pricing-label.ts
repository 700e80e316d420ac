import type { useTranslations } from "next-intl";

import type { MessagePricing } from "@/lib/inbox/views";

/** A translator of `conversation.pricing` (`useTranslations("conversation.pricing")`). */
export type PricingTranslate = ReturnType<typeof useTranslations<"conversation.pricing">>;

/** "referral_conversion" → "Referral conversion": how a category or reason WhatsApp adds later is named until the catalogs know it. */
function plainWords(value: string): string {
  const words = value.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What a message cost, in a few words: "Marketing · charged", "Utility · free (customer service
 * window)". `billable` decides when present, else the type (`free_…` types are free). Service
 * messages are always free, so their reason is left out. Null when nothing is known.
 */
export function pricingLabel(pricing: MessagePricing | null | undefined, t: PricingTranslate): string | null {
  if (!pricing) return null;
  const type = pricing.type?.toLowerCase();
  const category = pricing.category?.trim() ? pricing.category.trim().toLowerCase() : undefined;
  const charged = pricing.billable ?? (type ? !type.startsWith("free") : undefined);
  const alone = category === undefined;
  let cost: string | undefined;
  if (charged === true) cost = alone ? t("chargedAlone") : t("charged");
  if (charged === false) {
    const reason =
      type?.startsWith("free") && category !== "service" ? t("reason", { type, name: plainWords(type.replace(/^free_?/, "")).toLowerCase() }) : "";
    if (reason) cost = alone ? t("freeBecauseAlone", { reason }) : t("freeBecause", { reason });
    else cost = alone ? t("freeAlone") : t("free");
  }
  const categoryWords = category === undefined ? undefined : t("category", { category, name: plainWords(category) });
  if (categoryWords && cost) return t("label", { category: categoryWords, cost });
  return categoryWords ?? cost ?? null;
}
