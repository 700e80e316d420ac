/**
 * The media library's checks, shared by the browser (before anything is sent) and the upload route
 * (again, before anything reaches the gateway). Messages name the kind's limit, with sizes written
 * the reader's way (the formatter passed in). Browser-safe.
 */
import { formatFileSize, type Formatter } from "@/lib/i18n/format";
import { message, type Translatable } from "@/lib/i18n/translatable";
import { MEDIA_RULES, STATIC_STICKER_MAX_BYTES, UPLOADED_MEDIA_TTL_DAYS, baseMimeType, mediaKindForMimeType } from "@/lib/whatsapp/media";
import type { MediaMessageKind } from "@/lib/whatsapp/messages";

export const MEDIA_KINDS = ["image", "video", "audio", "document", "sticker"] as const satisfies readonly MediaMessageKind[];
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** A kind the library knows (named in the catalogs as `media.kinds.<kind>`, "Image", and `media.kindsPlural.<kind>`, "Images"). */
export function isMediaKind(kind: string): kind is MediaKind {
  return (MEDIA_KINDS as readonly string[]).includes(kind);
}

/** Browsers leave `File.type` empty for some formats (AMR, 3GP, …): the extension decides then. */
const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  mp4: "video/mp4",
  "3gp": "video/3gpp",
  aac: "audio/aac",
  amr: "audio/amr",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  ogg: "audio/ogg",
  opus: "audio/ogg",
  txt: "text/plain",
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

/** The MIME type to upload a file as: the browser's, else one guessed from the extension. */
export function mimeTypeForFile(file: { name: string; type: string }): string {
  if (file.type) return baseMimeType(file.type);
  const extension = file.name.toLowerCase().split(".").pop() ?? "";
  return MIME_BY_EXTENSION[extension] ?? "application/octet-stream";
}

/** The accepted types, for the file input's `accept`. */
export const ACCEPT_ATTRIBUTE = [
  ...new Set([...Object.values(MEDIA_RULES).flatMap((rule) => rule.mimeTypes), ...Object.keys(MIME_BY_EXTENSION).map((ext) => `.${ext}`)]),
].join(",");

/** Every kind's largest size, the reader's way: the values the catalog's limit texts use. */
export function sizeLimits(format: Formatter) {
  return {
    imageMax: formatFileSize(format, MEDIA_RULES.image.maxBytes),
    videoMax: formatFileSize(format, MEDIA_RULES.video.maxBytes),
    audioMax: formatFileSize(format, MEDIA_RULES.audio.maxBytes),
    documentMax: formatFileSize(format, MEDIA_RULES.document.maxBytes),
    stickerMax: formatFileSize(format, STATIC_STICKER_MAX_BYTES),
    animatedStickerMax: formatFileSize(format, MEDIA_RULES.sticker.maxBytes),
  };
}

/** A kind's accepted formats and largest size: "JPEG or PNG, up to 5 MB"; stickers "WebP, 100 kB (animated 500 kB)". */
export function limitSummary(kind: MediaKind, format: Formatter): Translatable {
  if (kind === "sticker") {
    return message("media.limits.sticker", { max: formatFileSize(format, STATIC_STICKER_MAX_BYTES), animatedMax: formatFileSize(format, MEDIA_RULES.sticker.maxBytes) });
  }
  return message(`media.limits.${kind}`, { max: formatFileSize(format, MEDIA_RULES[kind].maxBytes) });
}

export type UploadCheck = { ok: true; kind: MediaKind; mimeType: string } | { ok: false; message: Translatable };

/**
 * Type and size against WhatsApp's limits. `animated` matters for stickers only (a static WebP
 * may be 100 KB, an animated one 500 KB); when unknown, the larger limit applies. `format` writes
 * the sizes in the message.
 */
export function checkUpload(file: { name: string; mimeType: string; size: number; animated?: boolean }, format: Formatter): UploadCheck {
  const mimeType = baseMimeType(file.mimeType);
  const kind = mediaKindForMimeType(mimeType) as MediaKind | undefined;
  if (!kind) {
    // "unknown": the browser could not tell the type, so the message names none.
    const type = mimeType === "application/octet-stream" ? "unknown" : mimeType;
    return { ok: false, message: message("media.check.notAccepted", { type, name: file.name, ...sizeLimits(format) }) };
  }
  if (file.size <= 0) return { ok: false, message: message("media.check.empty", { name: file.name }) };
  const max = kind === "sticker" && file.animated === false ? STATIC_STICKER_MAX_BYTES : MEDIA_RULES[kind].maxBytes;
  if (file.size > max) {
    const what = kind === "sticker" ? (file.animated === false ? "staticSticker" : "animatedSticker") : kind;
    return { ok: false, message: message("media.check.tooLarge", { kind: what, max: formatFileSize(format, max), size: formatFileSize(format, file.size) }) };
  }
  return { ok: true, kind, mimeType };
}

/** A WebP is animated when its VP8X header has the animation flag: the first 21 bytes tell. */
export function isAnimatedWebp(head: Uint8Array): boolean {
  const text = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length < 21 || text(0, 4) !== "RIFF" || text(8, 12) !== "WEBP") return false;
  return text(12, 16) === "VP8X" && (head[20]! & 0x02) !== 0;
}

export const MEDIA_TTL_MS = UPLOADED_MEDIA_TTL_DAYS * 24 * 60 * 60 * 1000;

export type ExpiryState = { state: "ok" | "soon"; daysLeft: number } | { state: "expired" };

/** Days left of an uploaded media id (30 days); "soon" under 3 days. */
export function expiryOf(expiresAt: Date | string, now: Date = new Date()): ExpiryState {
  const left = new Date(expiresAt).getTime() - now.getTime();
  if (left <= 0) return { state: "expired" };
  // A clock read a little before the upload must not show 31 days.
  const daysLeft = Math.min(UPLOADED_MEDIA_TTL_DAYS, Math.ceil(left / (24 * 60 * 60 * 1000)));
  return { state: left < 3 * 24 * 60 * 60 * 1000 ? "soon" : "ok", daysLeft };
}
