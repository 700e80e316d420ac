import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "../client";
import { customerLabel } from "@/lib/inbox/customer-label";

import { contacts, conversations, messages, phoneNumbers, users } from "../schema";
import { testDatabases } from "../test-databases";
import { findLibraryMedia, findReusableMedia, insertLibraryMedia, listInboundMedia, listLibraryMedia, markMediaDeleted } from "./media";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2025-03-10T12:00:00Z");
const at = (days: number) => new Date(now.getTime() + days * DAY);

describe.each(testDatabases)("media library queries on $name", (database) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await database.open();
    const { db } = handle;
    const [marketer] = await db.insert(users).values({ email: "m@x.test", name: "Mia Marketer", passwordHash: "x", role: "marketer" }).returning();
    const row = (id: string, sha256: string, uploadedDaysAgo: number, phoneNumberId = "pn-1") => ({
      id,
      phoneNumberId,
      kind: "image",
      mimeType: "image/png",
      fileName: `${id}.png`,
      size: 1000,
      sha256,
      uploaderId: marketer!.id,
      uploadedAt: at(-uploadedDaysAgo),
      expiresAt: at(30 - uploadedDaysAgo),
    });
    await insertLibraryMedia(db, row("m-new", "aaa", 1));
    await insertLibraryMedia(db, row("m-old-expired", "bbb", 40));
    await insertLibraryMedia(db, row("m-other-number", "ccc", 2, "pn-2"));
    await insertLibraryMedia(db, row("m-deleted", "ddd", 3));
    await markMediaDeleted(db, "m-deleted", now);

    await db.insert(phoneNumbers).values({ id: "pn-1", wabaId: "w" });
    await db.insert(contacts).values({ waId: "14155550123", profileName: "Maya Thompson" });
    const [conversation] = await db.insert(conversations).values({ phoneNumberId: "pn-1", waId: "14155550123" }).returning();
    await db.insert(messages).values([
      { conversationId: conversation!.id, wamid: "w.1", direction: "inbound", type: "image", content: { image: { id: "in-1", mime_type: "image/jpeg", caption: "Broken cup" } }, sentAt: at(-2) },
      { conversationId: conversation!.id, wamid: "w.2", direction: "inbound", type: "document", content: { document: { id: "in-2", mime_type: "application/pdf", filename: "receipt.pdf" } }, sentAt: at(-1) },
      { conversationId: conversation!.id, wamid: "w.3", direction: "inbound", type: "text", content: { text: { body: "hello" } }, sentAt: at(-1) },
      { conversationId: conversation!.id, wamid: "w.4", direction: "outbound", type: "image", content: { image: { id: "m-new" } }, sentAt: at(0) },
    ]);
    // A customer known only by username and business-scoped user id: no number, no profile name.
    await db.insert(contacts).values({ waId: "US.13491208655302741918", userId: "US.13491208655302741918", username: "lumen.roastery" });
    const [usernameOnly] = await db.insert(conversations).values({ phoneNumberId: "pn-1", waId: "US.13491208655302741918" }).returning();
    await db.insert(messages).values({
      conversationId: usernameOnly!.id,
      wamid: "w.5",
      direction: "inbound",
      type: "image",
      content: { image: { id: "in-3", mime_type: "image/jpeg" } },
      sentAt: at(-3),
    });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("lists a number's uploads newest first with the uploader, expired ones included, deleted ones not", async () => {
    const rows = await listLibraryMedia(handle.db, "pn-1");
    expect(rows.map((row) => row.id)).toEqual(["m-new", "m-old-expired"]);
    expect(rows[0]!.uploaderName).toBe("Mia Marketer");
  });

  it("finds a record unless deleted", async () => {
    expect((await findLibraryMedia(handle.db, "m-new"))?.fileName).toBe("m-new.png");
    expect(await findLibraryMedia(handle.db, "m-deleted")).toBeUndefined();
  });

  it("reuses only live uploads of the same bytes to the same number", async () => {
    expect((await findReusableMedia(handle.db, "pn-1", "aaa", now))?.id).toBe("m-new");
    expect(await findReusableMedia(handle.db, "pn-1", "bbb", now)).toBeUndefined(); // expired
    expect(await findReusableMedia(handle.db, "pn-1", "ccc", now)).toBeUndefined(); // another number
    expect(await findReusableMedia(handle.db, "pn-1", "ddd", now)).toBeUndefined(); // deleted
  });

  it("marks a record deleted once", async () => {
    await insertLibraryMedia(handle.db, { id: "m-gone", phoneNumberId: "pn-3", kind: "audio", mimeType: "audio/mpeg", fileName: "a.mp3", size: 1, sha256: "eee", expiresAt: at(30) });
    expect(await markMediaDeleted(handle.db, "m-gone", now)).toBe(true);
    expect(await markMediaDeleted(handle.db, "m-gone", now)).toBe(false);
  });

  it("lists media customers sent, from the messages that carried it", async () => {
    const rows = await listInboundMedia(handle.db, "pn-1");
    expect(rows.map((row) => [row.mediaId, row.kind, row.fileName, row.caption, row.customerName])).toEqual([
      ["in-2", "document", "receipt.pdf", null, "Maya Thompson"],
      ["in-1", "image", null, "Broken cup", "Maya Thompson"],
      ["in-3", "image", null, null, null],
    ]);
    expect(await listInboundMedia(handle.db, "pn-2")).toEqual([]);
  });

  it("carries who sent it, so a username-only customer is labelled @username, never +US.…", async () => {
    const rows = await listInboundMedia(handle.db, "pn-1");
    const fromUsername = rows.find((row) => row.mediaId === "in-3")!;
    expect(fromUsername).toMatchObject({
      customerWaId: "US.13491208655302741918",
      customerName: null,
      customerPhone: null,
      customerUserId: "US.13491208655302741918",
      customerUsername: "lumen.roastery",
    });
    expect(customerLabel({ ...fromUsername, waId: fromUsername.customerWaId })).toBe("@lumen.roastery");
    const fromMaya = rows.find((row) => row.mediaId === "in-1")!;
    expect(customerLabel({ ...fromMaya, waId: fromMaya.customerWaId })).toBe("Maya Thompson");
  });
});
