import { getDb } from "@/db";
import { listLibraryMedia } from "@/db/queries/media";
import { withCapability } from "@/lib/auth/session";
import { requestTranslator } from "@/lib/i18n/server";
import { toLibraryView } from "@/lib/media/library";

export const dynamic = "force-dynamic";

/** The media library of a number (`?phoneNumberId`): uploads not deleted, expired ones included; none for a number outside the user's connections. */
export const GET = withCapability("media.use", async (user, request: Request) => {
  const phoneNumberId = new URL(request.url).searchParams.get("phoneNumberId") ?? "";
  if (!/^[\w-]{1,64}$/.test(phoneNumberId)) {
    const t = await requestTranslator();
    return Response.json({ error: { message: t("media.problems.phoneNumberIdRequired"), code: "INVALID_INPUT" } }, { status: 400 });
  }
  const rows = await listLibraryMedia(await getDb(), user.connections, phoneNumberId);
  return Response.json({ media: rows.map(toLibraryView) });
});
