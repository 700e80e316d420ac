import "server-only";

import { openAsBlob } from "node:fs";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { findLibraryMedia, findReusableMedia, insertLibraryMedia, markMediaDeleted, type MediaListItem } from "@/db/queries/media";
import type { InboundMediaItem } from "@/db/queries/media";
import type { Media } from "@/db/schema";
import { listUsablePhoneNumbers } from "@/lib/accounts/selected-phone-number";
import { connectionIdForPhoneNumber } from "@/lib/accounts/working-connection";
import type { SessionUser } from "@/lib/auth/session";
import { describeGatewayFailure, failureMessage, GraphError, isGatewayError, type GatewayFailure } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import type { Formatter } from "@/lib/i18n/format";
import { message, type Translatable } from "@/lib/i18n/translatable";
import { logger } from "@/lib/log";
import { MEDIA_RULES, mediaKindForMimeType } from "@/lib/whatsapp/media";

import { blobFile, discardStaged, indexMedia, keepStaged, stageUpload, UploadTooLargeError, type StagedFile } from "./cache";
import { checkUploadContent, CONTENT_SAMPLE_BYTES } from "./content";
import { checkUpload, isAnimatedWebp, MEDIA_KINDS, MEDIA_TTL_MS, type MediaKind } from "./rules";
import { releaseMediaBytes } from "./sweep";
import type { InboundMediaView, LibraryMediaView } from "./types";

const log = logger("media");

/**
 * A refusal with the HTTP status and what the person uploading is told (put into their language by
 * the door it leaves by); a gateway failure's description when one caused it.
 */
export class MediaProblem extends Error {
  override name = "MediaProblem";
  constructor(
    readonly status: number,
    readonly said: Translatable | string,
    readonly code: string,
    readonly failure?: GatewayFailure,
  ) {
    super(typeof said === "string" ? said : said.key);
  }
}

/** A gateway failure as the media library's refusal: 503 when waiting can help, else 502. */
export function gatewayProblem(error: unknown): MediaProblem | undefined {
  if (!isGatewayError(error)) return undefined;
  const failure = describeGatewayFailure(error);
  return new MediaProblem(failure.retryable ? 503 : 502, failureMessage(failure), "GATEWAY_ERROR", failure);
}

const asKind = (kind: string): MediaKind => ((MEDIA_KINDS as readonly string[]).includes(kind) ? (kind as MediaKind) : "document");

