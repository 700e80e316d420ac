import "server-only";

import type { ContactImportRow } from "@/db/queries/contact-imports";
import type { ContactImportView, ImportField } from "@/lib/contacts/views";
import { translateMessage, type Translate } from "@/lib/i18n/translatable";
import { inEnglish } from "@/lib/i18n/translators";

/** An import as the screens and the API read it; a failure's reason in the reader's words. */
export function contactImportView({ contactImport: row, createdByName }: ContactImportRow, t: Translate = inEnglish): ContactImportView {
  return {
    id: row.id,
    fileName: row.fileName,
    fileSize: row.fileSize,
    status: row.status,
    columns: row.columns,
    previewRows: row.previewRows,
    totalRows: row.totalRows,
    mapping: row.mapping as Record<string, ImportField> | null,
    defaultCountry: row.defaultCountry,
    processedRows: row.processedRows,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    error: row.error === null ? null : translateMessage(t, row.error),
    createdBy: row.createdById ? { id: row.createdById, name: createdByName ?? "" } : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
