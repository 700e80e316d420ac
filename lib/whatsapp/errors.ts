/**
 * The one table that turns WhatsApp (Graph) error codes and Maton gateway answers into words a
 * support agent understands: a short title, what happened, and what to do next. The words live in
 * the catalogs (the `gateway` namespace, in every language); the table says where, and what is not
 * words (whether waiting can help). Pure data, safe for the browser.
 */
import type { Messages } from "next-intl";

import type { Translate } from "@/lib/i18n/translatable";

type GatewayMessages = Messages["gateway"];
type WordsIn<Group extends "codes" | "maton" | "local"> = `${Group}.${keyof GatewayMessages[Group] & string}`;

/** Where an explanation's words are in the `gateway` namespace: "codes.131047", "maton.401", "local.network". */
export type ExplanationKey = WordsIn<"codes"> | WordsIn<"maton"> | WordsIn<"local">;

export interface ErrorExplanation {
  /** Its title, explanation and action are `gateway.<key>.title|explanation|action`. */
  key: ExplanationKey;
  /** Waiting and trying again can succeed (rate limits, passing outages). */
  retryLater: boolean;
}

/** An explanation in the reader's words. */
export interface ErrorWords {
  /** Short label shown beside the code. */
  title: string;
  /** What happened, in plain language. */
  explanation: string;
  /** What the person should do about it. */
  action: string;
}

/** An explanation in the reader's words, with its parts also joined as one text (their language's way). */
export interface ExplainedWords extends ErrorWords {
  /** What happened, then what to do. */
  explanationAndAction: string;
  /** "Title: what happened." */
  titleAndExplanation: string;
}

function entry(key: ExplanationKey, retryLater = false): ErrorExplanation {
  return { key, retryLater };
}

/** Keys: Graph error codes as strings ("131047"), Maton gateway answers ("maton:401"), and client-side cases. */
export const ERROR_TABLE = {
  // Meta / WhatsApp Cloud API codes (contract section 7)
  "0": entry("codes.0"),
  "190": entry("codes.190"),
  "100": entry("codes.100"),
  "368": entry("codes.368"),
  "80007": entry("codes.80007", true),
  "130429": entry("codes.130429", true),
  "130472": entry("codes.130472"),
  "131000": entry("codes.131000", true),
  "131008": entry("codes.131008"),
  "131009": entry("codes.131009"),
  "131026": entry("codes.131026"),
  "131030": entry("codes.131030"),
  "131031": entry("codes.131031"),
  "131042": entry("codes.131042"),
  "131048": entry("codes.131048", true),
  "131047": entry("codes.131047"),
  "131049": entry("codes.131049", true),
  "131050": entry("codes.131050"),
  "131051": entry("codes.131051"),
  "131057": entry("codes.131057", true),
  "131060": entry("codes.131060"),
  "131052": entry("codes.131052"),
  "131053": entry("codes.131053"),
  "131056": entry("codes.131056", true),
  "132000": entry("codes.132000"),
  "132001": entry("codes.132001"),
  "132005": entry("codes.132005"),
  "132007": entry("codes.132007"),
  "132012": entry("codes.132012"),
  "132015": entry("codes.132015"),
  "132016": entry("codes.132016"),
  "133010": entry("codes.133010"),
  // Maton gateway answers (not from Meta)
  "maton:400": entry("maton.400"),
  "maton:401": entry("maton.401"),
  "maton:403": entry("maton.403"),
  "maton:404": entry("maton.404"),
  "maton:429": entry("maton.429", true),
  "maton:5xx": entry("maton.5xx", true),
  "maton:other": entry("maton.other"),
  // Client-side cases
  network: entry("local.network", true),
  timeout: entry("local.timeout", true),
  unexpected_response: entry("local.unexpectedResponse"),
  invalid_request: entry("local.invalidRequest"),
  unknown_graph: entry("codes.unknown"),
} as const satisfies Record<string, ErrorExplanation>;

export type ErrorKey = keyof typeof ERROR_TABLE;

/** Graph codes the table explains (contract section 7 plus the authentication codes). */
export const EXPLAINED_GRAPH_CODES = Object.keys(ERROR_TABLE)
  .filter((key) => /^\d+$/.test(key))
  .map(Number);

export function explainKey(key: ErrorKey): ErrorExplanation {
  return ERROR_TABLE[key];
}

function lookup(key: string): ErrorExplanation | undefined {
  return (ERROR_TABLE as Record<string, ErrorExplanation>)[key];
}

/** The table's explanation of a Graph code it knows; undefined for any other code. */
export function explainKnownGraphError(code: number | string | null | undefined): ErrorExplanation | undefined {
  return code === null || code === undefined || !/^\d+$/.test(String(code)) ? undefined : lookup(String(Number(code)));
}

/** Explanation for a Graph error code; falls back to the HTTP status when the code is not in the table. */
export function explainGraphError(code: number | undefined, status?: number): ErrorExplanation {
  const known = explainKnownGraphError(code);
  if (known) return known;
  // Meta's throttling codes vary (4, 17, 32, 613, 80004…); their HTTP status says enough.
  if (status === 429) return ERROR_TABLE["maton:429"];
  if (status !== undefined && status >= 500) return ERROR_TABLE["maton:5xx"];
  return ERROR_TABLE.unknown_graph;
}

/** Explanation for an error answered by the Maton gateway itself (any body, keyed by HTTP status). */
export function explainMatonError(status: number): ErrorExplanation {
  if (status >= 500) return ERROR_TABLE["maton:5xx"];
  return lookup(`maton:${status}`) ?? ERROR_TABLE["maton:other"];
}

/** Where one of an explanation's words is in the `gateway` namespace: "codes.131047.title". */
export type ExplanationPath = `${ExplanationKey}.${keyof ErrorWords}`;

/** A translator of the `gateway` namespace, as much as an explanation needs of it. */
export interface ExplanationTranslate {
  (path: ExplanationPath): string;
  (path: "failure.withoutTitle" | "failure.titleAndExplanation", values: ErrorWords): string;
}

/** The words of an explanation from a translator of the `gateway` namespace (the one place they are read). */
export function wordsOf(t: ExplanationTranslate, explained: ErrorExplanation | ExplanationKey): ExplainedWords {
  const key = typeof explained === "string" ? explained : explained.key;
  const words = { title: t(`${key}.title`), explanation: t(`${key}.explanation`), action: t(`${key}.action`) };
  return { ...words, explanationAndAction: t("failure.withoutTitle", words), titleAndExplanation: t("failure.titleAndExplanation", words) };
}

/**
 * An explanation in the reader's words, from a translator of the whole catalog: on the server the
 * request's (`requestTranslator()` of lib/i18n/server.ts). Components use `useErrorWords()`.
 */
export function explanationWords(t: Translate, explained: ErrorExplanation | ExplanationKey): ErrorWords {
  const { title, explanation, action } = wordsOf(((path: string, values?: ErrorWords) => t(`gateway.${path}`, values ? { ...values } : undefined)) as ExplanationTranslate, explained);
  return { title, explanation, action };
}

/** "131047 · 24-hour window closed": the code and its title together, as the contract asks. */
export function formatErrorLabel(code: number | string | undefined, title: string): string {
  return code === undefined ? title : `${code} · ${title}`;
}
