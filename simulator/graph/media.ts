import { createHmac } from "node:crypto";
import { Readable } from "node:stream";
import { GraphError, MatonError, objectNotFound } from "../errors";
import type { Reply } from "../http";
import { json } from "../http";
import { sha256Hex } from "../ids";
import { ID_BASE } from "../seed";
import type { Simulator } from "../sim";
import type { MediaObject, PhoneNumber } from "../state";
import type { GraphRequest } from "./context";
import { formatBytes, isAnimatedWebp, isOpusOgg, kindOfMime, MEDIA_KINDS, STATIC_STICKER_MAX_BYTES } from "./media-rules";

const UPLOAD_MEDIA_TTL_MS = 30 * 24 * 3600 * 1000;
const MEDIA_URL_TTL_S = 5 * 60;
/** Above the largest kind (documents, 100 MB) plus multipart overhead; larger bodies are refused unread. */
const UPLOAD_BODY_LIMIT = 101 * 1024 * 1024;

function uploadError(details: string): GraphError {
  return new GraphError(131053, { details });
}

async function readUploadForm(request: GraphRequest): Promise<FormData> {
  const contentType = request.req.headers["content-type"] ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new GraphError(100, { message: "(#100) The parameter file is required.", details: "Upload media as multipart/form-data with a file field." });
  }
  const declared = Number(request.req.headers["content-length"] ?? 0);
  if (declared > UPLOAD_BODY_LIMIT) throw uploadError(`The file is larger than the largest size WhatsApp accepts (${formatBytes(MEDIA_KINDS.document?.maxBytes ?? 0)}).`);
  try {
    const webRequest = new Request("http://simulator.local/upload", {
      method: "POST",
      headers: { "content-type": contentType },
      body: Readable.toWeb(request.req) as unknown as BodyInit,
      duplex: "half",
    } as RequestInit);
    return await webRequest.formData();
  } catch {
    throw new GraphError(100, { message: "(#100) Invalid parameter", details: "The multipart body could not be parsed." });
  }
}

/** `POST /{phone_number_id}/media`: stores the bytes in memory after WhatsApp's type and size rules. */
export async function uploadMedia(request: GraphRequest, phone: PhoneNumber): Promise<Reply> {
  const { sim } = request;
  const form = await readUploadForm(request);
  const product = form.get("messaging_product") ?? request.query.get("messaging_product");
  if (product === null) throw new GraphError(100, { message: "(#100) The parameter messaging_product is required." });
  if (String(product).toLowerCase() !== "whatsapp") throw new GraphError(100, { message: "(#100) Invalid parameter", details: `Param messaging_product must be one of {WHATSAPP} - got "${String(product)}".` });
  const file = form.get("file");
  if (!(file instanceof File)) throw new GraphError(100, { message: "(#100) The parameter file is required." });
  const typeField = form.get("type") ?? request.query.get("type");
  const mimeType = (typeof typeField === "string" && typeField ? typeField : file.type).split(";")[0]?.trim().toLowerCase() ?? "";
  if (!mimeType || mimeType === "application/octet-stream") throw new GraphError(100, { message: "(#100) The parameter type is required." });
  const kind = kindOfMime(mimeType);
  if (!kind) {
    const accepted = Object.values(MEDIA_KINDS).flatMap((rule) => rule.mimeTypes).join(", ");
    throw uploadError(`Param file must be a file with one of the following types: ${accepted}. Received file of type '${mimeType}'.`);
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.length === 0) throw uploadError("The uploaded file is empty.");
  let maxBytes = MEDIA_KINDS[kind]?.maxBytes ?? 0;
  if (kind === "sticker" && !isAnimatedWebp(bytes)) maxBytes = STATIC_STICKER_MAX_BYTES;
  if (bytes.length > maxBytes) {
    const label = kind === "sticker" ? `${isAnimatedWebp(bytes) ? "animated" : "static"} sticker` : kind;
    throw uploadError(`The file is ${bytes.length} bytes; the limit for ${label} (${mimeType}) is ${formatBytes(maxBytes)}.`);
  }
  if (mimeType === "audio/ogg" && !isOpusOgg(bytes)) throw uploadError("audio/ogg is accepted only with the Opus codec.");
  const now = sim.clock.now();
  const media: MediaObject = {
    id: sim.ids.numeric("media", ID_BASE.media), connectionId: request.connection.connectionId, phoneNumberId: phone.id,
    mimeType, sha256: sha256Hex(bytes), bytes, filename: file.name || null, origin: "upload", createdAt: now, expiresAt: now + UPLOAD_MEDIA_TTL_MS,
  };
  sim.state.media.set(media.id, media);
  return json({ id: media.id });
}

