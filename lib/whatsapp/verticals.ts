/** Meta's business verticals (the profile's "industry") with the names WhatsApp shows. Browser-safe. */
import { BUSINESS_VERTICALS, type BusinessVertical } from "./profile";

export const VERTICAL_LABELS: Record<BusinessVertical, string> = {
  UNDEFINED: "Not set",
  OTHER: "Other",
  AUTO: "Automotive",
  BEAUTY: "Beauty, spa and salon",
  APPAREL: "Clothing and apparel",
  EDU: "Education",
  ENTERTAIN: "Entertainment",
  EVENT_PLAN: "Event planning and service",
  FINANCE: "Finance and banking",
  GROCERY: "Food and grocery",
  GOVT: "Public service",
  HOTEL: "Hotel and lodging",
  HEALTH: "Medical and health",
  NONPROFIT: "Non-profit",
  PROF_SERVICES: "Professional services",
  RETAIL: "Shopping and retail",
  TRAVEL: "Travel and transportation",
  RESTAURANT: "Restaurant",
  NOT_A_BIZ: "Not a business",
};

/** Every vertical with its readable name, in the order the form lists them (alphabetical, "Other" last). */
export const VERTICAL_OPTIONS: { value: BusinessVertical; label: string }[] = BUSINESS_VERTICALS.filter((value) => value !== "UNDEFINED" && value !== "OTHER")
  .map((value): { value: BusinessVertical; label: string } => ({ value, label: VERTICAL_LABELS[value] }))
  .sort((a, b) => a.label.localeCompare(b.label))
  .concat([{ value: "OTHER", label: VERTICAL_LABELS.OTHER }]);

export function verticalLabel(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  return (VERTICAL_LABELS as Record<string, string>)[value] ?? value;
}
