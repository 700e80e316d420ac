import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { insertLibraryMedia, markMediaDeleted } from "@/db/queries/media";
import { findUserByEmail } from "@/db/queries/users";
import { ingestDelivery } from "@/db/queries/webhook-ingest";
import { connections, contacts, conversations, messages, phoneNumbers } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";
import { GraphError, MatonError } from "@/lib/gateway";
import { indexMedia, storeMedia } from "@/lib/media/cache";
import { tinyPng } from "@/lib/media/test-files";
import { inbound, PHONE_NUMBER_ID } from "@/lib/webhooks/test-payloads";
import { recordsFromDelivery } from "@/lib/whatsapp/inbound";

import { GET } from "./route";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
const fakeGateway = vi.hoisted(() => ({ getMedia: vi.fn(), fetchMediaBytes: vi.fn() }));
vi.mock("@/lib/gateway/server", () => ({ gateway: () => ({ media: fakeGateway }) }));

const DAY = 24 * 60 * 60 * 1000;
/** The webhook payloads' number, on conn-1; OTHER_PHONE is on conn-2. */
const PHONE = PHONE_NUMBER_ID;
const OTHER_PHONE = "pn-other";

const graphError = (status: number, code: number, message = "Unsupported get request. Object with ID 'x' does not exist") =>
  new GraphError(status, { message, code, error_subcode: 33, type: "GraphMethodException" }, {}, { method: "GET", path: "x" });
const mediaInfo = (mediaId: string, fileSize = 1000) => ({ id: mediaId, url: `https://lookaside.example/${mediaId}`, mime_type: "image/jpeg", sha256: "abc", file_size: fileSize });
const streamOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });

async function customerSentImage(mediaId: string, at: Date, phoneNumberId = PHONE) {
  const payload = inbound("15551112222", "image", { id: mediaId, mime_type: "image/jpeg", sha256: "abc" }, { at, phoneNumberId });
  await ingestDelivery(database.handle.db, recordsFromDelivery(payload, new Date()));
}

async function libraryFile(id: string, phoneNumberId = PHONE) {
  return insertLibraryMedia(database.handle.db, {
    id,
    phoneNumberId,
    kind: "image",
    mimeType: "image/png",
    fileName: `${id}.png`,
    size: 10,
    sha256: "0".repeat(64),
    expiresAt: new Date(Date.now() + 10 * DAY),
  });
}

const get = (mediaId: string, init?: RequestInit) => GET(new Request(`http://127.0.0.1/api/media/${mediaId}`, init), { params: Promise.resolve({ mediaId }) });

