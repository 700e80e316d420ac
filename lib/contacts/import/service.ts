/**
 * Contact imports as people and the API use them: start one with its mapping, discard one never
 * started, read one or the latest, and download its rejected rows. Marketers and admins only.
 */
import "server-only";

import { stringify } from "csv-stringify/sync";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import {
  deleteUploadedImport,
  findContactImport,
  importAttributeDefinitions,
  importRejectsPage,
  listContactImports,
  queueUploadedImport,
  unqueueImport,
  type ContactImportRow,
} from "@/db/queries/contact-imports";
import { publishLiveEvents } from "@/db/queries/live-events";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import type { ContactActor } from "@/lib/contacts/access";
import type { ContactImportView } from "@/lib/contacts/views";
import type { TranslationValues } from "next-intl";

import { message, translateMessage, type Translate } from "@/lib/i18n/translatable";
import { inEnglish } from "@/lib/i18n/translators";

import { assertMayImport } from "./access";
import { importFilePath, removeImportFile } from "./files";
import type { ContactImportJobData } from "./jobs";
import { checkMapping } from "./mapping";
import { contactImportView } from "./view";

/** How many imports the list shows. */
export const IMPORTS_LISTED = 50;
const REJECTS_PAGE = 1000;

const IMPORT_NOT_FOUND = message("contacts.import.errors.notFound");

export interface StartImportInput {
  mapping: Record<string, string>;
  defaultCountry?: string | null;
}

export interface StartImportOptions {
  /** Queues the job (the process's engine by default). */
  send?: (data: ContactImportJobData) => Promise<unknown>;
  t?: Translate;
}

async function importOrThrow(db: Database, importId: string): Promise<ContactImportRow> {
  const row = /^[0-9a-f-]{36}$/i.test(importId) ? await findContactImport(db, importId) : undefined;
  if (!row) throw new NotFoundError(IMPORT_NOT_FOUND);
  return row;
}

async function sendToEngine(data: ContactImportJobData): Promise<unknown> {
  // Loaded on use: lib/jobs lists this feature's jobs, and starts the engine on first use.
  const [{ jobEngine }, { contactImportJob }] = await Promise.all([import("@/lib/jobs"), import("./jobs")]);
  return (await jobEngine()).send(contactImportJob, data);
}

/**
 * Starts an uploaded import with its mapping (column index → field) and default country, after
 * checking them (ActionError INVALID_INPUT at `mapping`, `mapping.<column>` or `defaultCountry`); a
 * started or discarded import is a CONFLICT. Queues the `contacts.import` job.
 */
export async function startImport(
  db: Database,
  actor: ContactActor,
  importId: string,
  input: StartImportInput,
  options: StartImportOptions = {},
): Promise<ContactImportView> {
  assertMayImport(actor);
  const { contactImport } = await importOrThrow(db, importId);
  if (contactImport.status !== "uploaded") throw new ActionError(message("contacts.import.errors.alreadyStarted"), { code: "CONFLICT" });
  const checked = checkMapping(input.mapping, contactImport.columns, await importAttributeDefinitions(db), input.defaultCountry);
  if (!checked.ok) {
    const [first] = checked.problems;
    throw new ActionError(first!.message, { code: "INVALID_INPUT", field: first!.field });
  }
  const file = contactImport.storedPath ? importFilePath(contactImport.storedPath) : undefined;
  const queued = await db.transaction(async (tx) => {
    const row = await queueUploadedImport(tx, importId, { mapping: checked.mapping, defaultCountry: checked.defaultCountry });
    if (!row) return undefined;
    await recordAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "contact_import.started",
      target: { type: "contact_import", id: importId },
      details: { fileName: row.fileName, totalRows: row.totalRows, mapping: checked.mapping, defaultCountry: checked.defaultCountry },
    });
    await publishLiveEvents(tx, [{ kind: "contact_import.updated", payload: { importId } }]);
    return row;
  });
  if (!queued || !file) throw new ActionError(message("contacts.import.errors.alreadyStarted"), { code: "CONFLICT" });
  try {
    await (options.send ?? sendToEngine)({ importId });
  } catch (error) {
    await unqueueImport(db, importId);
    throw error;
  }
  return getImport(db, actor, importId, options.t);
}

