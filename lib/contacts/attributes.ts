/**
 * Custom attributes: the definitions admins keep (key, name, type, a choice's options) and the one
 * check of a value against its definition, used by the record, the import and the filter alike.
 */
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import {
  attributeValuesInUse,
  deleteAttributeDefinitionRow,
  findAttributeDefinition,
  insertAttributeDefinition,
  isUniqueViolation,
  listAttributeDefinitionRows,
  updateAttributeDefinitionRow,
} from "@/db/queries/contacts";
import { publishLiveEvents } from "@/db/queries/live-events";
import type { ContactAttributeDefinition } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { message, type Translatable } from "@/lib/i18n/translatable";

import type { ContactActor } from "./access";
import { ATTRIBUTE_KEY_PATTERN, ATTRIBUTE_TYPES, type AttributeType } from "./filter";
import type { AttributeDefinitionView, AttributeValue } from "./views";
import { CONTACT_LIMITS } from "./views";

export const ATTRIBUTE_LIMITS = {
  name: CONTACT_LIMITS.attributeName,
  options: CONTACT_LIMITS.attributeOptions,
  option: CONTACT_LIMITS.attributeOption,
  text: CONTACT_LIMITS.attributeText,
} as const;

/** What a value is checked against: a definition's type and, for a choice, its options. */
export type AttributeDefinitionShape = Pick<AttributeDefinitionView, "type" | "options">;

export type AttributeCheck = { ok: true; value: AttributeValue } | { ok: false; problem: Translatable };

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `YYYY-MM-DD` names a day that exists (no 31 February). */
function isRealDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const refused = (problem: Translatable): AttributeCheck => ({ ok: false, problem });

/**
 * A typed value checked against its definition: text (trimmed, 1..500 characters), a finite
 * number, a real `YYYY-MM-DD` day, a boolean, or one of a choice's options, matched whatever its
 * case and answered as the option is written. Pure.
 */
export function checkAttributeValue(definition: AttributeDefinitionShape, value: unknown): AttributeCheck {
  switch (definition.type) {
    case "text": {
      if (typeof value !== "string" || value.trim() === "") return refused(message("contacts.errors.valueText"));
      const text = value.trim();
      if (text.length > ATTRIBUTE_LIMITS.text) return refused(message("contacts.errors.valueTextTooLong", { maximum: ATTRIBUTE_LIMITS.text }));
      return { ok: true, value: text };
    }
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? { ok: true, value } : refused(message("contacts.errors.valueNumber"));
    case "date":
      return typeof value === "string" && isRealDay(value.trim()) ? { ok: true, value: value.trim() } : refused(message("contacts.errors.valueDate"));
    case "boolean":
      return typeof value === "boolean" ? { ok: true, value } : refused(message("contacts.errors.valueBoolean"));
    case "choice": {
      const wanted = typeof value === "string" ? value.trim().toLocaleLowerCase("und") : undefined;
      const option = wanted === undefined ? undefined : definition.options.find((candidate) => candidate.toLocaleLowerCase("und") === wanted);
      return option !== undefined ? { ok: true, value: option } : refused(message("contacts.errors.valueChoice", { options: definition.options.join(", ") }));
    }
  }
}

const TRUE_WORDS = new Set(["true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0"]);
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A value written as text (a CSV cell, a form field) read as its definition's type, then checked:
 * numbers with "." for decimals (no thousands separators), booleans as true/false, yes/no, 1/0
 * (any case). Pure.
 */
export function parseAttributeText(definition: AttributeDefinitionShape, text: string): AttributeCheck {
  const trimmed = text.trim();
  switch (definition.type) {
    case "number": {
      if (!NUMBER_TEXT.test(trimmed)) return refused(message(/^[+-]?\d+,\d+$/.test(trimmed) ? "contacts.errors.valueNumberComma" : "contacts.errors.valueNumber"));
      return checkAttributeValue(definition, Number(trimmed));
    }
    case "boolean": {
      const word = trimmed.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return refused(message("contacts.errors.valueBoolean"));
    }
    default:
      return checkAttributeValue(definition, trimmed);
  }
}

export function attributeDefinitionView(row: ContactAttributeDefinition): AttributeDefinitionView {
  return { id: row.id, key: row.key, name: row.name, type: row.type, options: row.type === "choice" ? [...row.options] : [] };
}

/** Every definition, in the order they are shown. */
export async function listAttributeDefinitions(db: Database): Promise<AttributeDefinitionView[]> {
  return (await listAttributeDefinitionRows(db)).map(attributeDefinitionView);
}

function assertSettings(actor: ContactActor): void {
  if (!can(actor.role, "contacts.settings")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
}

const invalidInput = (said: Translatable, field: string) => new ActionError(said, { code: "INVALID_INPUT", field });

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw invalidInput(message("contacts.attributesAdmin.nameRequired"), "name");
  if (trimmed.length > ATTRIBUTE_LIMITS.name) throw invalidInput(message("contacts.attributesAdmin.nameTooLong", { maximum: ATTRIBUTE_LIMITS.name }), "name");
  return trimmed;
}

