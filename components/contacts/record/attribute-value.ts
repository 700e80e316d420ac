/**
 * A custom attribute's value between the contact's record and the field that edits it: the text a
 * field starts from, what a typed text means, and how a value reads. The server checks every value
 * again against the definition; this only spares a round trip for what is plainly wrong.
 */
import type { useFormatter } from "next-intl";

import { CONTACT_LIMITS } from "@/lib/contacts/views";
import type { AttributeDefinitionView, AttributeValue } from "@/lib/contacts/views";

type Format = ReturnType<typeof useFormatter>;

/** Why a typed value cannot be an attribute's value (catalog keys under contacts.record.attributes.problems). */
export type AttributeDraftProblem = "number" | "date" | "choice" | "tooLong";

/** Text values are kept at this length or less (the server's limit). */
export const ATTRIBUTE_TEXT_MAX = CONTACT_LIMITS.attributeText;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (no 31 February). */
export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The text a field edits for a value: what the input, the date picker or the select holds. */
export function attributeDraft(definition: Pick<AttributeDefinitionView, "type">, value: AttributeValue | undefined): string {
  if (value === undefined) return "";
  if (definition.type === "boolean") return value === true ? "true" : value === false ? "false" : "";
  return String(value);
}

/**
 * What a field's text means for the attribute: `null` (empty: remove the value), the value, or why
 * it cannot be one. Numbers take "." or "," as decimal mark; choices match an option whatever the case.
 */
export function readAttributeDraft(
  definition: Pick<AttributeDefinitionView, "type" | "options">,
  draft: string,
): { ok: true; value: AttributeValue | null } | { ok: false; problem: AttributeDraftProblem } {
  const text = draft.trim();
  if (text === "") return { ok: true, value: null };
  switch (definition.type) {
    case "text":
      return text.length > ATTRIBUTE_TEXT_MAX ? { ok: false, problem: "tooLong" } : { ok: true, value: text };
    case "number": {
      const normalised = text.replace(/\s/g, "").replace(",", ".");
      const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalised) ? Number(normalised) : Number.NaN;
      return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: "number" };
    }
    case "date":
      return isIsoDay(text) ? { ok: true, value: text } : { ok: false, problem: "date" };
    case "boolean":
      if (text === "true") return { ok: true, value: true };
      if (text === "false") return { ok: true, value: false };
      return { ok: true, value: null };
    case "choice": {
      const option = definition.options.find((candidate) => candidate.toLocaleLowerCase() === text.toLocaleLowerCase());
      return option === undefined ? { ok: false, problem: "choice" } : { ok: true, value: option };
    }
  }
}

/**
 * How a value reads: numbers and days in the reader's conventions (a day as the calendar day it
 * names, whatever the reader's time zone), yes/no in words, text and choices as the team wrote them.
 */
export function attributeText(format: Format, words: { yes: string; no: string }, definition: Pick<AttributeDefinitionView, "type">, value: AttributeValue): string {
  if (definition.type === "number" && typeof value === "number") return format.number(value);
  if (definition.type === "date" && typeof value === "string" && isIsoDay(value)) {
    return format.dateTime(new Date(`${value}T00:00:00.000Z`), { dateStyle: "medium", timeZone: "UTC" });
  }
  if (definition.type === "boolean" && typeof value === "boolean") return value ? words.yes : words.no;
  return String(value);
}
