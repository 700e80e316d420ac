/**
 * The public API's contact imports: the import object, the upload's form, the rejected rows, and
 * the import's refusals as problems.
 */
import "server-only";

import { ApiProblem } from "@/lib/api/problem";
import { ImportProblem } from "@/lib/contacts/import/receive";
import { MultipartError } from "@/lib/contacts/import/multipart";
import type { ContactImportView } from "@/lib/contacts/views";
import { env } from "@/lib/env";
import { message } from "@/lib/i18n/translatable";
import { z } from "@/lib/zod";

import { timestamp } from "./conversations";

export const importIdParam = z.uuid().meta({ description: "The import's id.", example: "7c1e0b8a-3f2d-4c5e-9a6b-1d2e3f4a5b6c" });

/** Where the API reads an import and its rejects. */
export const importUrl = (importId: string) => `${env().appUrl}/api/v1/contacts/imports/${importId}`;

const IMPORT_STATUSES = ["uploaded", "queued", "running", "finished", "failed"] as const;

export const contactImportSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(IMPORT_STATUSES).meta({
      description: "`queued`, then `running` batch after batch, then `finished` or `failed`. An import uploaded in the dashboard and not yet started is `uploaded`.",
    }),
    file_name: z.string().meta({ example: "customers.csv" }),
    created: z.number().int().min(0).meta({ description: "Contacts created." }),
    updated: z.number().int().min(0).meta({ description: "Existing contacts changed (name, attributes, tags, consent)." }),
    unchanged: z.number().int().min(0).meta({ description: "Rows of contacts that already had everything the row says." }),
    rejected: z.number().int().min(0).meta({ description: "Rows skipped, each with its reason in the rejects." }),
    total_rows: z.number().int().min(0).meta({ description: "Data rows in the file (the header not counted)." }),
    processed_rows: z.number().int().min(0),
    error: z.string().nullable().meta({ description: "Why a failed import stopped, in the caller's language." }),
    rejects_url: z.string().meta({ description: "The rejected rows with their reasons." }),
    created_at: timestamp,
    finished_at: timestamp.nullable(),
  })
  .meta({
    id: "ContactImport",
    description: "A CSV import of contacts and its progress.",
    example: {
      id: "7c1e0b8a-3f2d-4c5e-9a6b-1d2e3f4a5b6c",
      status: "finished",
      file_name: "customers.csv",
      created: 1180,
      updated: 240,
      unchanged: 52,
      rejected: 3,
      total_rows: 1475,
      processed_rows: 1475,
      error: null,
      rejects_url: "https://dashboard.example.com/api/v1/contacts/imports/7c1e0b8a-3f2d-4c5e-9a6b-1d2e3f4a5b6c/rejects",
      created_at: "2026-03-14T09:26:53.000Z",
      finished_at: "2026-03-14T09:27:05.000Z",
    },
  });

export type ApiContactImport = z.input<typeof contactImportSchema>;

export function apiContactImport(view: ContactImportView): ApiContactImport {
  return {
    id: view.id,
    status: view.status,
    file_name: view.fileName,
    created: view.created,
    updated: view.updated,
    unchanged: view.unchanged,
    rejected: view.rejected,
    total_rows: view.totalRows,
    processed_rows: view.processedRows,
    error: view.error,
    rejects_url: `${importUrl(view.id)}/rejects`,
    created_at: view.createdAt,
    finished_at: view.finishedAt,
  };
}

export const importAcceptedSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(IMPORT_STATUSES),
    url: z.string().meta({ description: "Where to follow the import (GET)." }),
  })
  .meta({ id: "ContactImportAccepted", description: "The import, queued." });

/** The multipart form of an import, for the documentation (the handler reads the stream itself). */
export const importUploadForm = z
  .object({
    file: z.string().meta({ format: "binary", description: "The CSV file (UTF-8; comma, semicolon or tab separated; a header row first), at most 50 MB." }),
    mapping: z.string().optional().meta({
      description:
        'A JSON object: column name (as in the header) → field, one of `name`, `phone`, `tags`, `consent` or `attribute:<key>`. Without it, columns named `name`, `phone`, `tags`, `consent` or an attribute\'s key (any case) are used. Exactly one column must give the phone number.',
      example: '{"Mobile":"phone","Full name":"name","Groups":"tags","Plan":"attribute:plan"}',
    }),
    default_country: z.string().optional().meta({ description: "ISO country code for numbers written without their country code.", example: "FR" }),
  })
  .meta({ id: "ContactImportForm" });

export const importRejectSchema = z
  .object({
    row: z.number().int().min(2).meta({ description: "The row in the file (the header is row 1)." }),
    reason: z.string().meta({ description: "Why it was skipped, in the caller's language.", example: "The phone number “12345” is too short." }),
    cells: z.array(z.string()).meta({ description: "The row's cells as they were in the file." }),
  })
  .meta({ id: "ContactImportReject" });

/** Where the next page of rejects starts: after this row. */
export const rejectsCursorSchema = z.object({ row: z.number().int().min(1) });

/** An upload's refusal (size, type, content, form) as a problem naming the `file` field. */
export function importUploadProblem(error: unknown): unknown {
  if (error instanceof ImportProblem) {
    const code = error.status === 413 ? "PAYLOAD_TOO_LARGE" : error.status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : error.code;
    return new ApiProblem(error.status, code, error.said, { errors: [{ field: "file", detail: error.said }] });
  }
  if (error instanceof MultipartError) {
    return new ApiProblem(400, "INVALID_REQUEST", message("contacts.import.errors.unreadableForm"));
  }
  return error;
}
