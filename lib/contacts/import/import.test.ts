/**
 * Contact imports end to end on both databases, through the services and the job's own function:
 * upload, mapping, rows imported / updated / rejected with their reasons, consent rules, tags,
 * idempotence, a resumed crash, the rejects file, discarding and the sweep.
 */
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import {
  auditLog,
  contactAttributeDefinitions,
  contactConsentEvents,
  contactImportRejects,
  contactImports,
  contacts,
  contactTagLinks,
  contactTags,
  conversations,
  liveEvents,
  outboundEvents,
  phoneNumbers,
} from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { seedBusinesses } from "@/app/api/v1/_operations/resources-test-setup";
import { AuthorizationError } from "@/lib/auth/session";
import { sessionUserOf } from "@/lib/auth/session-user";
import { ActionError } from "@/lib/actions/errors";
import type { ContactActor } from "@/lib/contacts/access";
import { translatorFor } from "@/lib/i18n/translators";
import { createEndpoint } from "@/lib/outbound-webhooks/service";

import { contactImportJob, sweepStaleImports } from "./jobs";
import { runContactImport } from "./process";
import { ImportProblem, receiveImportFile } from "./receive";
import { discardImport, getImport, openRejectsCsv, startImport } from "./service";
import { csvOf, frenchMobile, streamOf } from "./test-files";

// The services sign no one in (next-auth itself does not load under Vitest).
vi.mock("@/auth", () => ({ auth: async () => null }));

const HOUR = 60 * 60 * 1000;
const publicResolver = { allowPrivate: false, resolve: async () => [{ address: "93.184.215.14", family: 4 as const }] };

