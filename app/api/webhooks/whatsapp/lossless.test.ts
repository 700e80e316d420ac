import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { findConversation, listConversations } from "@/db/queries/conversations";
import { contactConsentEvents, contacts, conversations, messages, templates, webhookEvents } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { replayWebhookEvent } from "@/lib/webhooks/ingest";
import { signWebhookBody } from "@/lib/webhooks/signature";
import { delivery, messagesValue, status, unix, wamid, WABA_ID } from "@/lib/webhooks/test-payloads";
import { DEMO_APP_SECRET } from "@/lib/whatsapp/demo";

import { POST } from "./route";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

const URL_BASE = "http://127.0.0.1:3000/api/webhooks/whatsapp";
const PHONE = "15557654321";
const USER_ID = "US.13491208655302741918";

function post(payload: unknown) {
  const body = JSON.stringify(payload);
  const headers = new Headers({ "Content-Type": "application/json", "X-Hub-Signature-256": signWebhookBody(body, DEMO_APP_SECRET) });
  return POST(new Request(URL_BASE, { method: "POST", headers, body }));
}

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 2, 9, 0, seconds));

function text(id: string, body: string, sender: { from?: string; from_user_id?: string }, when = at(0)) {
  return { ...sender, id, timestamp: unix(when), type: "text", text: { body } };
}

