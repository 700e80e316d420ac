import "server-only";

import { createTranslator } from "next-intl";

import type { Locale } from "@/i18n/locales";

import { loadMessages } from "./messages";
import { requestPreferences } from "./preferences";
import type { Translate } from "./translatable";

/**
 * The whole catalog in a language, for the doors that put a service's Translatable into words
 * (the action client, route handlers). Works outside a request too (tests, scripts): English, UTC.
 */
export async function translatorFor(locale: Locale, timeZone?: string): Promise<Translate> {
  const messages = await loadMessages(locale);
  return createTranslator({ locale, messages, timeZone }) as unknown as Translate;
}

/** The translator of the request being answered: its reader's language and time zone. */
export async function requestTranslator(): Promise<Translate> {
  const { locale, timeZone } = await requestPreferences();
  return translatorFor(locale, timeZone);
}
