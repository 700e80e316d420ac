import "server-only";

import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
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