/** Drops an uploaded import that was never started, and its file; a started one is a CONFLICT. */
export async function discardImport(db: Database, actor: ContactActor, importId: string): Promise<void> {
  assertMayImport(actor);
  const { contactImport } = await importOrThrow(db, importId);
  const removed = await db.transaction(async (tx) => {
    const row = await deleteUploadedImport(tx, importId);
    if (!row) return undefined;
    await recordAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "contact_import.discarded",
      target: { type: "contact_import", id: importId },
      details: { fileName: contactImport.fileName },
    });
    await publishLiveEvents(tx, [{ kind: "contact_import.updated", payload: { importId } }]);
    return row;
  });
  if (!removed) throw new ActionError(message("contacts.import.errors.alreadyStarted"), { code: "CONFLICT" });
  await removeImportFile(removed.storedPath);
}

/** Drops an upload whose request failed after the file was stored (no audit: nobody saw it). */
export async function forgetUpload(db: Database, importId: string): Promise<void> {
  const removed = await deleteUploadedImport(db, importId);
  await removeImportFile(removed?.storedPath);
}

export async function getImport(db: Database, actor: ContactActor, importId: string, t: Translate = inEnglish): Promise<ContactImportView> {
  assertMayImport(actor);
  return contactImportView(await importOrThrow(db, importId), t);
}

/** The latest imports, newest first. */
export async function listImports(db: Database, actor: ContactActor, t: Translate = inEnglish): Promise<ContactImportView[]> {
  assertMayImport(actor);
  return (await listContactImports(db, IMPORTS_LISTED)).map((row) => contactImportView(row, t));
}

/** A reject's reason in the reader's words (an attribute's own problem, carried encoded, too). */
export function rejectReasonText(t: Translate, reason: { key: string; values?: Record<string, string | number> }): string {
  const values: TranslationValues = { ...reason.values };
  if (typeof values.problem === "string") values.problem = translateMessage(t, values.problem);
  return t(reason.key, values);
}

/**
 * A cell a spreadsheet would run as a formula gets a leading apostrophe (the cells are the importer's
 * file); a number such as "+33 6 12 34 56 78" or "-12.5" is left as it is, to be imported again.
 */
function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^[+-]?[\d\s().-]+$/.test(text) ? `'${text}` : text;
}

/**
 * The rejected rows as CSV, checked before it is returned (a refused role or unknown import fails
 * here): the file's header plus "row" and "reason" in the reader's language, then each rejected row
 * as it was, with its row number and reason, 1000 per query as the reader pulls.
 */
export async function openRejectsCsv(
  db: Database,
  actor: ContactActor,
  importId: string,
  t: Translate,
): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string }> {
  assertMayImport(actor);
  const { contactImport } = await importOrThrow(db, importId);
  const width = contactImport.columns.length;
  const encoder = new TextEncoder();
  let afterRow = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const header = [...contactImport.columns.map(safeCell), t("contacts.import.rejects.row"), t("contacts.import.rejects.reason")];
      controller.enqueue(encoder.encode(`\uFEFF${stringify([header])}`));
    },
    async pull(controller) {
      const rejects = await importRejectsPage(db, importId, afterRow, REJECTS_PAGE);
      if (rejects.length > 0) {
        const rows = rejects.map((reject) => {
          const cells = Array.from({ length: width }, (_, index) => safeCell(reject.cells[index] ?? ""));
          return [...cells, String(reject.rowNumber), rejectReasonText(t, reject.reason)];
        });
        controller.enqueue(encoder.encode(stringify(rows)));
        afterRow = rejects.at(-1)!.rowNumber;
      }
      if (rejects.length < REJECTS_PAGE) controller.close();
    },
  });
  return { stream, fileName: contactImport.fileName };
}

/** {@link openRejectsCsv} returned at once: a refusal surfaces as the stream's error. */
export function rejectsCsv(db: Database, actor: ContactActor, importId: string, t: Translate): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      reader ??= (await openRejectsCsv(db, actor, importId, t)).stream.getReader();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  });
}

/** The rejected rows as data (the API's JSON answer): row number, reason in the reader's words, cells. */
export async function rejectsPage(
  db: Database,
  actor: ContactActor,
  importId: string,
  t: Translate,
  page: { afterRow: number; limit: number },
): Promise<Array<{ row: number; reason: string; cells: string[] }>> {
  assertMayImport(actor);
  await importOrThrow(db, importId);
  const rejects = await importRejectsPage(db, importId, page.afterRow, page.limit);
  return rejects.map((reject) => ({ row: reject.rowNumber, reason: rejectReasonText(t, reject.reason), cells: reject.cells }));
}

