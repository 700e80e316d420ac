/**
 * The contact settings' small rules, pure so the forms and their tests share them: an attribute's key
 * suggested from its name, and adding a word to a list (a choice's options, a language's keywords).
 * The server checks all of it again.
 */
import { ATTRIBUTE_KEY_PATTERN } from "@/lib/contacts/filter";

/** An attribute key's longest length (ATTRIBUTE_KEY_PATTERN). */
export const ATTRIBUTE_KEY_MAX = 40;

/**
 * A snake_case key for a name: "Last order (EU)" → "last_order_eu". Accents are dropped; a name with
 * no Latin letters or digits suggests nothing (the person types the key). A key must start with a letter.
 */
export function suggestAttributeKey(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (words === "") return "";
  const key = (/^[a-z]/.test(words) ? words : `attr_${words}`).slice(0, ATTRIBUTE_KEY_MAX).replace(/_+$/, "");
  return ATTRIBUTE_KEY_PATTERN.test(key) ? key : "";
}

/** Why a word cannot join a list (catalog keys under contacts.settings.chips.problems). */
export type ChipProblem = "empty" | "tooLong" | "duplicate" | "tooMany";

/** Adds a trimmed word to a list, refusing an empty one, one too long, one already there (whatever the case) and one too many. */
export function addChip(
  values: readonly string[],
  text: string,
  limits: { max: number; maxLength: number },
): { ok: true; values: string[] } | { ok: false; problem: ChipProblem } {
  const word = text.trim();
  if (word === "") return { ok: false, problem: "empty" };
  if (word.length > limits.maxLength) return { ok: false, problem: "tooLong" };
  const folded = word.normalize("NFKC").toUpperCase();
  if (values.some((value) => value.normalize("NFKC").toUpperCase() === folded)) return { ok: false, problem: "duplicate" };
  if (values.length >= limits.max) return { ok: false, problem: "tooMany" };
  return { ok: true, values: [...values, word] };
}

/** The languages whose keywords the settings show first, in this order; any other saved language follows. */
export const KEYWORD_LANGUAGES = ["en", "zh", "es", "pt", "ar"] as const;

/** Every language to show: the usual ones, then the others the saved keywords or the defaults carry. */
export function keywordLanguages(saved: Record<string, string[]>, defaults: Record<string, string[]>): string[] {
  const rest = [...new Set([...Object.keys(saved), ...Object.keys(defaults)])].filter(
    (language) => !(KEYWORD_LANGUAGES as readonly string[]).includes(language),
  );
  return [...KEYWORD_LANGUAGES, ...rest.sort()];
}
