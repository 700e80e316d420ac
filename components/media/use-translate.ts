"use client";

import { useTranslations } from "next-intl";

import type { Translate } from "@/lib/i18n/translatable";

/**
 * The whole catalog's translator, for a Translatable (a check's refusal) or a text that may carry one:
 * its key names its own namespace. Only the namespaces the page hands out can be found.
 */
export function useTranslate(): Translate {
  return useTranslations() as unknown as Translate;
}
