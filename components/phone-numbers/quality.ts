/** Plain words for a number's quality, tier, throughput and verification. Browser-safe. */
import { dailyConversationLimit } from "@/lib/whatsapp/phone-numbers";

export const QUALITY_MEANINGS: Record<string, { label: string; meaning: string; variant: "success" | "warning" | "destructive" | "secondary" }> = {
  GREEN: { label: "High", meaning: "Customers are happy with your messages. Your messaging limit can grow.", variant: "success" },
  YELLOW: { label: "Medium", meaning: "Some customers blocked or reported your messages recently. Improve quality before it drops to low.", variant: "warning" },
  RED: { label: "Low", meaning: "Many customers blocked or reported your messages. The messaging limit may be lowered: review what you send.", variant: "destructive" },
  UNKNOWN: { label: "Unknown", meaning: "Quality has not been rated yet (new or little-used number).", variant: "secondary" },
};

export function qualityOf(rating: string | null) {
  return QUALITY_MEANINGS[rating ?? "UNKNOWN"] ?? { label: rating ?? "Unknown", meaning: "A rating WhatsApp has not documented yet.", variant: "secondary" as const };
}

export function tierLabel(tier: string | null): string {
  if (!tier) return "—";
  if (tier === "TIER_UNLIMITED") return "Unlimited";
  const limit = dailyConversationLimit(tier);
  return limit ? `${limit.toLocaleString("en-US")} customers / 24 h` : tier;
}

export function throughputLabel(level: string | null): string {
  if (level === "HIGH") return "High (up to 1,000 msg/s)";
  if (level === "STANDARD") return "Standard (about 80 msg/s)";
  return level ?? "—";
}

export const CODE_VERIFICATION_LABELS: Record<string, { label: string; variant: "success" | "warning" | "destructive" }> = {
  VERIFIED: { label: "Verified", variant: "success" },
  NOT_VERIFIED: { label: "Not verified", variant: "warning" },
  EXPIRED: { label: "Expired", variant: "destructive" },
};

export const NAME_STATUS_LABELS: Record<string, { label: string; variant: "success" | "warning" | "destructive" | "secondary" }> = {
  APPROVED: { label: "Approved", variant: "success" },
  PENDING_REVIEW: { label: "In review", variant: "warning" },
  DECLINED: { label: "Declined", variant: "destructive" },
  NONE: { label: "Not submitted", variant: "secondary" },
};