describe.each(testDatabases)("lossless webhook ingest on $name", (testDatabase) => {
  let db: DatabaseHandle["db"];
  beforeEach(async () => {
    database.handle = await testDatabase.open();
    db = database.handle.db;
  });
  afterEach(async () => {
    await database.handle.close();
  });

  const messageByWamid = async (id: string) => (await db.select().from(messages).where(eq(messages.wamid, id)))[0];
  const events = () => db.select().from(webhookEvents).orderBy(webhookEvents.id);

  it("stores every good item of a delivery mixing good and broken ones, and records the broken ones", async () => {
    const good = wamid();
    const odd = wamid();
    const badLocation = wamid();
    const payload = delivery(
      messagesValue({
        contacts: [{ profile: { name: "Ana" }, wa_id: PHONE }],
        messages: [
          text(good, "first", { from: PHONE }),
          // Real traffic: a numeric timestamp and a contact card whose e-mail is no address.
          { from: PHONE, id: odd, timestamp: Number(unix(at(1))), type: "contacts", contacts: [{ name: { formatted_name: "Bo" }, emails: [{ email: "not an address" }] }] },
          { from: PHONE, id: badLocation, timestamp: unix(at(2)), type: "location", location: { latitude: "north", longitude: 2 } },
          { from: PHONE, timestamp: unix(at(3)), type: "text", text: { body: "no id" } },
        ],
        statuses: [{ id: "wamid.unknown", status: "deleted", timestamp: unix(at(4)), recipient_id: PHONE }],
      }),
    );
    expect((await post(payload)).status).toBe(200);

    expect(await messageByWamid(good)).toMatchObject({ type: "text" });
    expect(await messageByWamid(odd)).toMatchObject({ type: "contacts", sentAt: at(1) });
    const unreadable = await messageByWamid(badLocation);
    expect(unreadable).toMatchObject({ type: "unreadable" });
    expect(unreadable!.content).toMatchObject({ unreadable: { type: "location" }, raw: { id: badLocation, location: { latitude: "north" } } });

    const [event] = await events();
    expect(event).toMatchObject({ error: null, attention: 2 });
    expect(event!.processedAt).not.toBeNull();
    expect(event!.problems).toEqual([
      { at: "entry[0].changes[0].value.messages[3]", problem: expect.stringMatching(/message not kept: id/) },
      { at: "entry[0].changes[0].value.statuses[0]", problem: expect.stringMatching(/deleted/) },
    ]);
    expect(event!.summary).toMatchObject({ messages: 3, unreadable: 1, skipped: 2 });
  });

  it("keys a customer without a number by their user id, then links the number when a payload carries both", async () => {
    const first = wamid();
    await post(
      delivery(
        messagesValue({
          contacts: [{ profile: { name: "Maria", username: "@maria.lopez" }, user_id: USER_ID }],
          messages: [text(first, "hola", { from_user_id: USER_ID })],
        }),
      ),
    );
    const [customer] = await db.select().from(contacts);
    expect(customer).toMatchObject({ waId: USER_ID, phoneNumber: null, userId: USER_ID, username: "maria.lopez", profileName: "Maria" });

    // Later the customer writes with the number shown as well, then by user id alone again.
    await post(
      delivery(
        messagesValue({
          contacts: [{ profile: { name: "Maria" }, wa_id: PHONE, user_id: USER_ID }],
          messages: [text(wamid(), "still me", { from: PHONE, from_user_id: USER_ID }, at(5))],
        }),
      ),
    );
    await post(delivery(messagesValue({ contacts: [{ profile: { name: "Maria" }, user_id: USER_ID }], messages: [text(wamid(), "again", {}, at(9))] })));

    expect(await db.select().from(conversations)).toHaveLength(1);
    expect(await db.select().from(contacts)).toEqual([expect.objectContaining({ waId: USER_ID, phoneNumber: PHONE, userId: USER_ID })]);
    const found = await listConversations(db, { userId: "00000000-0000-0000-0000-000000000000", scope: ALL_CONNECTIONS, filters: { search: "@maria" } });
    expect(found.conversations.map((row) => row.customerUsername)).toEqual(["maria.lopez"]);
    const byNumber = await listConversations(db, { userId: "00000000-0000-0000-0000-000000000000", scope: ALL_CONNECTIONS, filters: { search: "+1 555 765" } });
    expect(byNumber.conversations).toHaveLength(1);
  });

  it("keeps a known customer's conversation when they start using a username", async () => {
    await post(delivery(messagesValue({ contacts: [{ profile: { name: "Jo" }, wa_id: PHONE }], messages: [text(wamid(), "hi", { from: PHONE })] })));
    await post(
      delivery(
        messagesValue({
          contacts: [{ profile: { name: "Jo", username: "jo" }, wa_id: PHONE, user_id: USER_ID }],
          messages: [text(wamid(), "new handle", { from: PHONE, from_user_id: USER_ID }, at(3))],
        }),
      ),
    );
    await post(delivery(messagesValue({ contacts: [{ profile: { name: "Jo" }, user_id: USER_ID }], messages: [text(wamid(), "number hidden", { from_user_id: USER_ID }, at(6))] })));
    const [conversation] = await db.select().from(conversations);
    expect(await db.select().from(conversations)).toHaveLength(1);
    expect(conversation!.waId).toBe(PHONE);
    expect(await db.select().from(messages)).toHaveLength(3);
    expect(await findConversation(db, conversation!.id)).toMatchObject({ customerPhone: PHONE, customerUserId: USER_ID, customerUsername: "jo" });
  });

  it("applies a status reported by recipient_user_id and keeps its per-message pricing", async () => {
    await post(delivery(messagesValue({ contacts: [{ user_id: USER_ID }], messages: [text(wamid(), "hi", { from_user_id: USER_ID })] })));
    const [conversation] = await db.select().from(conversations);
    const sent = wamid();
    await db.insert(messages).values({ conversationId: conversation!.id, wamid: sent, direction: "outbound", type: "text", content: { text: { body: "hello" } }, sentAt: at(2), status: "pending" });
    await post(
      status(sent, "delivered", at(4), {
        recipient_id: undefined,
        recipient_user_id: USER_ID,
        pricing: { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" },
      }),
    );
    expect(await messageByWamid(sent)).toMatchObject({
      status: "delivered",
      pricing: { billable: true, pricingModel: "PMP", type: "regular", category: "marketing" },
    });
  });

  it("records marketing stops and resumes as the customer's consent, newest first wins", async () => {
    const preference = (value: string, when: Date) =>
      delivery(
        { ...messagesValue({ contacts: [{ profile: { name: "Ana" }, wa_id: PHONE }] }), user_preferences: [{ wa_id: PHONE, category: "marketing_messages", value, timestamp: Number(unix(when)) }] },
        "user_preferences",
      );
    await post(preference("stop", at(10)));
    expect((await db.select().from(contacts))[0]).toMatchObject({ consent: "opted_out", consentSource: "whatsapp", consentAt: at(10) });
    await post(preference("resume", at(5))); // older: arrives late, changes nothing
    expect((await db.select().from(contacts))[0]).toMatchObject({ consent: "opted_out", consentAt: at(10) });
    await post(preference("resume", at(20)));
    expect((await db.select().from(contacts))[0]).toMatchObject({ consent: "opted_in", consentSource: "whatsapp", consentAt: at(20) });
    const history = await db.select().from(contactConsentEvents).orderBy(asc(contactConsentEvents.at));
    expect(history.map(({ consent, source, detail, at: when }) => ({ consent, source, detail, at: when }))).toEqual([
      { consent: "opted_out", source: "whatsapp", detail: "stop", at: at(10) },
      { consent: "opted_in", source: "whatsapp", detail: "resume", at: at(20) },
    ]);
  });

  it("applies a number change and does not open the window for a system notice", async () => {
    await post(delivery(messagesValue({ contacts: [{ wa_id: PHONE }], messages: [text(wamid(), "hi", { from: PHONE }, at(0))] })));
    const notice = { from: PHONE, id: wamid(), timestamp: unix(at(30)), type: "system", system: { body: "User changed from 1555 to 1666", type: "user_changed_number", wa_id: "16665550000" } };
    await post(delivery(messagesValue({ messages: [notice] })));
    const [conversation] = await db.select().from(conversations);
    expect(conversation!.lastInboundAt).toEqual(at(0));
    expect((await db.select().from(contacts))[0]).toMatchObject({ waId: PHONE, phoneNumber: "16665550000" });
    // The customer now writes from the new number: the same conversation.
    await post(delivery(messagesValue({ contacts: [{ wa_id: "16665550000" }], messages: [text(wamid(), "new phone", { from: "16665550000" }, at(40))] })));
    expect(await db.select().from(conversations)).toHaveLength(1);
  });

  it("changes the original bubble for an edit and a revoke, once, even when the delivery is replayed", async () => {
    const original = wamid();
    await post(delivery(messagesValue({ contacts: [{ wa_id: PHONE }], messages: [text(original, "see you at 5", { from: PHONE })] })));
    const edit = { from: PHONE, id: wamid(), timestamp: unix(at(60)), type: "edit", edit: { original_message_id: original, message: { type: "text", text: { body: "see you at 6" } } } };
    await post(delivery(messagesValue({ contacts: [{ wa_id: PHONE }], messages: [edit] })));
    const [editEvent] = (await events()).slice(-1);
    await replayWebhookEvent(db, editEvent!.id);

    const edited = await messageByWamid(original);
    expect(edited).toMatchObject({ content: { text: { body: "see you at 6" } }, editedAt: at(60) });
    expect(edited!.revisions).toEqual([{ wamid: edit.id, at: at(60).toISOString(), content: { text: { body: "see you at 5" } } }]);
    expect(await db.select().from(messages)).toHaveLength(1);
    expect((await db.select().from(conversations))[0]!.lastMessagePreview).toBe("see you at 6");

    await post(delivery(messagesValue({ contacts: [{ wa_id: PHONE }], messages: [{ from: PHONE, id: wamid(), timestamp: unix(at(90)), type: "revoke", revoke: { original_message_id: original } }] })));
    expect(await messageByWamid(original)).toMatchObject({ revokedAt: at(90), content: { text: { body: "see you at 6" } } });
    // An edit of a message the inbox never had is kept as a message of its own.
    await post(delivery(messagesValue({ contacts: [{ wa_id: PHONE }], messages: [{ ...edit, id: wamid(), edit: { ...edit.edit, original_message_id: "wamid.never-seen" } }] })));
    expect((await db.select().from(messages)).map((row) => row.type).sort()).toEqual(["edit", "text"]);
  });

  it("stores an echo of the WhatsApp Business app as outbound, neither unread nor opening the window", async () => {
    await post(delivery(messagesValue({ contacts: [{ wa_id: PHONE }], messages: [text(wamid(), "hi", { from: PHONE }, at(0))] })));
    const echo = { from: "15550783881", to: PHONE, id: wamid(), timestamp: unix(at(50)), type: "text", text: { body: "Sent from my phone" } };
    await post(delivery(messagesValue({ message_echoes: [echo] } as never), "smb_message_echoes"));
    expect(await messageByWamid(echo.id)).toMatchObject({ direction: "outbound", origin: "business_app", status: "sent" });
    const [conversation] = await db.select().from(conversations);
    expect(conversation).toMatchObject({ unreadCount: 1, lastInboundAt: at(0), lastMessageDirection: "outbound" });
  });

  it("maps template events to statuses: FLAGGED keeps it sendable, REINSTATED approves it, NONE is no reason", async () => {
    await db.insert(templates).values({ id: "777", wabaId: WABA_ID, name: "promo", language: "en", category: "MARKETING", status: "APPROVED", components: [] });
    const event = (name: string) =>
      delivery({ event: name, message_template_id: 777, message_template_name: "promo", message_template_language: "en", reason: "NONE" }, "message_template_status_update");
    await post(event("FLAGGED"));
    expect((await db.select().from(templates))[0]).toMatchObject({ status: "APPROVED" });
    await post(event("PAUSED"));
    expect((await db.select().from(templates))[0]).toMatchObject({ status: "PAUSED", rejectedReason: null });
    await post(event("REINSTATED"));
    expect((await db.select().from(templates))[0]).toMatchObject({ status: "APPROVED" });
  });
});
