import "server-only";

import type { Database } from "@/db";
import { findInboundMediaIdsInUse } from "@/db/queries/inbound-media";
import { findLibraryMediaIdsInUse, isMediaSha256InUse, listMediaSha256sInUse } from "@/db/queries/media";

import { forgetMedia, listIndexedMedia, listStoredFiles, removeBlob, removePartial, type IndexedMedia } from "./cache";

/**
 * Bytes on disk are shared, by sha256, between library uploads (of any number) and cached inbound
 * media; they go once no live media id refers to them. A live id is a library record not deleted,
 * or a media id a message WhatsApp reported carries.
 */

/** Bytes written this recently may belong to an upload whose record is being written: the sweep leaves them. */
export const SWEEP_GRACE_MS = 60 * 60 * 1000;
/** No upload or download takes this long: a partial file older than this was left by a process that ended. */
const PARTIAL_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Ids looked up per query. */
const BATCH = 500;

async function liveMediaIds(db: Database, entries: readonly IndexedMedia[]): Promise<Set<string>> {
  const live = new Set<string>();
  for (let start = 0; start < entries.length; start += BATCH) {
    const ids = entries.slice(start, start + BATCH).map((entry) => entry.mediaId);
    for (const id of await findLibraryMediaIdsInUse(db, ids)) live.add(id);
    for (const id of await findInboundMediaIdsInUse(db, ids)) live.add(id);
  }
  return live;
}

/**
 * After a library record was deleted (and that change committed): its id is no longer served from
 * disk, and its bytes go unless another live id refers to them. Run after the commit, so a crash in
 * between leaves an orphan file for the sweep, never a record whose bytes are missing.
 */
export async function releaseMediaBytes(db: Database, deleted: { id: string; sha256: string }): Promise<{ bytesRemoved: boolean }> {
  await forgetMedia(deleted.id);
  if (await isMediaSha256InUse(db, deleted.sha256)) return { bytesRemoved: false };
  // Cached inbound media (or another id) may share the bytes. Reading the index is linear in its size;
  // deleting is a rare, manual step.
  const sharing = (await listIndexedMedia()).filter((entry) => entry.sha256 === deleted.sha256 && entry.mediaId !== deleted.id);
  if ((await liveMediaIds(db, sharing)).size > 0) return { bytesRemoved: false };
  await removeBlob(deleted.sha256);
  return { bytesRemoved: true };
}

export interface SweepResult {
  blobsRemoved: number;
  indexEntriesRemoved: number;
  partialsRemoved: number;
}

/**
 * Removes what a crash (or an older version) left on disk: index entries of ids no longer live,
 * bytes no live id refers to, and partial uploads of ended processes. Files written within `graceMs`
 * are left alone: an upload writes its bytes before its record commits.
 */
export async function sweepOrphanMedia(db: Database, options: { now?: Date; graceMs?: number } = {}): Promise<SweepResult> {
  const now = (options.now ?? new Date()).getTime();
  const graceMs = options.graceMs ?? SWEEP_GRACE_MS;
  // Files are listed before the database is read: bytes that arrive after this are not judged.
  const { blobs, partials } = await listStoredFiles();
  const entries = await listIndexedMedia();
  const live = await liveMediaIds(db, entries);

  let indexEntriesRemoved = 0;
  const referenced = await listMediaSha256sInUse(db);
  for (const entry of entries) {
    if (live.has(entry.mediaId)) referenced.add(entry.sha256);
    else {
      await forgetMedia(entry.mediaId);
      indexEntriesRemoved += 1;
    }
  }

  let blobsRemoved = 0;
  for (const blob of blobs) {
    if (referenced.has(blob.name) || now - blob.modifiedAt < graceMs) continue;
    // Read again just before removing: an upload of the same bytes may have committed meanwhile.
    if (await isMediaSha256InUse(db, blob.name)) continue;
    await removeBlob(blob.name);
    blobsRemoved += 1;
  }

  let partialsRemoved = 0;
  for (const partial of partials) {
    if (now - partial.modifiedAt < Math.max(graceMs, PARTIAL_MAX_AGE_MS)) continue;
    await removePartial(partial.name);
    partialsRemoved += 1;
  }
  return { blobsRemoved, indexEntriesRemoved, partialsRemoved };
}
