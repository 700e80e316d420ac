/**
 * An import's file arriving: checked (a CSV text file, not too large), streamed to disk while
 * hashed and parsed once for its header, first rows and row count, then recorded as "uploaded".
 */
import "server-only";

import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { finished } from "node:stream/promises";

import type { Parser } from "csv-parse";

import type { Database } from "@/db";
import { insertContactImport } from "@/db/queries/contact-imports";
import type { ContactActor } from "@/lib/contacts/access";
import type { ContactImportView } from "@/lib/contacts/views";
import { formatFileSize, type Formatter } from "@/lib/i18n/format";
import { message, type Translatable, type Translate } from "@/lib/i18n/translatable";
import { englishFormatter, inEnglish } from "@/lib/i18n/translators";

import { assertMayImport } from "./access";
import { csvParser, isCsvFile, looksBinary, MAX_RECORD_BYTES, sniffDelimiter } from "./csv";
import { importFilePath, partialPathOf, storedPathOf } from "./files";
import { contactImportView } from "./view";

export const IMPORT_LIMITS = {
  /** The largest file taken: about 400,000 rows of a few columns. */
  fileBytes: 50 * 1024 * 1024,
  previewRows: 10,
  columns: 200,
  /** A preview cell is shown to choose a mapping: its start is enough. */
  previewCell: 200,
  fileName: 240,
} as const;

/** Leading bytes judged for "is this text at all". */
const HEAD_BYTES = 8 * 1024;
/** The header line is looked for this far before the delimiter is guessed from what came. */
const SNIFF_BYTES = 64 * 1024;

/** An upload refused: the HTTP status it answers, a code to branch on, and what the person is told. */
export class ImportProblem extends Error {
  override name = "ImportProblem";
  constructor(
    readonly status: 400 | 409 | 413 | 415 | 422,
    readonly code: string,
    readonly said: Translatable,
    readonly field: string = "file",
  ) {
    super(said.key);
  }
}

export interface IncomingImportFile {
  name: string;
  /** The type the browser or client declared, when it did. */
  type?: string;
  stream: ReadableStream<Uint8Array>;
}

/** Parsing as bytes arrive: the delimiter is guessed once the header line (or enough of the file) is in. */
class UploadParser {
  #pending: Buffer[] = [];
  #pendingSize = 0;
  #parser: Parser | undefined;
  #failure: unknown;
  header: string[] | undefined;
  readonly preview: string[][] = [];
  rows = 0;

