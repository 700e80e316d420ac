/**
 * The import itself (the `contacts.import` job's work): the stored file streamed from its
 * checkpoint, rows decided in memory, then each batch of ~1000 applied in ONE transaction with the
 * import's counters and checkpoint, so a run that stops (a crash, a deploy) is resumed by the next
 * without counting a row twice.
 */
import "server-only";

import { access } from "node:fs/promises";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { ALL_CONNECTIONS, findConnectionScope, type ConnectionScope } from "@/db/queries/connection-access";
import {
  advanceImport,
  ensureTags,
  failImport,
  finishImport,
  importAttributeDefinitions,
  insertImportedContacts,
  insertImportRejects,
  linkImportedTags,
  lockContactsByNumbers,
  lockImport,
  markImportRunning,
  recordImportConsentEvents,
  recordImportContacts,
  updateImportedContacts,
  type ImportContactChange,
  type ImportExistingContact,
  type ImportReject,
} from "@/db/queries/contact-imports";
import { publishLiveEvents } from "@/db/queries/live-events";
import type { OutboundChange, OutboundEventsRecorder } from "@/db/queries/outbound-webhooks";
import { findUserById } from "@/db/queries/users";
import type { ContactImport } from "@/db/schema";
import type { ImportField } from "@/lib/contacts/views";
import { encodeMessage, message } from "@/lib/i18n/translatable";
import { logger } from "@/lib/log";
import { withOutboundEvents } from "@/lib/outbound-webhooks/emit";

import { fileRecords } from "./csv";
import { importFilePath, removeImportFile } from "./files";
import { decideRow, rowReaderOf, type ImportedRow, type RowDecision } from "./rows";

const log = logger("contacts-import");

export const IMPORT_BATCH_SIZE = 1000;

export interface RunImportOptions {
  batchSize?: number;
  /** Stops after this many batches, as a process that dies would (the next run resumes). */
  stopAfterBatches?: number;
  now?: () => Date;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export type ImportRunOutcome =
  | { kind: "finished"; counts: ImportCounts & { totalRows: number } }
  | { kind: "failed" }
  /** Not queued nor running (finished, failed, discarded, never started): nothing to do. */
  | { kind: "not_runnable" }
  /** Another run moved the checkpoint first: it goes on, this one stops. */
  | { kind: "superseded" }
  | { kind: "stopped"; processedRows: number };

/** The data row of record `index` (0 = the first after the header) as a spreadsheet numbers it: the header is row 1. */
const rowNumberOf = (index: number) => index + 2;

interface Batch {
  /** The checkpoint this batch starts from: the import's processedRows when it was read. */
  start: number;
  records: number;
  rows: Array<{ decision: RowDecision; rowNumber: number; cells: string[] }>;
}

interface ImportContext {
  contactImport: ContactImport;
  importer: { id: string; email: string } | null;
  scope: ConnectionScope;
  now: () => Date;
}

/**
 * Runs (or resumes) an import to its end. Errors of the database or the disk are thrown for the
 * job's retry; a file gone or a mapping that no longer fits ends the import as failed with a reason.
 */
export async function runContactImport(db: Database, importId: string, options: RunImportOptions = {}): Promise<ImportRunOutcome> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const contactImport = await markImportRunning(db, importId, now());
  if (!contactImport) return { kind: "not_runnable" };
  await publishLiveEvents(db, [{ kind: "contact_import.updated", payload: { importId } }]);

  const file = contactImport.storedPath ? importFilePath(contactImport.storedPath) : undefined;
  if (!file || !(await access(file).then(() => true, () => false))) {
    await failWith(db, importId, encodeMessage(message("contacts.import.errors.fileMissing")), now());
    return { kind: "failed" };
  }
  const definitions = await importAttributeDefinitions(db);
  const reader = rowReaderOf((contactImport.mapping ?? {}) as Record<string, ImportField>, contactImport.columns, definitions, contactImport.defaultCountry);
  if (reader.phone < 0) {
    await failWith(db, importId, encodeMessage(message("contacts.import.errors.phoneRequired")), now());
    return { kind: "failed" };
  }
  const context: ImportContext = { contactImport, ...(await importerOf(db, contactImport.createdById)), now };

