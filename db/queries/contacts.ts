/**
 * One contact's record: its row with tags, notes, conversations; changes to its name and attributes;
 * tags and attribute definitions; notes; and the anonymising delete. Bulk tag changes take the
 * selection as an SQL condition on `contacts`, so a whole filter is one statement however many match.
 */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import {
  contactAttributeDefinitions,
  contactNotes,
  contactTagLinks,
  contactTags,
  contacts,
  conversations,
  messages,
  messageStatusEvents,
  phoneNumbers,
  users,
  type Contact,
  type ContactAttributeDefinition,
} from "../schema";
import { contactVisibleIn } from "./contact-access";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";

type AttributeValue = string | number | boolean;

/** PostgreSQL's unique_violation, as either driver reports it (drizzle wraps the driver's error as its cause). */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

// --- contacts ------------------------------------------------------------------------------------

export async function findContactById(db: Database, contactId: string): Promise<Contact | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, contactId)).limit(1);
  return row;
}

/** The contacts of these ids the scope sees (not deleted). */
export async function visibleContactsByIds(db: Database, scope: ConnectionScope, contactIds: readonly string[]): Promise<Contact[]> {
  if (contactIds.length === 0) return [];
  return db
    .select()
    .from(contacts)
    .where(and(inArray(contacts.id, [...contactIds]), contactVisibleIn(scope)));
}

/** A new contact, known by a number; undefined when the number (as key or as a contact's number) is already known. */
export async function insertContactIfNew(
  db: Database,
  values: { waId: string; phoneNumber: string; displayName: string | null; attributes: Record<string, AttributeValue> },
): Promise<Contact | undefined> {
  // No conflict target: the key and the unique number both count as "already known".
  const [row] = await db.insert(contacts).values(values).onConflictDoNothing().returning();
  return row;
}

/**
 * Sets the display name (when given) and merges attribute values, removing the keys listed, in one
 * update; the row as it is after.
 */
export async function updateContactRecord(
  db: Database,
  contactId: string,
  change: { displayName?: string | null; set: Record<string, AttributeValue>; remove: string[] },
): Promise<Contact | undefined> {
  const setValues = JSON.stringify(change.set);
  const removeKeys = sql`array[${sql.join(
    change.remove.map((key) => sql`${key}`),
    sql`, `,
  )}]::text[]`;
  const [row] = await db
    .update(contacts)
    .set({
      ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
      attributes: change.remove.length > 0 ? sql`(${contacts.attributes} || ${setValues}::jsonb) - ${removeKeys}` : sql`${contacts.attributes} || ${setValues}::jsonb`,
    })
    .where(eq(contacts.id, contactId))
    .returning();
  return row;
}

/** The contact's conversations on the numbers of the scope, latest first, with the number as shown and the assignee. */
export async function conversationsOfContact(db: Database, scope: ConnectionScope, waId: string) {
  return db
    .select({
      id: conversations.id,
      phoneNumberId: conversations.phoneNumberId,
      displayPhoneNumber: phoneNumbers.displayPhoneNumber,
      status: conversations.status,
      assigneeId: conversations.assigneeId,
      assigneeName: users.name,
      lastMessageAt: conversations.lastMessageAt,
      lastInboundAt: conversations.lastInboundAt,
    })
    .from(conversations)
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, conversations.phoneNumberId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .where(and(eq(conversations.waId, waId), phoneNumberInScope(scope, conversations.phoneNumberId)))
    .orderBy(sql`${conversations.lastMessageAt} desc nulls last`, desc(conversations.id));
}

// --- tags ----------------------------------------------------------------------------------------

/** Every tag with how many (not deleted) contacts carry it, by name. */
export async function listTagsWithCounts(db: Database) {
  return db
    .select({
      id: contactTags.id,
      name: contactTags.name,
      colour: contactTags.colour,
      contactCount: sql<number>`(select count(*)::int from ${contactTagLinks} l join ${contacts} c on c.id = l.contact_id
        where l.tag_id = ${contactTags}.id and c.deleted_at is null)`,
    })
    .from(contactTags)
    .orderBy(sql`lower(${contactTags.name})`, asc(contactTags.id));
}