export function toLibraryView(row: Media | MediaListItem): LibraryMediaView {
  return {
    id: row.id,
    kind: asKind(row.kind),
    mimeType: row.mimeType,
    fileName: row.fileName,
    size: row.size,
    sha256: row.sha256,
    uploaderName: "uploaderName" in row ? row.uploaderName : null,
    uploadedAt: row.uploadedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

export function toInboundView(row: InboundMediaItem): InboundMediaView {
  return {
    id: row.mediaId,
    kind: asKind(row.kind),
    mimeType: row.mimeType,
    fileName: row.fileName,
    caption: row.caption,
    receivedAt: row.receivedAt.toISOString(),
    conversationId: row.conversationId,
    customerName: row.customerName,
    customerPhone: row.customerPhone,
    customerUserId: row.customerUserId,
    customerUsername: row.customerUsername,
    customerWaId: row.customerWaId,
  };
}

/** A number outside the user's connections is refused exactly like one not linked at all. */
export async function requireUsableNumber(db: Database, user: SessionUser, phoneNumberId: string): Promise<void> {
  const numbers = await listUsablePhoneNumbers(db, user.connections);
  if (!numbers.some((number) => number.id === phoneNumberId)) {
    throw new MediaProblem(400, message("media.problems.unknownNumber"), "UNKNOWN_PHONE_NUMBER");
  }
}

/** A library record the user may see; an unknown, deleted or out-of-scope id alike is "not in the library". */
export async function libraryRecordOrThrow(db: Database, user: SessionUser, mediaId: string): Promise<Media> {
  const record = await findLibraryMedia(db, user.connections, mediaId);
  if (!record) throw new MediaProblem(404, message("media.problems.notInLibrary"), "NOT_FOUND");
  return record;
}

/** The longest file name the library keeps. */
export const FILE_NAME_MAX = 240;

/** A file name the library keeps (and a customer sees): not empty, not too long, no control characters or slashes. */
function isAcceptableFileName(fileName: string): boolean {
  return fileName.length > 0 && fileName.length <= FILE_NAME_MAX && !/[\u0000-\u001f/\\]/.test(fileName);
}

export interface UploadRequest {
  phoneNumberId: string;
  /** As the uploader named it, trimmed. */
  fileName: string;
  mimeType: string;
  /** The announced size (Content-Length), checked before a byte is read; the real size is checked again. */
  declaredSize: number | undefined;
  body: ReadableStream<Uint8Array>;
  /** The request's: a person who gives up drops the upload's place in the gateway's queue. */
  signal?: AbortSignal;
  /** Writes the sizes a refusal names the way the person uploading reads them. */
  format: Formatter;
}

/**
 * An upload into the library (the Media page's and the inbox's alike): checked against the kind's
 * limits, streamed to disk while hashed (never whole in memory) with its leading bytes checked
 * against the declared type as they arrive, reused when the same bytes are already in the library of
 * this number, else handed to the gateway as a file-backed Blob, recorded and audited.
 */
export async function uploadToLibrary(db: Database, user: SessionUser, request: UploadRequest): Promise<{ media: Media; reused: boolean }> {
  if (!isAcceptableFileName(request.fileName)) throw new MediaProblem(400, message("media.problems.badName", { max: FILE_NAME_MAX }), "INVALID_INPUT");
  const announced = checkUpload({ name: request.fileName, mimeType: request.mimeType, size: request.declaredSize ?? 1 }, request.format);
  // A type WhatsApp refuses outright is a 415; a size over the kind's limit a 413.
  if (!announced.ok) throw new MediaProblem(mediaKindForMimeType(request.mimeType) ? 413 : 415, announced.message, "INVALID_FILE");
  await requireUsableNumber(db, user, request.phoneNumberId);

  let staged: StagedFile;
  try {
    staged = await stageUpload(request.body, {
      maxBytes: MEDIA_RULES[announced.kind].maxBytes,
      headBytes: CONTENT_SAMPLE_BYTES,
      async inspectHead(head) {
        // An empty body is refused by its size, below.
        if (head.length === 0) return;
        const content = await checkUploadContent(announced.mimeType, head);
        if (!content.ok) throw new MediaProblem(415, content.message, "CONTENT_MISMATCH");
      },
    });
  } catch (error) {
    if (error instanceof UploadTooLargeError) {
      const check = checkUpload({ name: request.fileName, mimeType: announced.mimeType, size: error.maxBytes + 1 }, request.format);
      throw new MediaProblem(413, check.ok ? message("media.problems.tooLarge") : check.message, "INVALID_FILE");
    }
    throw error;
  }
  try {
    const animated = announced.kind === "sticker" ? isAnimatedWebp(staged.head) : undefined;
    const check = checkUpload({ name: request.fileName, mimeType: announced.mimeType, size: staged.size, animated }, request.format);
    if (!check.ok) throw new MediaProblem(413, check.message, "INVALID_FILE");

    const reuse = async (existing: Media) => {
      await keepStaged(staged, existing.id, { mimeType: existing.mimeType, filename: existing.fileName });
      return { media: existing, reused: true };
    };
    const existing = await findReusableMedia(db, request.phoneNumberId, staged.sha256);
    if (existing) return await reuse(existing);
    // The same bytes on their way to WhatsApp already (a second tab, a file dropped twice): wait for
    // that upload and reuse it. Nothing is awaited between this look and the claim below.
    const key = `${request.phoneNumberId}:${staged.sha256}`;
    const running = uploadsInFlight.get(key);
    if (running) {
      const uploaded = await running.catch(() => undefined);
      if (uploaded) return await reuse(uploaded);
    }
    const upload = sendAndRecord(db, user, {
      signal: request.signal,
      path: staged.path,
      phoneNumberId: request.phoneNumberId,
      kind: check.kind,
      mimeType: check.mimeType,
      fileName: request.fileName,
      size: staged.size,
      sha256: staged.sha256,
    });
    uploadsInFlight.set(key, upload);
    try {
      const media = await upload;
      await keepStaged(staged, media.id, { mimeType: media.mimeType, filename: media.fileName });
      return { media, reused: false };
    } finally {
      if (uploadsInFlight.get(key) === upload) uploadsInFlight.delete(key);
    }
  } finally {
    // Gone already when kept; removed when refused or failed.
    await discardStaged(staged);
  }
}

/** Uploads of this process on their way to WhatsApp, by number and sha256. */
const uploadsInFlight = new Map<string, Promise<Media>>();

/** A file on disk to put in a number's library. */
interface LibraryFile {
  path: string;
  phoneNumberId: string;
  kind: MediaKind;
  mimeType: string;
  fileName: string;
  size: number;
  sha256: string;
  signal?: AbortSignal;
}

/**
 * Hands a file on disk to the gateway, then records it in the library and audits it, in one
 * transaction that also retires the record it `replaces`.
 */
async function sendAndRecord(db: Database, user: SessionUser, file: LibraryFile, replaces?: Media): Promise<Media> {
  const connectionId = await connectionIdForPhoneNumber(db, file.phoneNumberId);
  let mediaId: string;
  try {
    ({ id: mediaId } = await gateway().media.uploadMedia(
      file.phoneNumberId,
      { file: await openAsBlob(file.path, { type: file.mimeType }), mimeType: file.mimeType, filename: file.fileName, kind: file.kind },
      { connectionId, signal: file.signal },
    ));
  } catch (error) {
    throw gatewayProblem(error) ?? error;
  }
  const uploadedAt = new Date();
  return db.transaction(async (tx) => {
    if (replaces) await markMediaDeleted(tx, replaces.id, uploadedAt);
    const row = await insertLibraryMedia(tx, {
      id: mediaId,
      phoneNumberId: file.phoneNumberId,
      kind: file.kind,
      mimeType: file.mimeType,
      fileName: file.fileName,
      size: file.size,
      sha256: file.sha256,
      uploaderId: user.id,
      uploadedAt,
      expiresAt: new Date(uploadedAt.getTime() + MEDIA_TTL_MS),
    });
    await recordAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: "media.uploaded",
      target: { type: "media", id: mediaId },
      details: {
        fileName: file.fileName,
        kind: file.kind,
        size: file.size,
        phoneNumberId: file.phoneNumberId,
        ...(replaces ? { replaces: replaces.id } : {}),
      },
    });
    return row;
  });
}