  // Numbers of the rows imported so far, to refuse a later row with the same one.
  const seen = new Map<string, number>();
  let batch: Batch = { start: contactImport.processedRows, records: 0, rows: [] };
  let batchesDone = 0;
  // -1 is the header.
  let index = -2;
  for await (const cells of fileRecords(file)) {
    index += 1;
    if (index < 0) continue;
    const rowNumber = rowNumberOf(index);
    const decision = decideRow(cells, rowNumber, reader, seen);
    if (decision.ok) seen.set(decision.row.digits, rowNumber);
    // Rows before the checkpoint were committed by an earlier run: they only rebuild `seen`.
    if (index < contactImport.processedRows) continue;
    batch.rows.push({ decision, rowNumber, cells });
    batch.records += 1;
    if (batch.records < batchSize) continue;
    if (!(await applyBatch(db, context, batch))) return { kind: "superseded" };
    batchesDone += 1;
    batch = { start: batch.start + batch.records, records: 0, rows: [] };
    if (options.stopAfterBatches !== undefined && batchesDone >= options.stopAfterBatches) return { kind: "stopped", processedRows: batch.start };
  }
  if (batch.records > 0 && !(await applyBatch(db, context, batch))) return { kind: "superseded" };
  return finish(db, context);
}

/**
 * Who started the import, and the contacts they may change (their connections). A user since
 * removed: every contact (it was theirs to start).
 */
async function importerOf(db: Database, userId: string | null): Promise<Pick<ImportContext, "importer" | "scope">> {
  const user = userId ? await findUserById(db, userId) : undefined;
  if (!user) return { importer: null, scope: ALL_CONNECTIONS };
  return { importer: { id: user.id, email: user.email }, scope: user.role === "admin" ? ALL_CONNECTIONS : await findConnectionScope(db, user.id) };
}

async function failWith(db: Database, importId: string, error: string, at: Date): Promise<void> {
  const failed = await db.transaction(async (tx) => {
    const row = await failImport(tx, importId, error, at);
    await publishLiveEvents(tx, [{ kind: "contact_import.updated", payload: { importId } }]);
    return row;
  });
  await removeImportFile(failed?.storedPath).catch((removal: unknown) => log.warn({ err: removal, importId }, "failed import's file not removed"));
}

/** Ends an import whose job gave up: failed with a reason people can read (the cause is in the log). */
export async function giveUpImport(db: Database, importId: string, now = new Date()): Promise<void> {
  await failWith(db, importId, encodeMessage(message("contacts.import.errors.stopped")), now);
}

async function finish(db: Database, context: ImportContext): Promise<ImportRunOutcome> {
  const { contactImport } = context;
  const finished = await db.transaction(async (tx) => {
    const row = await finishImport(tx, contactImport.id, context.now());
    if (!row) return undefined;
    await recordAudit(tx, {
      actor: context.importer,
      action: "contact_import.finished",
      target: { type: "contact_import", id: row.id },
      details: {
        fileName: row.fileName,
        totalRows: row.totalRows,
        created: row.created,
        updated: row.updated,
        unchanged: row.unchanged,
        rejected: row.rejected,
      },
    });
    await publishLiveEvents(tx, [{ kind: "contact_import.updated", payload: { importId: row.id } }]);
    return row;
  });
  if (!finished) return { kind: "superseded" };
  await removeImportFile(contactImport.storedPath).catch((error: unknown) => log.warn({ err: error, importId: contactImport.id }, "imported file not removed"));
  return {
    kind: "finished",
    counts: { created: finished.created, updated: finished.updated, unchanged: finished.unchanged, rejected: finished.rejected, totalRows: finished.totalRows },
  };
}

/** What an existing contact would change; undefined when the row says nothing new. */
function changeOf(existing: ImportExistingContact, row: ImportedRow): { change: ImportContactChange; newTags: string[] } | undefined {
  const name = row.name !== null && row.name !== existing.displayName ? row.name : null;
  const attributes = Object.fromEntries(Object.entries(row.attributes).filter(([key, value]) => existing.attributes[key] !== value));
  // An import never turns a "no" into a "yes": only the customer or a person may.
  const consent =
    row.consent !== null && row.consent !== existing.consent && !(row.consent === "opted_in" && existing.consent === "opted_out") ? row.consent : null;
  const newTags = row.tags.filter((tag) => !existing.tagKeys.includes(tag.toLowerCase()));
  if (name === null && Object.keys(attributes).length === 0 && consent === null && newTags.length === 0) return undefined;
  return { change: { waId: existing.waId, name, attributes, consent }, newTags };
}

/**
 * One batch in one transaction: the import's row locked and its checkpoint checked (a batch another
 * run committed is not applied twice), contacts found, created or changed, tags created and
 * linked, consent history and outbound events, rejects, counters and checkpoint. False when
 * another run holds the import further on.
 */
