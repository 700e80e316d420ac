/** The dashboard's import routes: upload (multipart, streamed), list, one import, its rejects; sessions and roles checked. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";
import { runContactImport } from "@/lib/contacts/import/process";
import { startImport } from "@/lib/contacts/import/service";
import { sessionUserOf } from "@/lib/auth/session-user";
import type { ContactImportView } from "@/lib/contacts/views";

import { GET as getImportRoute } from "./[importId]/route";
import { GET as getRejects } from "./[importId]/rejects/route";
import { GET as listRoute, POST as uploadRoute } from "./route";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

const BASE = "http://127.0.0.1/api/contacts/imports";
const uploadRequest = (content: string | Uint8Array, name = "people.csv", headers: Record<string, string> = {}) => {
  const form = new FormData();
  form.set("file", new File([content as BlobPart], name, { type: "text/csv" }));
  return new Request(BASE, { method: "POST", body: form, headers });
};
const params = (importId: string) => ({ params: Promise.resolve({ importId }) });

describe.each(testDatabases)("the import routes on $name", (testDatabase) => {
  let mediaDir: string;
  const signInAs = async (role: "admin" | "marketer" | "agent") => {
    const { db } = database.handle;
    const userId = (await findUserByEmail(db, `${role}@demo.test`))!.id;
    session.current = { userId, sessionId: (await startSession(db, { userId })).id };
  };

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), "import-routes-test-"));
    process.env.MEDIA_DIR = mediaDir;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
    database.handle = await testDatabase.open();
    await seedDemoUsers(database.handle.db);
  });
  afterAll(async () => {
    await database.handle.close();
    await rm(mediaDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    session.current = undefined;
  });

  it("takes a marketer's CSV, lists it, shows it, and gives its rejects as a CSV download", async () => {
    await signInAs("marketer");
    const response = await uploadRoute(uploadRequest("Name,Mobile\nAna,+33612345678\nBob,12\n", "été.csv"));
    expect(response.status).toBe(201);
    const uploaded = (await response.json()) as ContactImportView;
    expect(uploaded).toMatchObject({ status: "uploaded", fileName: "été.csv", columns: ["Name", "Mobile"], totalRows: 2, previewRows: [["Ana", "+33612345678"], ["Bob", "12"]] });

    const listed = (await (await listRoute(new Request(BASE))).json()) as ContactImportView[];
    expect(listed.map((entry) => entry.id)).toContain(uploaded.id);
    const shown = await getImportRoute(new Request(`${BASE}/${uploaded.id}`), params(uploaded.id));
    expect(await shown.json()).toMatchObject({ id: uploaded.id, status: "uploaded" });

    const { db } = database.handle;
    const marketer = await sessionUserOf(db, (await findUserByEmail(db, "marketer@demo.test"))!);
    await startImport(db, marketer, uploaded.id, { mapping: { 0: "name", 1: "phone" } }, { send: async () => undefined });
    await runContactImport(db, uploaded.id);
    const rejects = await getRejects(new Request(`${BASE}/${uploaded.id}/rejects`), params(uploaded.id));
    expect(rejects.status).toBe(200);
    expect(rejects.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(rejects.headers.get("content-disposition")).toBe(`attachment; filename="_t_-rejects.csv"; filename*=UTF-8''${encodeURIComponent("été-rejects.csv")}`);
    expect((await rejects.text()).replace(/^\uFEFF/, "")).toBe("Name,Mobile,row,reason\nBob,12,3,The phone number “12” is too short.\n");
  });

  it("refuses agents and signed-out visitors on every route", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const calls = () => [
      uploadRoute(uploadRequest("phone\n+33612345678\n")),
      listRoute(new Request(BASE)),
      getImportRoute(new Request(`${BASE}/${id}`), params(id)),
      getRejects(new Request(`${BASE}/${id}/rejects`), params(id)),
    ];
    expect((await Promise.all(calls())).map((response) => response.status)).toEqual([401, 401, 401, 401]);
    await signInAs("agent");
    const refused = await Promise.all(calls());
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403]);
    expect(await refused[0]!.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("says why an upload is refused", async () => {
    await signInAs("admin");
    const answer = async (response: Response) => ({ status: response.status, ...((await response.json()) as { error: { code: string; message: string } }).error });
    expect(await answer(await uploadRoute(uploadRequest("phone\n+33612345678\n", "a.csv", { "Content-Length": String(60 * 1024 * 1024) })))).toEqual({
      status: 413,
      code: "FILE_TOO_LARGE",
      message: "The file is larger than 50 MB. Split it into smaller files.",
    });
    expect(await answer(await uploadRoute(uploadRequest(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]), "book.csv")))).toMatchObject({ status: 415, code: "NOT_CSV" });
    expect(await answer(await uploadRoute(uploadRequest("phone\n", "a.csv")))).toMatchObject({ status: 422, code: "NO_ROWS" });
    expect(await answer(await uploadRoute(new Request(BASE, { method: "POST", body: "phone\n1\n", headers: { "Content-Type": "text/csv" } })))).toMatchObject({ status: 415 });
    const noFile = new FormData();
    noFile.set("other", "x");
    expect(await answer(await uploadRoute(new Request(BASE, { method: "POST", body: noFile })))).toMatchObject({ status: 422, code: "NO_FILE" });
    expect(await answer(await getImportRoute(new Request(`${BASE}/x`), params("not-an-id")))).toEqual({ status: 404, code: "NOT_FOUND", message: "This import does not exist anymore." });
  });
});
