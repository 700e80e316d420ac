import { and, desc, eq, lt, sql } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import {
  contactAttributeDefinitions,
  contactConsentEvents,
  contactImportContacts,
  contactImportRejects,
  contactImports,
  contacts,
  contactTagLinks,
  contactTags,
  users,
  type ContactImport,
} from "../schema";
import type { ConnectionScope } from "./connection-access";
import { contactVisibleIn } from "./contact-access";

/*
 * CSV imports of contacts: the import's row, its checkpointed progress, and the statements a batch
 * of rows makes. A batch passes its rows as ONE jsonb parameter each statement reads with
 * jsonb_to_recordset, so a thousand rows cost a handful of statements whatever the driver.
 */

export type NewContactImport = typeof contactImports.$inferInsert;

/** An import with the name of whoever uploaded it. */
export interface ContactImportRow {
  contactImport: ContactImport;
  createdByName: string | null;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

export async function insertContactImport(db: Database, values: NewContactImport): Promise<ContactImport> {
  const [created] = await db.insert(contactImports).values(values).returning();
  if (!created) throw new Error("The contact import was not stored.");
  return created;
}

export async function findContactImport(db: Database, importId: string): Promise<ContactImportRow | undefined> {
  const [row] = await db
    .select({ contactImport: contactImports, createdByName: users.name })
    .from(contactImports)
    .leftJoin(users, eq(users.id, contactImports.createdById))
    .where(eq(contactImports.id, importId))
    .limit(1);
  return row;
}

/** The latest imports, newest first. */
export async function listContactImports(db: Database, limit: number): Promise<ContactImportRow[]> {
  return db
    .select({ contactImport: contactImports, createdByName: users.name })
    .from(contactImports)
    .leftJoin(users, eq(users.id, contactImports.createdById))
    .orderBy(desc(contactImports.createdAt), desc(contactImports.id))
    .limit(limit);
}

/** Stores the mapping and queues an uploaded import; undefined when it is no longer "uploaded" (started twice, discarded). */
export async function queueUploadedImport(
  db: Database,
  importId: string,
  input: { mapping: Record<string, string>; defaultCountry: string | null },
): Promise<ContactImport | undefined> {
  const [row] = await db
    .update(contactImports)
    .set({ status: "queued", mapping: input.mapping, defaultCountry: input.defaultCountry })
    .where(and(eq(contactImports.id, importId), eq(contactImports.status, "uploaded")))
    .returning();
  return row;
}

/** Back to "uploaded" when its job could not be queued. */
export async function unqueueImport(db: Database, importId: string): Promise<void> {
  await db
    .update(contactImports)
    .set({ status: "uploaded", mapping: null, defaultCountry: null })
    .where(and(eq(contactImports.id, importId), eq(contactImports.status, "queued"), eq(contactImports.processedRows, 0)));
}

/** Deletes an import that was never started; answers its stored file's path (undefined when there was none such). */
export async function deleteUploadedImport(db: Database, importId: string): Promise<{ storedPath: string | null } | undefined> {
  const [row] = await db
    .delete(contactImports)
    .where(and(eq(contactImports.id, importId), eq(contactImports.status, "uploaded")))
    .returning({ storedPath: contactImports.storedPath });
  return row;
}

/** Imports uploaded before `before` and never started. */
export async function staleUploadedImports(db: Database, before: Date, limit: number): Promise<Array<{ id: string; fileName: string }>> {
  return db
    .select({ id: contactImports.id, fileName: contactImports.fileName })
    .from(contactImports)
    .where(and(eq(contactImports.status, "uploaded"), lt(contactImports.createdAt, before)))
    .limit(limit);
}

/** A queued (or interrupted) import starts or goes on running; undefined when it is not one to run. */
export async function markImportRunning(db: Database, importId: string, now: Date): Promise<ContactImport | undefined> {
  const [row] = await db
    .update(contactImports)
    .set({ status: "running", startedAt: sql`coalesce(${contactImports.startedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(contactImports.id, importId), sql`${contactImports.status} in ('queued', 'running')`))
    .returning();
  return row;
}

/**
 * Ends an import that did not finish (`error`: the encoded sentence shown to people); its file is
 * no longer kept. Answers the file's path to remove, undefined when the import was not running.
 */
export async function failImport(db: Database, importId: string, error: string, now: Date): Promise<{ storedPath: string | null } | undefined> {
  const [before] = await db.select({ storedPath: contactImports.storedPath }).from(contactImports).where(eq(contactImports.id, importId)).for("update");
  const [row] = await db
    .update(contactImports)
    .set({ status: "failed", error, finishedAt: now, storedPath: null })
    .where(and(eq(contactImports.id, importId), sql`${contactImports.status} in ('queued', 'running')`))
    .returning({ id: contactImports.id });
  return row && before ? { storedPath: before.storedPath } : undefined;
}

/** Ends a running import; undefined when another run ended it already. */
export async function finishImport(db: Database, importId: string, now: Date): Promise<ContactImport | undefined> {
  const [row] = await db
    .update(contactImports)
    .set({ status: "finished", finishedAt: now, storedPath: null })
    .where(and(eq(contactImports.id, importId), eq(contactImports.status, "running")))
    .returning();
  return row;
}

/** The import's row, locked until the transaction ends: a batch holds it while it writes. */
export async function lockImport(db: Database, importId: string): Promise<ContactImport | undefined> {
  const [row] = await db.select().from(contactImports).where(eq(contactImports.id, importId)).for("update");
  return row;
}

/** The attribute definitions a mapping and the rows are checked against. */
export async function importAttributeDefinitions(db: Database) {
  return db
    .select({
      id: contactAttributeDefinitions.id,
      key: contactAttributeDefinitions.key,
      name: contactAttributeDefinitions.name,
      type: contactAttributeDefinitions.type,
      options: contactAttributeDefinitions.options,
    })
    .from(contactAttributeDefinitions)
    .orderBy(contactAttributeDefinitions.position, contactAttributeDefinitions.key);
}

// --- a batch -------------------------------------------------------------------------------------

/** A contact as a batch finds it, locked for the rest of the batch's transaction. */
export interface ImportExistingContact {
  waId: string;
  id: string;
  phoneNumber: string | null;
  displayName: string | null;
  attributes: Record<string, string | number | boolean>;
  consent: "opted_in" | "unknown" | "opted_out";
  /** Its tags' names, lower-cased. */
  tagKeys: string[];
  /** The importer may see it (their connections). */
  visible: boolean;
}

/**
 * The contacts known by these numbers (as their number or, for a number first seen as WhatsApp's id,
 * their wa_id), locked so an inbound message's change waits for the batch rather than crossing it.
 */
export async function lockContactsByNumbers(db: Database, numbers: string[], scope: ConnectionScope): Promise<ImportExistingContact[]> {
  if (numbers.length === 0) return [];
  // An array (one InitPlan), so both lookups are index scans rather than a hashed subquery per contact.
  const wanted = sql`any(array(select jsonb_array_elements_text(${json(numbers)})))`;
  const rows = rowsOf<{
    wa_id: string;
    id: string;
    phone_number: string | null;
    display_name: string | null;
    attributes: Record<string, string | number | boolean> | string;
    consent: ImportExistingContact["consent"];
    tag_keys: string[] | string;
    visible: boolean;
  }>(
    await db.execute(sql`
      select ${contacts.waId} as wa_id, ${contacts.id} as id, ${contacts.phoneNumber} as phone_number,
        ${contacts.displayName} as display_name, ${contacts.attributes} as attributes, ${contacts.consent}::text as consent,
        coalesce((select jsonb_agg(lower(t.name)) from ${contactTagLinks} l join ${contactTags} t on t.id = l.tag_id
                  where l.contact_id = ${contacts.id}), '[]'::jsonb) as tag_keys,
        coalesce(${contactVisibleIn(scope)}, false) as visible
      from ${contacts}
      where (${contacts.phoneNumber} = ${wanted} or ${contacts.waId} = ${wanted}) and ${contacts.deletedAt} is null
      for update of ${contacts}`),
  );
  // PGlite answers jsonb as text in raw statements where postgres-js parses it.
  const parsed = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);
  return rows.map((row) => ({
    waId: row.wa_id,
    id: row.id,
    phoneNumber: row.phone_number,
    displayName: row.display_name,
    attributes: parsed(row.attributes),
    consent: row.consent,
    tagKeys: parsed(row.tag_keys),
    visible: Boolean(row.visible),
  }));
}

export interface ImportNewContact {
  digits: string;
  name: string | null;
  attributes: Record<string, string | number | boolean>;
  consent: "opted_in" | "opted_out" | null;
}

/**
 * Inserts the new contacts (wa_id and phone_number = the digits); a number an inbound message
 * created meanwhile is skipped (ON CONFLICT DO NOTHING). Answers those inserted.
 */
export async function insertImportedContacts(db: Database, rows: ImportNewContact[], at: Date): Promise<Array<{ waId: string; id: string }>> {
  if (rows.length === 0) return [];
  const inserted = rowsOf<{ wa_id: string; id: string }>(
    await db.execute(sql`
      insert into ${contacts} (wa_id, phone_number, display_name, attributes, consent, consent_source, consent_at)
      select r.digits, r.digits, r.name, coalesce(r.attributes, '{}'::jsonb), coalesce(r.consent, 'unknown')::contact_consent,
        case when r.consent is null then null else 'import' end,
        case when r.consent is null then null else ${at.toISOString()}::timestamptz end
      from jsonb_to_recordset(${json(rows)}) as r(digits text, name text, attributes jsonb, consent text)
      on conflict do nothing
      returning wa_id, id`),
  );
  return inserted.map((row) => ({ waId: row.wa_id, id: row.id }));
}

export interface ImportContactChange {
  waId: string;
  /** Null: unchanged. */
  name: string | null;
  /** Merged over the contact's (keys not given are kept). */
  attributes: Record<string, string | number | boolean>;
  consent: "opted_in" | "opted_out" | null;
}

/** Applies the changes found for existing contacts, in one statement. */
export async function updateImportedContacts(db: Database, changes: ImportContactChange[], at: Date): Promise<void> {
  if (changes.length === 0) return;
  await db.execute(sql`
    update ${contacts} set
      display_name = coalesce(r.name, ${contacts.displayName}),
      attributes = ${contacts.attributes} || coalesce(r.attributes, '{}'::jsonb),
      consent = coalesce(r.consent::contact_consent, ${contacts.consent}),
      consent_source = case when r.consent is null then ${contacts.consentSource} else 'import' end,
      consent_at = case when r.consent is null then ${contacts.consentAt} else ${at.toISOString()}::timestamptz end,
      updated_at = now()
    from jsonb_to_recordset(${json(changes.map((change) => ({ wa_id: change.waId, name: change.name, attributes: change.attributes, consent: change.consent })))})
      as r(wa_id text, name text, attributes jsonb, consent text)
    where ${contacts.waId} = r.wa_id`);
}

/** The tags of these names, created (gray) when missing; answers tag ids by lower-cased name. */
export async function ensureTags(db: Database, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  await db.execute(sql`
    insert into ${contactTags} (name)
    select distinct on (lower(t.name)) t.name from jsonb_array_elements_text(${json(names)}) as t(name)
    on conflict ((lower(name))) do nothing`);
  const rows = rowsOf<{ id: string; key: string }>(
    await db.execute(sql`
      select ${contactTags.id} as id, lower(${contactTags.name}) as key from ${contactTags}
      where lower(${contactTags.name}) in (select lower(t.name) from jsonb_array_elements_text(${json(names)}) as t(name))`),
  );
  return new Map(rows.map((row) => [row.key, row.id]));
}

export async function linkImportedTags(db: Database, links: Array<{ tagId: string; contactId: string }>): Promise<void> {
  if (links.length === 0) return;
  await db.execute(sql`
    insert into ${contactTagLinks} (tag_id, contact_id)
    select r.tag_id, r.contact_id from jsonb_to_recordset(${json(links.map((link) => ({ tag_id: link.tagId, contact_id: link.contactId })))})
      as r(tag_id uuid, contact_id uuid)
    on conflict do nothing`);
}

/** The consent history rows of the changes an import made (one per contact and import). */
export async function recordImportConsentEvents(
  db: Database,
  events: Array<{ contactId: string; consent: "opted_in" | "opted_out" }>,
  source: { importId: string; fileName: string; actorId: string | null; at: Date },
): Promise<void> {
  if (events.length === 0) return;
  await db.execute(sql`
    insert into ${contactConsentEvents} (contact_id, consent, source, actor_id, detail, source_ref, at)
    select r.contact_id, r.consent::contact_consent, 'import', ${source.actorId}::uuid, ${source.fileName}, ${source.importId}, ${source.at.toISOString()}::timestamptz
    from jsonb_to_recordset(${json(events.map((event) => ({ contact_id: event.contactId, consent: event.consent })))}) as r(contact_id uuid, consent text)
    on conflict do nothing`);
}

/** Which contacts the import created or updated (a campaign's audience "the contacts of this file"); a resumed batch adds nothing twice. */
export async function recordImportContacts(db: Database, importId: string, contactIds: string[]): Promise<void> {
  if (contactIds.length === 0) return;
  await db.execute(sql`
    insert into ${contactImportContacts} (import_id, contact_id)
    select ${importId}::uuid, c.id::uuid from jsonb_array_elements_text(${json([...new Set(contactIds)])}) as c(id)
    on conflict do nothing`);
}

export interface ImportReject {
  rowNumber: number;
  reason: { key: string; values?: Record<string, string | number> };
  cells: string[];
}

export async function insertImportRejects(db: Database, importId: string, rejects: ImportReject[]): Promise<void> {
  if (rejects.length === 0) return;
  await db.execute(sql`
    insert into ${contactImportRejects} (import_id, row_number, reason, cells)
    select ${importId}::uuid, r.row_number, r.reason, r.cells
    from jsonb_to_recordset(${json(rejects.map((reject) => ({ row_number: reject.rowNumber, reason: reject.reason, cells: reject.cells })))})
      as r(row_number integer, reason jsonb, cells jsonb)
    on conflict do nothing`);
}

/** Moves the checkpoint past a batch and adds its counts (the caller holds the import's lock). */
export async function advanceImport(
  db: Database,
  importId: string,
  progress: { processedRows: number; created: number; updated: number; unchanged: number; rejected: number },
): Promise<void> {
  await db
    .update(contactImports)
    .set({
      processedRows: progress.processedRows,
      created: sql`${contactImports.created} + ${progress.created}`,
      updated: sql`${contactImports.updated} + ${progress.updated}`,
      unchanged: sql`${contactImports.unchanged} + ${progress.unchanged}`,
      rejected: sql`${contactImports.rejected} + ${progress.rejected}`,
    })
    .where(eq(contactImports.id, importId));
}

/** A page of an import's rejects in row order, after `afterRow`. */
export async function importRejectsPage(db: Database, importId: string, afterRow: number, limit: number): Promise<ImportReject[]> {
  const rows = await db
    .select({ rowNumber: contactImportRejects.rowNumber, reason: contactImportRejects.reason, cells: contactImportRejects.cells })
    .from(contactImportRejects)
    .where(and(eq(contactImportRejects.importId, importId), sql`${contactImportRejects.rowNumber} > ${afterRow}`))
    .orderBy(contactImportRejects.rowNumber)
    .limit(limit);
  return rows;
}
