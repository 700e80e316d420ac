/**
 * A sentence for a person, not yet in their language: a catalog key and its values. Services and the
 * domain say what happened with one of these; the door the answer leaves by (a server action, a
 * route, a page) puts it in the reader's language. Browser-safe.
 */
import type { MessageKeys, Messages, NestedKeyOf, TranslationValues } from "next-intl";

/** Any message of the catalogs, by its full dotted key ("inbox.windowClosed"). */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;

export interface Translatable {
  key: MessageKey;
  values?: TranslationValues;
}

/** `message("validation.tooLong", { maximum: 100 })`. */
export function message(key: MessageKey, values?: TranslationValues): Translatable {
  return values === undefined ? { key } : { key, values };
}

export function isTranslatable(value: unknown): value is Translatable {
  return typeof value === "object" && value !== null && typeof (value as { key?: unknown }).key === "string";
}

/** A translator of the whole catalog (next-intl's `useTranslations()` / `getTranslations()` without a namespace, or createTranslator). */
export type Translate = (key: string, values?: TranslationValues) => string;

/**
 * Where a message must travel as text (a zod issue's message, an error's `message`), it is carried as
 * this marker followed by JSON, and read back by {@link decodeMessage}.
 */
const MARKER = "\u2060i18n:";

export function encodeMessage(translatable: Translatable): string {
  return `${MARKER}${JSON.stringify(translatable)}`;
}

export function decodeMessage(text: string): Translatable | undefined {
  if (!text.startsWith(MARKER)) return undefined;
  try {
    const parsed: unknown = JSON.parse(text.slice(MARKER.length));
    return isTranslatable(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reader's words for a Translatable, or for a text that may carry one (encoded); any other text
 * is returned as it is (customer content, a Graph message shown verbatim).
 */
export function translateMessage(t: Translate, value: Translatable | string): string {
  const translatable = typeof value === "string" ? decodeMessage(value) : value;
  if (!translatable) return value as string;
  return t(translatable.key, translatable.values);
}