describe.each(testDatabases)("the media route on $name", (testDatabase) => {
  let mediaDir: string;
  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), "media-route-test-"));
    process.env.MEDIA_DIR = mediaDir;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
  });
  afterAll(async () => {
    await rm(mediaDir, { recursive: true, force: true });
  });

  const signInAs = async (role: "agent" | "marketer", connectionIds: "all" | string[] = "all") => {
    const { db } = database.handle;
    const userId = (await findUserByEmail(db, `${role}@demo.test`))!.id;
    await replaceConnectionAccess(db, userId, connectionIds === "all" ? { all: true, connectionIds: [] } : { all: false, connectionIds });
    session.current = { userId, sessionId: (await startSession(db, { userId })).id };
  };

  beforeEach(async () => {
    database.handle = await testDatabase.open();
    const { db } = database.handle;
    await seedDemoUsers(db);
    await db.insert(connections).values([
      { id: "conn-1", status: "ACTIVE", isDefault: true },
      { id: "conn-2", status: "ACTIVE" },
    ]);
    await db.insert(phoneNumbers).values([
      { id: PHONE, wabaId: "w", connectionId: "conn-1" },
      { id: OTHER_PHONE, wabaId: "w2", connectionId: "conn-2" },
    ]);
    await signInAs("agent");
    fakeGateway.getMedia.mockReset();
    fakeGateway.fetchMediaBytes.mockReset();
  });
  afterEach(async () => {
    await database.handle.close();
  });

  describe("ids the database does not know, or the user may not see", () => {
    const notFound = { error: { code: "NOT_FOUND", message: "This file is not in the media library or in any conversation you can see." } };

    it("answers 404 for an unknown id, without asking the gateway", async () => {
      const response = await get("123456789");
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(notFound);
      expect(fakeGateway.getMedia).not.toHaveBeenCalled();
    });

    it("answers 404 for a malformed id", async () => {
      expect((await get("..%2Fetc")).status).toBe(404);
      expect(fakeGateway.getMedia).not.toHaveBeenCalled();
    });

    it("answers 404 for a deleted library file, though its bytes were kept on disk", async () => {
      await libraryFile("lib-deleted");
      const bytes = tinyPng({ seed: 1 });
      await storeMedia("lib-deleted", streamOf(bytes), { mimeType: "image/png" });
      const before = await get("lib-deleted");
      expect(before.status).toBe(200);
      expect(new Uint8Array(await before.arrayBuffer())).toEqual(bytes);

      await markMediaDeleted(database.handle.db, "lib-deleted");
      const after = await get("lib-deleted");
      expect(after.status).toBe(404);
      expect(await after.json()).toEqual(notFound);
      expect(fakeGateway.getMedia).not.toHaveBeenCalled();
    });

    it("answers 404 for a deleted library file a sent message still names", async () => {
      await libraryFile("lib-sent");
      await database.handle.db.insert(contacts).values({ waId: "15551112222" });
      const [conversation] = await database.handle.db.insert(conversations).values({ phoneNumberId: PHONE, waId: "15551112222" }).returning();
      await database.handle.db.insert(messages).values({
        conversationId: conversation!.id,
        wamid: "wamid.sent-1",
        direction: "outbound",
        type: "image",
        content: { image: { id: "lib-sent" } },
        sentAt: new Date(),
      });
      await markMediaDeleted(database.handle.db, "lib-sent");
      expect((await get("lib-sent")).status).toBe(404);
      expect(fakeGateway.getMedia).not.toHaveBeenCalled();
    });

    it("answers 404 for files on a number outside the user's connections, exactly as for an unknown id", async () => {
      await libraryFile("lib-elsewhere", PHONE);
      await customerSentImage("in-elsewhere", new Date(), PHONE);
      await indexMedia("lib-elsewhere", { sha256: "0".repeat(64), mimeType: "image/png", size: 10 });
      await signInAs("agent", ["conn-2"]);
      for (const id of ["lib-elsewhere", "in-elsewhere"]) {
        const response = await get(id);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual(notFound);
      }
      await signInAs("agent", []);
      expect((await get("in-elsewhere")).status).toBe(404);
      expect(fakeGateway.getMedia).not.toHaveBeenCalled();

      // The same user, given the number's connection, gets it.
      await signInAs("agent", ["conn-1"]);
      fakeGateway.getMedia.mockResolvedValueOnce(mediaInfo("in-elsewhere"));
      fakeGateway.fetchMediaBytes.mockResolvedValueOnce({ mimeType: "image/jpeg", body: streamOf(new Uint8Array([0xff, 0xd8, 0xff])) });
      expect((await get("in-elsewhere")).status).toBe(200);
    });
  });

  describe("known ids", () => {
    it("fetches a customer's file once through the gateway with the request's signal, then serves it from disk", async () => {
      await customerSentImage("8100", new Date());
      fakeGateway.getMedia.mockResolvedValueOnce(mediaInfo("8100"));
      fakeGateway.fetchMediaBytes.mockResolvedValueOnce({ mimeType: "image/jpeg", body: streamOf(new Uint8Array([0xff, 0xd8, 0xff, 1])) });
      const controller = new AbortController();
      const first = await get("8100", { signal: controller.signal });
      expect(first.status).toBe(200);
      expect(first.headers.get("x-content-type-options")).toBe("nosniff");
      expect(new Uint8Array(await first.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 1]));
      const [mediaId, options] = fakeGateway.getMedia.mock.calls[0]!;
      expect(mediaId).toBe("8100");
      expect(options).toMatchObject({ connectionId: "conn-1", phoneNumberId: PHONE });
      expect(options.signal).toBeInstanceOf(AbortSignal);
      expect(fakeGateway.fetchMediaBytes.mock.calls[0]![1].signal).toBeInstanceOf(AbortSignal);

      expect((await get("8100")).status).toBe(200);
      expect(fakeGateway.getMedia).toHaveBeenCalledTimes(1);
    });

    it("drops the gateway call when the browser gives up", async () => {
      await customerSentImage("8101", new Date());
      // A call waiting for the gateway's budget: it ends only when its signal aborts.
      fakeGateway.getMedia.mockImplementationOnce(
        (_id: string, options: { signal: AbortSignal }) =>
          new Promise((_resolve, reject) => options.signal.addEventListener("abort", () => reject(options.signal.reason), { once: true })),
      );
      const controller = new AbortController();
      const answer = get("8101", { signal: controller.signal });
      await vi.waitFor(() => expect(fakeGateway.getMedia).toHaveBeenCalled());
      controller.abort();
      expect((await answer).status).toBe(499);
      expect(fakeGateway.fetchMediaBytes).not.toHaveBeenCalled();
    });

    it("serves a library file from the bytes kept for the same file, without the gateway", async () => {
      const bytes = tinyPng({ seed: 2 });
      const kept = await storeMedia("lib-first", streamOf(bytes), { mimeType: "image/png" });
      await insertLibraryMedia(database.handle.db, {
        id: "lib-second",
        phoneNumberId: PHONE,
        kind: "image",
        mimeType: "image/png",
        fileName: "second.png",
        size: bytes.length,
        sha256: kept.sha256,
        expiresAt: new Date(Date.now() + 10 * DAY),
      });
      const response = await get("lib-second");
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
      expect(fakeGateway.getMedia).not.toHaveBeenCalled();
    });
  });

  describe("when WhatsApp no longer has the file", () => {
    it("answers 404 with what to do, for a customer's file after about a week", async () => {
      await customerSentImage("9001", new Date(Date.now() - 8 * DAY));
      fakeGateway.getMedia.mockRejectedValueOnce(graphError(404, 100));
      const response = await get("9001");
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: {
          code: "MEDIA_EXPIRED",
          message:
            "This file has expired at WhatsApp (media from customers can be downloaded for about 7 days) and was never opened here. Ask the customer to send it again.",
        },
      });
    });

    it("answers 404, not 502, for a Graph 400 or 404 within the week", async () => {
      await customerSentImage("9002", new Date(Date.now() - DAY));
      for (const error of [graphError(400, 100, "Invalid parameter"), graphError(404, 100)]) {
        fakeGateway.getMedia.mockRejectedValueOnce(error);
        const response = await get("9002");
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({
          error: { code: "MEDIA_EXPIRED", message: "WhatsApp no longer has this file (it expired or was deleted) and it was never opened here. Ask the customer to send it again." },
        });
      }
    });

    it("answers 404 for a library file WhatsApp forgot, saying to upload it again", async () => {
      await libraryFile("lib-forgotten");
      fakeGateway.getMedia.mockRejectedValueOnce(graphError(400, 100));
      const response = await get("lib-forgotten");
      expect(response.status).toBe(404);
      expect((await response.json()).error).toEqual({
        code: "MEDIA_EXPIRED",
        message: "WhatsApp no longer has this file (it expired or was deleted there) and no copy is kept here. Upload it again from your computer.",
      });
    });

    it("answers 404 when the bytes are gone between the look-up and the download", async () => {
      await customerSentImage("9003", new Date());
      fakeGateway.getMedia.mockResolvedValueOnce(mediaInfo("9003"));
      fakeGateway.fetchMediaBytes.mockRejectedValueOnce(graphError(404, 131052, "Media download error"));
      const response = await get("9003");
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("MEDIA_EXPIRED");
    });
  });

  describe("when the gateway fails", () => {
    it("answers 502 with the plain explanation for an upstream server error", async () => {
      await customerSentImage("9004", new Date());
      fakeGateway.getMedia.mockRejectedValueOnce(new MatonError(502, { error: { message: "Bad gateway" } }, { method: "GET", path: "9004" }));
      const response = await get("9004");
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body.error.code).toBe("GATEWAY_ERROR");
      expect(body.error.message.length).toBeGreaterThan(20);
    });

    it("answers 502, not 404, when Graph refuses for a reason other than the file (rate limit, server error)", async () => {
      await customerSentImage("9006", new Date());
      for (const error of [graphError(429, 4, "Application request limit reached"), graphError(500, 2, "Service temporarily unavailable")]) {
        fakeGateway.getMedia.mockRejectedValueOnce(error);
        const response = await get("9006");
        expect(response.status).toBe(502);
        expect((await response.json()).error.code).toBe("GATEWAY_ERROR");
      }
    });

    it("is not fetched when larger than WhatsApp carries, and says so", async () => {
      await customerSentImage("8001", new Date());
      fakeGateway.getMedia.mockResolvedValueOnce(mediaInfo("8001", 150 * 1024 * 1024));
      const response = await get("8001");
      expect(response.status).toBe(413);
      expect((await response.json()).error).toMatchObject({ code: "MEDIA_TOO_LARGE", message: expect.stringMatching(/150 MB, larger than the 100 MB/) });
      expect(fakeGateway.fetchMediaBytes).not.toHaveBeenCalled();
    });

    it("says plainly when WhatsApp has the file but its bytes do not come through the gateway", async () => {
      await customerSentImage("8002", new Date());
      fakeGateway.getMedia.mockResolvedValueOnce(mediaInfo("8002"));
      fakeGateway.fetchMediaBytes.mockRejectedValueOnce(new MatonError(502, { error: { message: "Bad gateway" } }, { method: "GET", path: "https://lookaside.example/8002" }));
      const response = await get("8002");
      expect(response.status).toBe(502);
      expect((await response.json()).error).toMatchObject({ code: "MEDIA_UNREACHABLE", message: expect.stringMatching(/could not be fetched through the Maton gateway.*Try again/) });
      const partials = (await readdir(path.join(mediaDir, "blobs")).catch(() => [] as string[])).filter((name) => name.startsWith(".partial"));
      expect(partials).toEqual([]);
    });
  });

  it("is refused to a visitor without a session", async () => {
    await customerSentImage("9005", new Date());
    session.current = undefined;
    expect((await get("9005")).status).toBe(401);
  });
});
