import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { listConversationLabels } from "@/lib/inbox/labels";

export const dynamic = "force-dynamic";

/** The conversation labels' catalogue with how many conversations carry each, by name. */
export const GET = withCapability("inbox.use", async (user) => Response.json({ labels: await listConversationLabels(await getDb(), user) }));
