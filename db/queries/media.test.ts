import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "../client";
import { customerLabel } from "@/lib/inbox/customer-label";

import { connections, contacts, conversations, messages, phoneNumbers, users } from "../schema";
import { testDatabases } from "../test-databases";
import { ALL_CONNECTIONS, type ConnectionScope } from "./connection-access";
import { findInboundMedia, findInboundMediaIdsInUse } from "./inbound-media";
import {
  findLibraryMedia,
  findLibraryMediaIdsInUse,
  findReusableMedia,
  insertLibraryMedia,
  isMediaSha256InUse,
  listInboundMedia,
  listLibraryMedia,
  listMediaSha256sInUse,
  markMediaDeleted,
} from "./media";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2025-03-10T12:00:00Z");
const at = (days: number) => new Date(now.getTime() + days * DAY);
/** pn-1 belongs to conn-a, pn-2 to conn-b. */
const onlyA: ConnectionScope = { all: false, connectionIds: ["conn-a"] };
const onlyB: ConnectionScope = { all: false, connectionIds: ["conn-b"] };
const none: ConnectionScope = { all: false, connectionIds: [] };

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

    await db.insert(connections).values([
      { id: "conn-a", status: "ACTIVE" },
      { id: "conn-b", status: "ACTIVE" },
    ]);
    await db.insert(phoneNumbers).values([
      { id: "pn-1", wabaId: "w", connectionId: "conn-a" },
      { id: "pn-2", wabaId: "w2", connectionId: "conn-b" },
    ]);
    await db.insert(contacts).values({ waId: "14155550123", profileName: "Maya Thompson" });
    const [conversation] = await db.insert(conversations).values({ phoneNumberId: "pn-1", waId: "14155550123" }).returning();
    await db.insert(messages).values([
      { conversationId: conversation!.id, wamid: "w.1", direction: "inbound", type: "image", content: { image: { id: "in-1", mime_type: "image/jpeg", caption: "Broken cup" } }, sentAt: at(-2) },
      { conversationId: conversation!.id, wamid: "w.2", direction: "inbound", type: "document", content: { document: { id: "in-2", mime_type: "application/pdf", filename: "receipt.pdf" } }, sentAt: at(-1) },
      { conversationId: conversation!.id, wamid: "w.3", direction: "inbound", type: "text", content: { text: { body: "hello" } }, sentAt: at(-1) },
      { conversationId: conversation!.id, wamid: "w.4", direction: "outbound", type: "image", content: { image: { id: "m-new" } }, sentAt: at(0) },
      // Sent from the dashboard with a library file that was deleted since.
      { conversationId: conversation!.id, wamid: "w.6", direction: "outbound", type: "image", content: { image: { id: "m-deleted" } }, sentAt: at(0) },
      // Sent from the WhatsApp Business app on the phone: WhatsApp reports it, with its media id.
      { conversationId: conversation!.id, wamid: "w.7", direction: "outbound", origin: "business_app", type: "document", content: { document: { id: "echo-1", filename: "menu.pdf" } }, sentAt: at(-1) },
      { conversationId: conversation!.id, wamid: "w.8", direction: "inbound", type: "reaction", content: { reaction: { id: "not-media", emoji: "👍" } }, sentAt: at(-1) },
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
    const rows = await listLibraryMedia(handle.db, ALL_CONNECTIONS, "pn-1");
    expect(rows.map((row) => row.id)).toEqual(["m-new", "m-old-expired"]);
    expect(rows[0]!.uploaderName).toBe("Mia Marketer");
  });

  it("lists a number's library only to users of its connection", async () => {
    expect((await listLibraryMedia(handle.db, onlyA, "pn-1")).map((row) => row.id)).toEqual(["m-new", "m-old-expired"]);
    expect(await listLibraryMedia(handle.db, onlyB, "pn-1")).toEqual([]);
    expect(await listLibraryMedia(handle.db, none, "pn-1")).toEqual([]);
    expect((await listLibraryMedia(handle.db, onlyB, "pn-2")).map((row) => row.id)).toEqual(["m-other-number"]);
  });

  it("finds a record unless deleted or on a number outside the scope", async () => {
    expect((await findLibraryMedia(handle.db, ALL_CONNECTIONS, "m-new"))?.fileName).toBe("m-new.png");
    expect((await findLibraryMedia(handle.db, onlyA, "m-new"))?.fileName).toBe("m-new.png");
    expect(await findLibraryMedia(handle.db, onlyB, "m-new")).toBeUndefined();
    expect(await findLibraryMedia(handle.db, ALL_CONNECTIONS, "m-deleted")).toBeUndefined();
    expect(await findLibraryMedia(handle.db, ALL_CONNECTIONS, "unknown")).toBeUndefined();
  });

  it("knows which bytes live records still hold, whatever their number", async () => {
    expect(await isMediaSha256InUse(handle.db, "aaa")).toBe(true);
    expect(await isMediaSha256InUse(handle.db, "ccc")).toBe(true); // pn-2's
    expect(await isMediaSha256InUse(handle.db, "ddd")).toBe(false); // deleted
    expect(await listMediaSha256sInUse(handle.db)).toEqual(new Set(["aaa", "bbb", "ccc"]));
    expect(await findLibraryMediaIdsInUse(handle.db, ["m-new", "m-deleted", "in-1", "nothing"])).toEqual(new Set(["m-new"]));
  });

  it("finds media WhatsApp reported (a customer's, the Business app's) on a number of the scope, never a dashboard send", async () => {
    expect(await findInboundMedia(handle.db, ALL_CONNECTIONS, "in-1")).toMatchObject({ mediaId: "in-1", kind: "image", mimeType: "image/jpeg", phoneNumberId: "pn-1", connectionId: "conn-a" });
    expect(await findInboundMedia(handle.db, onlyA, "in-2")).toMatchObject({ filename: "receipt.pdf" });
    expect(await findInboundMedia(handle.db, onlyB, "in-1")).toBeUndefined();
    expect(await findInboundMedia(handle.db, none, "in-1")).toBeUndefined();
    expect(await findInboundMedia(handle.db, ALL_CONNECTIONS, "echo-1")).toMatchObject({ filename: "menu.pdf" });
    // A deleted library file stays unknown though a sent message still names it.
    expect(await findInboundMedia(handle.db, ALL_CONNECTIONS, "m-deleted")).toBeUndefined();
    expect(await findInboundMedia(handle.db, ALL_CONNECTIONS, "not-media")).toBeUndefined();
    expect(await findInboundMediaIdsInUse(handle.db, ["in-1", "in-3", "echo-1", "m-deleted", "m-new", "not-media", "nothing"])).toEqual(new Set(["in-1", "in-3", "echo-1"]));
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
    const rows = await listInboundMedia(handle.db, ALL_CONNECTIONS, "pn-1");
    expect(rows.map((row) => [row.mediaId, row.kind, row.fileName, row.caption, row.customerName])).toEqual([
      ["in-2", "document", "receipt.pdf", null, "Maya Thompson"],
      ["in-1", "image", null, "Broken cup", "Maya Thompson"],
      ["in-3", "image", null, null, null],
    ]);
    expect(await listInboundMedia(handle.db, ALL_CONNECTIONS, "pn-2")).toEqual([]);
    expect((await listInboundMedia(handle.db, onlyA, "pn-1")).length).toBe(3);
    expect(await listInboundMedia(handle.db, onlyB, "pn-1")).toEqual([]);
  });

  it("carries who sent it, so a username-only customer is labelled @username, never +US.…", async () => {
    const rows = await listInboundMedia(handle.db, ALL_CONNECTIONS, "pn-1");
    const fromUsername = rows.find((row) => row.mediaId === "in-3")!;
    expect(fromUsername).toMatchObject({
      customerWaId: "US.13491208655302741918",
      customerName: null,
      customerPhone: null,
      customerUserId: "US.13491208655302741918",
      customerUsername: "lumen.roastery",
    });
    expect(customerLabel({ ...fromUsername, waId: fromUsername.customerWaId }, () => "Deleted contact")).toBe("@lumen.roastery");
    const fromMaya = rows.find((row) => row.mediaId === "in-1")!;
    expect(customerLabel({ ...fromMaya, waId: fromMaya.customerWaId }, () => "Deleted contact")).toBe("Maya Thompson");
  });
});
