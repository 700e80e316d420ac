/**
 * Contact imports in the public API: upload a CSV and start it in one call, follow it, read its
 * rejected rows. The dashboard's own services do the work (lib/contacts/import/).
 */
import { importAttributeDefinitions } from "@/db/queries/contact-imports";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/locales";
import { negotiateLocale } from "@/i18n/negotiate";
import { ActionError } from "@/lib/actions/errors";
import { defineOperation } from "@/lib/api/operation";
import { decodeCursor, encodeCursor, listOf, pageQuery } from "@/lib/api/pagination";
import { ApiProblem } from "@/lib/api/problem";
import {
  apiContactImport,
  contactImportSchema,
  importAcceptedSchema,
  importIdParam,
  importRejectSchema,
  importUploadForm,
  importUploadProblem,
  importUrl,
  rejectsCursorSchema,
} from "@/lib/api/resources/contact-imports";
import type { SessionUser } from "@/lib/auth/session";
import { mappingFromHeader } from "@/lib/contacts/import/mapping";
import { readMultipart } from "@/lib/contacts/import/multipart";
import { IMPORT_LIMITS, receiveImportFile } from "@/lib/contacts/import/receive";
import { forgetUpload, getImport, rejectsPage, startImport } from "@/lib/contacts/import/service";
import type { ContactImportView } from "@/lib/contacts/views";
import { declaredTooLarge } from "@/lib/http/body";
import { formatFileSize } from "@/lib/i18n/format";
import { message } from "@/lib/i18n/translatable";
import { formatterFor } from "@/lib/i18n/translators";
import { z } from "@/lib/zod";

/** Room for the form's own bytes (mapping, country, part headers) around the file. */
const FORM_OVERHEAD_BYTES = 256 * 1024;

/** The language sizes are written in: what Accept-Language asked for, else the user's setting. */
function callerLocale(request: Request, user: SessionUser): Locale {
  const asked = request.headers.get("accept-language");
  if (asked?.trim()) return negotiateLocale(asked);
  return isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
}

const invalidField = (field: string, said: ReturnType<typeof message>) =>
  new ApiProblem(422, "INVALID_INPUT", said, { errors: [{ field, detail: said }] });

/**
 * The API's mapping (column name → field) as the import keeps it (column index → field). A name is
 * matched as written, else whatever its case.
 */
function mappingByIndex(text: string | undefined, columns: readonly string[]): Record<string, string> | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidField("mapping", message("contacts.import.errors.mappingNotJson"));
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((field) => typeof field === "string")) {
    throw invalidField("mapping", message("contacts.import.errors.mappingNotJson"));
  }
  const byIndex: Record<string, string> = {};
  for (const [name, field] of Object.entries(parsed as Record<string, string>)) {
    let index = columns.indexOf(name);
    if (index < 0) index = columns.findIndex((column) => column.toLowerCase() === name.trim().toLowerCase());
    if (index < 0) throw invalidField(`mapping.${name}`, message("contacts.import.errors.unknownColumnName", { column: name }));
    byIndex[String(index)] = field;
  }
  return byIndex;
}

/** A refusal of the mapping at the field the caller wrote: `mapping.<column name>`, `default_country`. */
function apiField(field: string | undefined, columns: readonly string[]): string {
  if (!field) return "mapping";
  if (field === "defaultCountry") return "default_country";
  const column = /^mapping\.(\d+)$/.exec(field);
  return column ? `mapping.${columns[Number(column[1])] ?? column[1]}` : field;
}

