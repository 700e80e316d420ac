import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { contactQueryFrom, listContacts } from "@/lib/contacts/list";
import { requestTranslator } from "@/lib/i18n/server";

import { contactsProblem, refusal } from "./list-problem";

export const dynamic = "force-dynamic";

/** A page of the contacts the user sees: `?filter=<JSON ContactFilter>&segment=<id>&sort=&cursor=&limit=` → ContactListPage. */
export const GET = withCapability("contacts.view", async (user, request: Request) => {
  const query = contactQueryFrom(new URL(request.url).searchParams, await requestTranslator());
  if (!query.ok) return refusal(400, query.problem, query.code);
  try {
    const page = await listContacts(await getDb(), user, {
      filter: query.filter,
      segmentId: query.segmentId,
      sort: query.sort,
      cursor: query.cursor,
      limit: query.limit,
    });
    return Response.json(page);
  } catch (error) {
    const answer = await contactsProblem(error);
    if (answer) return answer;
    throw error;
  }
});
