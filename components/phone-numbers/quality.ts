/** Plain words for a number's quality, tier, throughput and verification, from Meta's codes. Browser-safe. */
import type { useTranslations } from "next-intl";

import { dailyConversationLimit } from "@/lib/whatsapp/phone-numbers";

export type PhoneNumbersTranslator = ReturnType<typeof useTranslations<"phoneNumbers">>;

type Variant = "success" | "warning" | "destructive" | "secondary";

const QUALITY_LEVELS = {
  GREEN: { key: "green", variant: "success" },
  YELLOW: { key: "yellow", variant: "warning" },
  RED: { key: "red", variant: "destructive" },
  UNKNOWN: { key: "unknown", variant: "secondary" },
} as const;

export interface QualityWords {
  label: string;
  meaning: string;
  /** "What high quality means": names the tooltip's button. */
  question: string;
  variant: Variant;
}

/** A quality rating in words; one WhatsApp has not documented goes by its code. */
export function qualityOf(t: PhoneNumbersTranslator, rating: string | null): QualityWords {
  const level = QUALITY_LEVELS[(rating ?? "UNKNOWN") as keyof typeof QUALITY_LEVELS];
  if (level) {
    return {
      label: t(`quality.${level.key}.label`),
      meaning: t(`quality.${level.key}.meaning`),
      question: t(`quality.${level.key}.question`),
      variant: level.variant,
    };
  }
  const code = rating ?? "";
  return { label: code, meaning: t("quality.undocumented"), question: t("quality.otherQuestion", { rating: code.toLowerCase() }), variant: "secondary" };
}

export function tierLabel(t: PhoneNumbersTranslator, tier: string | null): string {
  if (!tier) return "—";
  if (tier === "TIER_UNLIMITED") return t("tiers.unlimited");
  const limit = dailyConversationLimit(tier);
  return limit ? t("tiers.perDay", { limit }) : tier;
}

export function throughputLabel(t: PhoneNumbersTranslator, level: string | null): string {
  if (level === "HIGH") return t("throughput.high");
  if (level === "STANDARD") return t("throughput.standard");
  return level ?? "—";
}

const CODE_VERIFICATION = {
  VERIFIED: { key: "verified", variant: "success" },
  NOT_VERIFIED: { key: "notVerified", variant: "warning" },
  EXPIRED: { key: "expired", variant: "destructive" },
} as const;

const NAME_STATUS = {
  APPROVED: { key: "approved", variant: "success" },
  PENDING_REVIEW: { key: "pendingReview", variant: "warning" },
  DECLINED: { key: "declined", variant: "destructive" },
  NONE: { key: "none", variant: "secondary" },
} as const;

/** A status from Meta in words; an undocumented one as Meta names it. */
export interface StatusWords {
  label: string;
  variant: Variant;
}

export function codeVerificationOf(t: PhoneNumbersTranslator, status: string): StatusWords {
  const known = CODE_VERIFICATION[status as keyof typeof CODE_VERIFICATION];
  return known ? { label: t(`codeVerification.${known.key}`), variant: known.variant } : { label: status, variant: "secondary" };
}

export function nameStatusOf(t: PhoneNumbersTranslator, status: string): StatusWords {
  const known = NAME_STATUS[status as keyof typeof NAME_STATUS];
  return known ? { label: t(`nameStatus.${known.key}`), variant: known.variant } : { label: status, variant: "secondary" };
}