/**
 * Uploads the kept bytes of an expired (or soon expiring) library file again: a new media id, the
 * old record retired (and no longer served). The bytes come from disk, so the person need not pick
 * the file again.
 */
export async function reuploadFromLibrary(db: Database, user: SessionUser, old: Media): Promise<Media> {
  const path = await blobFile(old.sha256);
  if (!path) throw new MediaProblem(404, message("media.problems.bytesMissing"), "BYTES_MISSING");
  const media = await sendAndRecord(
    db,
    user,
    { path, phoneNumberId: old.phoneNumberId, kind: asKind(old.kind), mimeType: old.mimeType, fileName: old.fileName, size: old.size, sha256: old.sha256 },
    old,
  );
  await indexMedia(media.id, { sha256: old.sha256, mimeType: old.mimeType, size: old.size, filename: old.fileName });
  try {
    // The new record holds the same bytes: only the old id's entry goes.
    await releaseMediaBytes(db, old);
  } catch (error) {
    log.error({ err: error, mediaId: old.id }, "a retired media id's entry on disk could not be removed");
  }
  return media;
}

/**
 * Deletes a library file: at WhatsApp first, then the record (with its audit entry, in one
 * transaction), then, once that committed, its bytes on disk unless another live id shares them.
 * A gateway failure keeps the record and says why; an id WhatsApp no longer knows because it expired
 * is removed here alone.
 */
export async function deleteFromLibrary(db: Database, user: SessionUser, record: Media): Promise<{ deleted: string; alreadyGoneAtWhatsApp: boolean }> {
  let alreadyGoneAtWhatsApp = false;
  try {
    await gateway().media.deleteMedia(record.id, {
      connectionId: await connectionIdForPhoneNumber(db, record.phoneNumberId),
      phoneNumberId: record.phoneNumberId,
    });
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    const unknownId = error instanceof GraphError && (error.status === 404 || error.code === 100);
    if (!(unknownId && record.expiresAt.getTime() <= Date.now())) throw error;
    alreadyGoneAtWhatsApp = true;
  }
  await db.transaction(async (tx) => {
    await markMediaDeleted(tx, record.id);
    await recordAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: "media.deleted",
      target: { type: "media", id: record.id },
      details: { fileName: record.fileName, kind: record.kind, phoneNumberId: record.phoneNumberId, ...(alreadyGoneAtWhatsApp ? { expired: true } : {}) },
    });
  });
  try {
    await releaseMediaBytes(db, record);
  } catch (error) {
    // The record is gone already; what stays on disk is the daily sweep's to remove.
    log.error({ err: error, mediaId: record.id }, "a deleted media file's bytes could not be removed from disk");
  }
  return { deleted: record.id, alreadyGoneAtWhatsApp };
}
