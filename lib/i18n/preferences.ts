import "server-only";

import { cookies, headers } from "next/headers";
import { cache } from "react";

import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, isLocale, isTimeZone, TIME_ZONE_COOKIE, type Locale } from "@/i18n/locales";
import { negotiateLocale } from "@/i18n/negotiate";
import { currentUser } from "@/lib/auth/session";

export interface RequestPreferences {
  locale: Locale;
  timeZone: string;
}

/**
 * The language and time zone of this request, once per request: the signed-in user's settings;
 * else the browser's Accept-Language and the time zone it reported (a cookie); else English and UTC.
 * Outside a request (a script, a test) English and UTC.
 */
export const requestPreferences = cache(async (): Promise<RequestPreferences> => {
  let acceptLanguage: string | null;
  let browserTimeZone: string | undefined;
  try {
    acceptLanguage = (await headers()).get("accept-language");
    browserTimeZone = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  } catch {
    return { locale: DEFAULT_LOCALE, timeZone: DEFAULT_TIME_ZONE };
  }
  const user = await currentUser().catch(() => null);
  const locale = isLocale(user?.locale) ? user.locale : negotiated(acceptLanguage);
  const timeZone = knownTimeZone(user?.timeZone) ? user.timeZone : knownTimeZone(browserTimeZone) ? browserTimeZone : DEFAULT_TIME_ZONE;
  return { locale, timeZone };
});

/**
 * The answers for the few Accept-Language headers and time zones a dashboard's browsers send, kept:
 * matching a header (~50 µs) and trying a time zone (~100 µs, an Intl.DateTimeFormat) ran on every
 * request for the same values. Bounded, in case of many different ones.
 */
const MAX_REMEMBERED = 500;
const negotiatedLocales = new Map<string, Locale>();
const timeZones = new Map<string, boolean>();

function negotiated(acceptLanguage: string | null): Locale {
  if (!acceptLanguage) return negotiateLocale(acceptLanguage);
  return remembered(negotiatedLocales, acceptLanguage, negotiateLocale);
}

function knownTimeZone(value: string | null | undefined): value is string {
  return typeof value === "string" && remembered(timeZones, value, isTimeZone);
}

function remembered<T>(answers: Map<string, T>, key: string, answer: (key: string) => T): T {
  const known = answers.get(key);
  if (known !== undefined) return known;
  const fresh = answer(key);
  if (answers.size >= MAX_REMEMBERED) answers.clear();
  answers.set(key, fresh);
  return fresh;
}
