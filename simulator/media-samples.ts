/** Small real files for inbound media and the seed, so the dashboard has bytes to download. */

const PNG_1X1 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
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
      return { mimeType: "image/png", bytes: Buffer.from(PNG_1X1, "base64") };
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
