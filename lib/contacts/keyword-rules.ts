/**
 * Marketing consent's pure rules: the opt-out keywords (the defaults, the limits, how a customer's
 * message is matched and how a list an admin typed is checked) and the limit of a consent change's
 * note. Browser-safe (the forms use the same rules); lib/contacts/keywords.ts reads and saves the
 * keywords, lib/contacts/consent.ts changes consent.
 */
import { message, type Translatable } from "@/lib/i18n/translatable";

/** Characters of the note a person may keep with a consent change (why, or what the customer said). */
export const CONSENT_NOTE_MAX = 500;

/** Keywords by language; every language's keywords apply to every message, whatever its language. */
export type OptOutKeywords = Record<string, string[]>;

/** What a new installation matches until an admin changes it. */
export const DEFAULT_OPT_OUT_KEYWORDS: OptOutKeywords = {
  en: ["STOP", "UNSUBSCRIBE"],
  zh: ["退订"],
  es: ["BAJA"],
  pt: ["PARAR"],
};

export const KEYWORD_LIMITS = {
  /** Characters of one keyword, as typed. */
  keywordLength: 40,
  keywordsPerLanguage: 20,
  languages: 20,
} as const;

/** A language's key: a BCP 47 language with an optional region or script (en, zh, pt-BR, zh-Hant). */
export const KEYWORD_LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

const SURROUNDING = /^[\p{P}\s]+|[\p{P}\s]+$/gu;

/**
 * A text as keywords are compared: NFKC (full-width letters become plain ones), without the
 * punctuation and spaces around it, inner spaces made one, upper-cased the same way in every locale
 * (String#toUpperCase, never toLocaleUpperCase). Accents stay: "BAJA" is not "BAJÁ".
 */
export function normaliseKeyword(text: string): string {
  return text.normalize("NFKC").replace(SURROUNDING, "").replace(/\s+/gu, " ").toUpperCase();
}

/** Longer than any keyword with a fair amount of punctuation around it: not worth normalising. */
const LONGEST_MATCHABLE = KEYWORD_LIMITS.keywordLength * 3;

/**
 * A matcher built once for a list (the ingest builds one per batch): the keyword a whole message
 * equals, as configured, or undefined. "STOP!" matches STOP; "stop please" does not.
 */
export function optOutKeywordMatcher(keywords: OptOutKeywords): (text: string) => string | undefined {
  const byForm = new Map<string, string>();
  for (const list of Object.values(keywords)) {
    for (const keyword of list) {
      const form = normaliseKeyword(keyword);
      if (form !== "" && !byForm.has(form)) byForm.set(form, keyword.trim());
    }
  }
  return (text) => (byForm.size === 0 || text.length > LONGEST_MATCHABLE ? undefined : byForm.get(normaliseKeyword(text)));
}

/** The keyword a customer's whole message equals (see {@link optOutKeywordMatcher}), or undefined. */
export function matchOptOutKeyword(text: string, keywords: OptOutKeywords): string | undefined {
  return optOutKeywordMatcher(keywords)(text);
}

/** A refusal of a keyword list, at the form's field: `keywords`, `keywords.<language>` or `keywords.<language>.<index>`. */
export interface KeywordProblem {
  field: string;
  message: Translatable;
}

/**
 * The list as it is stored (each keyword trimmed; a language left empty has none), or the first
 * problem: a language code that is not one, too many languages or keywords, an empty, too long or
 * repeated keyword (repeated as matching compares them: "stop" and "STOP!" are the same).
 */
export function checkOptOutKeywords(keywords: OptOutKeywords): { ok: true; keywords: OptOutKeywords } | { ok: false; problem: KeywordProblem } {
  const refuse = (field: string, problem: Translatable) => ({ ok: false as const, problem: { field, message: problem } });
  const languages = Object.keys(keywords);
  if (languages.length > KEYWORD_LIMITS.languages) {
    return refuse("keywords", message("contacts.keywords.tooManyLanguages", { maximum: KEYWORD_LIMITS.languages }));
  }
  const checked: OptOutKeywords = {};
  for (const language of languages) {
    if (!KEYWORD_LANGUAGE_PATTERN.test(language)) return refuse("keywords", message("contacts.keywords.languageInvalid", { language }));
    const list = keywords[language] ?? [];
    if (list.length > KEYWORD_LIMITS.keywordsPerLanguage) {
      return refuse(`keywords.${language}`, message("contacts.keywords.tooMany", { maximum: KEYWORD_LIMITS.keywordsPerLanguage }));
    }
    const seen = new Set<string>();
    const kept: string[] = [];
    for (const [index, raw] of list.entries()) {
      const field = `keywords.${language}.${index}`;
      const keyword = raw.trim();
      if ([...keyword].length > KEYWORD_LIMITS.keywordLength) {
        return refuse(field, message("contacts.keywords.tooLong", { maximum: KEYWORD_LIMITS.keywordLength }));
      }
      const form = normaliseKeyword(keyword);
      if (form === "") return refuse(field, message("contacts.keywords.empty"));
      if (seen.has(form)) return refuse(field, message("contacts.keywords.duplicate", { keyword }));
      seen.add(form);
      kept.push(keyword);
    }
    checked[language] = kept;
  }
  return { ok: true, keywords: checked };
}
