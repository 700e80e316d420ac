/** Media rules (accepted MIME types and sizes per kind) and the Graph media answers. Browser-safe. */
import { createFormatter } from "use-intl/core";
import { z } from "@/lib/zod";

import { DEFAULT_LOCALE } from "@/i18n/locales";
import { formatFileSize, type Formatter } from "@/lib/i18n/format";
import { message, type Translatable } from "@/lib/i18n/translatable";

import type { MediaMessageKind } from "./messages";

const MB = 1024 * 1024;

export const MEDIA_RULES: Record<MediaMessageKind, { mimeTypes: readonly string[]; maxBytes: number }> = {
  audio: { mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], maxBytes: 16 * MB },
  document: {
    mimeTypes: [
      "text/plain",
      "application/pdf",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 100 * MB,
  },
  image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 5 * MB },
  // 100 KB static; animated stickers may reach 500 KB.
  sticker: { mimeTypes: ["image/webp"], maxBytes: 500 * 1024 },
  video: { mimeTypes: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB },
};

export const STATIC_STICKER_MAX_BYTES = 100 * 1024;

/** Media ids from an upload live 30 days; inbound ones about 7 days. */
export const UPLOADED_MEDIA_TTL_DAYS = 30;
export const INBOUND_MEDIA_TTL_DAYS = 7;

/** "audio/ogg; codecs=opus" → "audio/ogg". */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(";")[0]!.trim().toLowerCase();
}

/** The message kind a file of this MIME type is sent as, or undefined when WhatsApp refuses it. */
export function mediaKindForMimeType(mimeType: string): MediaMessageKind | undefined {
  const base = baseMimeType(mimeType);
  const kinds = Object.keys(MEDIA_RULES) as MediaMessageKind[];
  return kinds.find((kind) => MEDIA_RULES[kind].mimeTypes.includes(base));
}

export type MediaFileCheck = { ok: true; kind: MediaMessageKind } | { ok: false; reason: Translatable };

let defaultFormatter: Formatter | undefined;

/**
 * Sizes in a reason are written when it is made; a caller with no reader at hand (the gateway client)
 * gets them the default language's way.
 */
export function formatterOrDefault(format?: Formatter): Formatter {
  return format ?? (defaultFormatter ??= createFormatter({ locale: DEFAULT_LOCALE, timeZone: "UTC" }));
}

/**
 * Checks type and size before an upload, so the person learns at once rather than from error 131053.
 * `format` writes the sizes in the reason the reader's way.
 */
export function checkMediaFile(file: { mimeType: string; size: number; kind?: MediaMessageKind }, format?: Formatter): MediaFileCheck {
  const kind = file.kind ?? mediaKindForMimeType(file.mimeType);
  if (kind === undefined) return { ok: false, reason: message("media.fileCheck.notAccepted", { type: file.mimeType }) };
  const rule = MEDIA_RULES[kind];
  if (!rule.mimeTypes.includes(baseMimeType(file.mimeType))) {
    return { ok: false, reason: message("media.fileCheck.wrongType", { kind, types: rule.mimeTypes.join(", ") }) };
  }
  if (file.size <= 0) return { ok: false, reason: message("media.fileCheck.empty") };
  if (file.size > rule.maxBytes) {
    const sizes = formatterOrDefault(format);
    return { ok: false, reason: message("media.fileCheck.tooLarge", { kind, max: formatFileSize(sizes, rule.maxBytes), size: formatFileSize(sizes, file.size) }) };
  }
  return { ok: true, kind };
}

export const uploadMediaResponseSchema = z.looseObject({ id: z.string().min(1) });
export type UploadMediaResponse = z.infer<typeof uploadMediaResponseSchema>;

/** `GET /{media_id}`: a download URL valid about five minutes, and the file's metadata. */
export const mediaInfoSchema = z.looseObject({
  messaging_product: z.literal("whatsapp").optional(),
  id: z.string().min(1),
  url: z.string().min(1),
  mime_type: z.string().min(1),
  sha256: z.string(),
  // Graph documents a number; some answers carry it as a string.
  file_size: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
});
export type MediaInfo = z.infer<typeof mediaInfoSchema>;
