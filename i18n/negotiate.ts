/**
 * How a language is chosen for a request, on the server: a user's own setting wins; before they have
 * one (or before they sign in), the browser's Accept-Language decides; English when nothing matches.
 * Apart from i18n/locales.ts so that browsers never download the header parser.
 */
import "server-only";

import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";

import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locales";

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
