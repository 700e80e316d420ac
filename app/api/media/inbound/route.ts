import { getDb } from "@/db";
import { listInboundMedia } from "@/db/queries/media";
import { withCapability } from "@/lib/auth/session";
import { requestTranslator } from "@/lib/i18n/server";
import { toInboundView } from "@/lib/media/library";

export const dynamic = "force-dynamic";

/** Media customers sent to a number (`?phoneNumberId`), from the messages that carried it; none for a number outside the user's connections. */
export const GET = withCapability("media.use", async (user, request: Request) => {
  const phoneNumberId = new URL(request.url).searchParams.get("phoneNumberId") ?? "";
  if (!/^[\w-]{1,64}$/.test(phoneNumberId)) {
    const t = await requestTranslator();
    return Response.json({ error: { message: t("media.problems.phoneNumberIdRequired"), code: "INVALID_INPUT" } }, { status: 400 });
  }
  const rows = await listInboundMedia(await getDb(), user.connections, phoneNumberId);
  return Response.json({ media: rows.map(toInboundView) });
});
