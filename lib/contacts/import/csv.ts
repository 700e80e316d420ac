/**
 * How an import's file is read: its delimiter guessed from the header line, UTF-8 with the BOM
 * dropped, rows streamed one at a time (a 50 MB file is never whole in memory). The upload and
 * the job read it with the same options, so they count the same rows.
 */
import "server-only";

import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";

import { parse, type Parser } from "csv-parse";

export type Delimiter = "," | ";" | "\t";
const DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];

/** A record longer than this is no contact row: the file is refused rather than held in memory. */
export const MAX_RECORD_BYTES = 64 * 1024;
/** What the delimiter is guessed from. */
const SNIFF_BYTES = 64 * 1024;

/**
 * The delimiter of the header line: the candidate found most often outside quotes (a comma on a
 * tie or when none is found, as a one-column file has none).
 */
export function sniffDelimiter(head: string): Delimiter {
  const text = head.replace(/^\uFEFF/, "");
  const counts = new Map<Delimiter, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === "\n" || character === "\r")) break;
    else if (!quoted && counts.has(character as Delimiter)) counts.set(character as Delimiter, counts.get(character as Delimiter)! + 1);
  }
  let best: Delimiter = ",";
  for (const delimiter of DELIMITERS) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}

/** The one set of parse options: blank lines and rows of only empty cells are not rows. */
export function csvParser(delimiter: Delimiter): Parser {
  return parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_BYTES,
  });
}

/** The delimiter of a stored file, from its first bytes. */
export async function sniffFile(path: string): Promise<Delimiter> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return sniffDelimiter(buffer.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await file.close();
  }
}

/** A stored file's records (the header first), each an array of cells, as they are parsed. */
export async function* fileRecords(path: string): AsyncGenerator<string[]> {
  const delimiter = await sniffFile(path);
  const parser = csvParser(delimiter);
  const source = createReadStream(path);
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const record of parser) yield record as string[];
  } finally {
    source.destroy();
  }
}

/**
 * Whether leading bytes look like a binary file (a spreadsheet, an image) rather than text: a NUL
 * byte or other control characters that text files do not hold.
 */
export function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    // Tab, line feed, form feed, carriage return and escape are found in text.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) control += 1;
  }
  return control > Math.max(2, head.length / 100);
}

/** A file name or type of a CSV (or tab-separated) text file. */
export function isCsvFile(name: string, type: string | undefined): boolean {
  const lowerName = name.trim().toLowerCase();
  if (/\.(csv|tsv|txt)$/.test(lowerName)) return true;
  const mime = type?.split(";")[0]?.trim().toLowerCase() ?? "";
  // A file without an extension is judged by its type (and then its content).
  return !/\.[a-z0-9]{1,5}$/.test(lowerName) && ["text/csv", "application/csv", "text/comma-separated-values", "text/tab-separated-values", "text/plain"].includes(mime);
}
