import "server-only";

import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

import { env } from "@/lib/env";

/**
 * Media bytes on disk, named by their sha256 so a file is kept once however often it is sent;
 * a small index maps WhatsApp's media id to it, because inbound ids expire after about a week.
 */
export interface CachedMedia {
  sha256: string;
  mimeType: string;
  size: number;
  filename?: string;
}

const mediaDir = () => env().mediaDir;
const blobPath = (sha256: string) => path.join(mediaDir(), "blobs", sha256);
const indexPath = (mediaId: string) => path.join(mediaDir(), "ids", `${mediaId.replace(/[^\w.-]/g, "_")}.json`);

export async function cachedMedia(mediaId: string): Promise<CachedMedia | undefined> {
  try {
    const entry = JSON.parse(await readFile(indexPath(mediaId), "utf8")) as CachedMedia;
    await stat(blobPath(entry.sha256));
    return entry;
  } catch {
    return undefined;
  }
}

export function openCachedMedia(entry: CachedMedia): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(blobPath(entry.sha256))) as ReadableStream<Uint8Array>;
}

/** Streams bytes to disk while hashing them; the file appears under its hash only when complete. */
export async function storeMedia(
  mediaId: string,
  body: ReadableStream<Uint8Array>,
  meta: { mimeType: string; filename?: string },
): Promise<CachedMedia> {
  await mkdir(path.join(mediaDir(), "blobs"), { recursive: true });
  await mkdir(path.join(mediaDir(), "ids"), { recursive: true });
  const partial = path.join(mediaDir(), "blobs", `.partial-${randomUUID()}`);
  const hash = createHash("sha256");
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), hashing, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const sha256 = hash.digest("hex");
  await rename(partial, blobPath(sha256));
  const entry: CachedMedia = { sha256, mimeType: meta.mimeType, size, ...(meta.filename ? { filename: meta.filename } : {}) };
  await writeFile(indexPath(mediaId), JSON.stringify(entry));
  return entry;
}

/** An upload written to disk while hashed, not yet named by its hash. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
}

/** The body went past the limit while streaming: nothing of it is kept. */
export class UploadTooLargeError extends Error {
  override name = "UploadTooLargeError";
  constructor(readonly maxBytes: number) {
    super(`The upload is larger than ${maxBytes} bytes.`);
  }
}

/**
 * Streams an upload to a temporary file under MEDIA_DIR while hashing it, one chunk in memory at a
 * time; stops (and deletes what was written) as soon as it passes `maxBytes`.
 */
export async function stageUpload(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<StagedFile> {
  await mkdir(path.join(mediaDir(), "blobs"), { recursive: true });
  const partial = path.join(mediaDir(), "blobs", `.partial-${randomUUID()}`);
  const hash = createHash("sha256");
  let size = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(new UploadTooLargeError(maxBytes));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), hashing, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { path: partial, sha256: hash.digest("hex"), size };
}

/** The first bytes of a staged file (to tell an animated WebP sticker from a static one). */
export async function readHead(filePath: string, bytes = 32): Promise<Uint8Array> {
  const handle = await open(filePath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return new Uint8Array(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export async function discardStaged(staged: StagedFile): Promise<void> {
  await rm(staged.path, { force: true });
}

/** Keeps a staged upload under its hash (once, however often it is uploaded) and indexes it by media id. */
export async function keepStaged(staged: StagedFile, mediaId: string, meta: { mimeType: string; filename?: string }): Promise<CachedMedia> {
  await mkdir(path.join(mediaDir(), "ids"), { recursive: true });
  await rename(staged.path, blobPath(staged.sha256));
  return indexMedia(mediaId, { sha256: staged.sha256, mimeType: meta.mimeType, size: staged.size, ...(meta.filename ? { filename: meta.filename } : {}) });
}

/** Points a media id at bytes already kept under their hash. */
export async function indexMedia(mediaId: string, entry: CachedMedia): Promise<CachedMedia> {
  await mkdir(path.join(mediaDir(), "ids"), { recursive: true });
  await writeFile(indexPath(mediaId), JSON.stringify(entry));
  return entry;
}

/** The path of the kept bytes of a hash, when they are on disk. */
export async function blobFile(sha256: string): Promise<string | undefined> {
  try {
    await stat(blobPath(sha256));
    return blobPath(sha256);
  } catch {
    return undefined;
  }
}
