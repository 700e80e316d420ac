import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { listConversations } from "@/db/queries/conversations";
import { readCounter } from "@/db/queries/counters";
import { contacts, conversations, liveEvents, messages, phoneNumbers, templates, webhookEvents } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { publicRateLimit } from "@/lib/http/rate-limit";
import { REJECTED_DELIVERIES_COUNTER } from "@/lib/webhooks/ingest";
import { webhookRefusals } from "@/lib/webhooks/refusals";
import { signWebhookBody } from "@/lib/webhooks/signature";
import {
  delivery,
  DISPLAY_NUMBER,
  inbound,
  messagesValue,
  PHONE_NUMBER_ID,
  status,
  unix,
  WABA_ID,
  wamid,
} from "@/lib/webhooks/test-payloads";
import { DEMO_APP_SECRET, DEMO_VERIFY_TOKEN } from "@/lib/whatsapp/demo";

import { GET, POST } from "./route";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

const CUSTOMER = "15551234567";
const URL_BASE = "http://127.0.0.1:3000/api/webhooks/whatsapp";

function post(payload: unknown, options: { signature?: string | null; raw?: string } = {}) {
  const body = options.raw ?? JSON.stringify(payload);
  const headers = new Headers({ "Content-Type": "application/json" });
  const signature = options.signature === undefined ? signWebhookBody(body, DEMO_APP_SECRET) : options.signature;
  if (signature !== null) headers.set("X-Hub-Signature-256", signature);
  return POST(new Request(URL_BASE, { method: "POST", headers, body }));
}