describe.each(testDatabases)("contact imports on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let admin: ContactActor;
  /** Limited to conn-a. */
  let marketer: ContactActor;
  let agent: ContactActor;
  const sent: string[] = [];
  const db = () => handle.db;

  const upload = (content: string, name = "customers.csv", actor = admin) => receiveImportFile(db(), actor, { name, type: "text/csv", stream: streamOf(content) });
  const start = (importId: string, mapping: Record<string, string>, defaultCountry: string | null = null, actor = admin) =>
    startImport(db(), actor, importId, { mapping, defaultCountry }, { send: async ({ importId: id }) => sent.push(id) });
  /** Uploads, starts and runs an import to its end (the job's function, without an engine). */
  const importFile = async (content: string, mapping: Record<string, string>, options: { defaultCountry?: string; actor?: ContactActor } = {}) => {
    const uploaded = await upload(content, "customers.csv", options.actor ?? admin);
    await start(uploaded.id, mapping, options.defaultCountry ?? null, options.actor ?? admin);
    const outcome = await runContactImport(db(), uploaded.id);
    return { outcome, view: await getImport(db(), admin, uploaded.id) };
  };
  const contactByNumber = async (digits: string) => (await db().select().from(contacts).where(eq(contacts.phoneNumber, digits)))[0];
  const tagNamesOf = async (contactId: string) =>
    (
      await db()
        .select({ name: contactTags.name })
        .from(contactTagLinks)
        .innerJoin(contactTags, eq(contactTags.id, contactTagLinks.tagId))
        .where(eq(contactTagLinks.contactId, contactId))
    )
      .map((row) => row.name)
      .sort();
  const rejectsOf = async (importId: string) =>
    db()
      .select({ row: contactImportRejects.rowNumber, reason: contactImportRejects.reason })
      .from(contactImportRejects)
      .where(eq(contactImportRejects.importId, importId))
      .orderBy(contactImportRejects.rowNumber);
  const importFiles = async () => (await readdir(path.join(mediaDir, "imports")).catch(() => [] as string[])).sort();

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), "contact-import-test-"));
    process.env.MEDIA_DIR = mediaDir;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
    handle = await testDatabase.open();
    await seedBusinesses(db());
    const actorOf = async (role: string) => sessionUserOf(db(), (await findUserByEmail(db(), `${role}@demo.test`))!);
    [admin, marketer, agent] = await Promise.all([actorOf("admin"), actorOf("marketer"), actorOf("agent")]);
    await db()
      .insert(contactAttributeDefinitions)
      .values([
        { key: "plan", name: "Plan", type: "choice", options: ["Free", "Pro"], position: 1 },
        { key: "age", name: "Age", type: "number", position: 2 },
      ]);
  });
  afterAll(async () => {
    await handle.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  describe("the upload", () => {
    it("keeps the file and reads its header, first rows and row count, whatever its delimiter", async () => {
      const rows = Array.from({ length: 12 }, (_, index) => [`Person ${index}`, `+${frenchMobile(index)}`]);
      const semicolons = await upload(`\uFEFF${csvOf([["Name", "Phone"], ...rows]).replaceAll(",", ";")}`, "semi.csv");
      expect(semicolons).toMatchObject({ status: "uploaded", fileName: "semi.csv", columns: ["Name", "Phone"], totalRows: 12, processedRows: 0 });
      expect(semicolons.previewRows).toHaveLength(10);
      expect(semicolons.previewRows[0]).toEqual(["Person 0", "+33600000000"]);

      const tabs = await upload('"Full name"\tMobile\tNotes\n"Ana, Maria"\t0612345678\t"said ""hi""\nbye"\n\n', "tabs.tsv");
      expect(tabs).toMatchObject({ columns: ["Full name", "Mobile", "Notes"], totalRows: 1, previewRows: [["Ana, Maria", "0612345678", 'said "hi"\nbye']] });

      const [stored] = await db().select().from(contactImports).where(eq(contactImports.id, tabs.id));
      expect(stored).toMatchObject({ storedPath: `imports/${tabs.id}.csv`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await importFiles()).toEqual(expect.arrayContaining([`${semicolons.id}.csv`, `${tabs.id}.csv`]));
    });

    it("refuses what is not an importable CSV, saying why, and keeps nothing of it", async () => {
      const before = { files: await importFiles(), rows: (await db().select().from(contactImports)).length };
      const refusal = async (attempt: Promise<unknown>) => {
        const error = await attempt.then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ImportProblem);
        const problem = error as ImportProblem;
        return { status: problem.status, code: problem.code, key: problem.said.key, values: problem.said.values };
      };

      expect(await refusal(upload("a,b\n1,2\n", "book.xlsx"))).toMatchObject({ status: 415, code: "NOT_CSV" });
      const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...new TextEncoder().encode("phone\n1\n")]);
      expect(await refusal(receiveImportFile(db(), admin, { name: "renamed.csv", stream: streamOf(zip) }))).toMatchObject({ status: 415, code: "NOT_CSV" });
      expect(await refusal(upload(""))).toMatchObject({ status: 422, code: "EMPTY_FILE" });
      expect(await refusal(upload("\uFEFF\n\n"))).toMatchObject({ status: 422, code: "EMPTY_FILE" });
      expect(await refusal(upload("name,phone\n,\n"))).toMatchObject({ status: 422, code: "NO_ROWS", key: "contacts.import.errors.noRows" });
      const latin1 = new Uint8Array([...new TextEncoder().encode("name,phone\nRen"), 0xe9, ...new TextEncoder().encode(",0612345678\n")]);
      expect(await refusal(receiveImportFile(db(), admin, { name: "latin1.csv", stream: streamOf(latin1) }))).toMatchObject({ status: 422, code: "NOT_UTF8" });
      expect(await refusal(upload('name,phone\n"Ana,0612345678\n'))).toMatchObject({ status: 422, key: "contacts.import.errors.malformedAt" });

      expect(await importFiles()).toEqual(before.files);
      expect(await db().select().from(contactImports)).toHaveLength(before.rows);
    });

    it("is refused to agents", async () => {
      await expect(upload("phone\n+33612345678\n", "x.csv", agent)).rejects.toMatchObject({ status: 403, code: "FORBIDDEN" });
      await expect(upload("phone\n+33612345678\n", "x.csv", agent)).rejects.toBeInstanceOf(AuthorizationError);
    });
  });

  describe("starting", () => {
    it("checks the mapping field by field and changes nothing when it is refused", async () => {
      const uploaded = await upload(csvOf([["Name", "Mobile", "Phone 2", "Plan"], ["Ana", "0612345678", "", "Pro"]]));
      const refusalOf = async (mapping: Record<string, string>, country: string | null = null) => {
        const error = await start(uploaded.id, mapping, country).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ActionError);
        const { code, field, said } = error as ActionError;
        return { code, field, key: typeof said === "string" ? said : said.key };
      };
      expect(await refusalOf({ 0: "name" })).toEqual({ code: "INVALID_INPUT", field: "mapping", key: "contacts.import.errors.phoneRequired" });
      expect(await refusalOf({ 1: "phone", 2: "phone" })).toEqual({ code: "INVALID_INPUT", field: "mapping", key: "contacts.import.errors.phoneTwice" });
      expect(await refusalOf({ 0: "name", 1: "phone", 2: "name" })).toEqual({ code: "INVALID_INPUT", field: "mapping.2", key: "contacts.import.errors.fieldTwice" });
      expect(await refusalOf({ 1: "phone", 3: "attribute:tier" })).toEqual({ code: "INVALID_INPUT", field: "mapping.3", key: "contacts.import.errors.unknownAttribute" });
      expect(await refusalOf({ 1: "phone", 7: "name" })).toEqual({ code: "INVALID_INPUT", field: "mapping.7", key: "contacts.import.errors.unknownColumn" });
      expect(await refusalOf({ 1: "phone" }, "XX")).toEqual({ code: "INVALID_INPUT", field: "defaultCountry", key: "contacts.import.errors.invalidCountry" });
      expect((await getImport(db(), admin, uploaded.id)).status).toBe("uploaded");

      const started = await start(uploaded.id, { 0: "name", 1: "phone", 3: "attribute:plan" }, "fr");
      expect(started).toMatchObject({ status: "queued", mapping: { 0: "name", 1: "phone", 3: "attribute:plan" }, defaultCountry: "FR" });
      expect(sent).toContain(uploaded.id);
      expect(await refusalOf({ 1: "phone" })).toMatchObject({ code: "CONFLICT", key: "contacts.import.errors.alreadyStarted" });
    });

    it("is refused to agents", async () => {
      const uploaded = await upload("phone\n+33612345678\n");
      await expect(start(uploaded.id, { 0: "phone" }, null, agent)).rejects.toMatchObject({ status: 403 });
      await expect(getImport(db(), agent, uploaded.id)).rejects.toMatchObject({ status: 403 });
      await expect(discardImport(db(), agent, uploaded.id)).rejects.toMatchObject({ status: 403 });
    });
  });

  describe("the import", () => {
    const MAPPING = { 0: "name", 1: "phone", 2: "tags", 3: "attribute:plan", 4: "consent", 5: "attribute:age" };
    const header = ["name", "phone", "tags", "plan", "consent", "age"];
    const n = (i: number) => frenchMobile(10_000_000 + i);
    const goodAndBad = csvOf([
      header,
      ["Ana", `+33 6 10 00 00 01`, "VIP;Paris", "pro", "yes", "41"],
      ["Bob", `06.10.00.00.02`, "", "Free", "no", ""],
      ["Cid", "12345", "", "", "", ""],
      ["Dee", "", "vip", "", "", ""],
      ["Eve", `+${n(1)}`, "", "", "", ""],
      ["Fay", `+${n(3)}`, "", "Gold", "", ""],
      ["Gus", `+${n(4)}`, "", "", "maybe", ""],
      ["Hal", `0033 6 10 00 00 05`, "vip; New ;new", "", "", "x"],
      ["Ivy", `+${n(6)}`, "vip ; new", "", "", ""],
    ]);

    it("imports good rows and rejects the others with their reasons", async () => {
      const { outcome, view } = await importFile(goodAndBad, MAPPING, { defaultCountry: "FR" });
      expect(outcome).toMatchObject({ kind: "finished" });
      expect(view).toMatchObject({ status: "finished", totalRows: 9, processedRows: 9, created: 3, updated: 0, unchanged: 0, rejected: 6, error: null });
      expect(view.finishedAt).not.toBeNull();
      expect(await rejectsOf(view.id)).toEqual([
        { row: 4, reason: { key: "contacts.import.reasons.phoneTooShort", values: { value: "12345" } } },
        { row: 5, reason: { key: "contacts.import.reasons.missingPhone" } },
        { row: 6, reason: { key: "contacts.import.reasons.duplicateNumber", values: { row: 2 } } },
        { row: 7, reason: { key: "contacts.import.reasons.invalidAttribute", values: expect.objectContaining({ column: "plan", value: "Gold" }) } },
        { row: 8, reason: { key: "contacts.import.reasons.invalidConsent", values: { value: "maybe" } } },
        { row: 9, reason: { key: "contacts.import.reasons.invalidAttribute", values: expect.objectContaining({ column: "age", value: "x" }) } },
      ]);

      const ana = (await contactByNumber(n(1)))!;
      expect(ana).toMatchObject({ waId: n(1), displayName: "Ana", attributes: { plan: "Pro", age: 41 }, consent: "opted_in", consentSource: "import" });
      expect(await tagNamesOf(ana.id)).toEqual(["Paris", "VIP"]);
      const ivy = (await contactByNumber(n(6)))!;
      // "vip" and "new" are the tags "VIP" (known) and "new" (created once, as first written).
      expect(await tagNamesOf(ivy.id)).toEqual(["VIP", "new"]);
      expect((await contactByNumber(n(2)))!).toMatchObject({ displayName: "Bob", consent: "opted_out", attributes: { plan: "Free" } });
      expect(await db().select().from(contactTags).where(sql`lower(${contactTags.name}) in ('vip', 'new', 'paris')`)).toHaveLength(3);

      const history = await db().select().from(contactConsentEvents).where(inArray(contactConsentEvents.contactId, [ana.id, ivy.id]));
      expect(history).toEqual([expect.objectContaining({ consent: "opted_in", source: "import", sourceRef: view.id, detail: "customers.csv", actorId: admin.id })]);
      const events = await db().select().from(liveEvents).where(sql`${liveEvents.payload} ->> 'importId' = ${view.id}`);
      expect(events.length).toBeGreaterThanOrEqual(2);
      expect(await importFiles()).not.toContain(`${view.id}.csv`);
      const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "contact_import.finished"), eq(auditLog.targetId, view.id)));
      expect(audit).toMatchObject({ actorId: admin.id, details: { created: 3, rejected: 6, unchanged: 0, updated: 0, totalRows: 9, fileName: "customers.csv" } });
    });

    it("gives 0 created and 0 updated when the same file is imported again", async () => {
      const { view } = await importFile(goodAndBad, MAPPING, { defaultCountry: "FR" });
      expect(view).toMatchObject({ status: "finished", created: 0, updated: 0, unchanged: 3, rejected: 6 });
    });

    it("updates a known contact instead of adding one, and never turns an opted-out customer to opted in", async () => {
      const [stopped, unknown, quiet] = [n(100), n(101), n(102)];
      await db()
        .insert(contacts)
        .values([
          { waId: stopped, phoneNumber: stopped, displayName: "Old", consent: "opted_out", consentSource: "keyword", attributes: { plan: "Free", age: 30 } },
          { waId: unknown, phoneNumber: unknown, profileName: "Unknown" },
          { waId: quiet, phoneNumber: quiet, displayName: "Quiet" },
        ]);
      const { view } = await importFile(
        csvOf([
          header,
          ["New", `+${stopped}`, "Returning", "Pro", "yes", ""],
          ["", `+${unknown}`, "", "", "no", ""],
          ["Quiet", `+${quiet}`, "", "", "", ""],
        ]),
        MAPPING,
      );
      expect(view).toMatchObject({ created: 0, updated: 2, unchanged: 1, rejected: 0 });
      const after = (await contactByNumber(stopped))!;
      // The row's other fields are imported; the customer's "no" stays.
      expect(after).toMatchObject({ displayName: "New", attributes: { plan: "Pro", age: 30 }, consent: "opted_out", consentSource: "keyword" });
      expect(await tagNamesOf(after.id)).toEqual(["Returning"]);
      expect(await db().select().from(contactConsentEvents).where(eq(contactConsentEvents.contactId, after.id))).toEqual([]);
      const optedOut = (await contactByNumber(unknown))!;
      expect(optedOut).toMatchObject({ consent: "opted_out", consentSource: "import", profileName: "Unknown", displayName: null });
      expect(await db().select().from(contactConsentEvents).where(eq(contactConsentEvents.contactId, optedOut.id))).toEqual([
        expect.objectContaining({ consent: "opted_out", source: "import", sourceRef: view.id }),
      ]);
      expect(await db().select().from(contacts).where(inArray(contacts.phoneNumber, [stopped, unknown, quiet]))).toHaveLength(3);
    });

    it("announces consent changes to subscribed endpoints", async () => {
      await createEndpoint(
        db(),
        { id: admin.id, email: admin.email },
        { url: "https://crm.example.com/hooks", description: "crm", events: ["contact.opted_in", "contact.opted_out"] },
        publicResolver,
      );
      const [yes, no] = [n(200), n(201)];
      await importFile(csvOf([header, ["Yes", `+${yes}`, "", "", "yes", ""], ["No", `+${no}`, "", "", "no", ""]]), MAPPING);
      const recorded = await db().select({ type: outboundEvents.type, payload: outboundEvents.payload }).from(outboundEvents);
      const types = recorded.filter((event) => JSON.stringify(event.payload).includes(`${yes}`) || JSON.stringify(event.payload).includes(`${no}`)).map((event) => event.type);
      expect(types.sort()).toEqual(["contact.opted_in", "contact.opted_out"]);
    });

    it("leaves alone a contact of a connection the importer does not work in", async () => {
      const [theirs, ours] = [n(300), n(301)];
      await db().insert(contacts).values([
        { waId: theirs, phoneNumber: theirs, displayName: "Theirs" },
        { waId: ours, phoneNumber: ours, displayName: "Ours" },
      ]);
      const [other] = await db().select({ id: phoneNumbers.id }).from(phoneNumbers).where(eq(phoneNumbers.connectionId, "conn-b"));
      await db().insert(conversations).values({ phoneNumberId: other!.id, waId: theirs });
      const { view } = await importFile(csvOf([header, ["Renamed", `+${theirs}`, "", "", "", ""], ["Renamed", `+${ours}`, "", "", "", ""]]), MAPPING, { actor: marketer });
      expect(view).toMatchObject({ updated: 1, rejected: 1 });
      expect((await contactByNumber(theirs))!.displayName).toBe("Theirs");
      expect((await contactByNumber(ours))!.displayName).toBe("Renamed");
      expect(await rejectsOf(view.id)).toEqual([{ row: 2, reason: { key: "contacts.import.reasons.notVisible" } }]);
    });

    it("resumes after a crash from the last committed batch, without duplicates or double counts", async () => {
      const rows: string[][] = Array.from({ length: 2500 }, (_, index) => [`Person ${index}`, `+${frenchMobile(20_000_000 + index)}`]);
      // The same number as row 12 (index 10), in the second batch: found by the rebuilt list of numbers seen.
      rows[1500] = ["Again", `+${frenchMobile(20_000_010)}`];
      const uploaded = await upload(csvOf([["name", "phone"], ...rows]));
      await start(uploaded.id, { 0: "name", 1: "phone" });

      expect(await runContactImport(db(), uploaded.id, { stopAfterBatches: 1 })).toEqual({ kind: "stopped", processedRows: 1000 });
      expect(await getImport(db(), admin, uploaded.id)).toMatchObject({ status: "running", processedRows: 1000, created: 1000 });
      // The job's retry runs it again: it starts after the checkpoint.
      expect(await runContactImport(db(), uploaded.id, { batchSize: 700 })).toMatchObject({ kind: "finished" });
      expect(await getImport(db(), admin, uploaded.id)).toMatchObject({ status: "finished", processedRows: 2500, created: 2499, updated: 0, unchanged: 0, rejected: 1 });
      expect(await rejectsOf(uploaded.id)).toEqual([{ row: 1502, reason: { key: "contacts.import.reasons.duplicateNumber", values: { row: 12 } } }]);
      expect(await db().select({ id: contacts.id }).from(contacts).where(sql`${contacts.phoneNumber} like '3362%'`)).toHaveLength(2499);
      // A run that comes after the end has nothing to do.
      expect(await runContactImport(db(), uploaded.id)).toEqual({ kind: "not_runnable" });
    });

    it("imports 10,000 rows", async () => {
      const rows = Array.from({ length: 10_000 }, (_, index) => [`Bulk ${index}`, `+${frenchMobile(30_000_000 + index)}`, index % 2 ? "bulk" : "", index % 3 ? "" : "yes"]);
      const { view } = await importFile(csvOf([["name", "phone", "tags", "consent"], ...rows]), { 0: "name", 1: "phone", 2: "tags", 3: "consent" });
      expect(view).toMatchObject({ status: "finished", totalRows: 10_000, created: 10_000, rejected: 0 });
      const [bulk] = await db().select().from(contactTags).where(eq(contactTags.name, "bulk"));
      expect(await db().select().from(contactTagLinks).where(eq(contactTagLinks.tagId, bulk!.id))).toHaveLength(5000);
      expect(await db().select({ id: contacts.id }).from(contacts).where(and(sql`${contacts.phoneNumber} like '3363%'`, eq(contacts.consent, "opted_in")))).toHaveLength(3334);
    });

    it("fails with a clear reason when the file is gone, and after the job's last attempt", async () => {
      const gone = await upload("phone\n+33612345678\n");
      await start(gone.id, { 0: "phone" });
      await rm(path.join(mediaDir, "imports", `${gone.id}.csv`));
      expect(await runContactImport(db(), gone.id)).toEqual({ kind: "failed" });
      expect(await getImport(db(), admin, gone.id, await translatorFor("es"))).toMatchObject({
        status: "failed",
        error: "El archivo subido ya no está, así que la importación no pudo ejecutarse. Vuelve a subirlo.",
      });

      // A file the disk cannot read: each attempt throws (for the retry); the last one fails the import.
      const broken = await upload("phone\n+33612345678\n");
      await start(broken.id, { 0: "phone" });
      const file = path.join(mediaDir, "imports", `${broken.id}.csv`);
      await rm(file);
      await mkdir(file);
      const run = (attempt: number) => contactImportJob.handler({ importId: broken.id }, { db: db(), jobId: "job", attempt, send: async () => "job" });
      await expect(run(1)).rejects.toThrow();
      expect((await getImport(db(), admin, broken.id)).status).toBe("running");
      await expect(run(4)).rejects.toThrow();
      expect(await getImport(db(), admin, broken.id)).toMatchObject({ status: "failed", error: expect.stringContaining("stopped after repeated errors") });
      expect((await db().select({ storedPath: contactImports.storedPath }).from(contactImports).where(eq(contactImports.id, broken.id)))[0]).toEqual({ storedPath: null });
      await rm(file, { recursive: true, force: true });
    });

    it("gives the rejected rows as CSV: the file's columns, the row and the reason in the reader's language", async () => {
      const { view } = await importFile(csvOf([["Name", "Mobile", "Plan"], ["=cmd", "123", ""], ["Ana", `+${n(400)}`, "Gold"], ["Bob", `+${n(401)}`, ""]]), {
        0: "name",
        1: "phone",
        2: "attribute:plan",
      }, { defaultCountry: "FR" });
      const { stream, fileName } = await openRejectsCsv(db(), admin, view.id, await translatorFor("es"));
      expect(fileName).toBe("customers.csv");
      const text = await new Response(stream).text();
      const lines = text.replace(/^\uFEFF/, "").trimEnd().split("\n");
      expect(lines[0]).toBe("Name,Mobile,Plan,fila,motivo");
      expect(lines[1]).toBe("'=cmd,123,,2,El número de teléfono “123” es demasiado corto.");
      expect(lines[2]).toMatch(/^Ana,\+33610000400,Gold,3,"?Columna “Plan”: no se acepta “Gold”\. .+/);
      expect(lines).toHaveLength(3);
      await expect(openRejectsCsv(db(), agent, view.id, await translatorFor("en"))).rejects.toMatchObject({ status: 403 });
    });
  });

  describe("discarding", () => {
    it("drops an upload never started with its file, but not a started one", async () => {
      const waiting = await upload("phone\n+33612345678\n");
      await discardImport(db(), admin, waiting.id);
      expect(await db().select().from(contactImports).where(eq(contactImports.id, waiting.id))).toEqual([]);
      expect(await importFiles()).not.toContain(`${waiting.id}.csv`);
      await expect(getImport(db(), admin, waiting.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

      const started = await upload("phone\n+33612345678\n");
      await start(started.id, { 0: "phone" });
      await expect(discardImport(db(), admin, started.id)).rejects.toMatchObject({ code: "CONFLICT" });
    });

    it("sweeps uploads left unstarted for a day", async () => {
      const old = await upload("phone\n+33612345678\n");
      const recent = await upload("phone\n+33612345678\n");
      await db().update(contactImports).set({ createdAt: new Date(Date.now() - 25 * HOUR) }).where(eq(contactImports.id, old.id));
      const leftover = path.join(mediaDir, "imports", ".partial-leftover");
      await writeFile(leftover, "a,b");
      const dayAgo = new Date(Date.now() - 25 * HOUR);
      await utimes(leftover, dayAgo, dayAgo);
      const result = await sweepStaleImports(db());
      expect(result.discarded).toBeGreaterThanOrEqual(1);
      expect(result.leftovers).toBe(1);
      expect(await db().select({ id: contactImports.id }).from(contactImports).where(inArray(contactImports.id, [old.id, recent.id]))).toEqual([{ id: recent.id }]);
      expect(await importFiles()).not.toContain(`${old.id}.csv`);
    });
  });
});
