/**
 * The dashboard's languages. Browser-safe. How one is chosen for a request is server-side:
 * i18n/negotiate.ts.
 */
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
