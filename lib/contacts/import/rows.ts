/**
 * One CSV row of an import, read through its mapping: the contact it describes, or why it is
 * skipped. Pure: the job applies what these decide, and a resumed job decides the same again.
 */
import { DISPLAY_NAME_MAX } from "@/lib/contacts/records";
import { parseAttributeText, type AttributeDefinitionShape } from "@/lib/contacts/attributes";
import { normalisePhone, type PhoneProblem } from "@/lib/contacts/phone";
import { TAG_NAME_MAX } from "@/lib/contacts/tags";
import type { AttributeValue, ImportField } from "@/lib/contacts/views";
import { encodeMessage, type MessageKey } from "@/lib/i18n/translatable";

/** A reject's reason as stored: a catalog key of `contacts.import.reasons` and its values. */
export interface RejectReason {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** A row that names a contact: what it sets (null / empty: leaves as it is). */
export interface ImportedRow {
  rowNumber: number;
  digits: string;
  name: string | null;
  attributes: Record<string, AttributeValue>;
  /** Tag names, trimmed, each once (compared case-insensitively). */
  tags: string[];
  consent: "opted_in" | "opted_out" | null;
}

export type RowDecision = { ok: true; row: ImportedRow } | { ok: false; reason: RejectReason };

/** A definition as rows need it. */
export type ImportAttributeDefinition = AttributeDefinitionShape & { key: string; name: string };

/** The mapping resolved against the header and the definitions (checked by the mapping's validation first). */
export interface RowReader {
  phone: number;
  name?: number;
  tags?: number;
  consent?: number;
  attributes: Array<{ column: number; columnName: string; definition: ImportAttributeDefinition }>;
  defaultCountry: string | undefined;
}

/** Words of a consent column, compared lower-cased (NFC). */
const OPTED_IN_WORDS = new Set(["yes", "y", "true", "1", "opted_in", "sí", "si", "sim", "是"]);
const OPTED_OUT_WORDS = new Set(["no", "n", "false", "0", "opted_out", "não", "否"]);

/** A cell shown in a reason: enough to find it, not a whole paragraph. */
const SHOWN_VALUE_MAX = 80;

const PHONE_REASONS: Record<Exclude<PhoneProblem, "missing">, MessageKey> = {
  invalid: "contacts.import.reasons.invalidPhone",
  too_short: "contacts.import.reasons.phoneTooShort",
  too_long: "contacts.import.reasons.phoneTooLong",
  invalid_country: "contacts.import.reasons.phoneNeedsCountry",
};

function shown(value: string): string {
  const trimmed = value.trim();
  return trimmed.length > SHOWN_VALUE_MAX ? `${trimmed.slice(0, SHOWN_VALUE_MAX - 1)}…` : trimmed;
}

const reject = (key: MessageKey, values?: Record<string, string | number>): RowDecision => ({ ok: false, reason: values ? { key, values } : { key } });

export function readConsent(text: string): "opted_in" | "opted_out" | null | undefined {
  const word = text.trim().normalize("NFC").toLowerCase();
  if (word === "") return null;
  if (OPTED_IN_WORDS.has(word)) return "opted_in";
  if (OPTED_OUT_WORDS.has(word)) return "opted_out";
  return undefined;
}

/** Splits a tags cell on ";": trimmed, empty parts dropped, each name once whatever its case. */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of text.split(";")) {
    const name = part.trim().replace(/\s+/g, " ");
    const key = name.toLowerCase();
    if (name === "" || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

/**
 * What a row says, or the first reason it cannot be imported. `seen` holds the numbers of the rows
 * imported before it (number → row), for "same number as row N"; the caller adds this row's.
 */
export function decideRow(cells: string[], rowNumber: number, reader: RowReader, seen: ReadonlyMap<string, number>): RowDecision {
  const cell = (column: number | undefined) => (column === undefined ? "" : (cells[column] ?? ""));

  const phoneText = cell(reader.phone);
  const phone = normalisePhone(phoneText, reader.defaultCountry);
  if (!phone.ok) {
    if (phone.reason === "missing") return reject("contacts.import.reasons.missingPhone");
    return reject(PHONE_REASONS[phone.reason], { value: shown(phoneText) });
  }
  const earlier = seen.get(phone.digits);
  if (earlier !== undefined) return reject("contacts.import.reasons.duplicateNumber", { row: earlier });

  const nameText = cell(reader.name).trim();
  if (nameText.length > DISPLAY_NAME_MAX) return reject("contacts.import.reasons.nameTooLong", { maximum: DISPLAY_NAME_MAX });

  const attributes: Record<string, AttributeValue> = {};
  for (const { column, columnName, definition } of reader.attributes) {
    const text = cell(column);
    // An empty cell changes nothing (it never clears a value).
    if (text.trim() === "") continue;
    const parsed = parseAttributeText(definition, text);
    if (!parsed.ok) {
      return reject("contacts.import.reasons.invalidAttribute", { column: columnName, value: shown(text), problem: encodeMessage(parsed.problem) });
    }
    attributes[definition.key] = parsed.value;
  }

  const tags = splitTags(cell(reader.tags));
  const longTag = tags.find((tag) => tag.length > TAG_NAME_MAX);
  if (longTag !== undefined) return reject("contacts.import.reasons.tagTooLong", { value: shown(longTag), maximum: TAG_NAME_MAX });

  const consentText = cell(reader.consent);
  const consent = readConsent(consentText);
  if (consent === undefined) return reject("contacts.import.reasons.invalidConsent", { value: shown(consentText) });

  return { ok: true, row: { rowNumber, digits: phone.digits, name: nameText === "" ? null : nameText, attributes, tags, consent } };
}

/** Which field each mapped column feeds (mapping: column index as text → field). */
export function rowReaderOf(
  mapping: Record<string, ImportField>,
  columns: readonly string[],
  definitions: readonly ImportAttributeDefinition[],
  defaultCountry: string | null,
): RowReader {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const reader: RowReader = { phone: -1, attributes: [], defaultCountry: defaultCountry ?? undefined };
  for (const [columnText, field] of Object.entries(mapping)) {
    const column = Number(columnText);
    if (field === "phone") reader.phone = column;
    else if (field === "name") reader.name = column;
    else if (field === "tags") reader.tags = column;
    else if (field === "consent") reader.consent = column;
    else {
      const definition = byKey.get(field.slice("attribute:".length));
      if (definition) reader.attributes.push({ column, columnName: columns[column] ?? columnText, definition });
    }
  }
  return reader;
}
