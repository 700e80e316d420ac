/**
 * Which column of the file feeds which field of a contact: checked before an import starts, or
 * guessed from the header when the API is given none.
 */
import { isCountryCode } from "@/lib/contacts/phone";
import type { ContactProblem, ImportField } from "@/lib/contacts/views";
import { message } from "@/lib/i18n/translatable";

import type { ImportAttributeDefinition } from "./rows";

const FIXED_FIELDS = ["name", "phone", "tags", "consent"] as const;

export type CheckedMapping =
  | { ok: true; mapping: Record<string, ImportField>; defaultCountry: string | null }
  | { ok: false; problems: ContactProblem[] };

/**
 * A mapping (column index as text → field) the import can run with: exactly one column for the
 * phone, every field at most once, attributes that exist, columns that exist, and a known default
 * country when one is given. Every problem is named with its field (`mapping`, `mapping.<column>`,
 * `defaultCountry`).
 */
export function checkMapping(
  mapping: Record<string, string>,
  columns: readonly string[],
  definitions: readonly ImportAttributeDefinition[],
  defaultCountry: string | null | undefined,
): CheckedMapping {
  const problems: ContactProblem[] = [];
  const keys = new Set(definitions.map((definition) => definition.key));
  const firstColumnOf = new Map<string, number>();
  const checked: Record<string, ImportField> = {};

  for (const [columnText, field] of Object.entries(mapping)) {
    const at = `mapping.${columnText}`;
    const column = /^\d{1,4}$/.test(columnText) ? Number(columnText) : -1;
    if (column < 0 || column >= columns.length) {
      problems.push({ field: at, message: message("contacts.import.errors.unknownColumn", { column: columnText }) });
      continue;
    }
    const columnName = columns[column] || String(column + 1);
    let known: ImportField | undefined;
    if ((FIXED_FIELDS as readonly string[]).includes(field)) known = field as ImportField;
    else if (field.startsWith("attribute:")) {
      const key = field.slice("attribute:".length);
      if (!keys.has(key)) {
        problems.push({ field: at, message: message("contacts.import.errors.unknownAttribute", { key, column: columnName }) });
        continue;
      }
      known = `attribute:${key}`;
    }
    if (!known) {
      problems.push({ field: at, message: message("contacts.import.errors.unknownField", { field, column: columnName }) });
      continue;
    }
    const earlier = firstColumnOf.get(known);
    if (earlier !== undefined) {
      const first = columns[earlier] || String(earlier + 1);
      problems.push({
        field: known === "phone" ? "mapping" : at,
        message: message(known === "phone" ? "contacts.import.errors.phoneTwice" : "contacts.import.errors.fieldTwice", { column: columnName, first }),
      });
      continue;
    }
    firstColumnOf.set(known, column);
    checked[String(column)] = known;
  }
  if (!firstColumnOf.has("phone") && !problems.some((problem) => problem.field === "mapping")) {
    problems.push({ field: "mapping", message: message("contacts.import.errors.phoneRequired") });
  }

  const country = defaultCountry?.trim().toUpperCase() || null;
  if (country !== null && !isCountryCode(country)) {
    problems.push({ field: "defaultCountry", message: message("contacts.import.errors.invalidCountry", { country: defaultCountry ?? "" }) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mapping: checked, defaultCountry: country };
}

/**
 * The mapping a header suggests: columns named `name`, `phone`, `tags`, `consent` or an attribute's
 * key (whatever their case) feed that field; the first such column wins, others are ignored.
 */
export function mappingFromHeader(columns: readonly string[], definitions: readonly ImportAttributeDefinition[]): Record<string, ImportField> {
  const keys = new Set(definitions.map((definition) => definition.key));
  const mapping: Record<string, ImportField> = {};
  const taken = new Set<ImportField>();
  columns.forEach((column, index) => {
    const name = column.trim().toLowerCase();
    let field: ImportField | undefined;
    if ((FIXED_FIELDS as readonly string[]).includes(name)) field = name as ImportField;
    else if (keys.has(name)) field = `attribute:${name}`;
    if (field && !taken.has(field)) {
      taken.add(field);
      mapping[String(index)] = field;
    }
  });
  return mapping;
}
