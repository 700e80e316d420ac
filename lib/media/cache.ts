import "server-only";

import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { finished, pipeline } from "node:stream/promises";

import { env } from "@/lib/env";

/**
 * Media bytes on disk, named by their sha256 so a file is kept once however often it is sent;
 * a small index maps WhatsApp's media id to it, because inbound ids expire after about a week.
 * Library uploads and cached inbound media share the one store: bytes stay while any live media id
 * refers to them (see lib/media/sweep.ts).
 */
export interface CachedMedia {
  /** The media id the entry is kept under (entries written before it was recorded lack it). */
  mediaId?: string;
  sha256: string;
  mimeType: string;
  size: number;
  filename?: string;
}

const SHA256_NAME = /^[0-9a-f]{64}$/;
const PARTIAL_PREFIX = ".partial-";

const mediaDir = () => env().mediaDir;
const blobsDir = () => path.join(mediaDir(), "blobs");
const idsDir = () => path.join(mediaDir(), "ids");
const blobPath = (sha256: string) => {
  if (!SHA256_NAME.test(sha256)) throw new TypeError(`not a sha256: ${sha256}`);
  return path.join(blobsDir(), sha256);
};
const indexPath = (mediaId: string) => path.join(idsDir(), `${mediaId.replace(/[^\w.-]/g, "_")}.json`);

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
  await mkdir(blobsDir(), { recursive: true });
  const partial = path.join(blobsDir(), `${PARTIAL_PREFIX}${randomUUID()}`);
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
  return indexMedia(mediaId, { sha256, mimeType: meta.mimeType, size, ...(meta.filename ? { filename: meta.filename } : {}) });
}

/** An upload written to disk while hashed, not yet named by its hash. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
  /** The first bytes (up to `headBytes`): what the content and sticker checks read. */
  head: Uint8Array;
}

/** The body went past the limit while streaming: nothing of it is kept. */
export class UploadTooLargeError extends Error {
  override name = "UploadTooLargeError";
  constructor(readonly maxBytes: number) {
    super(`The upload is larger than ${maxBytes} bytes.`);
  }
}

export interface StageOptions {
  maxBytes: number;
  /** How many leading bytes `inspectHead` gets (fewer when the file is smaller). */
  headBytes: number;
  /**
   * Called once, as soon as the first `headBytes` have arrived (or the body ended before): a throw
   * stops the upload there, before the rest is read, and nothing of it is kept.
   */
  inspectHead?: (head: Uint8Array) => Promise<void>;
}

/**
 * Streams an upload to a temporary file under MEDIA_DIR while hashing it, one chunk in memory at a
 * time (plus the head); stops, deleting what was written, as soon as it passes `maxBytes` or its
 * head is refused.
 */
export async function stageUpload(body: ReadableStream<Uint8Array>, options: StageOptions): Promise<StagedFile> {
  const { maxBytes, headBytes, inspectHead } = options;
  await mkdir(blobsDir(), { recursive: true });
  const partial = path.join(blobsDir(), `${PARTIAL_PREFIX}${randomUUID()}`);
  const hash = createHash("sha256");
  let size = 0;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let head: Uint8Array | undefined;
  const takeHead = async () => {
    head = new Uint8Array(Buffer.concat(headChunks).subarray(0, headBytes));
    headChunks.length = 0;
    await inspectHead?.(head);
  };
  const afterHead = (done: (error?: Error | null) => void, pass: () => void) =>
    takeHead().then(pass, (error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(new UploadTooLargeError(maxBytes));
        return;
      }
      hash.update(chunk);
      if (head === undefined) {
        headChunks.push(chunk);
        headLength += chunk.length;
        if (headLength >= headBytes) {
          void afterHead(done, () => done(null, chunk));
          return;
        }
      }
      done(null, chunk);
    },
    flush(done) {
      if (head !== undefined) done();
      else void afterHead(done, () => done());
    },
  });
  const file = createWriteStream(partial);
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), hashing, file);
  } catch (error) {
    // A refusal can come before the file is even open: let it close first, or it could appear after the rm.
    await finished(file).catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
  return { path: partial, sha256: hash.digest("hex"), size, head: head ?? new Uint8Array(0) };
}

