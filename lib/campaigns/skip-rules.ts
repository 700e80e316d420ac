/**
 * Who of an audience is not sent to, and why: the first rule that applies, in a fixed order (the
 * counts the marketer sees before sending, and the reasons recorded on skipped recipients). Pure.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

import { normalisePhone } from "@/lib/contacts/phone";

import type { SkipReason } from "./types";

/** A contact as the rules judge it. */
export interface SkipCandidate {
  /** Digits without "+", as stored; null when WhatsApp withheld the number. */
  phoneNumber: string | null;
  /** The contact's key: the number, else the business-scoped user id. */
  waId: string;
  consent: "opted_in" | "unknown" | "opted_out";
  /** The contact already has a conversation on the campaign's business number (a user-id-only customer can be written there). */
  hasConversation: boolean;
  /** The mapping's keys left empty for this contact (lib/campaigns/mapping.ts resolveValues). */
  missing: readonly string[];
}

export interface SkipContext {
  /** The template's category as Graph names it (MARKETING, UTILITY, AUTHENTICATION). */
  category: string;
  /** The addresses of the eligible recipients before this one (see {@link recipientAddress}). */
  earlier: ReadonlySet<string>;
}

export interface SkipDecision {
  reason: SkipReason | null;
  /** The number sent to (digits) when it is one. */
  digits: string | null;
  /** ISO country of the number, for costs. */
  country: string | null;
  /** What makes two recipients the same person for "duplicate": the number, else the contact's key. */
  address: string;
}

export const isMarketing = (category: string) => category.toUpperCase() === "MARKETING";

/** ISO 3166 alpha-2 country of a number's digits; null when it has none. */
export function countryOfDigits(digits: string): string | null {
  return parsePhoneNumberFromString(`+${digits}`)?.country ?? null;
}

/**
 * The rules, first that applies: no_number (no number and no conversation on this business number
 * to write in), invalid_number, opted_out (any category), no_consent (marketing templates need an
 * opt-in; utility and authentication go to unknown consent), duplicate (the same address as an
 * earlier eligible recipient), missing_variable.
 */
export function skipReason(candidate: SkipCandidate, context: SkipContext): SkipDecision {
  let digits: string | null = null;
  let country: string | null = null;
  if (candidate.phoneNumber !== null && candidate.phoneNumber !== "") {
    const normalised = normalisePhone(`+${candidate.phoneNumber}`);
    if (!normalised.ok) return { reason: "invalid_number", digits: null, country: null, address: candidate.phoneNumber };
    digits = normalised.digits;
    country = countryOfDigits(digits);
  } else if (!candidate.hasConversation) {
    return { reason: "no_number", digits: null, country: null, address: candidate.waId };
  }
  const address = digits ?? candidate.waId;
  const decided = (reason: SkipReason | null): SkipDecision => ({ reason, digits, country, address });
  if (candidate.consent === "opted_out") return decided("opted_out");
  if (isMarketing(context.category) && candidate.consent !== "opted_in") return decided("no_consent");
  if (context.earlier.has(address)) return decided("duplicate");
  if (candidate.missing.length > 0) return decided("missing_variable");
  return decided(null);
}

/** Zero of each reason, in the rules' order. */
export function emptySkipCounts(): Record<SkipReason, number> {
  return { no_number: 0, invalid_number: 0, opted_out: 0, no_consent: 0, duplicate: 0, missing_variable: 0 };
}
