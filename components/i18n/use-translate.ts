"use client";

import { useTranslations } from "next-intl";

import { translateMessage, type Translate } from "@/lib/i18n/translatable";

/**
 * The whole catalog's translator, for a Translatable (a check's refusal) or a text that may carry one:
 * its key names its own namespace. Only the namespaces the page hands out can be found.
 */
export function useTranslate(): Translate {
  return useTranslations() as unknown as Translate;
}

/**
 * Puts a form's message into the reader's words: the browser's own validation says it with a catalog
 * key (lib/i18n/validation.ts); a message the server already worded is returned as it is.
 */
export function useReadableMessage(): (text: string | undefined) => string | undefined {
  const t = useTranslate();
  return (text) => (text === undefined ? undefined : translateMessage(t, text));
}
