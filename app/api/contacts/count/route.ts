import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { contactQueryFrom, countContacts } from "@/lib/contacts/list";
import { requestTranslator } from "@/lib/i18n/server";

import { contactsProblem, refusal } from "../list-problem";

export const dynamic = "force-dynamic";

/** How many contacts the user sees match: `?filter=<JSON>&segment=<id>` → `{ total }`. */
export const GET = withCapability("contacts.view", async (user, request: Request) => {
  const query = contactQueryFrom(new URL(request.url).searchParams, await requestTranslator());
  if (!query.ok) return refusal(400, query.problem, query.code);
  try {
    return Response.json({ total: await countContacts(await getDb(), user, query.filter, query.segmentId) });
  } catch (error) {
    const answer = await contactsProblem(error);
    if (answer) return answer;
    throw error;
  }
});