  async write(chunk: Buffer): Promise<void> {
    if (!this.#parser) {
      this.#pending.push(chunk);
      this.#pendingSize += chunk.length;
      if (this.#pendingSize < SNIFF_BYTES && !chunk.includes(0x0a)) return;
      await this.#start();
      return;
    }
    await this.#feed(chunk);
  }

  async end(): Promise<void> {
    if (!this.#parser) await this.#start();
    const parser = this.#parser!;
    parser.end();
    await finished(parser).catch(() => undefined);
    if (this.#failure !== undefined) throw this.#failure;
  }

  async #start() {
    const head = Buffer.concat(this.#pending);
    this.#pending = [];
    const parser = csvParser(sniffDelimiter(head.subarray(0, SNIFF_BYTES).toString("utf8")));
    parser.on("data", (record: string[]) => this.#take(record));
    parser.on("error", (error) => {
      this.#failure ??= error;
    });
    this.#parser = parser;
    await this.#feed(head);
  }

  async #feed(chunk: Buffer) {
    if (this.#failure !== undefined) throw this.#failure;
    if (!this.#parser!.write(chunk)) await Promise.race([once(this.#parser!, "drain"), once(this.#parser!, "error")]).catch(() => undefined);
    if (this.#failure !== undefined) throw this.#failure;
  }

  #take(record: string[]) {
    if (!this.header) {
      this.header = record.map((cell) => cell.trim());
      return;
    }
    this.rows += 1;
    if (this.preview.length < IMPORT_LIMITS.previewRows) {
      this.preview.push(record.map((cell) => (cell.length > IMPORT_LIMITS.previewCell ? `${cell.slice(0, IMPORT_LIMITS.previewCell - 1)}…` : cell)));
    }
  }
}

/** A parse failure as the person reads it: where the file stops being CSV. */
function parseProblem(error: unknown): ImportProblem {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "CSV_MAX_RECORD_SIZE") {
    return new ImportProblem(422, "INVALID_FILE", message("contacts.import.errors.rowTooLarge", { maximum: MAX_RECORD_BYTES / 1024 }));
  }
  const lines = typeof error === "object" && error !== null && "lines" in error && typeof error.lines === "number" ? error.lines : undefined;
  return new ImportProblem(422, "INVALID_FILE", lines ? message("contacts.import.errors.malformedAt", { line: lines }) : message("contacts.import.errors.malformed"));
}

/**
 * Takes an import's file (marketers and admins): a `.csv` (or `.tsv`/`.txt`) of UTF-8 text up to
 * 50 MB, never held whole in memory. Refusals are ImportProblems (413 too large, 415 not a CSV, 422
 * empty, no data rows, not UTF-8, broken quoting); nothing of a refused file is kept.
 */
export async function receiveImportFile(
  db: Database,
  actor: ContactActor,
  file: IncomingImportFile,
  options: { format?: Formatter; t?: Translate } = {},
): Promise<ContactImportView> {
  assertMayImport(actor);
  const format = options.format ?? englishFormatter;
  const fileName = file.name.replace(/^.*[\\/]/, "").trim();
  const refuse = async (problem: ImportProblem): Promise<never> => {
    await file.stream.cancel().catch(() => undefined);
    throw problem;
  };
  if (fileName === "" || fileName.length > IMPORT_LIMITS.fileName || /[\u0000-\u001f]/.test(fileName)) {
    await refuse(new ImportProblem(400, "INVALID_INPUT", message("contacts.import.errors.badFileName", { maximum: IMPORT_LIMITS.fileName })));
  }
  if (!isCsvFile(fileName, file.type)) await refuse(new ImportProblem(415, "NOT_CSV", message("contacts.import.errors.notCsv", { name: fileName })));

  const id = randomUUID();
  const partial = await partialPathOf(id);
  const output = createWriteStream(partial);
  const hash = createHash("sha256");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const parser = new UploadParser();
  let size = 0;
  let head: Buffer[] | undefined = [];
  let headSize = 0;
  const checkHead = (bytes: Buffer) => {
    if (looksBinary(bytes)) throw new ImportProblem(415, "NOT_CSV", message("contacts.import.errors.notCsv", { name: fileName }));
  };

  const reader = file.stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      size += chunk.length;
      if (size > IMPORT_LIMITS.fileBytes) {
        throw new ImportProblem(413, "FILE_TOO_LARGE", message("contacts.import.errors.tooLarge", { size: formatFileSize(format, IMPORT_LIMITS.fileBytes) }));
      }
      if (head) {
        head.push(chunk);
        headSize += chunk.length;
        if (headSize >= HEAD_BYTES) {
          checkHead(Buffer.concat(head).subarray(0, HEAD_BYTES));
          head = undefined;
        }
      }
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        throw new ImportProblem(422, "NOT_UTF8", message("contacts.import.errors.notUtf8"));
      }
      hash.update(chunk);
      if (!output.write(chunk)) await once(output, "drain");
      try {
        await parser.write(chunk);
      } catch (error) {
        throw parseProblem(error);
      }
    }
    if (head) checkHead(Buffer.concat(head));
    try {
      utf8.decode();
    } catch {
      throw new ImportProblem(422, "NOT_UTF8", message("contacts.import.errors.notUtf8"));
    }
    try {
      await parser.end();
    } catch (error) {
      throw parseProblem(error);
    }
    output.end();
    await finished(output);

    if (!parser.header) throw new ImportProblem(422, "EMPTY_FILE", message("contacts.import.errors.empty"));
    if (parser.header.length > IMPORT_LIMITS.columns) {
      throw new ImportProblem(422, "INVALID_FILE", message("contacts.import.errors.tooManyColumns", { maximum: IMPORT_LIMITS.columns }));
    }
    if (parser.rows === 0) throw new ImportProblem(422, "NO_ROWS", message("contacts.import.errors.noRows"));

    const storedPath = storedPathOf(id);
    await rename(partial, importFilePath(storedPath)!);
    try {
      const row = await insertContactImport(db, {
        id,
        fileName,
        fileSize: size,
        sha256: hash.digest("hex"),
        storedPath,
        status: "uploaded",
        columns: parser.header,
        previewRows: parser.preview,
        totalRows: parser.rows,
        createdById: actor.id,
      });
      return contactImportView({ contactImport: row, createdByName: actor.name }, options.t ?? inEnglish);
    } catch (error) {
      await rm(importFilePath(storedPath)!, { force: true });
      throw error;
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    output.destroy();
    await finished(output).catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
