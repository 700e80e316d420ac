/**
 * The contact list in SQL: a checked filter (lib/contacts/list.ts resolves it against the attributes'
 * definitions) compiled to one condition on `contacts`, keyset pages per sort on the list's indexes,
 * the page's tags in one query, counts, and the export's batches.
 */
import { and, asc, eq, inArray, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";

import type { Database } from "../client";
import { contactAttributeDefinitions, contacts, contactTagLinks, contactTags, conversations } from "../schema";
import { contactVisibleIn } from "./contact-access";
import type { ConnectionScope } from "./connection-access";
import { contactMatches, escapeLike, parseSearch } from "./search";

// Restated from lib/contacts/filter.ts as types only: db/ imports nothing from lib/ at run time.
type ConsentState = "opted_in" | "unknown" | "opted_out";
type AttributeType = "text" | "number" | "date" | "boolean" | "choice";
type AttributeOperator = "eq" | "neq" | "contains" | "gt" | "gte" | "lt" | "lte" | "before" | "after" | "in" | "is_true" | "is_false" | "is_set" | "is_not_set";
export type ContactSort = "last_message" | "name" | "created";

/** An attribute condition checked against its definition: the type decides how its value compares. */
export interface CompiledAttributeCondition {
  key: string;
  op: AttributeOperator;
  type: AttributeType;
  /** Text for text, date and choice (`in`: a list of canonical options); a number for number; none for the valueless operators. */
  value?: string | number | string[];
}

/**
 * A ContactFilter whose attribute conditions carry their definition's type, plus, when the list is
 * asked within a saved segment, the segment's own (checked) filter, which must hold too.
 */
export interface CompiledContactFilter {
  search?: string;
  tags?: { all?: string[]; any?: string[]; none?: string[] };
  attributes?: CompiledAttributeCondition[];
  consent?: ConsentState[];
  lastInboundWithinDays?: number;
  windowOpen?: boolean;
  phoneNumberId?: string;
  segment?: CompiledContactFilter;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_MS = DAY_MS;

function tagLinked(tagIds: string[]): SQL {
  return sql`exists (select 1 from ${contactTagLinks} where ${contactTagLinks.contactId} = ${contacts.id} and ${inArray(contactTagLinks.tagId, tagIds)})`;
}

/** `attributes @> {"key": value}`: exact equality of a JSON value, through the GIN index on attributes. */
function attributeContains(key: string, value: string | number | boolean): SQL {
  return sql`${contacts.attributes} @> ${JSON.stringify({ [key]: value })}::jsonb`;
}

/**
 * The attributes with every text lower-cased (keys are lower-case already): what a text attribute's
 * case-insensitive equality looks in, through its own index (contacts_attributes_lower_idx). The
 * expression must stay exactly the index's.
 */
const lowerAttributes = sql`(lower(${contacts.attributes}::text)::jsonb)`;

/** The attribute as a number when it holds one; null otherwise (so a stray text value never fails the cast). */
function numericAttribute(key: string): SQL {
  return sql`(case when jsonb_typeof(${contacts.attributes} -> ${key}) = 'number' then (${contacts.attributes} ->> ${key})::numeric end)`;
}

/** The attribute as text when it holds a string (dates are `YYYY-MM-DD` strings, comparable as text). */
function textAttribute(key: string): SQL {
  return sql`(case when jsonb_typeof(${contacts.attributes} -> ${key}) = 'string' then ${contacts.attributes} ->> ${key} end)`;
}

/**
 * One attribute condition. Comparisons with a missing attribute are SQL's unknown (NULL), which a
 * WHERE drops: "greater than 5", "before 2025-01-01", "contains x" never keep a contact without the
 * value. `neq` is written so that it DOES keep them (`is distinct from`, `not @>`): a contact whose
 * city is not set is not in Lisbon, and a segment "city is not Lisbon" is expected to include them
 * (add `is_set` to leave them out).
 */
function attributeCondition(condition: CompiledAttributeCondition): SQL {
  const { key, op, type, value } = condition;
  const exists = sql`${contacts.attributes} ? ${key}`;
  if (op === "is_set") return exists;
  if (op === "is_not_set") return sql`not (${exists})`;
  if (op === "is_true") return attributeContains(key, true);
  if (op === "is_false") return attributeContains(key, false);

  if (type === "number") {
    const number = typeof value === "number" ? value : Number(value);
    const bound = sql`${String(number)}::numeric`;
    switch (op) {
      case "eq":
        return attributeContains(key, number);
      case "neq":
        return sql`not (${attributeContains(key, number)})`;
      case "gt":
        return sql`${numericAttribute(key)} > ${bound}`;
      case "gte":
        return sql`${numericAttribute(key)} >= ${bound}`;
      case "lt":
        return sql`${numericAttribute(key)} < ${bound}`;
      case "lte":
        return sql`${numericAttribute(key)} <= ${bound}`;
    }
  }
  if (type === "date") {
    const day = String(value);
    switch (op) {
      case "eq":
        return attributeContains(key, day);
      case "before":
        return sql`${textAttribute(key)} < ${day}`;
      case "after":
        return sql`${textAttribute(key)} > ${day}`;
    }
  }
  if (type === "choice") {
    // Values are the canonical options (resolved case-insensitively before): exact JSON equality.
    if (op === "eq") return attributeContains(key, String(value));
    if (op === "neq") return sql`not (${attributeContains(key, String(value))})`;
    if (op === "in") {
      const options = Array.isArray(value) ? value : [String(value)];
      if (options.length === 0) return sql`false`;
      return sql`(${sql.join(
        options.map((option) => attributeContains(key, option)),
        sql` or `,
      )})`;
    }
  }
  if (type === "text") {
    const text = String(value);
    switch (op) {
      case "eq":
        // Containment in the lower-cased attributes, answered by their index; the value is lower-cased as JSON text is.
        return sql`${lowerAttributes} @> jsonb_build_object(${key}::text, lower(${text}::text))`;
      case "neq":
        return sql`not coalesce(${lowerAttributes} @> jsonb_build_object(${key}::text, lower(${text}::text)), false)`;
      case "contains":
        return sql`lower(${textAttribute(key)}) like '%' || lower(${escapeLike(text)}) || '%'`;
    }
  }
  // Resolution refuses any other pairing; should one slip through, it keeps nobody rather than everybody.
  return sql`false`;
}

/**
 * The conversation side: last inbound within N days and the 24-hour window, on the contact's own
 * columns (kept by a trigger as the latest of its conversations), or, with a business number, on the
 * conversation with that number (which must exist).
 */
function conversationConditions(filter: CompiledContactFilter, now: Date, columns: { lastInboundAt: SQL | typeof contacts.lastInboundAt }): SQL[] {
  const conditions: SQL[] = [];
  const { lastInboundAt } = columns;
  if (filter.lastInboundWithinDays !== undefined) {
    const since = new Date(now.getTime() - filter.lastInboundWithinDays * DAY_MS).toISOString();
    conditions.push(sql`${lastInboundAt} > ${since}::timestamptz`);
  }
  if (filter.windowOpen !== undefined) {
    const opened = new Date(now.getTime() - WINDOW_MS).toISOString();
    conditions.push(
      filter.windowOpen
        ? sql`${lastInboundAt} > ${opened}::timestamptz`
        : // Never wrote (null) counts as closed.
          sql`(${lastInboundAt} is null or ${lastInboundAt} <= ${opened}::timestamptz)`,
    );
  }
  return conditions;
}

/** The filter as one SQL condition on `contacts` (visibility is the caller's: see {@link contactListCondition}). */
export function contactFilterCondition(filter: CompiledContactFilter, now: Date): SQL {
  const conditions: SQL[] = [];
  const search = parseSearch(filter.search);
  // On the row itself: the planner weighs the names' and the number's indexes against the list's order
  // (a common word fills a page walking the order; the total and rare words read the indexes).
  if (search) conditions.push(contactMatches(search));
  const { all = [], any = [], none = [] } = filter.tags ?? {};
  for (const tagId of new Set(all)) conditions.push(tagLinked([tagId]));
  if (any.length > 0) conditions.push(tagLinked([...new Set(any)]));
  if (none.length > 0) conditions.push(sql`not ${tagLinked([...new Set(none)])}`);
  for (const condition of filter.attributes ?? []) conditions.push(attributeCondition(condition));
  if (filter.consent && filter.consent.length > 0) conditions.push(inArray(contacts.consent, [...new Set(filter.consent)]));

  if (filter.phoneNumberId !== undefined) {
    const c = sql.raw("filter_conversation");
    const onNumber = conversationConditions(filter, now, { lastInboundAt: sql`${c}.last_inbound_at` });
    conditions.push(
      sql`exists (select 1 from ${conversations} ${c} where ${c}.wa_id = ${contacts.waId} and ${c}.phone_number_id = ${filter.phoneNumberId}${
        onNumber.length > 0 ? sql` and ${sql.join(onNumber, sql` and `)}` : sql``
      })`,
    );
  } else {
    conditions.push(...conversationConditions(filter, now, { lastInboundAt: contacts.lastInboundAt }));
  }
  if (filter.segment) conditions.push(contactFilterCondition(filter.segment, now));
  return conditions.length > 0 ? and(...conditions)! : sql`true`;
}

/** The contacts of a list: visible in the scope, and matching the filter. */
export function contactListCondition(scope: ConnectionScope, filter: CompiledContactFilter, now: Date): SQL {
  return and(contactVisibleIn(scope), contactFilterCondition(filter, now))!;
}

/** Contacts by their public ids (a ticked selection), still visible in the scope. */
export function contactIdsCondition(scope: ConnectionScope, ids: string[]): SQL {
  if (ids.length === 0) return sql`false`;
  return and(contactVisibleIn(scope), inArray(contacts.id, ids))!;
}

// --- pages -----------------------------------------------------------------------------------------

/**
 * Where a page ends: the sort's key of its last row as text (a timestamp to the microsecond, or the
 * sort name; null for a contact never written to under `last_message`) and its wa_id, the tie-breaker
 * of every list index.
 */
export interface ContactPosition {
  sort: ContactSort;
  key: string | null;
  waId: string;
}

/** A timestamp as exact text (microseconds, UTC), so a position compares equal to the row it came from. */
const exactTime = (column: SQLWrapper) => sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const rowColumns = {
  id: contacts.id,
  waId: contacts.waId,
  displayName: contacts.displayName,
  profileName: contacts.profileName,
  phoneNumber: contacts.phoneNumber,
  userId: contacts.userId,
  username: contacts.username,
  attributes: contacts.attributes,
  consent: contacts.consent,
  consentSource: contacts.consentSource,
  consentAt: contacts.consentAt,
  lastMessageAt: contacts.lastMessageAt,
  lastInboundAt: contacts.lastInboundAt,
  createdAt: contacts.createdAt,
};

export interface ContactListRow {
  id: string;
  waId: string;
  displayName: string | null;
  profileName: string | null;
  phoneNumber: string | null;
  userId: string | null;
  username: string | null;
  attributes: Record<string, string | number | boolean>;
  consent: ConsentState;
  consentSource: string | null;
  consentAt: Date | null;
  lastMessageAt: Date | null;
  lastInboundAt: Date | null;
  createdAt: Date;
  /** This row's position (see {@link ContactPosition}). */
  sortKey: string | null;
}

/**
 * Each sort's order, written exactly as its partial index is (contacts_last_message_idx,
 * contacts_sort_name_idx, contacts_created_idx: `desc nulls last`, then wa_id), so PostgreSQL reads
 * the index in order and stops at the page's end.
 */
const ORDER: Record<ContactSort, SQL[]> = {
  last_message: [sql`${contacts.lastMessageAt} desc nulls last`, asc(contacts.waId)],
  name: [asc(contacts.sortName), asc(contacts.waId)],
  created: [sql`${contacts.createdAt} desc nulls last`, asc(contacts.waId)],
};

const SORT_KEY: Record<ContactSort, SQL<string | null>> = {
  last_message: exactTime(contacts.lastMessageAt),
  name: sql<string | null>`${contacts.sortName}`,
  created: exactTime(contacts.createdAt),
};

/**
 * After a position, in the sort's direction. For the time sorts (descending, wa_id ascending) the
 * row-value comparison cannot mix directions, so it is spelt out with its range part first
 * (`<= key`), which the index answers.
 */
function after(position: ContactPosition): SQL {
  const { key, waId } = position;
  if (position.sort === "name") return sql`(${contacts.sortName}, ${contacts.waId}) > (${key ?? ""}, ${waId})`;
  const column = position.sort === "created" ? contacts.createdAt : contacts.lastMessageAt;
  if (key === null) return sql`${column} is null and ${contacts.waId} > ${waId}`;
  return sql`${column} <= ${key}::timestamptz and (${column} < ${key}::timestamptz or ${contacts.waId} > ${waId})`;
}

/**
 * One keyset page (`limit` rows at most) of the contacts matching `where`, and the position after its
 * last row when more follow. Under `last_message`, contacts never written to come last: once the
 * dated ones run out mid-page, the page goes on with them (a second query on the null part of the
 * index, where a single OR would make PostgreSQL filter the whole index instead).
 */
export async function listContactRows(
  db: Database,
  options: { where: SQL; sort: ContactSort; after?: ContactPosition | null; limit: number },
): Promise<{ rows: ContactListRow[]; next: ContactPosition | null }> {
  const { sort, limit } = options;
  const page = (conditions: SQL[], size: number) =>
    db
      .select({ ...rowColumns, sortKey: SORT_KEY[sort] })
      .from(contacts)
      .where(and(options.where, ...conditions))
      .orderBy(...ORDER[sort])
      .limit(size);

  const position = options.after ?? null;
  let rows: ContactListRow[];
  if (sort === "last_message" && position && position.key !== null) {
    rows = await page([after(position)], limit + 1);
    if (rows.length <= limit) rows = rows.concat(await page([isNull(contacts.lastMessageAt)], limit + 1 - rows.length));
  } else {
    rows = await page(position ? [after(position)] : [], limit + 1);
  }
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { rows: shown, next: rows.length > limit && last ? { sort, key: last.sortKey, waId: last.waId } : null };
}

/** How many contacts match `where`. */
export async function countContactRows(db: Database, where: SQL): Promise<number> {
  const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(contacts).where(where);
  return row?.total ?? 0;
}

export interface ContactTagRow {
  contactId: string;
  id: string;
  name: string;
  colour: string;
}

/** The tags of these contacts, in one query, each contact's by name. */
export async function tagsOfContacts(db: Database, contactIds: readonly string[]): Promise<Map<string, ContactTagRow[]>> {
  const byContact = new Map<string, ContactTagRow[]>();
  if (contactIds.length === 0) return byContact;
  const rows = await db
    .select({ contactId: contactTagLinks.contactId, id: contactTags.id, name: contactTags.name, colour: contactTags.colour })
    .from(contactTagLinks)
    .innerJoin(contactTags, eq(contactTags.id, contactTagLinks.tagId))
    .where(inArray(contactTagLinks.contactId, [...contactIds]))
    .orderBy(sql`lower(${contactTags.name})`, asc(contactTags.id));
  for (const row of rows) {
    const list = byContact.get(row.contactId) ?? [];
    list.push(row);
    byContact.set(row.contactId, list);
  }
  return byContact;
}

export interface AttributeDefinitionRow {
  key: string;
  name: string;
  type: AttributeType;
  options: string[];
}

/** The attributes' definitions, in their order: what a filter is checked against and what an export's columns are. */
export async function listAttributeDefinitionRows(db: Database): Promise<AttributeDefinitionRow[]> {
  return db
    .select({
      key: contactAttributeDefinitions.key,
      name: contactAttributeDefinitions.name,
      type: contactAttributeDefinitions.type,
      options: contactAttributeDefinitions.options,
    })
    .from(contactAttributeDefinitions)
    .orderBy(asc(contactAttributeDefinitions.position), asc(contactAttributeDefinitions.createdAt), asc(contactAttributeDefinitions.key));
}

/** Export batches: the name order's keyset, this many rows a query. */
export const EXPORT_BATCH_SIZE = 1000;

/** The export's next batch after `position` (null: the first), in name order. */
export async function exportBatch(db: Database, where: SQL, position: ContactPosition | null, size = EXPORT_BATCH_SIZE) {
  return listContactRows(db, { where, sort: "name", after: position, limit: size });
}
