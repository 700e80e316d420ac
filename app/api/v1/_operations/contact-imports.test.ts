/** Contact imports through the public API with tokens, on both databases: upload and start, follow, rejects, refusals. */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { contactImports, contacts } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { runContactImport } from "@/lib/contacts/import/process";

import { GET as getImport } from "../contacts/imports/[import_id]/route";
import { GET as getRejects } from "../contacts/imports/[import_id]/rejects/route";
import { POST as createImport } from "../contacts/imports/route";
import { apiRequest, routeParams, seedBusinesses, tokenOf, type Role } from "./resources-test-setup";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
// The API signs no one in: only its tokens count (next-auth itself does not load under Vitest).
vi.mock("@/auth", () => ({ auth: async () => null }));
const queued = vi.hoisted(() => ({ importIds: [] as string[] }));
vi.mock("@/lib/jobs", () => ({
  jobEngine: async () => ({ send: async (_job: unknown, data: { importId: string }) => (queued.importIds.push(data.importId), "job-id") }),
}));

type Problem = { status: number; code: string; detail: string; errors?: Array<{ field: string; detail: string }> };

function importForm(content: string, fields: Record<string, string> = {}, name = "customers.csv"): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set("file", new File([content], name, { type: "text/csv" }));
  return form;
}

