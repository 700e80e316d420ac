import { getDb } from "@/db";
import { NotFoundError } from "@/lib/auth/connection-access";
import { withCapability } from "@/lib/auth/session";
import { CONTACT_NOT_FOUND } from "@/lib/contacts/access";
import { getContactDetail } from "@/lib/contacts/records";

import { isUuid, problem } from "../../inbox/cursor";

export const dynamic = "force-dynamic";

/** One contact's record for its page and the customer panel; a contact out of the user's sight is 404 like a missing one. */
export const GET = withCapability("contacts.view", async (user, _request: Request, context: { params: Promise<{ contactId: string }> }) => {
  const { contactId } = await context.params;
  if (!isUuid(contactId)) return problem(404, CONTACT_NOT_FOUND, "NOT_FOUND");
  try {
    return Response.json(await getContactDetail(await getDb(), user, contactId));
  } catch (error) {
    if (error instanceof NotFoundError) return problem(404, CONTACT_NOT_FOUND, "NOT_FOUND");
    throw error;
  }
});
