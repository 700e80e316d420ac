import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { listTags } from "@/lib/contacts/tags";

export const dynamic = "force-dynamic";

/** Every contact tag with how many contacts carry it. */
export const GET = withCapability("contacts.view", async (_user, _request: Request) => Response.json(await listTags(await getDb())));
