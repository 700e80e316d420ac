/**
 * Which contacts: a filter (and a saved segment) checked against the attributes' definitions, then
 * the list's pages, its count, and the conditions bulk actions and exports act on. Every read is
 * limited to the contacts the actor sees (`contactVisibleIn`).
 */
import "server-only";

import type { SQL } from "drizzle-orm";

import type { Database } from "@/db/client";
import { contactIdsCondition, contactListCondition, countContactRows, listAttributeDefinitionRows, listContactRows, tagsOfContacts, type AttributeDefinitionRow, type CompiledAttributeCondition, type CompiledContactFilter, type ContactListRow, type ContactPosition } from "@/db/queries/contact-list";
import { findSegmentRow } from "@/db/queries/segments";
import { ActionError } from "@/lib/actions/errors";
import { assertPhoneNumberVisible, NotFoundError } from "@/lib/auth/connection-access";
import { message, translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";
import { z } from "@/lib/zod";

import type { ContactActor } from "./access";
import { ATTRIBUTE_OPERATORS, CONTACT_SORTS, contactFilterSchema, VALUELESS_OPERATORS, type AttributeCondition, type ContactFilter, type ContactSort } from "./filter";
import type { ContactListItem, ContactListPage, ContactListParams, ContactSelection } from "./views";
import { contactListItemOf } from "./mappers";

export type { CompiledContactFilter };

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;
/** The most contacts a ticked selection (bulk action, export) may name. */
export const SELECTION_IDS_MAX = 1000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRealDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const invalidInput = (said: Translatable, field: string) => new ActionError(said, { code: "INVALID_INPUT", field });

/** One attribute condition against its definition: the type it compares by, its value in the form SQL compares (canonical options). */
function checkAttributeCondition(condition: AttributeCondition, definition: AttributeDefinitionRow | undefined, field: string): CompiledAttributeCondition {
  const { key, op, value } = condition;
  if (!definition) throw invalidInput(message("contacts.list.errors.unknownAttribute", { key }), `${field}.key`);
  const { type } = definition;
  if (!(ATTRIBUTE_OPERATORS[type] as readonly string[]).includes(op)) {
    throw invalidInput(message("contacts.list.errors.operatorNotForType", { operator: op, type }), `${field}.op`);
  }
  if (VALUELESS_OPERATORS.includes(op)) return { key, op, type };

  const valueField = `${field}.value`;
  if (value === undefined || value === "") throw invalidInput(message("contacts.list.errors.valueRequired", { key }), valueField);
  switch (type) {
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) throw invalidInput(message("contacts.list.errors.valueNotNumber", { key }), valueField);
      return { key, op, type, value };
    }
    case "date": {
      if (typeof value !== "string" || !isRealDay(value)) throw invalidInput(message("contacts.list.errors.valueNotDate", { key }), valueField);
      return { key, op, type, value };
    }
    case "text": {
      if (typeof value !== "string") throw invalidInput(message("contacts.list.errors.valueNotText", { key }), valueField);
      return { key, op, type, value };
    }
    case "choice": {
      const canonical = (text: string) => definition.options.find((option) => option.toLowerCase() === text.toLowerCase());
      if (op === "in") {
        const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
        if (list.length === 0) throw invalidInput(message("contacts.list.errors.optionsRequired", { key }), valueField);
        const options = list.map((text, index) => {
          const option = canonical(text);
          if (option === undefined) throw invalidInput(message("contacts.list.errors.valueNotOption", { key, value: text }), `${valueField}.${index}`);
          return option;
        });
        return { key, op, type, value: [...new Set(options)] };
      }
      const option = typeof value === "string" ? canonical(value) : undefined;
      if (option === undefined) throw invalidInput(message("contacts.list.errors.valueNotOption", { key, value: String(value) }), valueField);
      return { key, op, type, value: option };
    }
    case "boolean":
      // Every boolean operator is valueless, handled above.
      return { key, op, type };
  }
}

function compile(filter: ContactFilter, definitions: Map<string, AttributeDefinitionRow>, prefix: string): CompiledContactFilter {
  const { attributes, ...rest } = filter;
  return {
    ...rest,
    attributes: (attributes ?? []).map((condition, index) => checkAttributeCondition(condition, definitions.get(condition.key), `${prefix}.attributes.${index}`)),
  };
}

