/** Reading an import without a database: the form, the delimiter, the size limit, the mapping and each row's decision. */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Database } from "@/db";
import type { ContactActor } from "@/lib/contacts/access";

import { sniffDelimiter } from "./csv";
import { checkMapping, mappingFromHeader } from "./mapping";
import { readMultipart } from "./multipart";
import { ImportProblem, receiveImportFile } from "./receive";
import { decideRow, readConsent, rowReaderOf, splitTags } from "./rows";
import { largeCsvStream } from "./test-files";

vi.mock("@/auth", () => ({ auth: async () => null }));

const DEFINITIONS = [
  { key: "plan", name: "Plan", type: "choice" as const, options: ["Free", "Pro"] },
  { key: "age", name: "Age", type: "number" as const, options: [] },
];

/** A request body cut into chunks of `size` bytes, so delimiters fall across chunks. */
async function chunked(request: Request, size: number): Promise<ReadableStream<Uint8Array>> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, (offset += size)));
    },
  });
}

describe("a multipart form read as it arrives", () => {
  it.each([1, 7, 4096])("hands the file on as a stream and gathers the fields (chunks of %i bytes)", async (size) => {
    const form = new FormData();
    form.set("mapping", '{"Mobile":"phone"}');
    const content = `name,phone\r\n${"Ana,+33612345678\r\n".repeat(50)}--not-a-boundary\r\n`;
    form.set("file", new File([content], "people.csv", { type: "text/csv" }));
    form.set("default_country", "FR");
    const request = new Request("http://127.0.0.1/upload", { method: "POST", body: form });
    const { files, fields } = await readMultipart(await chunked(request, size), request.headers.get("content-type"), async (part) => ({
      ...part,
      text: await new Response(part.stream).text(),
    }));
    expect(files).toEqual([expect.objectContaining({ field: "file", fileName: "people.csv", type: "text/csv", text: content })]);
    expect(Object.fromEntries(fields)).toEqual({ mapping: '{"Mobile":"phone"}', default_country: "FR" });
  });

  it("skips what a consumer leaves unread, and refuses a body that is not a form", async () => {
    const form = new FormData();
    form.set("file", new File(["a,b\n1,2\n"], "a.csv"));
    form.set("after", "kept");
    const request = new Request("http://127.0.0.1/upload", { method: "POST", body: form });
    const { fields } = await readMultipart(request.body!, request.headers.get("content-type"), async () => undefined);
    expect(fields.get("after")).toBe("kept");
    await expect(readMultipart(new Response("x").body!, "application/json", async () => undefined)).rejects.toMatchObject({ reason: "not_multipart" });
    await expect(readMultipart(new Response("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ncut").body!, "multipart/form-data; boundary=b", async () => undefined)).rejects.toMatchObject({
      reason: "malformed",
    });
  });
});

describe("the upload's limit", () => {
  let mediaDir: string;
  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), "contact-import-limit-"));
    process.env.MEDIA_DIR = mediaDir;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
  });
  afterAll(async () => {
    await rm(mediaDir, { recursive: true, force: true });
  });

  it("refuses a file over 50 MB with 413, naming the limit, as soon as it passes it, and keeps nothing", async () => {
    const marketer = { id: "u", name: "M", email: "m@example.test", role: "marketer", connections: { all: true } } satisfies ContactActor;
    // Refused before the database is reached.
    const error = await receiveImportFile(undefined as unknown as Database, marketer, { name: "huge.csv", stream: largeCsvStream(50 * 1024 * 1024 + 1) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportProblem);
    expect(error).toMatchObject({ status: 413, code: "FILE_TOO_LARGE", said: { key: "contacts.import.errors.tooLarge", values: { size: "50 MB" } } });
    expect(await readdir(path.join(mediaDir, "imports"))).toEqual([]);
  });
});

describe("the delimiter", () => {
  it.each([
    ["name,phone,tags", ","],
    ["name;phone;tags", ";"],
    ["name\tphone\ttags", "\t"],
    ['"a;b",phone', ","],
    ["\uFEFFNom;Téléphone", ";"],
    ["phone", ","],
  ])("of %j is %j", (header, delimiter) => {
    expect(sniffDelimiter(`${header}\n1,2;3\t4\n`)).toBe(delimiter);
  });
});

