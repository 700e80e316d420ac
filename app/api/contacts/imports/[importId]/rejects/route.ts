import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { withCapability } from "@/lib/auth/session";
import { openRejectsCsv } from "@/lib/contacts/import/service";
import { requestTranslator } from "@/lib/i18n/server";
import { message } from "@/lib/i18n/translatable";

import { problem } from "../../../../inbox/cursor";

export const dynamic = "force-dynamic";

/** `<file name without its extension>-rejects.csv`, plain ASCII, with the real name beside it (RFC 6266). */
function attachment(fileName: string): string {
  const base = `${fileName.replace(/\.[^.]*$/, "") || "import"}-rejects.csv`;
  const ascii = base.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

/** The rows an import skipped, as CSV: the file's own columns, then the row number and the reason in the reader's language. */
export const GET = withCapability("contacts.manage", async (user, _request: Request, context: { params: Promise<{ importId: string }> }) => {
  const { importId } = await context.params;
  const db = await getDb();
  try {
    const { stream, fileName } = await openRejectsCsv(db, user, importId, await requestTranslator());
    return new Response(stream, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(fileName), "Cache-Control": "no-store" },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return problem(404, message("contacts.import.errors.notFound"), "NOT_FOUND");
    throw error;
  }
});