/**
 * A filter (and the saved segment it is asked within) ready for SQL: each attribute condition checked
 * against its definition (unknown key, operator not of its type, value of the wrong type → an
 * ActionError INVALID_INPUT naming `filter.attributes.<i>.key|op|value`; the segment's own
 * conditions are named `segment.attributes.<i>…`), choice values made the canonical option. A
 * segment that does not exist is NotFoundError (field `segmentId`).
 */
export async function resolveFilter(db: Database, filter: ContactFilter, segmentId?: string): Promise<CompiledContactFilter> {
  let segmentFilter: ContactFilter | undefined;
  if (segmentId !== undefined) {
    const segment = UUID.test(segmentId) ? await findSegmentRow(db, segmentId) : undefined;
    if (!segment) throw new NotFoundError(message("contacts.list.errors.segmentNotFound"), "segmentId");
    // Stored through contactFilterSchema; read back through it all the same (a hand-edited row keeps nobody out by accident).
    const parsed = contactFilterSchema.safeParse(segment.definition);
    if (!parsed.success) throw new NotFoundError(message("contacts.list.errors.segmentNotFound"), "segmentId");
    segmentFilter = parsed.data;
  }
  const needsDefinitions = (filter.attributes?.length ?? 0) > 0 || (segmentFilter?.attributes?.length ?? 0) > 0;
  const definitions = new Map(needsDefinitions ? (await listAttributeDefinitionRows(db)).map((row) => [row.key, row]) : []);
  const compiled = compile(filter, definitions, "filter");
  if (segmentFilter) compiled.segment = compile(segmentFilter, definitions, "segment");
  return compiled;
}

/** A business number named by a filter must be one the actor may work with; any other is "not found", like a missing one. */
async function checkNumbers(db: Database, actor: ContactActor, filter: CompiledContactFilter): Promise<void> {
  for (let part: CompiledContactFilter | undefined = filter; part; part = part.segment) {
    if (part.phoneNumberId !== undefined) await assertPhoneNumberVisible(db, actor.connections, part.phoneNumberId);
  }
}

/** The SQL condition of the contacts a filter keeps for this actor (visibility included). */
async function filterCondition(db: Database, actor: ContactActor, filter: ContactFilter, segmentId: string | undefined, now: Date): Promise<SQL> {
  const compiled = await resolveFilter(db, filter, segmentId);
  await checkNumbers(db, actor, compiled);
  return contactListCondition(actor.connections, compiled, now);
}

// --- cursors ---------------------------------------------------------------------------------------

const positionSchema = z.object({ sort: z.enum(CONTACT_SORTS), key: z.string().max(500).nullable(), waId: z.string().min(1).max(200) });

/** A page's end as the opaque text the list hands out (base64url JSON). */
export function encodeContactCursor(position: ContactPosition | null): string | null {
  return position ? Buffer.from(JSON.stringify(position), "utf8").toString("base64url") : null;
}

/** The position a cursor of this sort carries; null when it is not one the list gave out for this sort. */
export function parseContactCursor(cursor: string, sort: ContactSort): ContactPosition | null {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) return null;
  try {
    const parsed = positionSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.sort !== sort) return null;
    const { key } = parsed.data;
    // Time sorts carry an exact timestamp; anything else would fail PostgreSQL's cast.
    if (sort !== "name" && key !== null && Number.isNaN(Date.parse(key))) return null;
    if (sort === "name" && key === null) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** Rows with their tags (one query for the whole batch). */
export async function contactListItems(db: Database, rows: ContactListRow[], now: Date): Promise<ContactListItem[]> {
  const tags = await tagsOfContacts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => contactListItemOf(row, tags.get(row.id) ?? [], now));
}

// --- the list ------------------------------------------------------------------------------------------

/**
 * A page of the contacts the actor sees, matching the filter (and segment), in the sort's order, with
 * the number of all matches. A cursor of another sort, or not one the list gave, is refused
 * (ActionError INVALID_CURSOR, field `cursor`).
 */
