import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { ALL_CONNECTIONS, replaceConnectionAccess } from "@/db/queries/connection-access";
import { findLibraryMedia as findLibraryRecord, insertLibraryMedia } from "@/db/queries/media";
import { findUserByEmail } from "@/db/queries/users";
import { connections, media, phoneNumbers } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";
import { GraphError } from "@/lib/gateway";
import { HTML_PAGE, tinyPng } from "@/lib/media/test-files";

import { GET as inboxMediaRoute } from "@/app/api/inbox/media/route";
import { GET as libraryRoute } from "@/app/api/media/library/route";
import { POST as uploadRoute } from "@/app/api/media/upload/route";

import { deleteMediaAction, mediaDownloadLinkAction, reuploadMediaAction, selectMediaNumberAction } from "./media";

// Each test says who is signed in; the database is a real one; the gateway is a fake.
const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as DatabaseHandle | undefined }));
vi.mock("@/db", () => ({ getDb: async () => database.handle!.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const fakeGateway = vi.hoisted(() => ({ uploadMedia: vi.fn(), deleteMedia: vi.fn(), getMedia: vi.fn() }));
// The reader's language, as the request would give it (English unless a test says otherwise).
const reader = vi.hoisted(() => ({ locale: "en" as "en" | "es" | "ar" }));
vi.mock("@/lib/i18n/preferences", () => ({ requestPreferences: async () => ({ locale: reader.locale, timeZone: "UTC" }) }));
vi.mock("@/lib/gateway/server", () => ({ gateway: () => ({ media: fakeGateway }) }));

const MB = 1024 * 1024;
const PHONE = "pn-media";
/** A number of another connection (conn-2), for access by connection. */
const OTHER_PHONE = "pn-other";
let mediaDir: string;

const signInAs = async (role: "admin" | "marketer" | "agent") => {
  const userId = (await findUserByEmail(database.handle!.db, `${role}@demo.test`))!.id;
  session.current = { userId, sessionId: (await startSession(database.handle!.db, { userId })).id };
};
/** Gives a role's user every connection, or only the listed ones (admins always have all). */
const grantConnections = async (role: "marketer" | "agent", connectionIds: "all" | string[]) => {
  const user = await findUserByEmail(database.handle!.db, `${role}@demo.test`);
  await replaceConnectionAccess(database.handle!.db, user!.id, connectionIds === "all" ? { all: true, connectionIds: [] } : { all: false, connectionIds });
};
const findLibraryMedia = (mediaId: string) => findLibraryRecord(database.handle!.db, ALL_CONNECTIONS, mediaId);

function uploadRequest(bytes: Uint8Array, options: { name: string; type: string; length?: number }) {
  return new Request(`http://localhost/api/media/upload?phoneNumberId=${PHONE}`, {
    method: "POST",
    headers: { "Content-Type": options.type, "X-File-Name": encodeURIComponent(options.name), "Content-Length": String(options.length ?? bytes.length) },
    body: bytes as BodyInit,
    // @ts-expect-error Node's fetch needs it for a streamed body
    duplex: "half",
  });
}

/** A real PNG of 2048 bytes; each seed gives other bytes. */
const png = (seed: number) => tinyPng({ seed, padTo: 2048 });

const blobsOnDisk = async () => (await readdir(path.join(mediaDir, "blobs")).catch(() => [] as string[])).filter((name) => !name.startsWith("."));
const idsOnDisk = async () => readdir(path.join(mediaDir, "ids")).catch(() => [] as string[]);
const partialsOnDisk = async () => (await readdir(path.join(mediaDir, "blobs")).catch(() => [] as string[])).filter((name) => name.startsWith(".partial"));

describe.each(testDatabases)("media library on $name: upload route and actions", (testDatabase) => {
  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), "media-test-"));
    process.env.MEDIA_DIR = mediaDir;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
    database.handle = await testDatabase.open();
    const { db } = database.handle;
    await seedDemoUsers(db);
    await db.insert(connections).values([
      { id: "conn-1", status: "ACTIVE", isDefault: true },
      { id: "conn-2", status: "ACTIVE" },
    ]);
    await db.insert(phoneNumbers).values([
      { id: PHONE, wabaId: "w", connectionId: "conn-1", displayPhoneNumber: "+1 555 0100" },
      { id: OTHER_PHONE, wabaId: "w2", connectionId: "conn-2", displayPhoneNumber: "+1 555 0200" },
    ]);
  });
  afterAll(async () => {
    await database.handle?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    session.current = undefined;
    reader.locale = "en";
    await grantConnections("marketer", "all");
    await grantConnections("agent", "all");
    fakeGateway.uploadMedia.mockReset();
    fakeGateway.deleteMedia.mockReset();
    fakeGateway.getMedia.mockReset();
  });

  it("refuses an agent's upload with 403: nothing read, stored or sent", async () => {
    await signInAs("agent");
    const response = await uploadRoute(uploadRequest(png(1), { name: "logo.png", type: "image/png" }));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "FORBIDDEN", message: "Your role (Agent) does not allow this." } });
    expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
    expect(await database.handle!.db.select().from(media)).toEqual([]);
    expect(await blobsOnDisk()).toEqual([]);
  });

  it("refuses a signed-out upload with 401", async () => {
    const response = await uploadRoute(uploadRequest(png(1), { name: "logo.png", type: "image/png" }));
    expect(response.status).toBe(401);
  });

  it("refuses an oversized video before reading it, naming the limit", async () => {
    await signInAs("marketer");
    const response = await uploadRoute(uploadRequest(new Uint8Array(16), { name: "clip.mp4", type: "video/mp4", length: Math.round(17.2 * MB) }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toBe("Videos can be at most 16 MB; this file is 17.2 MB.");
    expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
  });

  it("stops a body that grows past the limit while streaming, whatever Content-Length said", async () => {
    await signInAs("marketer");
    const response = await uploadRoute(uploadRequest(tinyPng({ padTo: 5 * MB + 10 }), { name: "huge.png", type: "image/png", length: 100 }));
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toMatch(/^Images can be at most 5 MB; this file is/);
    expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
    expect(await partialsOnDisk()).toEqual([]);
  });

  it("refuses in the uploader's language, with sizes written their way", async () => {
    await signInAs("marketer");
    reader.locale = "es";
    const video = await uploadRoute(uploadRequest(new Uint8Array(16), { name: "clip.mp4", type: "video/mp4", length: Math.round(17.2 * MB) }));
    expect(video.status).toBe(413);
    expect((await video.json()).error.message).toBe("Los vídeos pueden ocupar como máximo 16 MB; este archivo ocupa 17,2 MB.");
    reader.locale = "ar";
    const gif = await uploadRoute(uploadRequest(new Uint8Array(10), { name: "anim.gif", type: "image/gif" }));
    expect(gif.status).toBe(415);
    expect((await gif.json()).error.message).toMatch(/^لا يقبل واتساب الملفات من النوع image\/gif \(anim\.gif\)/);
    const unnamed = await uploadRoute(new Request(`http://localhost/api/media/upload?phoneNumberId=${PHONE}`, { method: "POST", headers: { "Content-Type": "image/png" }, body: "x" }));
    expect(unnamed.status).toBe(400);
    expect((await unnamed.json()).error.message).toBe("يحتاج الملف إلى اسم (بحد أقصى 240 حرفًا، ومن دون شرطات مائلة).");
    expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
  });

  it("refuses a type WhatsApp does not accept with 415", async () => {
    await signInAs("admin");
    const response = await uploadRoute(uploadRequest(new Uint8Array(10), { name: "anim.gif", type: "image/gif" }));
    expect(response.status).toBe(415);
    expect((await response.json()).error.message).toContain("WhatsApp does not accept files of type image/gif");
  });

  it("refuses a static sticker over 100 KB but takes an animated one", async () => {
    await signInAs("marketer");
    const webp = (animated: boolean) => {
      const bytes = new Uint8Array(200 * 1024);
      bytes.set(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8X"));
      bytes[20] = animated ? 0x02 : 0;
      bytes[1000] = animated ? 1 : 2;
      return bytes;
    };
    const still = await uploadRoute(uploadRequest(webp(false), { name: "still.webp", type: "image/webp" }));
    expect(still.status).toBe(413);
    expect((await still.json()).error.message).toBe("Static stickers can be at most 100 kB; this file is 200 kB.");
    fakeGateway.uploadMedia.mockResolvedValueOnce({ id: "sticker-1" });
    const moving = await uploadRoute(uploadRequest(webp(true), { name: "moving.webp", type: "image/webp" }));
    expect(moving.status).toBe(201);
  });

  it("uploads through the gateway with a file-backed blob, records, audits and keeps one copy; the same bytes again are reused", async () => {
    await signInAs("marketer");
    // The gateway reads the file-backed blob during the call (the file is then moved under its hash).
    let sent: Uint8Array | undefined;
    fakeGateway.uploadMedia.mockImplementationOnce(async (_phone: string, upload: { file: Blob }) => {
      sent = new Uint8Array(await upload.file.arrayBuffer());
      return { id: "media-1" };
    });
    const bytes = png(7);
    const first = await uploadRoute(uploadRequest(bytes, { name: "logo.png", type: "image/png" }));
    expect(first.status).toBe(201);
    const answer = await first.json();
    expect(answer).toMatchObject({ reused: false, media: { id: "media-1", kind: "image", fileName: "logo.png", size: 2048 } });
    const [phone, upload, options] = fakeGateway.uploadMedia.mock.calls[0]!;
    expect(phone).toBe(PHONE);
    expect(upload.file).toBeInstanceOf(Blob);
    expect(upload.file.size).toBe(2048);
    expect(sent).toEqual(bytes);
    expect(upload).toMatchObject({ mimeType: "image/png", filename: "logo.png", kind: "image" });
    expect(options).toMatchObject({ connectionId: "conn-1" });
    // The request's signal: a browser that gives up drops the call's place in the gateway's queue.
    expect(options.signal).toBeInstanceOf(AbortSignal);
    expect((await latestAuditEntries(database.handle!.db, 1))[0]).toMatchObject({ action: "media.uploaded", targetId: "media-1" });
    expect(await blobsOnDisk()).toContain(answer.media.sha256);

    const again = await uploadRoute(uploadRequest(bytes, { name: "logo-copy.png", type: "image/png" }));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ reused: true, media: { id: "media-1", fileName: "logo.png" } });
    expect(fakeGateway.uploadMedia).toHaveBeenCalledTimes(1);
    expect(await partialsOnDisk()).toEqual([]);
  });

  it("sends the same bytes uploaded twice at once to WhatsApp once; after a failed first try, the other goes itself", async () => {
    await signInAs("marketer");
    let calls = 0;
    fakeGateway.uploadMedia.mockImplementation(async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { id: `media-together-${calls}` };
    });
    const bytes = png(21);
    const answers = await Promise.all(
      ["twice-a.png", "twice-b.png"].map(async (name) => {
        const response = await uploadRoute(uploadRequest(bytes, { name, type: "image/png" }));
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(fakeGateway.uploadMedia).toHaveBeenCalledTimes(1);
    expect(answers.map((answer) => answer.body.media.id)).toEqual(["media-together-1", "media-together-1"]);
    expect(answers.map((answer) => answer.body.reused).sort()).toEqual([false, true]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);

    fakeGateway.uploadMedia.mockReset();
    fakeGateway.uploadMedia
      .mockImplementationOnce(async () => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        throw new GraphError(500, { message: "Temporary failure", code: 2 }, {}, { method: "POST", path: `${PHONE}/media` });
      })
      .mockResolvedValueOnce({ id: "media-after-failure" });
    const afterFailure = await Promise.all(
      ["retry-a.png", "retry-b.png"].map(async (name) => (await uploadRoute(uploadRequest(png(22), { name, type: "image/png" }))).status),
    );
    expect(afterFailure.sort()).toEqual([201, 503]);
    expect(fakeGateway.uploadMedia).toHaveBeenCalledTimes(2);
    expect(await partialsOnDisk()).toEqual([]);
  });

  it("says why when the gateway refuses an upload, and keeps nothing", async () => {
    await signInAs("marketer");
    fakeGateway.uploadMedia.mockRejectedValueOnce(new GraphError(400, { message: "Invalid parameter", code: 100 }, {}, { method: "POST", path: `${PHONE}/media` }));
    const response = await uploadRoute(uploadRequest(png(9), { name: "bad.png", type: "image/png" }));
    expect(response.status).toBe(502);
    const message = (await response.json()).error.message as string;
    expect(message.length).toBeGreaterThan(20);
    expect(await database.handle!.db.select().from(media).where(eq(media.fileName, "bad.png"))).toEqual([]);
    expect(await partialsOnDisk()).toEqual([]);
  });

  describe("checks the bytes against the declared type", () => {
    it("refuses an HTML page sent as a PNG, saying what it is, and sends nothing to WhatsApp", async () => {
      await signInAs("marketer");
      const response = await uploadRoute(uploadRequest(HTML_PAGE, { name: "invoice.png", type: "image/png" }));
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({ error: { code: "CONTENT_MISMATCH", message: "This file is not a PNG image: its content looks like HTML." } });
      expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
      expect(await database.handle!.db.select().from(media).where(eq(media.fileName, "invoice.png"))).toEqual([]);
      expect(await partialsOnDisk()).toEqual([]);
    });

    it("stops reading a large forged upload at its first bytes", async () => {
      await signInAs("marketer");
      const total = 4 * MB;
      const chunk = 64 * 1024;
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= total) return controller.close();
          const bytes = new Uint8Array(chunk).fill(0x20);
          if (pulled === 0) bytes.set(HTML_PAGE);
          pulled += chunk;
          controller.enqueue(bytes);
        },
      });
      const request = new Request(`http://localhost/api/media/upload?phoneNumberId=${PHONE}`, {
        method: "POST",
        headers: { "Content-Type": "image/png", "X-File-Name": "poster.png", "Content-Length": String(total) },
        body,
        // @ts-expect-error Node's fetch needs it for a streamed body
        duplex: "half",
      });
      const response = await uploadRoute(request);
      expect(response.status).toBe(415);
      expect((await response.json()).error.message).toBe("This file is not a PNG image: its content looks like HTML.");
      expect(pulled).toBeLessThan(total / 2);
      expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
      expect(await partialsOnDisk()).toEqual([]);
    });

    it("names the kind it found when the bytes are another known format", async () => {
      await signInAs("marketer");
      const response = await uploadRoute(uploadRequest(png(60), { name: "price-list.pdf", type: "application/pdf" }));
      expect(response.status).toBe(415);
      expect((await response.json()).error.message).toBe("This file is not a PDF document: its content looks like a PNG image.");
      expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
    });

    it("accepts a real PNG", async () => {
      await signInAs("marketer");
      fakeGateway.uploadMedia.mockResolvedValueOnce({ id: "real-png" });
      const response = await uploadRoute(uploadRequest(tinyPng({ seed: 61 }), { name: "dot.png", type: "image/png" }));
      expect(response.status).toBe(201);
      expect(fakeGateway.uploadMedia).toHaveBeenCalledTimes(1);
    });

    it("accepts a plain-text document, which has no signature to check", async () => {
      await signInAs("marketer");
      fakeGateway.uploadMedia.mockResolvedValueOnce({ id: "notes-1" });
      const text = new TextEncoder().encode("Opening hours\nMon–Fri 9:00–17:00\nSat 10:00–14:00\n");
      const response = await uploadRoute(uploadRequest(text, { name: "hours.txt", type: "text/plain" }));
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ media: { id: "notes-1", kind: "document", mimeType: "text/plain" } });
      expect(fakeGateway.uploadMedia.mock.calls[0]![1]).toMatchObject({ mimeType: "text/plain", kind: "document" });
    });

    it("refuses binary bytes sent as a text document", async () => {
      await signInAs("marketer");
      const response = await uploadRoute(uploadRequest(new Uint8Array([0x01, 0x00, 0x02, 0x03, 0x00]), { name: "data.txt", type: "text/plain" }));
      expect(response.status).toBe(415);
      expect((await response.json()).error.message).toBe("This file's content is not a text file.");
      expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
    });
  });

  describe("access by connection", () => {
    it("refuses an upload to a number outside the user's connections as if it were not linked", async () => {
      await grantConnections("marketer", ["conn-2"]);
      await signInAs("marketer");
      const response = await uploadRoute(uploadRequest(png(70), { name: "logo.png", type: "image/png" }));
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("UNKNOWN_PHONE_NUMBER");
      expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
    });

    it("treats a file on a number outside the user's connections as not in the library", async () => {
      await insertLibraryMedia(database.handle!.db, {
        id: "scoped-1",
        phoneNumberId: PHONE,
        kind: "image",
        mimeType: "image/png",
        fileName: "scoped.png",
        size: 5,
        sha256: "s",
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      await grantConnections("marketer", ["conn-2"]);
      await grantConnections("agent", []);
      const notFound = { code: "NOT_FOUND", message: "That file is no longer in the library. Reload the page." };

      await signInAs("marketer");
      expect((await deleteMediaAction({ mediaId: "scoped-1" })).serverError).toMatchObject(notFound);
      expect((await reuploadMediaAction({ mediaId: "scoped-1" })).serverError).toMatchObject(notFound);
      expect((await selectMediaNumberAction({ phoneNumberId: PHONE })).serverError?.code).toBe("NOT_FOUND");
      expect((await selectMediaNumberAction({ phoneNumberId: OTHER_PHONE })).data).toEqual({ phoneNumberId: OTHER_PHONE });
      await signInAs("agent");
      expect((await mediaDownloadLinkAction({ mediaId: "scoped-1" })).serverError).toMatchObject(notFound);

      expect(fakeGateway.deleteMedia).not.toHaveBeenCalled();
      expect(fakeGateway.uploadMedia).not.toHaveBeenCalled();
      expect(fakeGateway.getMedia).not.toHaveBeenCalled();
      expect(await findLibraryMedia("scoped-1")).toBeDefined();
    });

    it("lists a number's library only to users of its connection", async () => {
      const ids = async (route: (request: Request) => Promise<Response>, url: string) => {
        const response = await route(new Request(url));
        expect(response.status).toBe(200);
        return ((await response.json()) as { media: Array<{ id: string }> }).media.map((item) => item.id);
      };
      await signInAs("agent");
      expect(await ids(libraryRoute, `http://localhost/api/media/library?phoneNumberId=${PHONE}`)).toContain("scoped-1");
      expect(await ids(inboxMediaRoute, `http://localhost/api/inbox/media?phoneNumberId=${PHONE}`)).toContain("scoped-1");

      await grantConnections("agent", ["conn-2"]);
      expect(await ids(libraryRoute, `http://localhost/api/media/library?phoneNumberId=${PHONE}`)).toEqual([]);
      expect(await ids(inboxMediaRoute, `http://localhost/api/inbox/media?phoneNumberId=${PHONE}`)).toEqual([]);
    });
  });

  describe("delete", () => {
    const seedRecord = async (id: string, expiresInDays = 10) =>
      insertLibraryMedia(database.handle!.db, {
        id,
        phoneNumberId: PHONE,
        kind: "document",
        mimeType: "application/pdf",
        fileName: `${id}.pdf`,
        size: 10,
        sha256: `sha-${id}`,
        expiresAt: new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000),
      });

    it("refuses an agent: FORBIDDEN, nothing deleted or sent", async () => {
      await seedRecord("del-agent");
      await signInAs("agent");
      const result = await deleteMediaAction({ mediaId: "del-agent" });
      expect(result.serverError).toEqual({ code: "FORBIDDEN", message: "Your role (Agent) does not allow this." });
      expect(fakeGateway.deleteMedia).not.toHaveBeenCalled();
      expect(await findLibraryMedia("del-agent")).toBeDefined();
    });

    it("deletes at the gateway, then from the library, with an audit entry", async () => {
      await seedRecord("del-ok");
      await signInAs("marketer");
      fakeGateway.deleteMedia.mockResolvedValueOnce(true);
      const result = await deleteMediaAction({ mediaId: "del-ok" });
      expect(result.data).toEqual({ deleted: "del-ok", alreadyGoneAtWhatsApp: false });
      expect(fakeGateway.deleteMedia).toHaveBeenCalledWith("del-ok", { connectionId: "conn-1", phoneNumberId: PHONE });
      expect(await findLibraryMedia("del-ok")).toBeUndefined();
      expect((await latestAuditEntries(database.handle!.db, 1))[0]).toMatchObject({ action: "media.deleted", targetId: "del-ok" });
    });

    it("keeps the record and says why when the gateway fails", async () => {
      await seedRecord("del-fail");
      await signInAs("admin");
      fakeGateway.deleteMedia.mockRejectedValueOnce(new GraphError(503, { message: "Service temporarily unavailable", code: 2 }, {}, { method: "DELETE", path: "del-fail" }));
      const result = await deleteMediaAction({ mediaId: "del-fail" });
      expect(result.serverError?.code).toBe("GATEWAY_ERROR");
      expect(result.serverError?.message).toMatch(/^Not deleted\. .+: .+/);
      expect(await findLibraryMedia("del-fail")).toBeDefined();
    });

    it("says what did not happen in the reader's language", async () => {
      await seedRecord("del-fail-es");
      await signInAs("admin");
      reader.locale = "es";
      fakeGateway.deleteMedia.mockRejectedValueOnce(new GraphError(503, { message: "Service temporarily unavailable", code: 2 }, {}, { method: "DELETE", path: "del-fail-es" }));
      expect((await deleteMediaAction({ mediaId: "del-fail-es" })).serverError?.message).toMatch(/^No se eliminó\. /);
      expect((await deleteMediaAction({ mediaId: "never-there" })).serverError).toMatchObject({ code: "NOT_FOUND", message: "Ese archivo ya no está en la biblioteca. Vuelve a cargar la página." });
    });

    it("removes an expired record WhatsApp no longer knows", async () => {
      await seedRecord("del-expired", -1);
      await signInAs("marketer");
      fakeGateway.deleteMedia.mockRejectedValueOnce(new GraphError(404, { message: "Unknown media", code: 100 }, {}, { method: "DELETE", path: "del-expired" }));
      const result = await deleteMediaAction({ mediaId: "del-expired" });
      expect(result.data).toEqual({ deleted: "del-expired", alreadyGoneAtWhatsApp: true });
    });

    it("removes a deleted file's bytes from disk once no other record holds them", async () => {
      await signInAs("marketer");
      fakeGateway.uploadMedia.mockResolvedValueOnce({ id: "bytes-1" });
      const uploaded = await (await uploadRoute(uploadRequest(png(80), { name: "flyer.png", type: "image/png" }))).json();
      expect(await blobsOnDisk()).toContain(uploaded.media.sha256);
      fakeGateway.deleteMedia.mockResolvedValueOnce(true);
      expect((await deleteMediaAction({ mediaId: "bytes-1" })).data).toEqual({ deleted: "bytes-1", alreadyGoneAtWhatsApp: false });
      expect(await blobsOnDisk()).not.toContain(uploaded.media.sha256);
      expect(await idsOnDisk()).not.toContain("bytes-1.json");
    });

    it("keeps the bytes while the same file is in another number's library", async () => {
      await signInAs("admin");
      const bytes = png(81);
      fakeGateway.uploadMedia.mockResolvedValueOnce({ id: "shared-1" }).mockResolvedValueOnce({ id: "shared-2" });
      const first = await (await uploadRoute(uploadRequest(bytes, { name: "menu.png", type: "image/png" }))).json();
      const otherNumber = new Request(`http://localhost/api/media/upload?phoneNumberId=${OTHER_PHONE}`, {
        method: "POST",
        headers: { "Content-Type": "image/png", "X-File-Name": "menu.png", "Content-Length": String(bytes.length) },
        body: bytes as BodyInit,
        // @ts-expect-error Node's fetch needs it for a streamed body
        duplex: "half",
      });
      const second = await (await uploadRoute(otherNumber)).json();
      expect(second.media).toMatchObject({ id: "shared-2", sha256: first.media.sha256 });

      fakeGateway.deleteMedia.mockResolvedValue(true);
      expect((await deleteMediaAction({ mediaId: "shared-1" })).data?.deleted).toBe("shared-1");
      expect(await blobsOnDisk()).toContain(first.media.sha256);
      expect(await idsOnDisk()).not.toContain("shared-1.json");
      expect(await idsOnDisk()).toContain("shared-2.json");

      expect((await deleteMediaAction({ mediaId: "shared-2" })).data?.deleted).toBe("shared-2");
      expect(await blobsOnDisk()).not.toContain(first.media.sha256);
    });
  });

  it("gives agents a fresh download link after checking the file at WhatsApp", async () => {
    await insertLibraryMedia(database.handle!.db, { id: "link-1", phoneNumberId: PHONE, kind: "image", mimeType: "image/png", fileName: "a.png", size: 5, sha256: "s", expiresAt: new Date(Date.now() + 86_400_000) });
    await signInAs("agent");
    fakeGateway.getMedia.mockResolvedValueOnce({ id: "link-1", url: "http://x/y", mime_type: "image/png", sha256: "s", file_size: 5 });
    const result = await mediaDownloadLinkAction({ mediaId: "link-1" });
    expect(result.data).toMatchObject({ href: "/api/media/link-1?download=1", mimeType: "image/png", size: 5 });
  });

  it("uploads an expired file again from the bytes kept on disk (marketers only), retiring the old record", async () => {
    await signInAs("marketer");
    fakeGateway.uploadMedia.mockResolvedValueOnce({ id: "old-1" });
    const bytes = png(42);
    const first = await (await uploadRoute(uploadRequest(bytes, { name: "old.png", type: "image/png" }))).json();
    await database.handle!.db.update(media).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(media.id, first.media.id));

    await signInAs("agent");
    expect((await reuploadMediaAction({ mediaId: "old-1" })).serverError?.code).toBe("FORBIDDEN");

    await signInAs("marketer");
    let sent: Uint8Array | undefined;
    fakeGateway.uploadMedia.mockImplementationOnce(async (_phone: string, upload: { file: Blob }) => {
      sent = new Uint8Array(await upload.file.arrayBuffer());
      return { id: "new-1" };
    });
    const result = await reuploadMediaAction({ mediaId: "old-1" });
    expect(result.data?.media).toMatchObject({ id: "new-1", fileName: "old.png", sha256: first.media.sha256 });
    expect(sent).toEqual(bytes);
    expect(await findLibraryMedia("old-1")).toBeUndefined();
  });
});