export async function findTagsByIds(db: Database, tagIds: readonly string[]) {
  if (tagIds.length === 0) return [];
  return db.select().from(contactTags).where(inArray(contactTags.id, [...tagIds]));
}

/** Tags by name, whatever their case. */
export async function findTagsByNames(db: Database, names: readonly string[]) {
  if (names.length === 0) return [];
  return db
    .select()
    .from(contactTags)
    .where(inArray(sql`lower(${contactTags.name})`, names.map((name) => name.toLowerCase())));
}

/** Whether another tag already has this name, whatever its case. */
export async function tagNameTaken(db: Database, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: contactTags.id })
    .from(contactTags)
    .where(and(eq(sql`lower(${contactTags.name})`, name.toLowerCase()), exceptId ? ne(contactTags.id, exceptId) : undefined))
    .limit(1);
  return row !== undefined;
}

/** A new tag; undefined when its name is taken (whatever its case). */
export async function insertTag(db: Database, values: { name: string; colour: string }) {
  const [row] = await db.insert(contactTags).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateTagRow(db: Database, tagId: string, change: { name?: string; colour?: string }) {
  const [row] = await db.update(contactTags).set(change).where(eq(contactTags.id, tagId)).returning();
  return row;
}

/** Deletes a tag (its links go with it); how many contacts carried it. */
export async function deleteTagRow(db: Database, tagId: string): Promise<{ deleted: boolean; contacts: number }> {
  const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(contactTagLinks).where(eq(contactTagLinks.tagId, tagId));
  const deleted = await db.delete(contactTags).where(eq(contactTags.id, tagId)).returning({ id: contactTags.id });
  return { deleted: deleted.length > 0, contacts: count?.total ?? 0 };
}

/** Links tags to one contact; the tag ids actually added (not already there). */
export async function addTagLinks(db: Database, contactId: string, tagIds: readonly string[]): Promise<string[]> {
  if (tagIds.length === 0) return [];
  const rows = await db
    .insert(contactTagLinks)
    .values(tagIds.map((tagId) => ({ tagId, contactId })))
    .onConflictDoNothing()
    .returning({ tagId: contactTagLinks.tagId });
  return rows.map((row) => row.tagId);
}

/** Unlinks tags from one contact; the tag ids actually removed. */
export async function removeTagLinks(db: Database, contactId: string, tagIds: readonly string[]): Promise<string[]> {
  if (tagIds.length === 0) return [];
  const rows = await db
    .delete(contactTagLinks)
    .where(and(eq(contactTagLinks.contactId, contactId), inArray(contactTagLinks.tagId, [...tagIds])))
    .returning({ tagId: contactTagLinks.tagId });
  return rows.map((row) => row.tagId);
}

const uuidArray = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/**
 * Adds the tags to every contact matching `selection` (a condition on `contacts`) in one statement;
 * how many contacts gained at least one of them.
 */
export async function addTagLinksWhere(db: Database, selection: SQL, tagIds: readonly string[]): Promise<number> {
  if (tagIds.length === 0) return 0;
  const result = await db.execute(sql`with added as (
      insert into ${contactTagLinks} (tag_id, contact_id)
      select tag.id, ${contacts.id} from ${contacts} cross join unnest(${uuidArray(tagIds)}) as tag(id)
      where ${selection}
      on conflict do nothing
      returning contact_id
    ) select count(distinct contact_id)::int as affected from added`);
  return rowsOf<{ affected: number }>(result)[0]?.affected ?? 0;
}

/** Removes the tags from every contact matching `selection` in one statement; how many contacts lost at least one. */
export async function removeTagLinksWhere(db: Database, selection: SQL, tagIds: readonly string[]): Promise<number> {
  if (tagIds.length === 0) return 0;
  const result = await db.execute(sql`with removed as (
      delete from ${contactTagLinks} link
      where link.tag_id = any(${uuidArray(tagIds)})
        and link.contact_id in (select ${contacts.id} from ${contacts} where ${selection})
      returning link.contact_id
    ) select count(distinct contact_id)::int as affected from removed`);
  return rowsOf<{ affected: number }>(result)[0]?.affected ?? 0;
}

// --- attribute definitions -----------------------------------------------------------------------

export async function listAttributeDefinitionRows(db: Database): Promise<ContactAttributeDefinition[]> {
  return db.select().from(contactAttributeDefinitions).orderBy(asc(contactAttributeDefinitions.position), asc(contactAttributeDefinitions.createdAt));
}

export async function findAttributeDefinition(db: Database, id: string): Promise<ContactAttributeDefinition | undefined> {
  const [row] = await db.select().from(contactAttributeDefinitions).where(eq(contactAttributeDefinitions.id, id)).limit(1);
  return row;
}

/** A new definition placed last; undefined when its key is taken. */
export async function insertAttributeDefinition(
  db: Database,
  values: { key: string; name: string; type: ContactAttributeDefinition["type"]; options: string[] },
): Promise<ContactAttributeDefinition | undefined> {
  const [row] = await db
    .insert(contactAttributeDefinitions)
    .values({ ...values, position: sql`(select coalesce(max(${contactAttributeDefinitions.position}), -1) + 1 from ${contactAttributeDefinitions})` })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateAttributeDefinitionRow(db: Database, id: string, change: { name?: string; options?: string[] }) {
  const [row] = await db.update(contactAttributeDefinitions).set(change).where(eq(contactAttributeDefinitions.id, id)).returning();
  return row;
}

/** Which of these values some contact holds under the key. */
export async function attributeValuesInUse(db: Database, key: string, values: readonly string[]): Promise<string[]> {
  if (values.length === 0) return [];
  const rows = await db
    .selectDistinct({ value: sql<string>`${contacts.attributes} ->> ${key}` })
    .from(contacts)
    .where(inArray(sql`${contacts.attributes} ->> ${key}`, [...values]));
  return rows.map((row) => row.value);
}

/** Deletes a definition and strips its key from every contact; how many contacts held a value. */
export async function deleteAttributeDefinitionRow(db: Database, definition: Pick<ContactAttributeDefinition, "id" | "key">): Promise<number> {
  await db.delete(contactAttributeDefinitions).where(eq(contactAttributeDefinitions.id, definition.id));
  const stripped = await db
    .update(contacts)
    .set({ attributes: sql`${contacts.attributes} - ${definition.key}::text` })
    .where(sql`${contacts.attributes} -> ${definition.key}::text is not null`)
    .returning({ id: contacts.id });
  return stripped.length;
}

// --- notes ---------------------------------------------------------------------------------------

const noteColumns = {
  id: contactNotes.id,
  contactId: contactNotes.contactId,
  body: contactNotes.body,
  authorId: contactNotes.authorId,
  authorName: users.name,
  createdAt: contactNotes.createdAt,
  updatedAt: contactNotes.updatedAt,
};

export type NoteRow = { id: string; contactId: string; body: string; authorId: string | null; authorName: string | null; createdAt: Date; updatedAt: Date };

/** The contact's notes with their authors' names, newest first. */
export async function notesOfContact(db: Database, contactId: string): Promise<NoteRow[]> {
  return db
    .select(noteColumns)
    .from(contactNotes)
    .leftJoin(users, eq(users.id, contactNotes.authorId))
    .where(eq(contactNotes.contactId, contactId))
    .orderBy(desc(contactNotes.createdAt), desc(contactNotes.id));
}

export async function findNote(db: Database, noteId: string): Promise<NoteRow | undefined> {
  const [row] = await db.select(noteColumns).from(contactNotes).leftJoin(users, eq(users.id, contactNotes.authorId)).where(eq(contactNotes.id, noteId)).limit(1);
  return row;
}

export async function insertNote(db: Database, values: { contactId: string; authorId: string; body: string }): Promise<string> {
  const [row] = await db.insert(contactNotes).values(values).returning({ id: contactNotes.id });
  return row!.id;
}

export async function updateNoteBody(db: Database, noteId: string, body: string): Promise<void> {
  await db.update(contactNotes).set({ body }).where(eq(contactNotes.id, noteId));
}

export async function deleteNoteRow(db: Database, noteId: string): Promise<void> {
  await db.delete(contactNotes).where(eq(contactNotes.id, noteId));
}

// --- deletion ------------------------------------------------------------------------------------

/** How many conversations and messages the contacts (by key) have, all numbers together. */
export async function conversationCounts(db: Database, waIds: readonly string[]): Promise<{ conversations: number; messages: number }> {
  if (waIds.length === 0) return { conversations: 0, messages: 0 };
  const [row] = await db
    .select({
      conversations: sql<number>`count(distinct ${conversations.id})::int`,
      messages: sql<number>`count(${messages.id})::int`,
    })
    .from(conversations)
    .leftJoin(messages, eq(messages.conversationId, conversations.id))
    .where(inArray(conversations.waId, [...waIds]));
  return { conversations: row?.conversations ?? 0, messages: row?.messages ?? 0 };
}

/**
 * Deletes contacts for good, keeping their conversations: each contact with conversations gets an
 * anonymised row (`wa_id` = `deleted:<uuid>`, deleted_at set, nothing personal) that takes them
 * over; the statuses' recipient numbers of their messages are cleared; then the contact rows go,
 * and with them their tag links, notes and consent history (cascade). Run it in a transaction.
 * Answers the conversations moved, by anonymised key.
 */
export async function anonymiseContacts(
  db: Database,
  targets: ReadonlyArray<Pick<Contact, "waId" | "phoneNumber" | "userId">>,
): Promise<{ conversationIds: string[]; deleted: number }> {
  if (targets.length === 0) return { conversationIds: [], deleted: 0 };
  const waIds = targets.map((target) => target.waId);
  const withConversations = rowsOf<{ wa_id: string }>(
    await db.execute(sql`select distinct ${conversations.waId} as wa_id from ${conversations} where ${inArray(conversations.waId, waIds)}`),
  ).map((row) => row.wa_id);
  const conversationIds: string[] = [];
  if (withConversations.length > 0) {
    const moves = rowsOf<{ old_wa_id: string; new_wa_id: string }>(
      await db.execute(sql`select old_wa_id, 'deleted:' || gen_random_uuid() as new_wa_id
        from unnest(array[${sql.join(
          withConversations.map((waId) => sql`${waId}`),
          sql`, `,
        )}]::text[]) as target(old_wa_id)`),
    );
    const now = new Date();
    await db.insert(contacts).values(moves.map((move) => ({ waId: move.new_wa_id, deletedAt: now })));
    const mapping = sql.join(
      moves.map((move) => sql`(${move.old_wa_id}, ${move.new_wa_id})`),
      sql`, `,
    );
    const moved = rowsOf<{ id: string }>(
      await db.execute(sql`update ${conversations} set wa_id = move.new_wa_id
        from (values ${mapping}) as move(old_wa_id, new_wa_id)
        where ${conversations.waId} = move.old_wa_id
        returning ${conversations.id} as id`),
    );
    conversationIds.push(...moved.map((row) => row.id));
  }
  // The customer's number or user id as statuses reported them: by their messages, and any stray one naming them.
  const identities = targets.flatMap((target) => [target.waId, target.phoneNumber, target.userId]).filter((value): value is string => Boolean(value));
  const statusCondition =
    conversationIds.length > 0
      ? sql`${messageStatusEvents.wamid} in (select ${messages.wamid} from ${messages} where ${inArray(messages.conversationId, conversationIds)} and ${messages.wamid} is not null)
          or ${inArray(messageStatusEvents.recipientId, identities)}`
      : inArray(messageStatusEvents.recipientId, identities);
  await db
    .update(messageStatusEvents)
    .set({ recipientId: null })
    .where(and(sql`${messageStatusEvents.recipientId} is not null`, sql`(${statusCondition})`));
  const deleted = await db.delete(contacts).where(inArray(contacts.waId, waIds)).returning({ id: contacts.id });
  return { conversationIds, deleted: deleted.length };
}