/** A choice's options, trimmed: 1..50, each 1..60 characters, no two alike whatever their case. */
function checkedOptions(options: readonly string[]): string[] {
  const trimmed = options.map((option) => option.trim());
  if (trimmed.length === 0) throw invalidInput(message("contacts.attributesAdmin.optionsRequired"), "options");
  if (trimmed.length > ATTRIBUTE_LIMITS.options) throw invalidInput(message("contacts.attributesAdmin.optionsTooMany", { maximum: ATTRIBUTE_LIMITS.options }), "options");
  const seen = new Set<string>();
  trimmed.forEach((option, index) => {
    const field = `options.${index}`;
    if (option === "") throw invalidInput(message("contacts.attributesAdmin.optionEmpty"), field);
    if (option.length > ATTRIBUTE_LIMITS.option) throw invalidInput(message("contacts.attributesAdmin.optionTooLong", { maximum: ATTRIBUTE_LIMITS.option }), field);
    const folded = option.toLocaleLowerCase("und");
    if (seen.has(folded)) throw invalidInput(message("contacts.attributesAdmin.optionDuplicate", { option }), field);
    seen.add(folded);
  });
  return trimmed;
}

const keyTaken = (key: string) => new ActionError(message("contacts.attributesAdmin.keyTaken", { key }), { code: "CONFLICT", field: "key" });

/** A new attribute (contacts.settings): its key is fixed from now on, and so is its type. */
export async function createAttributeDefinition(
  db: Database,
  actor: ContactActor,
  input: { key: string; name: string; type: string; options?: readonly string[] },
): Promise<AttributeDefinitionView> {
  assertSettings(actor);
  const key = input.key.trim();
  if (!ATTRIBUTE_KEY_PATTERN.test(key)) throw invalidInput(message("contacts.attributesAdmin.keyInvalid"), "key");
  const name = checkedName(input.name);
  if (!(ATTRIBUTE_TYPES as readonly string[]).includes(input.type)) throw invalidInput(message("contacts.attributesAdmin.typeInvalid"), "type");
  const type = input.type as AttributeType;
  const options = type === "choice" ? checkedOptions(input.options ?? []) : [];
  return db.transaction(async (tx) => {
    let row: ContactAttributeDefinition | undefined;
    try {
      row = await insertAttributeDefinition(tx, { key, name, type, options });
    } catch (error) {
      if (isUniqueViolation(error)) throw keyTaken(key);
      throw error;
    }
    if (!row) throw keyTaken(key);
    await recordAudit(tx, { actor, action: "contact_attribute.created", target: { type: "contact_attribute", id: row.id }, details: { key, name, type, options } });
    return attributeDefinitionView(row);
  });
}

const notFound = () => new NotFoundError(message("contacts.attributesAdmin.notFound"));

/**
 * Renames an attribute or changes a choice's options. Key and type stay; an option some contact
 * holds cannot be removed (or renamed), so no value is left outside its options.
 */
export async function updateAttributeDefinition(
  db: Database,
  actor: ContactActor,
  id: string,
  change: { name?: string; options?: readonly string[] },
): Promise<AttributeDefinitionView> {
  assertSettings(actor);
  const name = change.name === undefined ? undefined : checkedName(change.name);
  return db.transaction(async (tx) => {
    const current = await findAttributeDefinition(tx, id);
    if (!current) throw notFound();
    let options: string[] | undefined;
    if (change.options !== undefined) {
      if (current.type !== "choice") throw invalidInput(message("contacts.attributesAdmin.optionsNotForType"), "options");
      options = checkedOptions(change.options);
      const removed = current.options.filter((option) => !options!.includes(option));
      const [inUse] = await attributeValuesInUse(tx, current.key, removed);
      if (inUse !== undefined) throw new ActionError(message("contacts.attributesAdmin.optionInUse", { option: inUse }), { code: "CONFLICT", field: "options" });
    }
    const updated = await updateAttributeDefinitionRow(tx, id, { ...(name !== undefined ? { name } : {}), ...(options ? { options } : {}) });
    if (!updated) throw notFound();
    await recordAudit(tx, {
      actor,
      action: "contact_attribute.updated",
      target: { type: "contact_attribute", id },
      details: { key: current.key, ...(name !== undefined ? { name } : {}), ...(options ? { options } : {}) },
    });
    return attributeDefinitionView(updated);
  });
}

/** Deletes an attribute and removes its values from every contact. */
export async function deleteAttributeDefinition(db: Database, actor: ContactActor, id: string): Promise<{ valuesRemoved: number }> {
  assertSettings(actor);
  return db.transaction(async (tx) => {
    const current = await findAttributeDefinition(tx, id);
    if (!current) throw notFound();
    const valuesRemoved = await deleteAttributeDefinitionRow(tx, current);
    await recordAudit(tx, {
      actor,
      action: "contact_attribute.deleted",
      target: { type: "contact_attribute", id },
      details: { key: current.key, name: current.name, valuesRemoved },
    });
    if (valuesRemoved > 0) await publishLiveEvents(tx, [{ kind: "contact.updated", payload: {} }]);
    return { valuesRemoved };
  });
}
