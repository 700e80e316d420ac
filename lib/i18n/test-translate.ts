/** For tests: a language's whole catalog as a translator and its formatter, without a request. */
import { createFormatter, createTranslator } from "next-intl";

import type { Locale } from "@/i18n/locales";
import type { Formatter } from "@/lib/i18n/format";
import { translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import ptBR from "@/messages/pt-BR.json";
import zhCN from "@/messages/zh-CN.json";

/** Every catalog by language, for tests that render or translate in any of them. */
export const CATALOGS = { en, "zh-CN": zhCN, es, "pt-BR": ptBR, ar } as const;

export function translatorIn(locale: Locale): Translate {
  return createTranslator({ locale, messages: CATALOGS[locale] as typeof en, timeZone: "UTC" }) as unknown as Translate;
}

export function formatterIn(locale: Locale): Formatter {
  return createFormatter({ locale, timeZone: "UTC" });
}

/** A Translatable (or a text carrying one) as a reader of `locale` reads it. */
export function inLanguage(locale: Locale, said: Translatable | string): string {
  return translateMessage(translatorIn(locale), said);
}
