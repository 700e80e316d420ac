import "server-only";

import { fileTypeFromBuffer, type FileTypeResult } from "file-type";

import { message, type Translatable } from "@/lib/i18n/translatable";
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

/**
 * How a kind of file is named to the person uploading it: a code the catalog's sentences choose the
 * words by (`media.content.*`, "a PNG image").
 */
const NAMES: Record<string, string> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/apng": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "image/svg+xml": "svg",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "video/quicktime": "quicktime",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
  "audio/ogg": "ogg",
  "application/pdf": "pdf",
  "text/plain": "textFile",
  "application/msword": "word",
  "application/vnd.ms-excel": "excel",
  "application/vnd.ms-powerpoint": "powerpoint",
  "application/x-cfb": "oldOffice",
  [OOXML.docx]: "word",
  [OOXML.xlsx]: "excel",
  [OOXML.pptx]: "powerpoint",
  "application/zip": "zip",
  "application/x-msdownload": "windowsProgram",
  "application/x-elf": "program",
  "application/xml": "xml",
  "text/html": "html",
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

export type ContentCheck = { ok: true } | { ok: false; message: Translatable };

const nameOf = (mimeType: string) => NAMES[mimeType];

/** What detected bytes are called: a known name's code, else a kind of file with the detected extension ("an AVI video"). */
function describeDetected(detected: FileTypeResult): { detected: string; ext?: string } {
  const mimeType = baseMimeType(detected.mime);
  const known = nameOf(mimeType);
  if (known) return { detected: known };
  const ext = detected.ext.toUpperCase();
  // The English article goes by how the extension is spoken ("an MKV", "a WMV").
  const article = /^[AEFHILMNORSX]/.test(ext) ? "An" : "A";
  const family = ["image", "video", "audio"].find((prefix) => mimeType.startsWith(`${prefix}/`)) ?? "file";
  return { detected: `${family}${article}`, ext };
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
  if (/^<!doctype html|^<(html|head|body|script|iframe|meta|title|div|a|p|img|style)[\s>/]/.test(text)) return "html";
  if (/^<svg[\s>]/.test(text) || (text.startsWith("<?xml") && text.includes("<svg"))) return "svg";
  if (text.startsWith("<?xml")) return "xml";
  if (text.startsWith("#!")) return "script";
  return undefined;
}

/**
 * Checks an upload's first bytes (up to CONTENT_SAMPLE_BYTES; the whole file when smaller) against
 * its declared MIME type, with `file-type`'s signatures. The message names what the bytes look like
 * when that is known: "This file is not a PNG image: its content looks like HTML."
 */
export async function checkUploadContent(declaredMimeType: string, head: Uint8Array): Promise<ContentCheck> {
  const declared = baseMimeType(declaredMimeType);
  // A type without a name of its own is named by its MIME type ("a file of type …").
  const declaredValues = { declared: nameOf(declared) ?? "other", declaredType: declared };
  const notIt = (looksLike: { detected: string; ext?: string } | undefined): ContentCheck => ({
    ok: false,
    message: looksLike
      ? message("media.content.notDeclared", { ...declaredValues, ext: "", ...looksLike })
      : message("media.content.notContent", declaredValues),
  });
  const detected = await fileTypeFromBuffer(head);
  const detectedType = detected ? baseMimeType(detected.mime) : undefined;

  if (declared === "text/plain") {
    // Plain text has no signature to detect: it is accepted when its bytes are not a detected binary
    // format and hold no NUL byte (which text never contains, and nearly every binary format does).
    // A UTF-16 byte-order mark marks text whose NULs are the high bytes of its characters.
    if (hasUtf16Bom(head)) return { ok: true };
    if (detected && !TEXT_DETECTIONS.has(detectedType!)) return notIt(describeDetected(detected));
    if (head.includes(0)) return notIt(undefined);
    return { ok: true };
  }

  const accepted = ACCEPTED_CONTENT[declared];
  // A type WhatsApp does not take never gets here (refused by its type first); nothing to compare against.
  if (!accepted) return { ok: true };
  if (detectedType && accepted.includes(detectedType)) return { ok: true };
  if (detected) return notIt(describeDetected(detected));
  return notIt(head.includes(0) ? undefined : { detected: describeText(head) ?? "text" });
}
