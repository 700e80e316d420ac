/** A request body read up to a size, or why it was not. */
export type CappedBody = { ok: true; bytes: Buffer } | { ok: false; reason: "too large" | "unreadable" };

/** A Content-Length over the cap answers before a byte is read; a missing or odd one says nothing. */
export function declaredTooLarge(headers: Headers, maxBytes: number): boolean {
  const length = headers.get("content-length");
  return length !== null && /^\d+$/.test(length.trim()) && Number(length) > maxBytes;
}

/**
 * Reads a request body chunk by chunk and stops as soon as it passes `maxBytes`, so a sender
 * cannot make the server hold more than the cap, whatever Content-Length said (or did not say).
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<CappedBody> {
  if (declaredTooLarge(request.headers, maxBytes)) return { ok: false, reason: "too large" };
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => {});
        return { ok: false, reason: "too large" };
      }
      chunks.push(value);
    }
  } catch {
    // The sender went away or the stream broke mid-body: nothing usable arrived.
    return { ok: false, reason: "unreadable" };
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}
