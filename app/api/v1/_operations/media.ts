/**
 * The media library in the public API: list, upload, delete, through the library's own services
 * (lib/media/library.ts), with its checks and limits.
 */
import { pageLibraryMedia } from "@/db/queries/media";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/locales";
import { negotiateLocale } from "@/i18n/negotiate";
import { defineOperation } from "@/lib/api/operation";
import { decodeCursor, encodeCursor, listOf, pageQuery } from "@/lib/api/pagination";
import { ApiProblem } from "@/lib/api/problem";
import {
  apiMedia,
  mediaCursorSchema,
  mediaIdParam,
  mediaProblem,
  mediaSchema,
  mediaUploadForm,
  mediaUploadSchema,
} from "@/lib/api/resources/media";
import type { SessionUser } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { formatterFor } from "@/lib/i18n/translators";
import { deleteFromLibrary, libraryRecordOrThrow, uploadToLibrary } from "@/lib/media/library";
import { MEDIA_KINDS, mimeTypeForFile } from "@/lib/media/rules";
import { MEDIA_RULES } from "@/lib/whatsapp/media";
import { z } from "@/lib/zod";

/** The largest upload WhatsApp takes (a document), and room for the form around it. */
const UPLOAD_BODY_MAX = Math.max(...Object.values(MEDIA_RULES).map((rule) => rule.maxBytes)) + 1024 * 1024;

/** The language sizes are written in: what Accept-Language asked for, else the user's setting. */
function callerLocale(request: Request, user: SessionUser): Locale {
  const asked = request.headers.get("accept-language");
  if (asked?.trim()) return negotiateLocale(asked);
  return isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
}

export const listMediaOperation = defineOperation({
  method: "GET",
  path: "/media",
  operationId: "listMedia",
  summary: "List the media library",
  description:
    "Files uploaded for the business numbers you may work with, newest first; expired ones too (`expired: true`: upload them again before sending).",
  tag: "Media",
  capability: "media.use",
  query: pageQuery.extend({
    kind: z.enum(MEDIA_KINDS).optional().meta({ description: "Only files of this kind." }),
    phone_number_id: z.string().regex(/^[\w-]{1,64}$/).optional().meta({ description: "Only files of this business number.", example: "106540352242922" }),
  }),
  success: { status: 200, description: "A page of the library.", schema: listOf(mediaSchema) },
  async handle({ db, user, query }) {
    const cursor = decodeCursor(query.cursor, mediaCursorSchema);
    // One more than the page tells whether another follows.
    const { rows, total } = await pageLibraryMedia(db, user.connections, {
      phoneNumberIds: query.phone_number_id ? [query.phone_number_id] : undefined,
      kind: query.kind,
      after: cursor ? { uploadedAt: new Date(cursor.uploadedAt), id: cursor.id } : null,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const now = new Date();
    return {
      data: page.map((row) => apiMedia(row, now)),
      next_cursor: rows.length > page.length && last ? encodeCursor({ uploadedAt: last.uploadedAt.toISOString(), id: last.id }) : null,
      total,
    };
  },
});

export const uploadMediaOperation = defineOperation({
  method: "POST",
  path: "/media",
  operationId: "uploadMedia",
  summary: "Upload a file to the media library",
  description:
    "`multipart/form-data` with `file` and `phone_number_id`. Checked as the dashboard's uploads are: an accepted type, the size limit of its kind, and its bytes against its type. The same bytes already in the number's library are reused, not uploaded twice.",
  tag: "Media",
  capability: "media.manage",
  multipart: mediaUploadForm,
  idempotent: true,
  success: { status: 201, description: "The file in the library.", schema: mediaUploadSchema },
  async handle({ db, user, request, t }) {
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > UPLOAD_BODY_MAX) throw new ApiProblem(413, "PAYLOAD_TOO_LARGE", message("media.problems.tooLarge"), { errors: [{ field: "file", detail: message("media.problems.tooLarge") }] });
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ApiProblem(400, "INVALID_REQUEST", message("apiResources.media.unreadableForm"));
    }
    const file = form.get("file");
    const phoneNumberId = form.get("phone_number_id");
    const errors = [
      ...(file instanceof File ? [] : [{ field: "file", detail: message("apiResources.media.fileRequired") }]),
      ...(typeof phoneNumberId === "string" && /^[\w-]{1,64}$/.test(phoneNumberId.trim()) ? [] : [{ field: "phone_number_id", detail: message("apiResources.media.numberRequired") }]),
    ];
    if (errors.length > 0 || !(file instanceof File) || typeof phoneNumberId !== "string") {
      throw new ApiProblem(400, "INVALID_REQUEST", message("api.problems.invalidRequest"), { errors });
    }
    const fileName = file.name.trim();
    try {
      const result = await uploadToLibrary(db, user, {
        phoneNumberId: phoneNumberId.trim(),
        fileName,
        mimeType: mimeTypeForFile({ name: fileName, type: file.type }),
        declaredSize: file.size,
        body: file.stream(),
        signal: request.signal,
        format: formatterFor(callerLocale(request, user)),
      });
      return { ...apiMedia(result.media), reused: result.reused };
    } catch (error) {
      throw mediaProblem(error, t);
    }
  },
});

export const deleteMediaOperation = defineOperation({
  method: "DELETE",
  path: "/media/{media_id}",
  operationId: "deleteMedia",
  summary: "Delete a file from the media library",
  description: "Deletes the file at WhatsApp, then from the library. A file of a number outside your connections answers 404, like one that does not exist.",
  tag: "Media",
  capability: "media.manage",
  params: z.object({ media_id: mediaIdParam }),
  success: { status: 204, description: "Deleted." },
  async handle({ db, user, params, t }) {
    try {
      const record = await libraryRecordOrThrow(db, user, params.media_id);
      await deleteFromLibrary(db, user, record);
      return undefined;
    } catch (error) {
      throw mediaProblem(error, t);
    }
  },
});

export const MEDIA_OPERATIONS = [listMediaOperation, uploadMediaOperation, deleteMediaOperation];
