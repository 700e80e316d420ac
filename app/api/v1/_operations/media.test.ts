/** The API's media library (list, upload, delete) through its route handlers, on both databases, with the gateway faked. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { findLibraryMedia, insertLibraryMedia } from "@/db/queries/media";
import { testDatabases } from "@/db/test-databases";
import { HTML_PAGE, tinyPng } from "@/lib/media/test-files";

import { DELETE as deleteMedia } from "../media/[media_id]/route";
import { GET as listMedia, POST as uploadMedia } from "../media/route";
import { apiRequest, NUMBER, OTHER_NUMBER, routeParams, seedBusinesses, tokenOf, type Role } from "./resources-test-setup";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
// The API signs no one in: only its tokens count (next-auth itself does not load under Vitest).
vi.mock("@/auth", () => ({ auth: async () => null }));
const fakeGateway = vi.hoisted(() => ({ uploadMedia: vi.fn(), deleteMedia: vi.fn() }));
vi.mock("@/lib/gateway/server", () => ({ gateway: () => ({ media: fakeGateway }) }));

const DAY = 24 * 60 * 60 * 1000;
let uploads = 0;

type MediaPage = { data: Array<{ id: string; kind: string; phone_number_id: string }>; next_cursor: string | null; total: number };

function uploadForm(fields: { bytes?: Uint8Array; name?: string; type?: string; phoneNumberId?: string }): FormData {
  const form = new FormData();
  if (fields.bytes) form.set("file", new File([fields.bytes as BlobPart], fields.name ?? "logo.png", { type: fields.type ?? "image/png" }));
  if (fields.phoneNumberId !== undefined) form.set("phone_number_id", fields.phoneNumberId);
  return form;
}

describe.each(testDatabases)("the API's media library on $name", (testDatabase) => {
  let mediaDir: string;
  const tokens = new Map<Role, string>();

  const upload = (role: Role, form: FormData, headers: Record<string, string> = {}) => uploadMedia(apiRequest("/media", { token: tokens.get(role), form, headers }), routeParams());
  const list = async (role: Role, query = "") => listMedia(apiRequest(`/media${query}`, { token: tokens.get(role) }), routeParams());
  const listed = async (role: Role, query = "") => {
    const response = await list(role, query);
    expect(response.status).toBe(200);
    return (await response.json()) as MediaPage;
  };
  const remove = (role: Role, mediaId: string) => deleteMedia(apiRequest(`/media/${mediaId}`, { method: "DELETE", token: tokens.get(role) }), routeParams({ media_id: mediaId }));
  const libraryFile = (id: string, fields: Partial<Parameters<typeof insertLibraryMedia>[1]> = {}) =>
    insertLibraryMedia(database.handle.db, {
      id,
      phoneNumberId: NUMBER,
      kind: "image",
      mimeType: "image/png",
      fileName: `${id}.png`,
      size: 10,
      sha256: id.padEnd(64, "0").slice(0, 64),
      expiresAt: new Date(Date.now() + 10 * DAY),
      ...fields,
    });

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), "api-media-test-"));
    process.env.MEDIA_DIR = mediaDir;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
  });
  afterAll(async () => {
    await rm(mediaDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    database.handle = await testDatabase.open();
    await seedBusinesses(database.handle.db);
    for (const role of ["admin", "marketer", "agent"] as const) tokens.set(role, await tokenOf(database.handle.db, role));
    fakeGateway.uploadMedia.mockReset();
    fakeGateway.uploadMedia.mockImplementation(async () => ({ id: `wa-media-${(uploads += 1)}` }));
    fakeGateway.deleteMedia.mockReset();
    fakeGateway.deleteMedia.mockResolvedValue(true);
  });
  afterEach(async () => {
    await database.handle.close();
  });

  describe("upload", () => {
    it("refuses an agent with 403, reading and sending nothing", async () => {
      const response = await upload("agent", uploadForm({ bytes: tinyPng({ seed: 1 }), phoneNumberId: NUMBER }));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "FORBIDDEN" });
      expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
    });

    it("uploads a real PNG once: 201 with the library's file; the same bytes again are reused, not uploaded", async () => {
      const bytes = tinyPng({ seed: 2, padTo: 2048 });
      const response = await upload("marketer", uploadForm({ bytes, name: "logo.png", phoneNumberId: NUMBER }));
      expect(response.status).toBe(201);
      const file = await response.json();
      expect(file).toMatchObject({ phone_number_id: NUMBER, kind: "image", mime_type: "image/png", file_name: "logo.png", size: bytes.length, reused: false, expired: false });
      expect(file.uploaded_by).toMatchObject({ id: expect.any(String) });
      expect(fakeGateway.uploadMedia).toHaveBeenCalledTimes(1);
      expect(await findLibraryMedia(database.handle.db, ALL_CONNECTIONS, file.id)).toBeDefined();

      const again = await upload("marketer", uploadForm({ bytes, name: "logo-copy.png", phoneNumberId: NUMBER }));
      expect(again.status).toBe(201);
      expect(await again.json()).toMatchObject({ id: file.id, reused: true });
      expect(fakeGateway.uploadMedia).toHaveBeenCalledTimes(1);
    });

    it("answers the same Idempotency-Key with the first answer", async () => {
      const headers = { "Idempotency-Key": "logo-upload-1" };
      const first = await upload("marketer", uploadForm({ bytes: tinyPng({ seed: 3 }), phoneNumberId: NUMBER }), headers);
      const again = await upload("marketer", uploadForm({ bytes: tinyPng({ seed: 3 }), phoneNumberId: NUMBER }), headers);
      expect(first.status).toBe(201);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(await again.json()).toEqual(await first.json());
      expect(fakeGateway.uploadMedia).toHaveBeenCalledTimes(1);
    });

    it("refuses HTML sent as a PNG by its bytes (415 on the file), uploading nothing", async () => {
      const response = await upload("marketer", uploadForm({ bytes: HTML_PAGE, name: "logo.png", type: "image/png", phoneNumberId: NUMBER }));
      expect(response.status).toBe(415);
      const problem = await response.json();
      expect(problem).toMatchObject({ code: "CONTENT_MISMATCH", errors: [{ field: "file" }] });
      expect(problem.detail).toBe("This file is not a PNG image: its content looks like HTML.");
      expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
    });

    it("refuses a type WhatsApp does not take, a name the library cannot keep, a number of another connection, and missing fields", async () => {
      const exe = await upload("marketer", uploadForm({ bytes: new Uint8Array([0x4d, 0x5a, 0, 0]), name: "setup.exe", type: "application/x-msdownload", phoneNumberId: NUMBER }));
      expect(exe.status).toBe(415);
      expect(await exe.json()).toMatchObject({ errors: [{ field: "file" }] });

      const longName = await upload("marketer", uploadForm({ bytes: tinyPng({ seed: 4 }), name: `${"n".repeat(240)}.png`, phoneNumberId: NUMBER }));
      expect(longName.status).toBe(400);
      expect(await longName.json()).toMatchObject({ code: "INVALID_REQUEST", errors: [{ field: "file", detail: expect.stringContaining("240") }] });

      const outside = await upload("marketer", uploadForm({ bytes: tinyPng({ seed: 4 }), phoneNumberId: OTHER_NUMBER }));
      expect(outside.status).toBe(404);
      expect(await outside.json()).toMatchObject({ code: "NOT_FOUND", errors: [{ field: "phone_number_id" }] });

      const empty = await upload("marketer", uploadForm({}));
      expect(empty.status).toBe(400);
      expect((await empty.json()).errors.map((error: { field: string }) => error.field)).toEqual(["file", "phone_number_id"]);

      const json = await uploadMedia(apiRequest("/media", { token: tokens.get("marketer"), json: { phone_number_id: NUMBER } }), routeParams());
      expect(json.status).toBe(415);
      expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
    });
  });

  describe("list", () => {
    it("lists the files of the caller's numbers, newest first, filtered, and walks every one once", async () => {
      const base = Date.now() - 5 * DAY;
      for (let index = 0; index < 5; index += 1) await libraryFile(`img-${index}`, { uploadedAt: new Date(base + index * 60_000) });
      await libraryFile("doc-0", { kind: "document", mimeType: "application/pdf", fileName: "terms.pdf", uploadedAt: new Date(base + 10 * 60_000) });
      await libraryFile("old-0", { uploadedAt: new Date(base - 40 * DAY), expiresAt: new Date(base - 10 * DAY) });
      await libraryFile("elsewhere-0", { phoneNumberId: OTHER_NUMBER });

      const everything = await listed("agent");
      expect(everything.total).toBe(7);
      expect(everything.data.map((file) => file.id)).toEqual(["doc-0", "img-4", "img-3", "img-2", "img-1", "img-0", "old-0"]);
      expect(everything.data.at(-1)).toMatchObject({ expired: true });

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: MediaPage = await listed("agent", `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...page.data.map((file) => file.id));
        cursor = page.next_cursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(everything.data.map((file) => file.id));

      expect((await listed("agent", "?kind=document")).data.map((file) => file.id)).toEqual(["doc-0"]);
      expect((await listed("agent", `?phone_number_id=${OTHER_NUMBER}`)).data).toEqual([]);
      expect((await listed("admin", `?phone_number_id=${OTHER_NUMBER}`)).data.map((file) => file.id)).toEqual(["elsewhere-0"]);
      expect((await listed("admin")).total).toBe(8);
    });

    it("walks files uploaded within one millisecond one by one, though the database keeps microseconds", async () => {
      for (const [id, at] of [["same-a", "10:00:00.123456"], ["same-b", "10:00:00.123400"], ["same-c", "10:00:00.123999"]] as const) {
        await libraryFile(id);
        await database.handle.db.execute(sql`update media set uploaded_at = ${`2026-01-01 ${at}+00`}::timestamptz where id = ${id}`);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 5; pages += 1) {
        const page: MediaPage = await listed("agent", `?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...page.data.map((file) => file.id));
        cursor = page.next_cursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(["same-c", "same-b", "same-a"]);
    });

    it("answers 401 without a token and 400 for an unknown kind", async () => {
      expect((await listMedia(apiRequest("/media"), routeParams())).status).toBe(401);
      const response = await list("agent", "?kind=hologram");
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: "kind" }] });
    });
  });

  describe("delete", () => {
    it("deletes a file of the caller's number at WhatsApp and from the library: 204", async () => {
      await libraryFile("img-gone");
      const response = await remove("marketer", "img-gone");
      expect(response.status).toBe(204);
      expect(await response.text()).toBe("");
      expect(fakeGateway.deleteMedia).toHaveBeenCalledTimes(1);
      expect(fakeGateway.deleteMedia.mock.calls[0]![0]).toBe("img-gone");
      expect(await findLibraryMedia(database.handle.db, ALL_CONNECTIONS, "img-gone")).toBeUndefined();
      expect((await listed("marketer")).data).toEqual([]);
    });

    it("answers 404 for another connection's file exactly like an unknown one, 403 for an agent, and touches nothing", async () => {
      await libraryFile("elsewhere-1", { phoneNumberId: OTHER_NUMBER });
      await libraryFile("img-kept");
      const outside = await remove("marketer", "elsewhere-1");
      const unknown = await remove("marketer", "never-uploaded");
      expect(outside.status).toBe(404);
      expect(unknown.status).toBe(404);
      const [outsideProblem, unknownProblem] = [await outside.json(), await unknown.json()];
      expect({ ...outsideProblem, request_id: "" }).toEqual({ ...unknownProblem, request_id: "" });
      expect((await remove("agent", "img-kept")).status).toBe(403);
      expect(fakeGateway.deleteMedia).not.toHaveBeenCalled();
      expect(await findLibraryMedia(database.handle.db, ALL_CONNECTIONS, "elsewhere-1")).toBeDefined();
      expect(await findLibraryMedia(database.handle.db, ALL_CONNECTIONS, "img-kept")).toBeDefined();
    });
  });
});