describe.each(testDatabases)("contact imports in the API on $name", (testDatabase) => {
  let mediaDir: string;
  const tokens = new Map<Role, string>();
  const post = (role: Role, form: FormData, headers: Record<string, string> = {}) => createImport(apiRequest("/contacts/imports", { token: tokens.get(role), form, headers }), routeParams());
  const get = (role: Role, id: string) => getImport(apiRequest(`/contacts/imports/${id}`, { token: tokens.get(role) }), routeParams({ import_id: id }));
  const rejects = (role: Role, id: string, query = "") => getRejects(apiRequest(`/contacts/imports/${id}/rejects${query}`, { token: tokens.get(role) }), routeParams({ import_id: id }));
  const importCount = async () => (await database.handle.db.select({ id: contactImports.id }).from(contactImports)).length;

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), "api-import-test-"));
    process.env.MEDIA_DIR = mediaDir;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
    database.handle = await testDatabase.open();
    await seedBusinesses(database.handle.db);
    for (const role of ["admin", "marketer", "agent"] as const) tokens.set(role, await tokenOf(database.handle.db, role));
  });
  afterAll(async () => {
    await database.handle.close();
    await rm(mediaDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    queued.importIds.length = 0;
  });

  it("imports a file end to end: 202 and queued, then followed to its counts and rejects", async () => {
    const file = "Name,Phone,Tags\nAna,+33 6 50 00 00 01,VIP\nBob,06 50 00 00 02,\nCid,not a number,\nDan,+33650000001,\n";
    const response = await post("marketer", importForm(file, { default_country: "FR" }));
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { id: string; status: string; url: string };
    expect(accepted).toEqual({ id: expect.any(String), status: "queued", url: `http://127.0.0.1:3000/api/v1/contacts/imports/${accepted.id}` });
    expect(queued.importIds).toEqual([accepted.id]);

    // The job's work, as the engine would run it.
    await runContactImport(database.handle.db, accepted.id);
    const followed = await get("marketer", accepted.id);
    expect(followed.status).toBe(200);
    expect(await followed.json()).toEqual({
      id: accepted.id,
      status: "finished",
      file_name: "customers.csv",
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 2,
      total_rows: 4,
      processed_rows: 4,
      error: null,
      rejects_url: `${accepted.url}/rejects`,
      created_at: expect.any(String),
      finished_at: expect.any(String),
    });
    expect(await database.handle.db.select({ name: contacts.displayName }).from(contacts).where(eq(contacts.phoneNumber, "33650000002"))).toEqual([{ name: "Bob" }]);

    const firstPage = await rejects("marketer", accepted.id, "?limit=1");
    const page = (await firstPage.json()) as { data: Array<{ row: number; reason: string; cells: string[] }>; next_cursor: string | null };
    expect(page.data).toEqual([{ row: 4, reason: "“not a number” is not a valid phone number.", cells: ["Cid", "not a number", ""] }]);
    const secondPage = (await (await rejects("marketer", accepted.id, `?limit=1&cursor=${page.next_cursor}`)).json()) as typeof page;
    expect(secondPage).toEqual({ data: [{ row: 5, reason: "Same number as row 2.", cells: ["Dan", "+33650000001", ""] }], next_cursor: null });
    const spanish = await getRejects(apiRequest(`/contacts/imports/${accepted.id}/rejects`, { token: tokens.get("marketer"), headers: { "Accept-Language": "es" } }), routeParams({ import_id: accepted.id }));
    expect(((await spanish.json()) as typeof page).data[1]!.reason).toBe("Mismo número que la fila 2.");
  });

  it("maps columns by their names, and refuses a file without a phone column at the field mapping", async () => {
    const mapped = await post("admin", importForm("Mobile,Full name\n+33650000010,Eve\n", { mapping: JSON.stringify({ Mobile: "phone", "full name": "name" }) }));
    expect(mapped.status).toBe(202);

    const before = await importCount();
    const files = await readdir(path.join(mediaDir, "imports"));
    const noPhone = await post("admin", importForm("Mobile,Full name\n+33650000011,Fay\n"));
    expect(noPhone.status).toBe(422);
    expect(((await noPhone.json()) as Problem).errors).toEqual([{ field: "mapping", detail: "Choose the column that holds the phone numbers." }]);
    const badCountry = await post("admin", importForm("phone\n0650000012\n", { default_country: "ZZ" }));
    expect(((await badCountry.json()) as Problem).errors).toEqual([{ field: "default_country", detail: expect.stringContaining("“ZZ”") }]);
    const badColumn = await post("admin", importForm("phone\n0650000012\n", { mapping: JSON.stringify({ Telephone: "phone" }) }));
    expect(((await badColumn.json()) as Problem).errors).toEqual([{ field: "mapping.Telephone", detail: "There is no column named “Telephone” in the file." }]);
    const badAttribute = await post("admin", importForm("phone,Tier\n0650000012,Gold\n", { mapping: JSON.stringify({ phone: "phone", Tier: "attribute:tier" }) }));
    expect(((await badAttribute.json()) as Problem).errors).toEqual([{ field: "mapping.Tier", detail: expect.stringContaining("“tier”") }]);
    // A refused call leaves no import behind, nor its file.
    expect(await importCount()).toBe(before);
    expect(await readdir(path.join(mediaDir, "imports"))).toEqual(files);
    expect(queued.importIds).toHaveLength(1);
  });

  it("refuses agents, and says why a file is refused", async () => {
    expect((await post("agent", importForm("phone\n+33650000020\n"))).status).toBe(403);
    expect((await get("agent", "00000000-0000-4000-8000-000000000000")).status).toBe(403);
    expect((await get("admin", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const notCsv = (await (await post("admin", importForm("phone\n1\n", {}, "book.xlsx"))).json()) as Problem;
    expect(notCsv).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE", errors: [{ field: "file" }] });
    const empty = (await (await post("admin", importForm("phone\n"))).json()) as Problem;
    expect(empty).toMatchObject({ status: 422, code: "NO_ROWS", detail: "The file has a header but no rows to import." });
    const tooLarge = await post("admin", importForm("phone\n1\n"), { "Content-Length": String(51 * 1024 * 1024) });
    expect(await tooLarge.json()).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE", detail: "The file is larger than 50 MB. Split it into smaller files." });
    const json = await createImport(apiRequest("/contacts/imports", { token: tokens.get("admin"), json: { file: "x" } }), routeParams());
    expect(json.status).toBe(415);
  });
});
