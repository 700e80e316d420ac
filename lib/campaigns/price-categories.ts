/** Per-message pricing categories, as status webhooks name them (browser-safe: the price table's editor uses them too). */
export const PRICE_CATEGORIES = [
  "marketing",
  "marketing_lite",
  "utility",
  "authentication",
  "authentication_international",
  "service",
  "referral_conversion",
] as const;
export type PriceCategory = (typeof PRICE_CATEGORIES)[number];
