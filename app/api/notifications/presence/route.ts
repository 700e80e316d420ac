import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { presenceOf } from "@/lib/users/availability";

export const dynamic = "force-dynamic";

/** The signed-in user's availability and desktop notifications preference (the header's control, the account card). */
export const GET = withCapability(undefined, async (user, _request: Request) => Response.json(await presenceOf(await getDb(), user.id)));
