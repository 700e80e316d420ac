/** Starting and discarding imports from the dashboard: the role checked on the server, refusals at their field. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { sessionUserOf } from "@/lib/auth/session-user";
import { startSession } from "@/lib/auth/sessions";
import { receiveImportFile } from "@/lib/contacts/import/receive";
import { getImport } from "@/lib/contacts/import/service";
import { streamOf } from "@/lib/contacts/import/test-files";
import type { ContactActor } from "@/lib/contacts/access";

import { discardContactImportAction, startContactImportAction } from "./contact-imports";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const queued = vi.hoisted(() => ({ jobs: [] as Array<{ name: string; data: unknown }> }));
vi.mock("@/lib/jobs", () => ({
  jobEngine: async () => ({ send: async (job: { name: string }, data: unknown) => (queued.jobs.push({ name: job.name, data }), "job-id") }),
}));

describe.each(testDatabases)("contact import actions on $name", (testDatabase) => {
  let mediaDir: string;
  let admin: ContactActor;
  const db = () => database.handle.db;
  const signInAs = async (role: "marketer" | "agent") => {
    const userId = (await findUserByEmail(db(), `${role}@demo.test`))!.id;
    session.current = { userId, sessionId: (await startSession(db(), { userId })).id };
  };
  const uploaded = async () => (await receiveImportFile(db(), admin, { name: "people.csv", stream: streamOf("Name,Mobile\nAna,0612345678\n") })).id;

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), "import-actions-test-"));
    process.env.MEDIA_DIR = mediaDir;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
    database.handle = await testDatabase.open();
    await seedDemoUsers(db());
    admin = await sessionUserOf(db(), (await findUserByEmail(db(), "admin@demo.test"))!);
  });
  afterAll(async () => {
    await database.handle.close();
    await rm(mediaDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    session.current = undefined;
    queued.jobs.length = 0;
  });

  it("refuses signed-out visitors and agents, and changes nothing", async () => {
    const importId = await uploaded();
    const input = { importId, mapping: { 1: "phone" as const }, defaultCountry: "FR" };
    expect((await startContactImportAction(input)).serverError?.code).toBe("UNAUTHENTICATED");
    await signInAs("agent");
    expect((await startContactImportAction(input)).serverError?.code).toBe("FORBIDDEN");
    expect((await discardContactImportAction({ importId })).serverError?.code).toBe("FORBIDDEN");
    expect((await getImport(db(), admin, importId)).status).toBe("uploaded");
    expect(queued.jobs).toEqual([]);
  });

  it("lets a marketer start an import, queueing its job, and says what is wrong at its field", async () => {
    await signInAs("marketer");
    const importId = await uploaded();
    const noPhone = await startContactImportAction({ importId, mapping: { 0: "name" }, defaultCountry: "FR" });
    expect(noPhone.serverError).toEqual({ message: "Choose the column that holds the phone numbers.", code: "INVALID_INPUT", field: "mapping" });
    const badCountry = await startContactImportAction({ importId, mapping: { 1: "phone" }, defaultCountry: "ZZ" });
    expect(badCountry.serverError).toMatchObject({ code: "INVALID_INPUT", field: "defaultCountry" });
    const badField = await startContactImportAction({ importId, mapping: { 1: "email" as "phone" } });
    expect(badField.validationErrors).toMatchObject({ mapping: { 1: { _errors: ["Choose a contact field for this column."] } } });
    expect(queued.jobs).toEqual([]);

    const started = await startContactImportAction({ importId, mapping: { 0: "name", 1: "phone" }, defaultCountry: "FR" });
    expect(started.data).toMatchObject({ id: importId, status: "queued", mapping: { 0: "name", 1: "phone" }, defaultCountry: "FR" });
    expect(queued.jobs).toEqual([{ name: "contacts.import", data: { importId } }]);
    expect((await discardContactImportAction({ importId })).serverError).toMatchObject({ code: "CONFLICT" });
  });

  it("lets a marketer discard an upload", async () => {
    await signInAs("marketer");
    const importId = await uploaded();
    expect((await discardContactImportAction({ importId })).data).toEqual({ discarded: true });
    expect((await discardContactImportAction({ importId })).serverError).toMatchObject({ code: "NOT_FOUND", message: "This import does not exist anymore." });
  });
});
