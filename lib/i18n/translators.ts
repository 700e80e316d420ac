/**
 * Translators and formatters without a request: English for logs and stored English texts, and any
 * language by name (tests, scripts, a job writing for a known reader).
 */
import { createFormatter, createTranslator } from "use-intl/core";

import { DEFAULT_LOCALE, type Locale } from "@/i18n/locales";
import en from "@/messages/en.json";

import type { Formatter } from "./format";
import { loadMessages } from "./messages";
import type { Translate } from "./translatable";

/** The catalog in English: what logs and exceptions' own `message` say. */
export const inEnglish: Translate = createTranslator({ locale: DEFAULT_LOCALE, messages: en }) as unknown as Translate;

/** English numbers and units, in UTC: for texts written without a reader (a log line, a gateway refusal). */
export const englishFormatter: Formatter = createFormatter({ locale: DEFAULT_LOCALE, timeZone: "UTC" });

/** The whole catalog in a language. */
export async function translatorFor(locale: Locale, timeZone?: string): Promise<Translate> {
  const messages = await loadMessages(locale);
  return createTranslator({ locale, messages, timeZone }) as unknown as Translate;
}

export function formatterFor(locale: Locale, timeZone?: string): Formatter {
  return createFormatter({ locale, timeZone: timeZone ?? "UTC" });
}
