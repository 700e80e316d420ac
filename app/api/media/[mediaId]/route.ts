import { getDb } from "@/db";
import { findInboundMedia } from "@/db/queries/inbound-media";
import { findLibraryMedia } from "@/db/queries/media";
import { connectionIdForPhoneNumber, defaultConnection } from "@/lib/accounts/working-connection";
import { withCapability } from "@/lib/auth/session";
import { describeGatewayFailure, failureMessage, GraphError, isGatewayError } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { cachedMedia, openCachedMedia, storeMedia, type CachedMedia } from "@/lib/media/cache";

export const dynamic = "force-dynamic";

/** Inbound media ids can be downloaded for about a week after the message. */
const INBOUND_MEDIA_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** The largest file WhatsApp carries (a document); anything bigger is not fetched. */
const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

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
    },
  });
}

function problem(status: number, message: string, code: string) {
  return Response.json({ error: { message, code } }, { status });
}

/** A media file by WhatsApp media id: from the disk cache, or fetched once through the gateway. */
export const GET = withCapability("media.use", async (_user, request: Request, context: RouteContext<"/api/media/[mediaId]">) => {
  const { mediaId } = await context.params;
  // `?download=1`: saved as a file rather than shown (the media library's download link).
  const asAttachment = new URL(request.url).searchParams.has("download");
  if (!/^[\w.-]{1,128}$/.test(mediaId)) return problem(400, "That is not a WhatsApp media id.", "INVALID_MEDIA_ID");
  const cached = await cachedMedia(mediaId);
  if (cached) return serve(cached, asAttachment);

  const db = await getDb();
  const reference = await findInboundMedia(db, mediaId);
  // An upload of the media library whose bytes are not on disk (any more): fetched under its own number.
  const uploaded = reference ? undefined : await findLibraryMedia(db, mediaId);
  const phoneNumberId = reference?.phoneNumberId ?? uploaded?.phoneNumberId;
  const connectionId = phoneNumberId
    ? await connectionIdForPhoneNumber(db, phoneNumberId)
    : (await defaultConnection(db))?.id;
  const media = gateway().media;
  let info: Awaited<ReturnType<typeof media.getMedia>>;
  try {
    info = await media.getMedia(mediaId, { connectionId, phoneNumberId });
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    const expired =
      reference !== undefined && Date.now() - reference.receivedAt.getTime() > INBOUND_MEDIA_LIFETIME_MS;
    if (error instanceof GraphError && (error.status === 404 || error.code === 100 || error.code === 131052) && expired) {
      return problem(
        410,
        "This file has expired at WhatsApp (media from customers can be downloaded for about 7 days) and was never opened here. Ask the customer to send it again.",
        "MEDIA_EXPIRED",
      );
    }
    const failure = describeGatewayFailure(error);
    return problem(failure.retryable ? 503 : 502, failureMessage(failure), "GATEWAY_ERROR");
  }
  if (typeof info.file_size === "number" && info.file_size > MAX_MEDIA_BYTES) {
    const megabytes = Math.round(info.file_size / 1024 / 1024);
    return problem(413, `This file is ${megabytes} MB, larger than the 100 MB WhatsApp carries, so it is not fetched here.`, "MEDIA_TOO_LARGE");
  }
  try {
    const download = await media.fetchMediaBytes(info, { connectionId });
    const stored = await storeMedia(mediaId, download.body, {
      mimeType: download.mimeType || reference?.mimeType || uploaded?.mimeType || "application/octet-stream",
      filename: reference?.filename ?? uploaded?.fileName,
    });
    return serve(stored, asAttachment);
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    // The file is gone from Meta's media host between the look-up and the download.
    if (error instanceof GraphError && error.code === 131052) {
      return problem(410, "WhatsApp no longer has this file (it expired or was deleted). Ask the customer to send it again.", "MEDIA_EXPIRED");
    }
    // WhatsApp knows the file, but its bytes (on Meta's file server) did not come through the gateway.
    const lead = "WhatsApp has this file, but it could not be fetched through the Maton gateway.";
    const action = "Try again in a moment; if it keeps failing, ask the customer to send it another way.";
    return problem(502, failureMessage(describeGatewayFailure(error), { lead, action }), "MEDIA_UNREACHABLE");
  }
});
