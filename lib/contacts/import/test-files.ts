/** For the import's tests: CSV files as streams, cut in small chunks as a network would deliver them. */

/** A stream of `content`, `chunkSize` bytes at a time. */
export function streamOf(content: string | Uint8Array, chunkSize = 61): ReadableStream<Uint8Array> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

/** A stream of `size` bytes of CSV-looking text, without holding them (for the size limit). */
export function largeCsvStream(size: number): ReadableStream<Uint8Array> {
  const line = new TextEncoder().encode("name,+33612345678\n".repeat(3641));
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) {
        controller.close();
        return;
      }
      const chunk = line.subarray(0, Math.min(line.length, size - sent));
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

/** A French mobile number, distinct for each `n` below 10⁸, as digits (wa_id form). */
export const frenchMobile = (n: number) => `336${String(n).padStart(8, "0")}`;

/** Rows to CSV lines (no quoting: the tests' cells hold no commas). */
export const csvOf = (rows: Array<Array<string | number>>) => `${rows.map((row) => row.join(",")).join("\n")}\n`;