async function applyBatch(db: Database, context: ImportContext, batch: Batch): Promise<boolean> {
  const { contactImport, scope } = context;
  const at = context.now();
  return withOutboundEvents(db, (outbound: OutboundEventsRecorder) =>
    db.transaction(async (tx) => {
      const locked = await lockImport(tx, contactImport.id);
      if (!locked || locked.status !== "running" || locked.processedRows !== batch.start) return false;

      const rejects: ImportReject[] = [];
      const accepted: Array<{ row: ImportedRow; cells: string[] }> = [];
      for (const { decision, rowNumber, cells } of batch.rows) {
        if (decision.ok) accepted.push({ row: decision.row, cells });
        else rejects.push({ rowNumber, reason: decision.reason, cells });
      }

      const known = new Map<string, ImportExistingContact>();
      const remember = (contacts: ImportExistingContact[]) => {
        // A number matches the contact with that number before one whose WhatsApp id it is.
        for (const contact of contacts) if (contact.phoneNumber) known.set(contact.phoneNumber, contact);
        for (const contact of contacts) if (!known.has(contact.waId)) known.set(contact.waId, contact);
      };
      remember(await lockContactsByNumbers(tx, accepted.map(({ row }) => row.digits), scope));

      const fresh = accepted.filter(({ row }) => !known.has(row.digits));
      const inserted = new Map(
        (
          await insertImportedContacts(
            tx,
            fresh.map(({ row }) => ({ digits: row.digits, name: row.name, attributes: row.attributes, consent: row.consent })),
            at,
          )
        ).map((contact) => [contact.waId, contact.id]),
      );
      // Created meanwhile by an inbound message: changed like any existing contact.
      const raced = fresh.filter(({ row }) => !inserted.has(row.digits)).map(({ row }) => row.digits);
      if (raced.length > 0) remember(await lockContactsByNumbers(tx, raced, scope));

      const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      const changes: ImportContactChange[] = [];
      const tagsWanted: Array<{ contactId: string; tags: string[] }> = [];
      const consentEvents: Array<{ contactId: string; waId: string; consent: "opted_in" | "opted_out" }> = [];
      const touched: string[] = [];
      for (const { row, cells } of accepted) {
        const createdId = inserted.get(row.digits);
        if (createdId !== undefined) {
          counts.created += 1;
          touched.push(createdId);
          if (row.tags.length > 0) tagsWanted.push({ contactId: createdId, tags: row.tags });
          if (row.consent) consentEvents.push({ contactId: createdId, waId: row.digits, consent: row.consent });
          continue;
        }
        const existing = known.get(row.digits);
        if (!existing?.visible) {
          rejects.push({ rowNumber: row.rowNumber, reason: { key: "contacts.import.reasons.notVisible" }, cells });
          continue;
        }
        const found = changeOf(existing, row);
        if (!found) {
          counts.unchanged += 1;
          continue;
        }
        counts.updated += 1;
        touched.push(existing.id);
        changes.push(found.change);
        if (found.newTags.length > 0) tagsWanted.push({ contactId: existing.id, tags: found.newTags });
        if (found.change.consent) consentEvents.push({ contactId: existing.id, waId: existing.waId, consent: found.change.consent });
      }
      counts.rejected = rejects.length;

      await updateImportedContacts(tx, changes, at);
      const tagIds = await ensureTags(tx, [...new Set(tagsWanted.flatMap(({ tags }) => tags))]);
      await linkImportedTags(
        tx,
        tagsWanted.flatMap(({ contactId, tags }) =>
          tags.flatMap((tag) => {
            const tagId = tagIds.get(tag.toLowerCase());
            return tagId ? [{ tagId, contactId }] : [];
          }),
        ),
      );
      await recordImportConsentEvents(tx, consentEvents, {
        importId: contactImport.id,
        fileName: contactImport.fileName,
        actorId: contactImport.createdById,
        at,
      });
      await outbound(
        tx,
        consentEvents.map(
          (event): OutboundChange => ({ type: event.consent === "opted_in" ? "contact.opted_in" : "contact.opted_out", contactKey: event.waId, source: "import", at }),
        ),
      );
      await recordImportContacts(tx, contactImport.id, touched);
      await insertImportRejects(tx, contactImport.id, rejects);
      await advanceImport(tx, contactImport.id, { processedRows: batch.start + batch.records, ...counts });
      const contactsChanged = counts.created + counts.updated > 0;
      await publishLiveEvents(tx, [
        { kind: "contact_import.updated", payload: { importId: contactImport.id } },
        // Many contacts at once: one event without an id refreshes the lists.
        ...(contactsChanged ? [{ kind: "contact.updated" as const, payload: {} }] : []),
      ]);
      return true;
    }),
  );
}

/** For the job: whether a thrown run was its last attempt (then the import is failed for good). */
export function isLastAttempt(attempt: number, retryLimit: number): boolean {
  return attempt > retryLimit;
}
