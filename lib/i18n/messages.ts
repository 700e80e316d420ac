/** The catalogs, one per language (messages/<locale>.json), loaded when a request needs one. */
import type { Messages } from "next-intl";

import type { Locale } from "@/i18n/locales";

const CATALOGS: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import("@/messages/en.json"),
  "zh-CN": () => import("@/messages/zh-CN.json"),
  es: () => import("@/messages/es.json"),
  "pt-BR": () => import("@/messages/pt-BR.json"),
  ar: () => import("@/messages/ar.json"),
};

export async function loadMessages(locale: Locale): Promise<Messages> {
  return (await CATALOGS[locale]()).default;
}

/** The top-level parts of a catalog ("common", "inbox"…): what a page hands its client components. */
export type Namespace = keyof Messages & string;

/** Only the namespaces given: client components receive the messages they use, not the whole catalog. */
export function pickMessages(messages: Messages, namespaces: readonly Namespace[]): Partial<Messages> {
  const picked: Partial<Messages> = {};
  for (const namespace of namespaces) {
    if (namespace in messages) (picked as Record<string, unknown>)[namespace] = messages[namespace];
  }
  return picked;
}