export async function listContacts(db: Database, actor: ContactActor, params: ContactListParams, now = new Date()): Promise<ContactListPage> {
  const sort = params.sort;
  const position = params.cursor ? parseContactCursor(params.cursor, sort) : null;
  if (params.cursor && !position) throw new ActionError(message("contacts.list.errors.invalidCursor"), { code: "INVALID_CURSOR", field: "cursor" });
  const limit = Math.min(Math.max(Math.floor(params.limit ?? LIST_LIMIT_DEFAULT), 1), LIST_LIMIT_MAX);
  const where = await filterCondition(db, actor, params.filter, params.segmentId, now);
  const [page, total] = await Promise.all([listContactRows(db, { where, sort, after: position, limit }), countContactRows(db, where)]);
  return { items: await contactListItems(db, page.rows, now), nextCursor: encodeContactCursor(page.next), total };
}

/** How many contacts the actor sees match the filter (and segment). */
export async function countContacts(db: Database, actor: ContactActor, filter: ContactFilter, segmentId?: string, now = new Date()): Promise<number> {
  return countContactRows(db, await filterCondition(db, actor, filter, segmentId, now));
}

/**
 * The contacts a bulk action or an export acts on, as a condition on `contacts`: the ticked ids (at
 * most {@link SELECTION_IDS_MAX}; those the actor does not see are left out, never acted on), or every
 * visible contact matching a filter (and segment).
 */
export async function selectionCondition(db: Database, actor: ContactActor, selection: ContactSelection, now = new Date()): Promise<SQL> {
  if ("ids" in selection) {
    if (selection.ids.length > SELECTION_IDS_MAX) {
      throw invalidInput(message("contacts.list.errors.tooManyIds", { maximum: SELECTION_IDS_MAX }), "ids");
    }
    if (!selection.ids.every((id) => UUID.test(id))) throw invalidInput(message("contacts.list.errors.invalidIds"), "ids");
    return contactIdsCondition(actor.connections, [...new Set(selection.ids.map((id) => id.toLowerCase()))]);
  }
  return filterCondition(db, actor, selection.filter, selection.segmentId, now);
}

// --- the dashboard's query string ---------------------------------------------------------------------

/** `?filter=<JSON>&segment=<id>&sort=&cursor=&limit=&ids=a,b` as the list's parameters, or what is wrong with it. */
export type ContactQuery =
  | { ok: true; filter: ContactFilter; segmentId: string | undefined; sort: ContactSort; cursor: string | undefined; limit: number | undefined; ids: string[] | undefined }
  | { ok: false; problem: Translatable; code: "INVALID_FILTER" | "INVALID_SORT" | "INVALID_INPUT" };

/** The dashboard's list parameters from a URL's query, each checked with a message saying which part is wrong (`t` words zod's part of it). */
export function contactQueryFrom(params: URLSearchParams, t: Translate): ContactQuery {
  let filter: ContactFilter = {};
  const rawFilter = params.get("filter");
  if (rawFilter) {
    let json: unknown;
    try {
      json = JSON.parse(rawFilter);
    } catch {
      return { ok: false, problem: message("contacts.list.errors.filterNotJson"), code: "INVALID_FILTER" };
    }
    const parsed = contactFilterSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return {
        ok: false,
        problem: message("contacts.list.errors.filterInvalid", { field: ["filter", ...issue.path.map(String)].join("."), problem: translateMessage(t, issue.message) }),
        code: "INVALID_FILTER",
      };
    }
    filter = parsed.data;
  }
  const sort = params.get("sort") ?? "last_message";
  if (!(CONTACT_SORTS as readonly string[]).includes(sort)) return { ok: false, problem: message("contacts.list.errors.unknownSort"), code: "INVALID_SORT" };
  const rawLimit = params.get("limit");
  const limit = rawLimit ? Number(rawLimit) : undefined;
  const rawIds = params.get("ids");
  const ids = rawIds ? rawIds.split(",").map((id) => id.trim()).filter(Boolean) : undefined;
  if (ids && ids.length > SELECTION_IDS_MAX) {
    return { ok: false, problem: message("contacts.list.errors.tooManyIds", { maximum: SELECTION_IDS_MAX }), code: "INVALID_INPUT" };
  }
  if (ids && !ids.every((id) => UUID.test(id))) return { ok: false, problem: message("contacts.list.errors.invalidIds"), code: "INVALID_INPUT" };
  return {
    ok: true,
    filter,
    segmentId: params.get("segment") || undefined,
    sort: sort as ContactSort,
    cursor: params.get("cursor") || undefined,
    limit: limit !== undefined && Number.isFinite(limit) ? limit : undefined,
    ids,
  };
}
