import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { insertLibraryMedia, markMediaDeleted } from "@/db/queries/media";
import { contacts, conversations, messages, phoneNumbers } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";

import { storeMedia } from "./cache";
import { releaseMediaBytes, sweepOrphanMedia } from "./sweep";
import { tinyPng } from "./test-files";

const DAY = 24 * 60 * 60 * 1000;
const PHONE = "pn-sweep";

const streamOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });

describe.each(testDatabases)("media bytes on disk, on $name", (testDatabase) => {
  let mediaDir: string;
  let handle: DatabaseHandle;
  const blobs = async () => (await readdir(path.join(mediaDir, "blobs")).catch(() => [] as string[])).filter((name) => !name.startsWith("."));
  const ids = async () => (await readdir(path.join(mediaDir, "ids")).catch(() => [] as string[])).sort();
  const partials = async () => (await readdir(path.join(mediaDir, "blobs")).catch(() => [] as string[])).filter((name) => name.startsWith(".partial-"));

  /** A library record whose bytes are kept on disk under its id, as an upload leaves them. */
  async function keptLibraryFile(id: string, bytes: Uint8Array) {
    const entry = await storeMedia(id, streamOf(bytes), { mimeType: "image/png" });
    await insertLibraryMedia(handle.db, {
      id,
      phoneNumberId: PHONE,
      kind: "image",
      mimeType: "image/png",
      fileName: `${id}.png`,
      size: bytes.length,
      sha256: entry.sha256,
      expiresAt: new Date(Date.now() + 10 * DAY),
    });
    return entry;
  }

  /** A customer's file, opened once in the dashboard (so cached on disk). */
  let customers = 0;
  async function cachedCustomerFile(id: string, bytes: Uint8Array) {
    customers += 1;
    const waId = `1555000${customers}`;
    await handle.db.insert(contacts).values({ waId });
    const [conversation] = await handle.db.insert(conversations).values({ phoneNumberId: PHONE, waId }).returning();
    await handle.db.insert(messages).values({
      conversationId: conversation!.id,
      wamid: `wamid.${id}`,
      direction: "inbound",
      type: "image",
      content: { image: { id, mime_type: "image/png" } },
      sentAt: new Date(),
    });
    return storeMedia(id, streamOf(bytes), { mimeType: "image/png" });
  }

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), "media-sweep-test-"));
    process.env.MEDIA_DIR = mediaDir;
    (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
  });
  afterAll(async () => {
    await rm(mediaDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await rm(path.join(mediaDir, "blobs"), { recursive: true, force: true });
    await rm(path.join(mediaDir, "ids"), { recursive: true, force: true });
    handle = await testDatabase.open();
    await handle.db.insert(phoneNumbers).values({ id: PHONE, wabaId: "w" });
  });
  afterEach(async () => {
    await handle.close();
  });

  describe("after a library file is deleted", () => {
    it("removes its bytes and its entry when nothing else refers to them", async () => {
      const kept = await keptLibraryFile("lib-1", tinyPng({ seed: 1 }));
      await markMediaDeleted(handle.db, "lib-1");
      expect(await releaseMediaBytes(handle.db, { id: "lib-1", sha256: kept.sha256 })).toEqual({ bytesRemoved: true });
      expect(await blobs()).toEqual([]);
      expect(await ids()).toEqual([]);
    });

    it("keeps the bytes while another live record (any number) holds them", async () => {
      const bytes = tinyPng({ seed: 2 });
      const kept = await keptLibraryFile("lib-2a", bytes);
      await keptLibraryFile("lib-2b", bytes);
      await markMediaDeleted(handle.db, "lib-2a");
      expect(await releaseMediaBytes(handle.db, { id: "lib-2a", sha256: kept.sha256 })).toEqual({ bytesRemoved: false });
      expect(await blobs()).toEqual([kept.sha256]);
      expect(await ids()).toEqual(["lib-2b.json"]);
    });

    it("keeps the bytes while a customer's cached file is the same file", async () => {
      const bytes = tinyPng({ seed: 3 });
      const kept = await keptLibraryFile("lib-3", bytes);
      await cachedCustomerFile("in-3", bytes);
      await markMediaDeleted(handle.db, "lib-3");
      expect(await releaseMediaBytes(handle.db, { id: "lib-3", sha256: kept.sha256 })).toEqual({ bytesRemoved: false });
      expect(await blobs()).toEqual([kept.sha256]);
      expect(await ids()).toEqual(["in-3.json"]);
    });
  });

  describe("the sweep", () => {
    it("removes what a crash between a deletion's commit and its file removal left, and keeps every live file", async () => {
      const live = await keptLibraryFile("lib-live", tinyPng({ seed: 10 }));
      const customer = await cachedCustomerFile("in-live", tinyPng({ seed: 11 }));
      const orphan = await keptLibraryFile("lib-orphan", tinyPng({ seed: 12 }));
      // Deleted, but the process ended before its bytes went.
      await markMediaDeleted(handle.db, "lib-orphan");
      // Deleted too, though its bytes are also a customer's file: they stay for that one.
      const sharedBytes = tinyPng({ seed: 13 });
      const shared = await keptLibraryFile("lib-shared", sharedBytes);
      await cachedCustomerFile("in-shared", sharedBytes);
      await markMediaDeleted(handle.db, "lib-shared");

      const later = new Date(Date.now() + 2 * DAY);
      expect(await sweepOrphanMedia(handle.db, { now: later })).toEqual({ blobsRemoved: 1, indexEntriesRemoved: 2, partialsRemoved: 0 });
      expect((await blobs()).sort()).toEqual([live.sha256, customer.sha256, shared.sha256].sort());
      expect(await blobs()).not.toContain(orphan.sha256);
      expect(await ids()).toEqual(["in-live.json", "in-shared.json", "lib-live.json"]);

      // Nothing left to do on the next run.
      expect(await sweepOrphanMedia(handle.db, { now: later })).toEqual({ blobsRemoved: 0, indexEntriesRemoved: 0, partialsRemoved: 0 });
    });

    it("leaves bytes written within the grace period (an upload whose record is not committed yet)", async () => {
      const entry = await storeMedia("upload-in-flight", streamOf(tinyPng({ seed: 20 })), { mimeType: "image/png" });
      await rm(path.join(mediaDir, "ids", "upload-in-flight.json"));
      expect(await sweepOrphanMedia(handle.db)).toMatchObject({ blobsRemoved: 0 });
      expect(await blobs()).toEqual([entry.sha256]);
      expect(await sweepOrphanMedia(handle.db, { now: new Date(Date.now() + 2 * DAY) })).toMatchObject({ blobsRemoved: 1 });
      expect(await blobs()).toEqual([]);
    });

    it("removes partial uploads a process left behind, once they are a day old", async () => {
      await storeMedia("any", streamOf(tinyPng({ seed: 30 })), { mimeType: "image/png" });
      await writeFile(path.join(mediaDir, "blobs", ".partial-left-behind"), "half a file");
      expect(await sweepOrphanMedia(handle.db, { now: new Date(Date.now() + 60_000) })).toMatchObject({ partialsRemoved: 0 });
      expect(await partials()).toEqual([".partial-left-behind"]);
      expect(await sweepOrphanMedia(handle.db, { now: new Date(Date.now() + 2 * DAY) })).toMatchObject({ partialsRemoved: 1 });
      expect(await partials()).toEqual([]);
    });
  });
});
