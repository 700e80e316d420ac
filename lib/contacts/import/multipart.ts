/**
 * A `multipart/form-data` body read as it arrives: a file part is handed on as a stream (to disk),
 * never gathered in memory as `request.formData()` would; small text fields are collected.
 */
import "server-only";

/** The body is not a readable form (no boundary, cut short, a part without headers). */
export class MultipartError extends Error {
  override name = "MultipartError";
  constructor(readonly reason: "not_multipart" | "malformed" | "field_too_large" | "too_many_parts") {
    super(`multipart body: ${reason}`);
  }
}

export interface FilePart {
  field: string;
  fileName: string;
  type: string | undefined;
  /** Must be read to its end (or cancelled) before the form goes on. */
  stream: ReadableStream<Uint8Array>;
}

const HEADERS_MAX = 16 * 1024;
const TEXT_FIELD_MAX = 256 * 1024;
const PARTS_MAX = 20;

/** The boundary of a `multipart/form-data` Content-Type, or undefined. */
export function multipartBoundary(contentType: string | null): string | undefined {
  if (!contentType || contentType.split(";")[0]!.trim().toLowerCase() !== "multipart/form-data") return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** A Content-Disposition parameter (`name`, `filename`), quoted or not. */
function dispositionParameter(header: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i").exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2];
}

/**
 * Reads a form: each file part goes to `onFile` (which consumes its stream), text fields are
 * gathered (up to 256 KB each). Answers what `onFile` answered for each file, and the fields.
 */
export async function readMultipart<FileResult>(
  body: ReadableStream<Uint8Array>,
  contentType: string | null,
  onFile: (part: FilePart) => Promise<FileResult>,
): Promise<{ files: FileResult[]; fields: Map<string, string> }> {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new MultipartError("not_multipart");
  const reader = new MultipartReader(body, boundary);
  const files: FileResult[] = [];
  const fields = new Map<string, string>();
  try {
    for (let parts = 0; ; parts += 1) {
      const part = await reader.nextPart();
      if (!part) break;
      if (parts >= PARTS_MAX) throw new MultipartError("too_many_parts");
      if (part.fileName !== undefined) {
        files.push(await onFile({ field: part.field, fileName: part.fileName, type: part.type, stream: reader.partStream() }));
        // Whatever the consumer left unread is skipped, so the next part can be found.
        await reader.skipPart();
      } else {
        fields.set(part.field, await reader.partText(TEXT_FIELD_MAX));
      }
    }
  } finally {
    await reader.release();
  }
  return { files, fields };
}

class MultipartReader {
  readonly #source: ReadableStreamDefaultReader<Uint8Array>;
  readonly #delimiter: Buffer;
  /** The body starts with the delimiter's "--boundary" without the line break: one is put in front. */
  #buffer = Buffer.from("\r\n");
  #ended = false;
  #inPart = false;
  #finished = false;

  constructor(body: ReadableStream<Uint8Array>, boundary: string) {
    this.#source = body.getReader();
    this.#delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  async #fill(): Promise<boolean> {
    if (this.#ended) return false;
    const { done, value } = await this.#source.read();
    if (done) {
      this.#ended = true;
      return false;
    }
    this.#buffer = this.#buffer.length === 0 ? Buffer.from(value) : Buffer.concat([this.#buffer, value]);
    return true;
  }

  /** The next part's headers, past its delimiter; null after the closing one. */
  async nextPart(): Promise<{ field: string; fileName: string | undefined; type: string | undefined } | null> {
    if (this.#finished) return null;
    if (this.#inPart) await this.skipPart();
    // The delimiter (the first one may follow a preamble, which is dropped).
    for (;;) {
      const at = this.#buffer.indexOf(this.#delimiter);
      if (at >= 0) {
        this.#buffer = this.#buffer.subarray(at + this.#delimiter.length);
        break;
      }
      this.#buffer = this.#buffer.subarray(Math.max(0, this.#buffer.length - this.#delimiter.length));
      if (!(await this.#fill())) throw new MultipartError("malformed");
    }
    while (this.#buffer.length < 2) if (!(await this.#fill())) throw new MultipartError("malformed");
    if (this.#buffer.subarray(0, 2).toString("latin1") === "--") {
      this.#finished = true;
      return null;
    }
    let headersEnd: number;
    while ((headersEnd = this.#buffer.indexOf("\r\n\r\n")) < 0) {
      if (this.#buffer.length > HEADERS_MAX || !(await this.#fill())) throw new MultipartError("malformed");
    }
    // The rest of the delimiter's line (transport padding) and the headers.
    const headerText = this.#buffer.subarray(0, headersEnd).toString("utf8");
    this.#buffer = this.#buffer.subarray(headersEnd + 4);
    const headers = new Map<string, string>();
    for (const line of headerText.split("\r\n").slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get("content-disposition");
    const field = disposition ? dispositionParameter(disposition, "name") : undefined;
    if (!disposition || field === undefined) throw new MultipartError("malformed");
    this.#inPart = true;
    return { field, fileName: dispositionParameter(disposition, "filename"), type: headers.get("content-type") };
  }

  /** The next bytes of the current part; null at its end. */
  async #partChunk(): Promise<Buffer | null> {
    if (!this.#inPart) return null;
    for (;;) {
      const at = this.#buffer.indexOf(this.#delimiter);
      if (at >= 0) {
        const chunk = this.#buffer.subarray(0, at);
        // The delimiter stays for nextPart.
        this.#buffer = this.#buffer.subarray(at);
        this.#inPart = false;
        return chunk;
      }
      // Bytes that cannot be the start of a delimiter go out now; the tail waits for more.
      const safe = this.#buffer.length - (this.#delimiter.length - 1);
      if (safe > 0) {
        const chunk = this.#buffer.subarray(0, safe);
        this.#buffer = this.#buffer.subarray(safe);
        return chunk;
      }
      if (!(await this.#fill())) throw new MultipartError("malformed");
    }
  }

  partStream(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          for (;;) {
            const chunk = await this.#partChunk();
            if (chunk === null) {
              controller.close();
              return;
            }
            if (chunk.length > 0) {
              controller.enqueue(new Uint8Array(chunk));
              return;
            }
            if (!this.#inPart) {
              controller.close();
              return;
            }
          }
        } catch (error) {
          controller.error(error);
        }
      },
    });
  }

  async skipPart(): Promise<void> {
    while ((await this.#partChunk()) !== null) {
      // Dropped.
    }
  }

  async partText(max: number): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for (let chunk = await this.#partChunk(); chunk !== null; chunk = await this.#partChunk()) {
      size += chunk.length;
      if (size > max) throw new MultipartError("field_too_large");
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  async release(): Promise<void> {
    if (!this.#ended) await this.#source.cancel().catch(() => undefined);
    this.#source.releaseLock();
  }
}
