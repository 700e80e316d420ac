import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { listSegments } from "@/lib/contacts/segments";

export const dynamic = "force-dynamic";

/** Every saved segment, by name → SegmentView[]. The request is taken for its id, which withCapability logs under. */
export const GET = withCapability("contacts.view", async (_user, _request: Request) => Response.json(await listSegments(await getDb())));
