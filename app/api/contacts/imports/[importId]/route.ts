import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { withCapability } from "@/lib/auth/session";
import { getImport } from "@/lib/contacts/import/service";
import { requestTranslator } from "@/lib/i18n/server";
import { message } from "@/lib/i18n/translatable";

import { problem } from "../../../inbox/cursor";

export const dynamic = "force-dynamic";

/** One import: its columns and first rows, mapping, progress and counts (a failure's reason in the reader's words). */
export const GET = withCapability("contacts.manage", async (user, _request: Request, context: { params: Promise<{ importId: string }> }) => {
  const { importId } = await context.params;
  try {
    return Response.json(await getImport(await getDb(), user, importId, await requestTranslator()));
  } catch (error) {
    if (error instanceof NotFoundError) return problem(404, message("contacts.import.errors.notFound"), "NOT_FOUND");
    throw error;
  }
});
