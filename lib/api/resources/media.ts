/**
 * The public API's media library: the file object, the multipart upload's fields, the library's
 * refusals as problems, and the list's order and cursor.
 */
import "server-only";

import type { MediaListItem } from "@/db/queries/media";
import type { Media } from "@/db/schema";
import { ApiProblem } from "@/lib/api/problem";
import { failureSentence } from "@/lib/gateway";
import { message, type Translate } from "@/lib/i18n/translatable";
import { MediaProblem } from "@/lib/media/library";
import { MEDIA_KINDS } from "@/lib/media/rules";
import { z } from "@/lib/zod";

import { timestamp } from "./conversations";

export const mediaIdParam = z
  .string()
  .regex(/^[\w.-]{1,128}$/)
  .meta({ description: "The file's id (WhatsApp's media id).", example: "1013859600285441" });

export const mediaSchema = z
  .object({
    id: z.string().meta({ description: "WhatsApp's media id: what a message's `media_id` names.", example: "1013859600285441" }),
    phone_number_id: z.string().meta({ description: "The business number it was uploaded for (a media id works on that number only).", example: "106540352242922" }),
    kind: z.enum(MEDIA_KINDS),
    mime_type: z.string().meta({ example: "image/jpeg" }),
    file_name: z.string().meta({ example: "opening-hours.jpg" }),
    size: z.number().int().min(0).meta({ description: "In bytes.", example: 48213 }),
    sha256: z.string().meta({ description: "The SHA-256 of the bytes, hex." }),
    uploaded_by: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    uploaded_at: timestamp,
    expires_at: timestamp.meta({ description: "WhatsApp keeps an uploaded file 30 days: after this, upload it again." }),
    expired: z.boolean(),
  })
  .meta({
    id: "Media",
    description: "A file of the media library, uploaded to WhatsApp for one business number.",
    example: {
      id: "1013859600285441",
      phone_number_id: "106540352242922",
      kind: "image",
      mime_type: "image/jpeg",
      file_name: "opening-hours.jpg",
      size: 48213,
      sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      uploaded_by: { id: "0d6f3a4e-2b1c-4f7e-8a9d-1e2f3a4b5c6d", name: "Mara Marketer" },
      uploaded_at: "2026-03-14T09:26:53.000Z",
      expires_at: "2026-04-13T09:26:53.000Z",
      expired: false,
    },
  });

export type ApiMedia = z.input<typeof mediaSchema>;

export const mediaUploadSchema = mediaSchema
  .extend({ reused: z.boolean().meta({ description: "True when the same bytes were already in this number's library: nothing was uploaded again." }) })
  .meta({ id: "MediaUpload", description: "The file in the library, new or reused." });

/** A library row as the API's file; `uploaderName` when the row carries it. */
export function apiMedia(row: Media | MediaListItem, now = new Date()): ApiMedia {
  const kind = (MEDIA_KINDS as readonly string[]).includes(row.kind) ? (row.kind as ApiMedia["kind"]) : "document";
  return {
    id: row.id,
    phone_number_id: row.phoneNumberId,
    kind,
    mime_type: row.mimeType,
    file_name: row.fileName,
    size: row.size,
    sha256: row.sha256,
    uploaded_by: row.uploaderId ? { id: row.uploaderId, name: "uploaderName" in row ? row.uploaderName : null } : null,
    uploaded_at: row.uploadedAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    expired: row.expiresAt.getTime() <= now.getTime(),
  };
}

/** The multipart form of an upload, for the documentation (the handler reads the stream itself). */
export const mediaUploadForm = z
  .object({
    file: z.string().meta({ format: "binary", description: "The file, with its name and MIME type. Checked as the library checks uploads: type, size per kind, and its bytes against its type." }),
    phone_number_id: z.string().meta({ description: "The business number to upload it for.", example: "106540352242922" }),
  })
  .meta({ id: "MediaUploadForm" });

/** Where the next page of the library starts: the last file's upload time and id. */
export const mediaCursorSchema = z.object({ uploadedAt: z.iso.datetime(), id: z.string().min(1).max(128) });
export type MediaCursor = z.output<typeof mediaCursorSchema>;

/** The library's own refusal as a problem; a gateway failure's sentence written in the caller's words. */
export function mediaProblem(error: unknown, t: Translate): unknown {
  if (!(error instanceof MediaProblem)) return error;
  if (error.failure) return new ApiProblem(error.status, error.status === 503 ? "GATEWAY_BUSY" : "GATEWAY_ERROR", failureSentence(t, error.failure));
  switch (error.code) {
    // A number outside the caller's connections is one that does not exist.
    case "UNKNOWN_PHONE_NUMBER": {
      const said = message("apiResources.refusals.unknownPhoneNumber");
      return new ApiProblem(404, "NOT_FOUND", said, { errors: [{ field: "phone_number_id", detail: said }] });
    }
    case "NOT_FOUND":
      return new ApiProblem(404, "NOT_FOUND", message("apiResources.media.notFound"));
    // A file name the library cannot keep.
    case "INVALID_INPUT":
      return new ApiProblem(400, "INVALID_REQUEST", error.said, { errors: [{ field: "file", detail: error.said }] });
    case "INVALID_FILE":
    case "CONTENT_MISMATCH":
      return new ApiProblem(error.status, error.code, error.said, { errors: [{ field: "file", detail: error.said }] });
    default:
      return new ApiProblem(error.status, error.code, error.said);
  }
}
