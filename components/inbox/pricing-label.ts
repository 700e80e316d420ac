import type { MessagePricing } from "@/lib/inbox/views";

/** Why WhatsApp did not charge, by pricing type. */
const FREE_REASONS: Record<string, string> = {
  free_customer_service: "customer service window",
  free_entry_point: "ad entry point",
};

/** "referral_conversion" → "Referral conversion". */
function categoryName(category: string): string {
  const words = category.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What a message cost, in a few words: "Marketing · charged", "Utility · free (customer service
 * window)". `billable` decides when present, else the type (`free_…` types are free). Service
 * messages are always free, so their reason is left out. Null when nothing is known.
 */
export function pricingLabel(pricing: MessagePricing | null | undefined): string | null {
  if (!pricing) return null;
  const type = pricing.type?.toLowerCase();
  const category = pricing.category?.trim() ? categoryName(pricing.category) : undefined;
  const charged = pricing.billable ?? (type ? !type.startsWith("free") : undefined);
  let cost: string | undefined;
  if (charged === true) cost = "charged";
  if (charged === false) {
    const reason = type?.startsWith("free") && category !== "Service" ? (FREE_REASONS[type] ?? categoryName(type.replace(/^free_?/, "")).toLowerCase()) : "";
    cost = reason ? `free (${reason})` : "free";
  }
  const label = [category, cost].filter(Boolean).join(" · ");
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : null;
}
