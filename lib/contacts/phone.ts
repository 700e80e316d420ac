/**
 * Phone numbers typed by people or found in a CSV, turned into WhatsApp's form: E.164, stored as its
 * digits without "+" (a contact's `wa_id` and `phone_number`). The full ("max") metadata is used so a
 * number is accepted only when it can exist, not merely when its length fits.
 */
import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from "libphonenumber-js/max";

export type { CountryCode };

export type PhoneProblem = "missing" | "invalid" | "too_short" | "too_long" | "invalid_country";

export type NormalisedPhone = { ok: true; e164: string; digits: string } | { ok: false; reason: PhoneProblem };

/** E.164 allows 15 digits; a trunk prefix ("0") and a little slack are all a real national form adds. */
const MAX_DIGITS = 17;
/** Longer than any way of writing a number (spaces and punctuation included): refused before parsing. */
const MAX_INPUT_LENGTH = 64;

/** What people put between digits: spaces (also non-breaking), dots, dashes, parentheses, slashes. */
const SEPARATORS = /[\s.\-‐-―−()/]/g;

/** Whether a text is an ISO country code the phone metadata knows (for a default-country field). */
export function isCountryCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}

/**
 * A number as WhatsApp knows it, from "+33 6 12 34 56 78", "0033612345678" or, with a default
 * country, the national form "06 12 34 56 78". Letters (vanity numbers, "n/a") are refused rather
 * than read as keypad digits. Without "+"/"00", a number invalid in the default country is tried as
 * international digits too ("33612345678", the form WhatsApp and our exports use).
 */
export function normalisePhone(input: string, defaultCountry?: string): NormalisedPhone {
  const trimmed = input.trim();
  if (trimmed === "") return { ok: false, reason: "missing" };
  if (trimmed.length > MAX_INPUT_LENGTH) return { ok: false, reason: "too_long" };
  if (defaultCountry !== undefined && defaultCountry !== "" && !isCountryCode(defaultCountry)) {
    return { ok: false, reason: "invalid_country" };
  }
  const country = defaultCountry && isCountryCode(defaultCountry) ? defaultCountry : undefined;

  const compact = trimmed.replace(SEPARATORS, "");
  const match = /^(\+|00)?(\d+)$/.exec(compact);
  if (!match) return { ok: false, reason: "invalid" };
  const international = match[1] !== undefined;
  const digits = match[2] ?? "";
  if (digits.length > MAX_DIGITS) return { ok: false, reason: "too_long" };

  if (international) return checked(`+${digits}`, undefined);
  if (country) {
    const national = checked(digits, country);
    if (national.ok || digits.startsWith("0")) return national;
    const asInternational = checked(`+${digits}`, undefined);
    return asInternational.ok ? asInternational : national;
  }
  // No country to read a national form ("06…") with: only complete international digits can be meant.
  if (digits.startsWith("0")) return { ok: false, reason: "invalid_country" };
  return checked(`+${digits}`, undefined);
}

function checked(text: string, country: CountryCode | undefined): NormalisedPhone {
  const parsed = parsePhoneNumberFromString(text, country);
  if (parsed?.isValid()) {
    const e164 = parsed.number;
    return { ok: true, e164, digits: e164.slice(1) };
  }
  switch (validatePhoneNumberLength(text, country)) {
    case "TOO_SHORT":
      return { ok: false, reason: "too_short" };
    case "TOO_LONG":
      return { ok: false, reason: "too_long" };
    case "INVALID_COUNTRY":
      return { ok: false, reason: "invalid_country" };
    default:
      return { ok: false, reason: "invalid" };
  }
}

/** The E.164 form ("+33612345678") of stored digits, for showing and for the API. */
export function e164OfDigits(digits: string): string {
  return `+${digits}`;
}

export interface CountryCallingCode {
  /** ISO 3166-1 alpha-2 ("FR"); the country's name is for the reader's locale (Intl.DisplayNames). */
  code: CountryCode;
  /** Without "+" ("33"). */
  callingCode: string;
}

/** Every country the metadata knows, by ISO code, for a default-country select. */
export const COUNTRY_CODES: readonly CountryCallingCode[] = getCountries()
  .map((code) => ({ code, callingCode: getCountryCallingCode(code) }))
  .sort((a, b) => a.code.localeCompare(b.code));
