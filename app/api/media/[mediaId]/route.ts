import { getDb } from "@/db";
import { withCapability } from "@/lib/auth/session";
import { openCachedMedia, type CachedMedia } from "@/lib/media/cache";
import { requestTranslator } from "@/lib/i18n/server";
import { mediaForDownload, MEDIA_NOT_FOUND, refusalMessage, type MediaRefusal } from "@/lib/media/download";

export const dynamic = "force-dynamic";

function serve(entry: CachedMedia, download = false) {
  const type = download ? "attachment" : "inline";
  const disposition = entry.filename ? `${type}; filename*=UTF-8''${encodeURIComponent(entry.filename)}` : type;
  return new Response(openCachedMedia(entry), {
    headers: {
      "Content-Type": entry.mimeType,
      "Content-Length": String(entry.size),
      "Content-Disposition": disposition,
      // Bytes never change for a media id; only signed-in browsers get them.
      "Cache-Control": "private, max-age=31536000, immutable",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      // The declared type is the one to use: a browser must not guess another from the bytes.
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A refusal in the words of the person who asked. */
async function problem(refusal: MediaRefusal) {
  const message = refusalMessage(await requestTranslator(), refusal);
  return Response.json({ error: { message, code: refusal.code } }, { status: refusal.status });
}

/**
 * A media file by WhatsApp media id, for an id the database knows on a number the user may see:
 * from the disk cache, or fetched once through the gateway. Anything else is 404, with no gateway call.
 */
export const GET = withCapability("media.use", async (user, request: Request, context: RouteContext<"/api/media/[mediaId]">) => {
  const { mediaId } = await context.params;
  // `?download=1`: saved as a file rather than shown (the media library's download link).
  const asAttachment = new URL(request.url).searchParams.has("download");
  if (!/^[\w.-]{1,128}$/.test(mediaId)) return problem(MEDIA_NOT_FOUND);
  let result;
  try {
    result = await mediaForDownload(await getDb(), user, mediaId, request.signal);
  } catch (error) {
    // The browser left (a closed tab, a scrolled-away thumbnail): nobody reads an answer.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    throw error;
  }
  if (!result.ok) return problem(result);
  return serve(result.entry, asAttachment);
});
