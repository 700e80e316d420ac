import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { openContactExport } from "@/lib/contacts/export";
import { contactQueryFrom } from "@/lib/contacts/list";
import type { ContactSelection } from "@/lib/contacts/views";
import { requestTranslator } from "@/lib/i18n/server";

import { contactsProblem, refusal } from "../list-problem";

export const dynamic = "force-dynamic";

/**
 * The contacts as a CSV download (contacts.manage): `?ids=<id,id,…>` for the ticked ones, else
 * `?filter=<JSON>&segment=<id>`. Streamed as it is read; audited `contacts.exported` when done.
 */
export const GET = withCapability("contacts.manage", async (user, request: Request) => {
  const t = await requestTranslator();
  const query = contactQueryFrom(new URL(request.url).searchParams, t);
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
});
