/** Small real files for inbound media and the seed, so the dashboard has bytes to download. */
import { crc32, deflateSync } from "node:zlib";

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A real PNG: a soft diagonal gradient from `color` to white, `width` × `height` pixels. A `comment`
 * (a tEXt chunk) changes the bytes, not the picture.
 */
export function gradientPng(options: { width: number; height: number; color: readonly [number, number, number]; comment?: string }): Buffer {
  const { width, height, color } = options;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      const shade = (x / width + y / height) / 2;
      for (let channel = 0; channel < 3; channel += 1) row[1 + x * 3 + channel] = Math.round(color[channel]! * (1 - shade) + 255 * shade);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    ...(options.comment ? [pngChunk("tEXt", Buffer.from(`Comment\0${options.comment}`, "latin1"))] : []),
    pngChunk("IDAT", deflateSync(Buffer.concat(rows))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The photo a simulated customer sends: landscape, the size of a phone's shared picture thumbnail. */
let customerPhoto: Buffer | undefined;
const photo = () => (customerPhoto ??= gradientPng({ width: 480, height: 320, color: [150, 98, 62] }));

const WEBP_1X1 = "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA";

function pdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** Ten silent MPEG-1 Layer III frames (128 kb/s, 44.1 kHz): a real, playable quarter second. */
function silentMp3(): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: 10 }, () => frame));
}

export interface MediaSample {
  mimeType: string;
  bytes: Buffer;
  filename?: string;
}

/** Bytes per inbound kind. Video and voice notes carry valid container headers only (not playable). */
export function mediaSample(kind: string, mimeType?: string): MediaSample {
  switch (kind) {
    case "image":
      return { mimeType: "image/png", bytes: photo() };
    case "sticker":
      return { mimeType: "image/webp", bytes: Buffer.from(WEBP_1X1, "base64") };
    case "document":
      return { mimeType: "application/pdf", bytes: pdf("Document sent by a simulated customer"), filename: "document.pdf" };
    case "audio":
      if (mimeType === "audio/ogg") {
        return { mimeType: "audio/ogg", bytes: Buffer.concat([Buffer.from("OggS\0\x02", "latin1"), Buffer.alloc(22), Buffer.from("OpusHead", "latin1")]) };
      }
      return { mimeType: "audio/mpeg", bytes: silentMp3() };
    default:
      return { mimeType: "video/mp4", bytes: Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex") };
  }
}

export const samplePdf = pdf;
