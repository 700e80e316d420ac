import "server-only";

import { fileTypeFromBuffer, type FileTypeResult } from "file-type";

import { baseMimeType } from "@/lib/whatsapp/media";

/**
 * An upload's leading bytes against the type it was sent as: a browser (or anyone with a session)
 * can label any bytes `image/png`, and WhatsApp would then carry, and this dashboard serve, them.
 */

/** Enough for every signature, and for the `[Content_Types].xml` entry a Word, Excel or PowerPoint file starts with. */
export const CONTENT_SAMPLE_BYTES = 64 * 1024;

const OOXML = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
} as const;

/** How a kind of file is named to the person uploading it. */
const NAMES: Record<string, string> = {
  "image/jpeg": "a JPEG image",
  "image/png": "a PNG image",
  "image/apng": "a PNG image",
  "image/webp": "a WebP image",
  "image/gif": "a GIF image",
  "image/svg+xml": "an SVG image",
  "video/mp4": "an MP4 video",
  "video/3gpp": "a 3GP video",
  "video/quicktime": "a QuickTime video",
  "audio/aac": "an AAC audio file",
  "audio/amr": "an AMR audio file",
  "audio/mpeg": "an MP3 audio file",
  "audio/mp4": "an M4A audio file",
  "audio/x-m4a": "an M4A audio file",
  "audio/ogg": "an OGG audio file",
  "application/pdf": "a PDF document",
  "text/plain": "a text file",
  "application/msword": "a Word document",
  "application/vnd.ms-excel": "an Excel workbook",
  "application/vnd.ms-powerpoint": "a PowerPoint presentation",
  "application/x-cfb": "an older Microsoft Office file",
  [OOXML.docx]: "a Word document",
  [OOXML.xlsx]: "an Excel workbook",
  [OOXML.pptx]: "a PowerPoint presentation",
  "application/zip": "a ZIP archive",
  "application/x-msdownload": "a Windows program",
  "application/x-elf": "a program",
  "application/xml": "XML",
  "text/html": "HTML",
};

/**
 * What a detected type may be for each declared one. Same-container families are accepted (an M4A
 * is an MP4 file, a 3GP is often branded like one): the point is bytes of another kind altogether.
 */
const ISO_MEDIA = ["video/mp4", "video/3gpp", "video/x-m4v", "audio/mp4", "audio/x-m4a"];
const ACCEPTED_CONTENT: Record<string, readonly string[]> = {
  "image/jpeg": ["image/jpeg"],
  "image/png": ["image/png", "image/apng"],
  "image/webp": ["image/webp"],
  "video/mp4": ISO_MEDIA,
  "video/3gpp": ISO_MEDIA,
  "audio/aac": ["audio/aac", ...ISO_MEDIA],
  "audio/amr": ["audio/amr"],
  "audio/mpeg": ["audio/mpeg"],
  "audio/mp4": ISO_MEDIA,
  "audio/ogg": ["audio/ogg", "audio/opus", "application/ogg"],
  "application/pdf": ["application/pdf"],
  // Word 97–2003, Excel and PowerPoint files are all one container format (CFB): it cannot tell them apart.
  "application/msword": ["application/x-cfb"],
  "application/vnd.ms-excel": ["application/x-cfb"],
  "application/vnd.ms-powerpoint": ["application/x-cfb"],
  // A plain ZIP: the part that names the Office kind lies beyond the sample (rare, but legitimate).
  [OOXML.docx]: [OOXML.docx, "application/zip"],
  [OOXML.xlsx]: [OOXML.xlsx, "application/zip"],
  [OOXML.pptx]: [OOXML.pptx, "application/zip"],
};

/** Detected types that are text themselves: a plain-text document may hold them. */
const TEXT_DETECTIONS = new Set(["application/xml", "text/vtt", "text/calendar", "application/json"]);

export type ContentCheck = { ok: true } | { ok: false; message: string };

const nameOf = (mimeType: string) => NAMES[mimeType];

/** A name for detected bytes: known names first, else one made of the detected extension. */
function describeDetected(detected: FileTypeResult): string {
  const mimeType = baseMimeType(detected.mime);
  const known = nameOf(mimeType);
  if (known) return known;
  const ext = detected.ext.toUpperCase();
  const article = /^[AEFHILMNORSX]/.test(ext) ? "an" : "a";
  if (mimeType.startsWith("image/")) return `${article} ${ext} image`;
  if (mimeType.startsWith("video/")) return `${article} ${ext} video`;
  if (mimeType.startsWith("audio/")) return `${article} ${ext} audio file`;
  return `${article} ${ext} file`;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((value, index) => bytes[index] === value);
const hasUtf16Bom = (bytes: Uint8Array) => startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);

/** Markup that a browser would run or render, told by how the text begins (file-type does not detect text). */
function describeText(head: Uint8Array): string | undefined {
  const text = new TextDecoder("utf-8", { fatal: false })
    .decode(head.subarray(startsWith(head, UTF8_BOM) ? 3 : 0, 1024))
    .trimStart()
    .toLowerCase();
  if (/^<!doctype html|^<(html|head|body|script|iframe|meta|title|div|a|p|img|style)[\s>/]/.test(text)) return "HTML";
  if (/^<svg[\s>]/.test(text) || (text.startsWith("<?xml") && text.includes("<svg"))) return "an SVG image";
  if (text.startsWith("<?xml")) return "XML";
  if (text.startsWith("#!")) return "a script";
  return undefined;
}

/**
 * Checks an upload's first bytes (up to CONTENT_SAMPLE_BYTES; the whole file when smaller) against
 * its declared MIME type, with `file-type`'s signatures. The message names what the bytes look like
 * when that is known: "This file is not a PNG image: its content looks like HTML."
 */
export async function checkUploadContent(declaredMimeType: string, head: Uint8Array): Promise<ContentCheck> {
  const declared = baseMimeType(declaredMimeType);
  const declaredName = nameOf(declared) ?? `a file of type ${declared}`;
  const detected = await fileTypeFromBuffer(head);
  const detectedType = detected ? baseMimeType(detected.mime) : undefined;

  if (declared === "text/plain") {
    // Plain text has no signature to detect: it is accepted when its bytes are not a detected binary
    // format and hold no NUL byte (which text never contains, and nearly every binary format does).
    // A UTF-16 byte-order mark marks text whose NULs are the high bytes of its characters.
    if (hasUtf16Bom(head)) return { ok: true };
    if (detected && !TEXT_DETECTIONS.has(detectedType!)) {
      return { ok: false, message: `This file is not ${declaredName}: its content looks like ${describeDetected(detected)}.` };
    }
    if (head.includes(0)) return { ok: false, message: `This file's content is not ${declaredName}.` };
    return { ok: true };
  }

  const accepted = ACCEPTED_CONTENT[declared];
  // A type WhatsApp does not take never gets here (refused by its type first); nothing to compare against.
  if (!accepted) return { ok: true };
  if (detectedType && accepted.includes(detectedType)) return { ok: true };
  const looksLike = detected ? describeDetected(detected) : head.includes(0) ? undefined : (describeText(head) ?? "text");
  return {
    ok: false,
    message: looksLike ? `This file is not ${declaredName}: its content looks like ${looksLike}.` : `This file's content is not ${declaredName}.`,
  };
}
