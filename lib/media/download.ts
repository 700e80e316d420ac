import "server-only";

import type { Database } from "@/db";
import { findInboundMedia } from "@/db/queries/inbound-media";
import { findLibraryMedia } from "@/db/queries/media";
import { connectionIdForPhoneNumber } from "@/lib/accounts/working-connection";
import type { SessionUser } from "@/lib/auth/session";
import { describeGatewayFailure, failureMessage, GraphError, isGatewayError, type GatewayError } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { INBOUND_MEDIA_TTL_DAYS } from "@/lib/whatsapp/media";

import { blobFile, cachedMedia, indexMedia, storeMedia, type CachedMedia } from "./cache";

/** The largest file WhatsApp carries (a document); anything bigger is not fetched. */
const MAX_MEDIA_BYTES = 100 * 1024 * 1024;
const INBOUND_MEDIA_LIFETIME_MS = INBOUND_MEDIA_TTL_DAYS * 24 * 60 * 60 * 1000;

/** Why a file is not served: the HTTP status and a message written for the person who asked. */
export interface MediaRefusal {
  ok: false;
  status: number;
  message: string;
  code: string;
}

export type MediaDownload = { ok: true; entry: CachedMedia } | MediaRefusal;

const refused = (status: number, message: string, code: string): MediaRefusal => ({ ok: false, status, message, code });

/** One answer for an id that is unknown, deleted or on a number outside the user's connections: nothing tells them apart. */
export const MEDIA_NOT_FOUND = refused(404, "This file is not in the media library or in any conversation you can see.", "NOT_FOUND");

/**
 * Meta's answer that the media id is gone (expired, deleted, never valid for this number): a 4xx from
 * Graph. Refused keys, missing permissions and rate limits are 4xx too, but say nothing of the file.
 */
function mediaGoneAtWhatsApp(error: GatewayError): boolean {
  return error instanceof GraphError && error.status >= 400 && error.status < 500 && ![401, 403, 429].includes(error.status) && !error.retryLater;
}

/**
 * A media file the user may see, by WhatsApp media id: a library record not deleted, or a file a
 * message WhatsApp reported carries, on a number of the user's connections. Served from disk when
 * kept there, else fetched once through the gateway (the caller's `signal` drops the call when the
 * browser gives up) and kept. Any other id is not found, without a gateway call.
 */
export async function mediaForDownload(db: Database, user: SessionUser, mediaId: string, signal?: AbortSignal): Promise<MediaDownload> {
  const uploaded = await findLibraryMedia(db, user.connections, mediaId);
  const received = uploaded ? undefined : await findInboundMedia(db, user.connections, mediaId);
  if (!uploaded && !received) return MEDIA_NOT_FOUND;

  const cached = await cachedMedia(mediaId);
  if (cached) return { ok: true, entry: cached };
  // A library file's bytes may be kept under their hash for another id (the same file on another number).
  if (uploaded && (await blobFile(uploaded.sha256))) {
    const entry = { sha256: uploaded.sha256, mimeType: uploaded.mimeType, size: uploaded.size, filename: uploaded.fileName };
    return { ok: true, entry: await indexMedia(mediaId, entry) };
  }

  const phoneNumberId = uploaded?.phoneNumberId ?? received!.phoneNumberId;
  const connectionId = await connectionIdForPhoneNumber(db, phoneNumberId);
  const gone = () => {
    if (uploaded) {
      return refused(404, "WhatsApp no longer has this file (it expired or was deleted there) and no copy is kept here. Upload it again from your computer.", "MEDIA_EXPIRED");
    }
    const message =
      Date.now() - received!.receivedAt.getTime() > INBOUND_MEDIA_LIFETIME_MS
        ? "This file has expired at WhatsApp (media from customers can be downloaded for about 7 days) and was never opened here. Ask the customer to send it again."
        : "WhatsApp no longer has this file (it expired or was deleted) and it was never opened here. Ask the customer to send it again.";
    return refused(404, message, "MEDIA_EXPIRED");
  };

  const media = gateway().media;
  let info: Awaited<ReturnType<typeof media.getMedia>>;
  try {
    info = await media.getMedia(mediaId, { connectionId, phoneNumberId, signal });
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    if (mediaGoneAtWhatsApp(error)) return gone();
    // Upstream trouble (5xx, timeout, network, rate limit, a refused key): explained, and never a 404.
    return refused(502, failureMessage(describeGatewayFailure(error)), "GATEWAY_ERROR");
  }
  if (typeof info.file_size === "number" && info.file_size > MAX_MEDIA_BYTES) {
    const megabytes = Math.round(info.file_size / 1024 / 1024);
    return refused(413, `This file is ${megabytes} MB, larger than the 100 MB WhatsApp carries, so it is not fetched here.`, "MEDIA_TOO_LARGE");
  }
  try {
    const download = await media.fetchMediaBytes(info, { connectionId, signal });
    const entry = await storeMedia(mediaId, download.body, {
      mimeType: download.mimeType || received?.mimeType || uploaded?.mimeType || "application/octet-stream",
      filename: received?.filename ?? uploaded?.fileName,
    });
    return { ok: true, entry };
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    // Gone from Meta's media host between the look-up and the download.
    if (mediaGoneAtWhatsApp(error)) return gone();
    // WhatsApp knows the file, but its bytes (on Meta's file server) did not come through the gateway.
    const lead = "WhatsApp has this file, but it could not be fetched through the Maton gateway.";
    const action = "Try again in a moment; if it keeps failing, ask the customer to send it another way.";
    return refused(502, failureMessage(describeGatewayFailure(error), { lead, action }), "MEDIA_UNREACHABLE");
  }
}