describe("the mapping", () => {
  const columns = ["Name", "Mobile", "Groups", "Plan", "Opt-in"];

  it("takes one phone column, each field once, known attributes and a known country", () => {
    expect(checkMapping({ 0: "name", 1: "phone", 2: "tags", 3: "attribute:plan", 4: "consent" }, columns, DEFINITIONS, "br")).toEqual({
      ok: true,
      mapping: { 0: "name", 1: "phone", 2: "tags", 3: "attribute:plan", 4: "consent" },
      defaultCountry: "BR",
    });
    expect(checkMapping({ 1: "phone" }, columns, DEFINITIONS, "")).toMatchObject({ ok: true, defaultCountry: null });
  });

  it("names every problem with its field", () => {
    const checked = checkMapping({ 0: "phone", 1: "phone", 2: "name", 3: "name", 4: "email", 9: "tags", x: "consent" }, columns, DEFINITIONS, "ZZ");
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.problems.map((problem) => [problem.field, problem.message.key]);
    expect(problems).toEqual([
      ["mapping", "contacts.import.errors.phoneTwice"],
      ["mapping.3", "contacts.import.errors.fieldTwice"],
      ["mapping.4", "contacts.import.errors.unknownField"],
      ["mapping.9", "contacts.import.errors.unknownColumn"],
      ["mapping.x", "contacts.import.errors.unknownColumn"],
      ["defaultCountry", "contacts.import.errors.invalidCountry"],
    ]);
    expect(checkMapping({ 0: "name", 3: "attribute:tier" }, columns, DEFINITIONS, null)).toMatchObject({
      ok: false,
      problems: [{ field: "mapping.3" }, { field: "mapping", message: { key: "contacts.import.errors.phoneRequired" } }],
    });
  });

  it("is guessed from a header's names whatever their case, attribute keys included", () => {
    expect(mappingFromHeader(["Phone", "NAME", "Email", "tags", "plan", "phone", "Consent"], DEFINITIONS)).toEqual({
      0: "phone",
      1: "name",
      3: "tags",
      4: "attribute:plan",
      6: "consent",
    });
    expect(mappingFromHeader(["Mobile"], DEFINITIONS)).toEqual({});
  });
});

describe("a row", () => {
  const reader = rowReaderOf({ 0: "name", 1: "phone", 2: "tags", 3: "attribute:plan", 4: "consent", 5: "attribute:age" }, ["n", "p", "t", "Plan", "c", "Age"], DEFINITIONS, "MX");
  const decide = (cells: string[], seen = new Map<string, number>()) => decideRow(cells, 7, reader, seen);

  it("becomes a contact: E.164 digits, name, attributes parsed, tags split, consent read", () => {
    expect(decide([" Ana ", "55 1234 5678", "VIP; vip ;; Gold", "pro", "Sí", "41.5"])).toEqual({
      ok: true,
      row: { rowNumber: 7, digits: "525512345678", name: "Ana", attributes: { plan: "Pro", age: 41.5 }, tags: ["VIP", "Gold"], consent: "opted_in" },
    });
    // Empty cells change nothing.
    expect(decide(["", "+52 55 1234 5678", "", "", "", ""])).toMatchObject({ ok: true, row: { name: null, attributes: {}, tags: [], consent: null } });
  });

  it("is rejected with the first reason", () => {
    const reasonOf = (cells: string[], seen?: Map<string, number>) => {
      const decision = decide(cells, seen);
      return decision.ok ? undefined : decision.reason;
    };
    expect(reasonOf(["Ana", "", "", "", "", ""])).toEqual({ key: "contacts.import.reasons.missingPhone" });
    expect(reasonOf(["Ana", "call me", "", "", "", ""])).toEqual({ key: "contacts.import.reasons.invalidPhone", values: { value: "call me" } });
    expect(reasonOf(["Ana", "+52 55 1234 5678", "", "", "", ""], new Map([["525512345678", 3]]))).toEqual({ key: "contacts.import.reasons.duplicateNumber", values: { row: 3 } });
    expect(reasonOf(["A".repeat(101), "+52 55 1234 5678", "", "", "", ""])).toMatchObject({ key: "contacts.import.reasons.nameTooLong" });
    expect(reasonOf(["Ana", "+52 55 1234 5678", "", "Gold", "", ""])).toMatchObject({ key: "contacts.import.reasons.invalidAttribute", values: { column: "Plan", value: "Gold" } });
    expect(reasonOf(["Ana", "+52 55 1234 5678", "x".repeat(41), "", "", ""])).toMatchObject({ key: "contacts.import.reasons.tagTooLong" });
    expect(reasonOf(["Ana", "+52 55 1234 5678", "", "", "perhaps", ""])).toEqual({ key: "contacts.import.reasons.invalidConsent", values: { value: "perhaps" } });
  });

  it("reads consent words in the product's languages", () => {
    expect(["yes", "TRUE", "1", "opted_in", "y", "sí", "si", "SIM", "是"].map(readConsent)).toEqual(Array(9).fill("opted_in"));
    expect(["no", "False", "0", "opted_out", "N", "não", "否"].map(readConsent)).toEqual(Array(7).fill("opted_out"));
    expect(readConsent("  ")).toBeNull();
    expect(readConsent("maybe")).toBeUndefined();
    expect(splitTags(" a ;A; b  c ;")).toEqual(["a", "b c"]);
  });
});