export const createContactImportOperation = defineOperation({
  method: "POST",
  path: "/contacts/imports",
  operationId: "createContactImport",
  summary: "Import contacts from a CSV file",
  description:
    "`multipart/form-data` with `file`, and optionally `mapping` and `default_country`. The file is checked (CSV text, UTF-8, at most 50 MB, a header and at least one row) and the import starts at once: follow it at `url`. Rows with a phone number already known update that contact (name, attributes, tags, consent — an import never turns an opted-out contact to opted in); a number twice in the file, a number that is not valid, or a value an attribute does not take skip the row, with its reason in the rejects.",
  tag: "Contacts",
  capability: "contacts.manage",
  multipart: importUploadForm,
  idempotent: true,
  success: { status: 202, description: "The import, queued.", schema: importAcceptedSchema },
  async handle({ db, user, request, t }) {
    const format = formatterFor(callerLocale(request, user));
    if (declaredTooLarge(request.headers, IMPORT_LIMITS.fileBytes + FORM_OVERHEAD_BYTES) || !request.body) {
      const said = request.body
        ? message("contacts.import.errors.tooLarge", { size: formatFileSize(format, IMPORT_LIMITS.fileBytes) })
        : message("contacts.import.errors.noFile");
      throw new ApiProblem(request.body ? 413 : 400, request.body ? "PAYLOAD_TOO_LARGE" : "INVALID_REQUEST", said, { errors: [{ field: "file", detail: said }] });
    }
    let received: ContactImportView | undefined;
    try {
      const { fields } = await readMultipart(request.body, request.headers.get("content-type"), async (part) => {
        if (part.field !== "file" || received) return;
        received = await receiveImportFile(db, user, { name: part.fileName, type: part.type, stream: part.stream }, { format, t });
      });
      if (!received) {
        const said = message("contacts.import.errors.noFile");
        throw new ApiProblem(400, "INVALID_REQUEST", said, { errors: [{ field: "file", detail: said }] });
      }
      const columns = received.columns;
      const mapping = mappingByIndex(fields.get("mapping"), columns) ?? mappingFromHeader(columns, await importAttributeDefinitions(db));
      let started: ContactImportView;
      try {
        started = await startImport(db, user, received.id, { mapping, defaultCountry: fields.get("default_country") ?? null }, { t });
      } catch (error) {
        if (error instanceof ActionError && error.code === "INVALID_INPUT") {
          throw new ApiProblem(422, "INVALID_INPUT", error.said, { errors: [{ field: apiField(error.field, columns), detail: error.said }] });
        }
        throw error;
      }
      return { id: started.id, status: started.status, url: importUrl(started.id) };
    } catch (error) {
      // Nothing is left of a call that failed: no upload waits for a start that will not come.
      if (received && received.status === "uploaded") await forgetUpload(db, received.id);
      throw importUploadProblem(error);
    }
  },
});

export const getContactImportOperation = defineOperation({
  method: "GET",
  path: "/contacts/imports/{import_id}",
  operationId: "getContactImport",
  summary: "Get a contact import",
  description: "Its status and counts so far: created, updated, unchanged and rejected rows, and how many rows of the file are done.",
  tag: "Contacts",
  capability: "contacts.manage",
  params: z.object({ import_id: importIdParam }),
  success: { status: 200, description: "The import.", schema: contactImportSchema },
  async handle({ db, user, params, t }) {
    return apiContactImport(await getImport(db, user, params.import_id, t));
  },
});

export const listContactImportRejectsOperation = defineOperation({
  method: "GET",
  path: "/contacts/imports/{import_id}/rejects",
  operationId: "listContactImportRejects",
  summary: "List an import's rejected rows",
  description: "The rows that were skipped, in file order, each with its cells and the reason in the caller's language.",
  tag: "Contacts",
  capability: "contacts.manage",
  params: z.object({ import_id: importIdParam }),
  query: pageQuery,
  success: { status: 200, description: "A page of rejected rows.", schema: listOf(importRejectSchema) },
  async handle({ db, user, params, query, t }) {
    const cursor = decodeCursor(query.cursor, rejectsCursorSchema);
    const rows = await rejectsPage(db, user, params.import_id, t, { afterRow: cursor?.row ?? 0, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { data: page, next_cursor: rows.length > page.length && last ? encodeCursor({ row: last.row }) : null };
  },
});

export const CONTACT_IMPORT_OPERATIONS = [createContactImportOperation, getContactImportOperation, listContactImportRejectsOperation];
