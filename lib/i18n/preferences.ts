import "server-only";

import { cookies, headers } from "next/headers";
import { cache } from "react";

import {
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  isLocale,
  isTimeZone,
  negotiateLocale,
  TIME_ZONE_COOKIE,
  type Locale,
} from "@/i18n/locales";
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
  const locale = isLocale(user?.locale) ? user.locale : negotiateLocale(acceptLanguage);
  const timeZone = isTimeZone(user?.timeZone) ? user.timeZone : isTimeZone(browserTimeZone) ? browserTimeZone : DEFAULT_TIME_ZONE;
  return { locale, timeZone };
});
