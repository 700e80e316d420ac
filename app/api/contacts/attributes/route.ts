import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { listAttributeDefinitions } from "@/lib/contacts/attributes";

export const dynamic = "force-dynamic";

/** The custom attributes' definitions, in the order they are shown. */
export const GET = withCapability("contacts.view", async (_user, _request: Request) => Response.json(await listAttributeDefinitions(await getDb())));
