/**
 * The dashboard's languages and how one is chosen for a request. Browser-safe.
 * A user's own setting wins; before they have one (or before they sign in), the browser's
 * Accept-Language decides; English when nothing matches.
 */
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

export const LOCALES = ["en", "zh-CN", "es", "pt-BR", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language in its own words, as the language picker lists it (never translated). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  "zh-CN": "简体中文",
  es: "Español",
  "pt-BR": "Português (Brasil)",
  ar: "العربية",
};

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set<Locale>(["ar"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): "ltr" | "rtl" {
  return RIGHT_TO_LEFT.has(locale) ? "rtl" : "ltr";
}

/**
 * The best of our languages for an Accept-Language header: "es-MX" is Español, "pt-PT" Português
 * (Brasil), "zh" 简体中文, "ar-EG" العربية; English when none fits.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  // Each tag on its own: one malformed entry ("ar_EG", "-") must not throw away the ones after it.
  const requested = new Negotiator({ headers: { "accept-language": acceptLanguage } })
    .languages()
    .flatMap((tag) => {
      try {
        return Intl.getCanonicalLocales(tag);
      } catch {
        return [];
      }
    });
  if (requested.length === 0) return DEFAULT_LOCALE;
  const matched = match(requested, LOCALES, DEFAULT_LOCALE);
  return isLocale(matched) ? matched : DEFAULT_LOCALE;
}

/** The time zone used before a user picks one and before their browser has told us theirs. */
export const DEFAULT_TIME_ZONE = "UTC";

/** An IANA time zone this runtime knows ("Europe/Madrid", "UTC"). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The cookie through which the browser tells the server its time zone (see components/i18n/time-zone-cookie.tsx). */
export const TIME_ZONE_COOKIE = "tz";
