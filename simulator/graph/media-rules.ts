/** Accepted MIME types and sizes per media kind (Cloud API media reference). */
export const MEDIA_KINDS: Record<string, { mimeTypes: readonly string[]; maxBytes: number }> = {
  audio: { mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], maxBytes: 16 * 1024 * 1024 },
  document: {
    mimeTypes: [
      "text/plain", "application/pdf", "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 100 * 1024 * 1024,
  },
  image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 5 * 1024 * 1024 },
  sticker: { mimeTypes: ["image/webp"], maxBytes: 500 * 1024 },
  video: { mimeTypes: ["video/mp4", "video/3gpp"], maxBytes: 16 * 1024 * 1024 },
};

export const STATIC_STICKER_MAX_BYTES = 100 * 1024;

/** The media kind a MIME type belongs to, or null when WhatsApp refuses it. */
export function kindOfMime(mimeType: string): string | null {
  const bare = mimeType.split(";")[0]?.trim().toLowerCase() ?? "";
  for (const [kind, rule] of Object.entries(MEDIA_KINDS)) if (rule.mimeTypes.includes(bare)) return kind;
  return null;
}

/** A WebP is animated when it carries an ANIM chunk. */
export function isAnimatedWebp(bytes: Buffer): boolean {
  return bytes.subarray(0, 64).includes("ANIM") || bytes.includes(Buffer.from("ANIM"));
}

/** WhatsApp takes OGG audio only with the Opus codec. */
export function isOpusOgg(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).toString("latin1") === "OggS" && bytes.subarray(0, 200).includes("OpusHead");
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}