export async function discardStaged(staged: StagedFile): Promise<void> {
  await rm(staged.path, { force: true });
}

/** Keeps a staged upload under its hash (once, however often it is uploaded) and indexes it by media id. */
export async function keepStaged(staged: StagedFile, mediaId: string, meta: { mimeType: string; filename?: string }): Promise<CachedMedia> {
  await rename(staged.path, blobPath(staged.sha256));
  return indexMedia(mediaId, { sha256: staged.sha256, mimeType: meta.mimeType, size: staged.size, ...(meta.filename ? { filename: meta.filename } : {}) });
}

/** Points a media id at bytes already kept under their hash. */
export async function indexMedia(mediaId: string, entry: CachedMedia): Promise<CachedMedia> {
  await mkdir(idsDir(), { recursive: true });
  const indexed: CachedMedia = { ...entry, mediaId };
  await writeFile(indexPath(mediaId), JSON.stringify(indexed));
  return indexed;
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

/** Stops serving a media id from disk; its bytes are removed separately, once nothing refers to them. */
export async function forgetMedia(mediaId: string): Promise<void> {
  await rm(indexPath(mediaId), { force: true });
}

export interface IndexedMedia {
  mediaId: string;
  sha256: string;
}

/** Every media id kept on disk, with the hash of its bytes (entries that cannot be read are skipped). */
export async function listIndexedMedia(): Promise<IndexedMedia[]> {
  const names = await readdir(idsDir()).catch(() => [] as string[]);
  const entries: IndexedMedia[] = [];
  for (const name of names) {
    if (!name.endsWith(".json")) continue;
    try {
      const entry = JSON.parse(await readFile(path.join(idsDir(), name), "utf8")) as Partial<CachedMedia>;
      if (typeof entry.sha256 !== "string") continue;
      entries.push({ mediaId: entry.mediaId ?? name.slice(0, -".json".length), sha256: entry.sha256 });
    } catch {
      // Removed meanwhile, or not ours: not a reference.
    }
  }
  return entries;
}

export interface StoredFile {
  name: string;
  /** Milliseconds since the epoch; a blob's is when its bytes were last written (or written again). */
  modifiedAt: number;
}

/** Kept bytes (named by their hash) and partial uploads, with when each was last written. */
export async function listStoredFiles(): Promise<{ blobs: StoredFile[]; partials: StoredFile[] }> {
  const names = await readdir(blobsDir()).catch(() => [] as string[]);
  const blobs: StoredFile[] = [];
  const partials: StoredFile[] = [];
  for (const name of names) {
    const isBlob = SHA256_NAME.test(name);
    if (!isBlob && !name.startsWith(PARTIAL_PREFIX)) continue;
    const info = await stat(path.join(blobsDir(), name)).catch(() => undefined);
    if (!info?.isFile()) continue;
    (isBlob ? blobs : partials).push({ name, modifiedAt: info.mtimeMs });
  }
  return { blobs, partials };
}

/** Removes the kept bytes of a hash; the caller made sure no live media id refers to them. */
export async function removeBlob(sha256: string): Promise<void> {
  // Nothing is kept under a name that is not a sha256.
  if (!SHA256_NAME.test(sha256)) return;
  await rm(blobPath(sha256), { force: true });
}

/** Removes a partial upload a process left behind when it ended mid-upload. */
export async function removePartial(name: string): Promise<void> {
  if (!name.startsWith(PARTIAL_PREFIX) || name !== path.basename(name)) throw new TypeError(`not a partial upload: ${name}`);
  await rm(path.join(blobsDir(), name), { force: true });
}
