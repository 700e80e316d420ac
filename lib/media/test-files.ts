/** Small real files built at test time, for the upload checks that read a file's bytes. */
import { crc32, deflateSync } from "node:zlib";

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid PNG of `width` × 1 grey pixels. `seed` goes into a text chunk (other bytes, same picture);
 * `padTo` adds a private chunk so the file has at least that many bytes.
 */
export function tinyPng(options: { seed?: number; width?: number; padTo?: number } = {}): Uint8Array {
  const width = options.width ?? 1;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks = [
    pngChunk("IHDR", header),
    pngChunk("tEXt", Buffer.from(`Comment\0seed ${options.seed ?? 0}`, "latin1")),
    pngChunk("IDAT", deflateSync(Buffer.alloc(1 + width, 0x80))),
    pngChunk("IEND", Buffer.alloc(0)),
  ];
  const size = signature.length + chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const padding = options.padTo && options.padTo > size ? [pngChunk("prVt", Buffer.alloc(Math.max(0, options.padTo - size - 12)))] : [];
  // Ancillary chunks go before IEND.
  return new Uint8Array(Buffer.concat([signature, ...chunks.slice(0, 3), ...padding, chunks[3]!]));
}

/** An HTML page: what a forged "image/png" upload carries. */
export const HTML_PAGE = new TextEncoder().encode("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><script>steal()</script></body></html>\n");