describe.each(testDatabases)("WhatsApp webhook route on $name", (testDatabase) => {
  let db: DatabaseHandle["db"];
  beforeEach(async () => {
    database.handle = await testDatabase.open();
    db = database.handle.db;
    publicRateLimit("webhookRefusals").clear();
  });
  afterEach(async () => {
    await webhookRefusals().flush();
    await database.handle.close();
  });

  const allMessages = () => db.select().from(messages).orderBy(messages.sentAt);
  const onlyConversation = async () => {
    const rows = await db.select().from(conversations);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  describe("handshake", () => {
    it("echoes the challenge for the right verify token", async () => {
      const response = await GET(
        new Request(`${URL_BASE}?hub.mode=subscribe&hub.verify_token=${DEMO_VERIFY_TOKEN}&hub.challenge=1158201444`),
      );
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("1158201444");
    });

    it("refuses a wrong token or mode with 403", async () => {
      for (const query of [
        "hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
        `hub.mode=unsubscribe&hub.verify_token=${DEMO_VERIFY_TOKEN}&hub.challenge=1`,
        "hub.challenge=1",
      ]) {
        expect((await GET(new Request(`${URL_BASE}?${query}`))).status).toBe(403);
      }
    });
  });

  describe("authentication", () => {
    it("refuses a missing or wrong signature with 401, stores nothing but a count, written later", async () => {
      const payload = inbound(CUSTOMER, "text", { body: "hello" });
      expect((await post(payload, { signature: null })).status).toBe(401);
      expect((await post(payload, { signature: signWebhookBody("other body", DEMO_APP_SECRET) })).status).toBe(401);
      expect((await post(payload, { signature: signWebhookBody(JSON.stringify(payload), "other-secret") })).status).toBe(401);
      expect((await post(payload, { signature: "sha256=zz" })).status).toBe(401);
      expect(await db.select().from(webhookEvents)).toEqual([]);
      expect(await allMessages()).toEqual([]);
      expect(await readCounter(db, REJECTED_DELIVERIES_COUNTER)).toBe(0);
      await webhookRefusals().flush();
      expect(await readCounter(db, REJECTED_DELIVERIES_COUNTER)).toBe(4);
    });

    it("keeps a signed body that is not JSON, with the error, so it is seen", async () => {
      expect((await post(undefined, { raw: "{not json" })).status).toBe(200);
      const [event] = await db.select().from(webhookEvents);
      expect(event).toMatchObject({ body: "{not json", processedAt: null, attention: 1 });
      expect(event!.error).toMatch(/Not a WhatsApp webhook/);
    });
  });

  describe("inbound messages", () => {
    it("stores a text, its customer and conversation, and opens the service window", async () => {
      const at = new Date("2026-05-01T09:30:00Z");
      const response = await post(inbound(CUSTOMER, "text", { body: "Hi, where is my order?" }, { at, name: "Maria" }));
      expect(response.status).toBe(200);
      const [message] = await allMessages();
      expect(message).toMatchObject({
        direction: "inbound",
        type: "text",
        content: { text: { body: "Hi, where is my order?" } },
        sentAt: at,
        status: null,
      });
      expect(await onlyConversation()).toMatchObject({
        phoneNumberId: PHONE_NUMBER_ID,
        waId: CUSTOMER,
        status: "open",
        lastInboundAt: at,
        lastMessageAt: at,
        lastMessagePreview: "Hi, where is my order?",
        unreadCount: 1,
      });
      expect(await db.select().from(contacts)).toMatchObject([{ waId: CUSTOMER, profileName: "Maria" }]);
      const [event] = await db.select().from(webhookEvents);
      expect(event).toMatchObject({ authenticatedBy: "signature", error: null });
      expect(event?.processedAt).toBeInstanceOf(Date);
      const kinds = (await db.select().from(liveEvents)).map((row) => row.kind);
      expect(kinds).toEqual(["message.created"]);
    });

    it.each([
      ["image", { id: "1001", mime_type: "image/jpeg", sha256: "abc", caption: "The box arrived broken" }, ["photo", "The box arrived broken"]],
      ["video", { id: "1002", mime_type: "video/mp4", sha256: "abc" }, ["video", ""]],
      ["audio", { id: "1003", mime_type: "audio/ogg; codecs=opus", sha256: "abc", voice: true }, ["voice", ""]],
      ["document", { id: "1004", mime_type: "application/pdf", sha256: "abc", filename: "invoice.pdf" }, ["document", "invoice.pdf"]],
      ["sticker", { id: "1005", mime_type: "image/webp", sha256: "abc", animated: false }, ["sticker", ""]],
      ["location", { latitude: 52.52, longitude: 13.405, name: "Alexanderplatz", address: "Berlin" }, ["location", "Alexanderplatz"]],
      ["contacts", [{ name: { formatted_name: "Ana Silva" }, phones: [{ phone: "+351 912 345 678" }] }], ["contacts", ""]],
      ["interactive", { type: "button_reply", button_reply: { id: "yes", title: "Yes, please" } }, ["text", "Yes, please"]],
      ["interactive", { type: "list_reply", list_reply: { id: "s1", title: "Small", description: "Up to 2 kg" } }, ["text", "Small"]],
      ["button", { payload: "STOP", text: "Stop promotions" }, ["text", "Stop promotions"]],
      ["order", { catalog_id: "cat1", product_items: [{ product_retailer_id: "sku1", quantity: 2 }], text: "two" }, ["order", ""]],
      ["system", { body: "Customer changed number", type: "customer_changed_number", wa_id: "15550000000" }, ["system", "Customer changed number"]],
    ])("stores a %s message with its content", async (type, object, [kind, detail]) => {
      await post(inbound(CUSTOMER, type, object));
      const [message] = await allMessages();
      expect(message).toMatchObject({ type, content: { [type]: object } });
      expect(await onlyConversation()).toMatchObject({ lastMessagePreviewKind: kind, lastMessagePreview: detail });
    });

    it("keeps a known customer's conversation and takes the new name WhatsApp reports, but not a missing one", async () => {
      await post(inbound(CUSTOMER, "text", { body: "first" }, { name: "Maria" }));
      await post(inbound(CUSTOMER, "text", { body: "second" }, { name: "Maria Rossi" }));
      const withoutName = inbound(CUSTOMER, "text", { body: "third" }) as { entry: Array<{ changes: Array<{ value: { contacts?: unknown } }> }> };
      delete withoutName.entry[0]!.changes[0]!.value.contacts;
      await post(withoutName);
      expect(await db.select().from(conversations)).toHaveLength(1);
      expect((await onlyConversation()).unreadCount).toBe(3);
      expect(await db.select().from(contacts)).toMatchObject([{ waId: CUSTOMER, profileName: "Maria Rossi" }]);
    });

    it("keeps unknown types as they came, with their errors", async () => {
      const errors = [{ code: 131051, title: "Message type unknown", message: "Message type unknown" }];
      await post(inbound(CUSTOMER, "unsupported", undefined, { extra: { errors } }));
      await post(inbound(CUSTOMER, "hologram", { beam: true }));
      const stored = await allMessages();
      expect(stored.map((m) => m.type).sort()).toEqual(["hologram", "unsupported"]);
      expect(stored.find((m) => m.type === "unsupported")?.content).toEqual({ errors });
      expect(stored.find((m) => m.type === "hologram")?.content).toEqual({ hologram: { beam: true } });
    });

    it("keeps the reply context, reactions and ad referrals", async () => {
      const original = wamid();
      const at = new Date("2026-05-01T10:00:00Z");
      await post(
        inbound(CUSTOMER, "text", { body: "this one" }, { at, extra: { context: { from: DISPLAY_NUMBER, id: original } } }),
      );
      await post(inbound(CUSTOMER, "reaction", { message_id: original, emoji: "👍" }));
      await post(
        inbound(CUSTOMER, "text", { body: "saw your ad" }, { at, extra: { referral: { source_type: "ad", source_id: "9" } } }),
      );
      const stored = await allMessages();
      expect(stored.find((m) => m.type === "text" && m.replyToWamid === original)).toBeDefined();
      expect(stored.find((m) => m.type === "reaction")?.content).toEqual({ reaction: { message_id: original, emoji: "👍" } });
      expect((await onlyConversation()).referralExpiresAt).toEqual(new Date(at.getTime() + 72 * 3600_000));
    });

    it("stores a message for a number it does not know yet", async () => {
      await post(inbound(CUSTOMER, "text", { body: "hi" }, { phoneNumberId: "999000111" }));
      expect(await db.select().from(phoneNumbers)).toMatchObject([
        { id: "999000111", wabaId: WABA_ID, displayPhoneNumber: DISPLAY_NUMBER, connectionId: null },
      ]);
      expect(await allMessages()).toHaveLength(1);
    });

    it("changes nothing when a delivery comes twice", async () => {
      const payload = inbound(CUSTOMER, "text", { body: "once" });
      await post(payload);
      await post(payload);
      expect(await allMessages()).toHaveLength(1);
      expect((await onlyConversation()).unreadCount).toBe(1);
      expect(await db.select().from(webhookEvents)).toHaveLength(2);
    });

    it("stores each message once when deliveries and their duplicates arrive at the same time", async () => {
      const payloads = Array.from({ length: 10 }, (_, i) => inbound(`1555777${String(i).padStart(4, "0")}`, "text", { body: `hi ${i}` }));
      const responses = await Promise.all([...payloads, ...payloads].map((payload) => post(payload)));
      expect(responses.map((response) => response.status)).toEqual(new Array(20).fill(200));
      expect(await allMessages()).toHaveLength(10);
      const events = await db.select().from(webhookEvents);
      expect(events).toHaveLength(20);
      expect(events.every((event) => event.processedAt !== null && event.error === null)).toBe(true);
      const total = (key: string) => events.reduce((sum, event) => sum + (event.summary?.[key] ?? 0), 0);
      expect([total("messages"), total("duplicates")]).toEqual([10, 10]);
    });

    it("keeps the one delivery of a batch the database refuses, with its error, and stores the others", async () => {
      const good = Array.from({ length: 6 }, (_, i) => inbound(`1555888${String(i).padStart(4, "0")}`, "text", { body: `fine ${i}` }));
      // PostgreSQL refuses a NUL character inside jsonb: the whole batch's transaction fails.
      const refused = inbound("15558889999", "text", { body: "nul \u0000 inside" });
      const responses = await Promise.all([...good.slice(0, 3), refused, ...good.slice(3)].map((payload) => post(payload)));
      expect(responses.map((response) => response.status)).toEqual(new Array(7).fill(200));
      expect(await allMessages()).toHaveLength(6);
      const events = await db.select().from(webhookEvents);
      expect(events).toHaveLength(7);
      const failed = events.filter((event) => event.error !== null);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ processedAt: null });
      expect(failed[0]!.error).not.toMatch(/insert into/);
      expect(failed[0]!.body).toContain("15558889999");
    });

    it("reopens a resolved conversation and restarts the window at the newest message", async () => {
      await post(inbound(CUSTOMER, "text", { body: "first" }, { at: new Date("2026-05-01T08:00:00Z") }));
      await db.update(conversations).set({ status: "resolved", unreadCount: 0 });
      const later = new Date("2026-05-02T08:00:00Z");
      await post(inbound(CUSTOMER, "text", { body: "again" }, { at: later }));
      // An older message arriving late does not move the window back.
      await post(inbound(CUSTOMER, "text", { body: "late" }, { at: new Date("2026-05-01T09:00:00Z") }));
      expect(await onlyConversation()).toMatchObject({
        status: "open",
        lastInboundAt: later,
        lastMessageAt: later,
        lastMessagePreview: "again",
        unreadCount: 2,
      });
    });

    it("of messages written in the same second, the one that arrived last is the conversation's last, and its conversation is listed first", async () => {
      const second = new Date("2026-05-01T08:00:00Z");
      // One delivery with two messages of one customer in one second: the later is the preview.
      const both = [
        { from: CUSTOMER, id: wamid(), timestamp: unix(second), type: "text", text: { body: "first of the second" } },
        { from: CUSTOMER, id: wamid(), timestamp: unix(second), type: "text", text: { body: "second of the second" } },
      ];
      await post(delivery(messagesValue({ messages: both })));
      expect(await onlyConversation()).toMatchObject({ lastMessageAt: second, lastMessagePreview: "second of the second" });
      // Other customers write in that same second, one delivery each: the last to arrive goes on top.
      const order = async () =>
        (await listConversations(db, { userId: "00000000-0000-4000-8000-000000000000", scope: ALL_CONNECTIONS })).conversations.map((row) => row.waId);
      for (const customer of ["15550000002", "15550000003"]) {
        await post(inbound(customer, "text", { body: "same second" }, { at: second }));
      }
      expect(await order()).toEqual(["15550000003", "15550000002", CUSTOMER]);
      await post(inbound(CUSTOMER, "text", { body: "and once more" }, { at: second }));
      expect(await order()).toEqual([CUSTOMER, "15550000003", "15550000002"]);
    });

    it("stores a batch of 1,000 messages in one delivery", async () => {
      const base = new Date("2026-05-01T00:00:00Z").getTime();
      const batch = Array.from({ length: 1000 }, (_, i) => ({
        from: `1555000${String(i % 100).padStart(4, "0")}`,
        id: wamid(),
        timestamp: String(Math.floor(base / 1000) + i),
        type: "text",
        text: { body: `message ${i}` },
      }));
      const response = await post(delivery(messagesValue({ messages: batch })));
      expect(response.status).toBe(200);
      expect(await allMessages()).toHaveLength(1000);
      const rows = await db.select().from(conversations);
      expect(rows).toHaveLength(100);
      expect(rows.every((row) => row.unreadCount === 10)).toBe(true);
      const [event] = await db.select().from(webhookEvents);
      expect(event?.summary).toMatchObject({ messages: 1000, duplicates: 0 });
    });
  });

  describe("statuses of outbound messages", () => {
    let sentWamid: string;
    beforeEach(async () => {
      await post(inbound(CUSTOMER, "text", { body: "hi" }));
      const conversation = await onlyConversation();
      sentWamid = wamid();
      await db.insert(messages).values({
        conversationId: conversation.id,
        wamid: sentWamid,
        direction: "outbound",
        type: "text",
        content: { text: { body: "Hello!" } },
        sentAt: new Date(),
        status: "pending",
      });
    });
    const outbound = async () => (await db.select().from(messages).where(eq(messages.wamid, sentWamid)))[0]!;

    it("moves forward through sent, delivered and read", async () => {
      const t = (s: number) => new Date(Date.UTC(2026, 4, 1, 12, 0, s));
      await post(status(sentWamid, "sent", t(1)));
      expect((await outbound()).status).toBe("sent");
      await post(status(sentWamid, "delivered", t(2)));
      await post(status(sentWamid, "read", t(3)));
      expect(await outbound()).toMatchObject({ status: "read", deliveredAt: t(2), readAt: t(3) });
    });

    it("never moves back: a late delivered or sent leaves read in place", async () => {
      const t = (s: number) => new Date(Date.UTC(2026, 4, 1, 12, 0, s));
      await post(status(sentWamid, "read", t(3)));
      await post(status(sentWamid, "delivered", t(2)));
      await post(status(sentWamid, "sent", t(1)));
      expect(await outbound()).toMatchObject({ status: "read", readAt: t(3), deliveredAt: t(3) });
    });

    it("keeps a failure with its error; a late sent does not undo it", async () => {
      const errors = [
        {
          code: 131026,
          title: "Message undeliverable",
          message: "Message undeliverable",
          error_data: { details: "The recipient is not a WhatsApp user" },
        },
      ];
      await post(status(sentWamid, "failed", new Date(), { errors }));
      await post(status(sentWamid, "sent", new Date()));
      expect(await outbound()).toMatchObject({
        status: "failed",
        errorCode: 131026,
        errorTitle: "Message undeliverable",
        errorDetails: "The recipient is not a WhatsApp user",
      });
    });

    it("lets a delivery after a failure win (another of the customer's devices), clearing the error", async () => {
      const errors = [{ code: 131026, title: "Message undeliverable" }];
      await post(status(sentWamid, "failed", new Date(), { errors }));
      await post(status(sentWamid, "delivered", new Date()));
      expect(await outbound()).toMatchObject({ status: "delivered", errorCode: null, errorTitle: null, errorDetails: null });
    });
  });

  it("updates the template mirror from a status webhook", async () => {
    await db.insert(templates).values({
      id: "594425479261596",
      wabaId: WABA_ID,
      name: "order_update",
      language: "en_US",
      category: "UTILITY",
      status: "PENDING",
      components: [],
    });
    const update = {
      event: "REJECTED",
      message_template_id: 594425479261596,
      message_template_name: "order_update",
      message_template_language: "en_US",
      reason: "INVALID_FORMAT",
    };
    await post(delivery(update, "message_template_status_update"));
    expect((await db.select().from(templates))[0]).toMatchObject({ status: "REJECTED", rejectedReason: "INVALID_FORMAT" });
  });

  it("applies a phone-number quality update", async () => {
    await db.insert(phoneNumbers).values({ id: PHONE_NUMBER_ID, wabaId: WABA_ID, displayPhoneNumber: "+1 555-078-3881" });
    await post(delivery({ display_phone_number: DISPLAY_NUMBER, event: "FLAGGED", current_limit: "TIER_1K" }, "phone_number_quality_update"));
    expect((await db.select().from(phoneNumbers))[0]).toMatchObject({ qualityRating: "RED", messagingLimitTier: "TIER_1K" });
  });

  it("keeps a delivery it cannot process, with the error, and still answers 200", async () => {
    const response = await post({ object: "whatsapp_business_account", entry: "not a list" });
    expect(response.status).toBe(200);
    const [event] = await db.select().from(webhookEvents);
    expect(event?.processedAt).toBeNull();
    expect(event?.error).toMatch(/Not a WhatsApp webhook/);
  });
});
