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

type TopLevel = keyof Messages & string;

/** A part one level down ("contacts.record"): for a page that uses a little of a large namespace. */
type SecondLevel = {
  [K in TopLevel]: Messages[K] extends Record<string, unknown> ? `${K}.${keyof Messages[K] & string}` : never;
}[TopLevel];

/** The parts of a catalog a page hands its client components: top-level ("common", "inbox"…) or one level down ("contacts.record"). */
export type Namespace = TopLevel | SecondLevel;

/** Only the namespaces given: client components receive the messages they use, not the whole catalog. */
export function pickMessages(messages: Messages, namespaces: readonly Namespace[]): Partial<Messages> {
  const picked: Record<string, unknown> = {};
  const source = messages as unknown as Record<string, Record<string, unknown>>;
  const whole = new Set<string>(namespaces.filter((namespace) => !namespace.includes(".") && namespace in source));
  for (const namespace of whole) picked[namespace] = source[namespace];
  for (const namespace of namespaces) {
    const [top, part] = namespace.split(".") as [string, string | undefined];
    // A part of a namespace handed out whole is there already; the catalog itself is never written to.
    if (part === undefined || whole.has(top) || !(top in source) || !(part in source[top]!)) continue;
    picked[top] = { ...(picked[top] as Record<string, unknown> | undefined), [part]: source[top]![part] };
  }
  return picked as Partial<Messages>;
}
