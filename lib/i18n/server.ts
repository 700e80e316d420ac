import "server-only";

import type { Formatter } from "./format";
import { requestPreferences } from "./preferences";
import type { Translate } from "./translatable";
import { formatterFor, translatorFor } from "./translators";

/**
 * The translator of the request being answered, in its reader's language and time zone: for the doors
 * that put a service's Translatable into words (the action client, route handlers). Outside a request
 * (tests, scripts): English, UTC.
 */
export async function requestTranslator(): Promise<Translate> {
  const { locale, timeZone } = await requestPreferences();
  return translatorFor(locale, timeZone);
}

/** Numbers, sizes and dates the way the request's reader writes them. */
export async function requestFormatter(): Promise<Formatter> {
  const { locale, timeZone } = await requestPreferences();
  return formatterFor(locale, timeZone);
}
