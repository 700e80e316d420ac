import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { IMPORT_LIMITS, ImportProblem, receiveImportFile } from "@/lib/contacts/import/receive";
import { MultipartError, readMultipart } from "@/lib/contacts/import/multipart";
import { forgetUpload, listImports } from "@/lib/contacts/import/service";
import type { ContactImportView } from "@/lib/contacts/views";
import { declaredTooLarge } from "@/lib/http/body";
import { crossOriginRefusal } from "@/lib/http/same-origin";
import { formatFileSize } from "@/lib/i18n/format";
import { requestFormatter, requestTranslator } from "@/lib/i18n/server";
import { message } from "@/lib/i18n/translatable";

import { problem } from "../../inbox/cursor";

export const dynamic = "force-dynamic";

/** Room for the form's own bytes around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** The latest 50 imports, newest first. */
export const GET = withCapability("contacts.manage", async (user, _request: Request) =>
  Response.json(await listImports(await getDb(), user, await requestTranslator())),
);

/**
 * An import's file: `multipart/form-data` with the file in `file`, streamed to disk as it arrives
 * (never gathered in memory). 201 with the import ("uploaded": its columns and first rows for the
 * mapping); 413 over 50 MB, 415 not a CSV, 422 empty or without data rows, each saying which.
 */
export const POST = withCapability("contacts.manage", async (user, request: Request) => {
  // This route streams large bodies, so it is checked here rather than by the proxy.
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  const format = await requestFormatter();
  const t = await requestTranslator();
  if (declaredTooLarge(request.headers, IMPORT_LIMITS.fileBytes + FORM_OVERHEAD_BYTES)) {
    return problem(413, message("contacts.import.errors.tooLarge", { size: formatFileSize(format, IMPORT_LIMITS.fileBytes) }), "FILE_TOO_LARGE");
  }
  if (!request.body) return problem(422, message("contacts.import.errors.noFile"), "NO_FILE");
  const db = await getDb();
  let received: ContactImportView | undefined;
  try {
    await readMultipart(request.body, request.headers.get("content-type"), async (part) => {
      // The first `file` is the import; anything else sent as a file is skipped.
      if (part.field !== "file" || received) return;
      received = await receiveImportFile(db, user, { name: part.fileName, type: part.type, stream: part.stream }, { format, t });
    });
    if (!received) return problem(422, message("contacts.import.errors.noFile"), "NO_FILE");
    return Response.json(received, { status: 201 });
  } catch (error) {
    // The file was taken but the rest of the form was not: no import is left half-answered.
    if (received) await forgetUpload(db, received.id);
    if (error instanceof ImportProblem) return problem(error.status, error.said, error.code);
    if (error instanceof MultipartError) {
      return error.reason === "not_multipart"
        ? problem(415, message("contacts.import.errors.notMultipart"), "UNSUPPORTED_MEDIA_TYPE")
        : problem(400, message("contacts.import.errors.unreadableForm"), "INVALID_REQUEST");
    }
    // The browser gave up on the upload: nobody reads an answer.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    throw error;
  }
});
