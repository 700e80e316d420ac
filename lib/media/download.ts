import "server-only";

import type { Database } from "@/db";
import { findInboundMedia } from "@/db/queries/inbound-media";
import { findLibraryMedia } from "@/db/queries/media";
import { connectionIdForPhoneNumber } from "@/lib/accounts/working-connection";
import type { SessionUser } from "@/lib/auth/session";
import { describeGatewayFailure, failureMessage, failureSentence, GraphError, isGatewayError, type GatewayError, type GatewayFailure } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { message, translateMessage, type Translatable, type Translate } from "@/lib/i18n/translatable";
import { INBOUND_MEDIA_TTL_DAYS } from "@/lib/whatsapp/media";

import { blobFile, cachedMedia, indexMedia, storeMedia, type CachedMedia } from "./cache";

/** The largest file WhatsApp carries (a document); anything bigger is not fetched. */
const MAX_MEDIA_BYTES = 100 * 1024 * 1024;
const INBOUND_MEDIA_LIFETIME_MS = INBOUND_MEDIA_TTL_DAYS * 24 * 60 * 60 * 1000;

/** Why a file is not served: the HTTP status and what the person who asked is told (see {@link refusalMessage}). */
export interface MediaRefusal {
  ok: false;
  status: number;
  message: Translatable | string;
  code: string;
  /** The gateway failure behind it, written out in the reader's words (with our own first and last sentences when given). */
  gateway?: { failure: GatewayFailure; lead?: Translatable; action?: Translatable };
}

export type MediaDownload = { ok: true; entry: CachedMedia } | MediaRefusal;

const refused = (status: number, said: Translatable | string, code: string): MediaRefusal => ({ ok: false, status, message: said, code });

/** A refusal in the reader's words. */
export function refusalMessage(t: Translate, refusal: MediaRefusal): string {
  if (refusal.gateway) {
    const { failure, lead, action } = refusal.gateway;
    return failureSentence(t, failure, { lead, action });
  }
  return translateMessage(t, refusal.message);
}

/** A gateway failure as a refusal: its English sentence as the message (logs), its description for the reader's. */
function gatewayRefusal(code: string, failure: GatewayFailure, words: { lead?: Translatable; action?: Translatable } = {}): MediaRefusal {
  return { ...refused(502, failureMessage(failure, words), code), gateway: { failure, ...words } };
}

/** One answer for an id that is unknown, deleted or on a number outside the user's connections: nothing tells them apart. */
export const MEDIA_NOT_FOUND = refused(404, message("media.download.notFound"), "NOT_FOUND");

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
      return refused(404, message("media.download.uploadGone"), "MEDIA_EXPIRED");
    }
    const said =
      Date.now() - received!.receivedAt.getTime() > INBOUND_MEDIA_LIFETIME_MS
        ? message("media.download.inboundExpired", { days: INBOUND_MEDIA_TTL_DAYS })
        : message("media.download.inboundGone");
    return refused(404, said, "MEDIA_EXPIRED");
  };

  const media = gateway().media;
  let info: Awaited<ReturnType<typeof media.getMedia>>;
  try {
    info = await media.getMedia(mediaId, { connectionId, phoneNumberId, signal });
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    if (mediaGoneAtWhatsApp(error)) return gone();
    // Upstream trouble (5xx, timeout, network, rate limit, a refused key): explained, and never a 404.
    return gatewayRefusal("GATEWAY_ERROR", describeGatewayFailure(error));
  }
  if (typeof info.file_size === "number" && info.file_size > MAX_MEDIA_BYTES) {
    // Both sizes in megabytes (the catalog's text writes the unit the reader's way).
    const said = message("media.download.tooLarge", { size: info.file_size / 1024 / 1024, max: MAX_MEDIA_BYTES / 1024 / 1024 });
    return refused(413, said, "MEDIA_TOO_LARGE");
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
    return gatewayRefusal("MEDIA_UNREACHABLE", describeGatewayFailure(error), {
      lead: message("media.download.unreachableLead"),
      action: message("media.download.unreachableAction"),
    });
  }
}
