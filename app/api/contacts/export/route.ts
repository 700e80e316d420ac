import { getDb } from "@/db";
import { withCapability, type SessionUser } from "@/lib/auth/session";
import { openContactExport } from "@/lib/contacts/export";
import { contactQueryFrom } from "@/lib/contacts/list";
import type { ContactSelection } from "@/lib/contacts/views";
import { requestTranslator } from "@/lib/i18n/server";

import { contactsProblem, refusal } from "../list-problem";

export const dynamic = "force-dynamic";

/** The CSV answer for a selection read from the query or the form; a refusal before the first byte. */
async function exportAnswer(user: SessionUser, params: URLSearchParams): Promise<Response> {
  const t = await requestTranslator();
  const query = contactQueryFrom(params, t);
  if (!query.ok) return refusal(400, query.problem, query.code);
  const selection: ContactSelection = query.ids ? { ids: query.ids } : { filter: query.filter, segmentId: query.segmentId };
  try {
    const stream = await openContactExport(await getDb(), user, selection, t);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="contacts-${day}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    const answer = await contactsProblem(error);
    if (answer) return answer;
    throw error;
  }
}

/**
 * The contacts as a CSV download (contacts.manage): `?filter=<JSON>&segment=<id>` for a view, or
 * `?ids=<id,id,…>` for ticked ones. Streamed as it is read; audited `contacts.exported` when done.
 */
export const GET = withCapability("contacts.manage", async (user, request: Request) => exportAnswer(user, new URL(request.url).searchParams));

/**
 * The same from a form's fields (`ids`, or `filter` and `segment`): up to a thousand ticked contacts'
 * ids do not fit in an address, so the list posts them.
 */
export const POST = withCapability("contacts.manage", async (user, request: Request) => {
  const params = new URLSearchParams();
  for (const [key, value] of await request.formData()) if (typeof value === "string") params.append(key, value);
  return exportAnswer(user, params);
});