function urlHash(sim: Simulator, mediaId: string, expires: number): string {
  return createHmac("sha256", sim.matonSecret).update(`${mediaId}:${expires}`).digest("hex").slice(0, 32);
}

/** What `{"media_download":"too_large"}` announces: over the 100 MB WhatsApp allows for any media. */
export const TOO_LARGE_FILE_SIZE = 150 * 1024 * 1024;

/**
 * The media host, as Meta's `lookaside.fbsbx.com` is another host than the Graph API: the simulator
 * answers on the same port under another name (`localhost` for `127.0.0.1`), so a client must route
 * the download through the gateway, which holds the token the media host wants.
 */
export function lookasideBase(sim: Simulator): string {
  const base = new URL(sim.publicUrl);
  base.hostname = base.hostname === "localhost" ? "127.0.0.1" : "localhost";
  return base.origin;
}

/**
 * `GET /{media_id}`: metadata and a download URL valid for five simulated minutes, on the media host
 * (`lookasideBase`), not on the gateway's.
 */
export function getMedia(request: GraphRequest, media: MediaObject): Reply {
  const { sim } = request;
  const onPhone = request.query.get("phone_number_id");
  if (onPhone && onPhone !== media.phoneNumberId) throw objectNotFound(media.id, request.method);
  const expires = sim.clock.nowSeconds() + MEDIA_URL_TTL_S;
  const url = `${lookasideBase(sim)}/lookaside/whatsapp_business/attachments/?mid=${media.id}&ext=${expires}&hash=${urlHash(sim, media.id, expires)}`;
  const fileSize = sim.faults.media_download === "too_large" ? TOO_LARGE_FILE_SIZE : media.bytes.length;
  return json({ messaging_product: "whatsapp", url, mime_type: media.mimeType, sha256: media.sha256, file_size: fileSize, id: media.id });
}

export function deleteMedia(request: GraphRequest, media: MediaObject): Reply {
  request.sim.state.media.delete(media.id);
  return json({ success: true });
}

/** The media is gone (expired, deleted) or the fault says so: 404 with Meta's media download error. */
function mediaGone(details: string): GraphError {
  return new GraphError(131052, { status: 404, details });
}

/** The lookaside download behind a media URL, forwarded by the gateway; the caller has already checked the bearer key. */
export function downloadMedia(sim: Simulator, url: URL): Reply {
  const mediaId = url.searchParams.get("mid") ?? "";
  const expires = Number(url.searchParams.get("ext"));
  const hash = url.searchParams.get("hash") ?? "";
  const media = sim.state.media.get(mediaId);
  if (hash !== urlHash(sim, mediaId, expires)) throw new MatonError(404, "Media not found: the URL is invalid");
  if (sim.faults.media_download === "unreachable") {
    throw new MatonError(502, "Bad gateway: the media host (lookaside.fbsbx.com) could not be reached");
  }
  if (!media || media.expiresAt <= sim.clock.now() || sim.faults.media_download === "expired") {
    throw mediaGone("The media has expired or was deleted and can no longer be downloaded; ask the customer to send it again.");
  }
  if (expires < sim.clock.nowSeconds()) throw new MatonError(404, "Media URL expired: fetch a new URL with GET /{media_id}");
  const headers: Record<string, string> = { "cache-control": "private, max-age=300" };
  if (media.filename) headers["content-disposition"] = `attachment; filename="${media.filename.replace(/"/g, "")}"`;
  return { status: 200, raw: media.bytes, contentType: media.mimeType, headers };
}
