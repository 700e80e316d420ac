import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { loadTemplateList } from "@/lib/templates/list";

export const dynamic = "force-dynamic";

/** The templates of the user's WABA (of their working connection) from the mirror, re-synced through the gateway when stale. */
export const GET = withCapability("templates.view", async (user, request: Request) => {
  const wabaId = new URL(request.url).searchParams.get("waba");
  return Response.json(await loadTemplateList(await getDb(), user, wabaId, { sync: "if-stale" }));
});
