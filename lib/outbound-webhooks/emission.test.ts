/**
 * Which changes become outbound events, and for whom: one delivery per enabled endpoint subscribed
 * to the event's type, recorded in the change's own transaction (through the ingest's real door).
 */
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { assignConversation, setConversationStatus } from "@/db/queries/conversations";
import { insertPendingOutbound, recordOutboundFailure, recordOutboundSent } from "@/db/queries/outbound-messages";
import { insertUser } from "@/db/queries/users";
import { contacts, conversations, messages, outboundEvents, webhookDeliveries } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { receiveWebhook } from "@/lib/webhooks/ingest";
import { delivery, inbound, messagesValue, status, wamid } from "@/lib/webhooks/test-payloads";
import { statusesBefore } from "@/lib/whatsapp/inbound";

import { withOutboundEvents } from "./emit";
import { createEndpoint, updateEndpoint, type Actor, type WebhookEventType } from "./service";
import { createAdmin } from "./test-receivers";

const publicResolver = { allowPrivate: false, resolve: async () => [{ address: "93.184.215.14", family: 4 }] };
const CUSTOMER = "15551234567";

/** An event as recorded (message events have `message`, status events `status` too). */
interface EventPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown> & { message?: { id: string }; status?: string };
}

describe.each(testDatabases)("outbound webhook events on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let admin: Actor;
  /** Subscribed to everything. */
  let everything: string;
  /** Subscribed to statuses only. */
  let statusesOnly: string;
  /** Subscribed to received messages, but disabled. */
  let disabled: string;

  const endpoint = async (name: string, events: WebhookEventType[]) =>
    (await createEndpoint(handle.db, admin, { url: `https://${name}.example.com/hooks`, description: name, events }, publicResolver)).endpoint.id;

  beforeEach(async () => {
    handle = await testDatabase.open();
    admin = await createAdmin(handle);
    everything = await endpoint("crm", ["message.received", "message.status", "conversation.assigned", "conversation.resolved", "contact.opted_out"]);
    statusesOnly = await endpoint("shop", ["message.status"]);
    disabled = await endpoint("scripts", ["message.received"]);
    await updateEndpoint(handle.db, admin, disabled, { enabled: false });
  });
  afterEach(async () => {
    await handle.close();
  });

  const receive = (payload: unknown) => receiveWebhook(handle.db, { body: JSON.stringify(payload), payload, authenticatedBy: "signature" });
  /** Every delivery with its event, oldest first (one event's deliveries in the order the endpoints were added). */
  const deliveries = async () => {
    const order = [everything, statusesOnly, disabled];
    const rows = await handle.db
      .select({ delivery: webhookDeliveries, payload: outboundEvents.payload })
      .from(webhookDeliveries)
      .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
      .orderBy(asc(webhookDeliveries.createdAt));
    return rows
      .sort((a, b) => a.delivery.createdAt.getTime() - b.delivery.createdAt.getTime() || order.indexOf(a.delivery.endpointId) - order.indexOf(b.delivery.endpointId))
      .map((row) => ({ endpointId: row.delivery.endpointId, type: row.delivery.eventType, payload: row.payload as unknown as EventPayload }));
  };
  const conversationOf = async () => (await handle.db.select().from(conversations))[0]!;

  it("announces a customer's message once, to the enabled endpoints subscribed to it, and not again when the webhook is replayed", async () => {
    const id = wamid();
    const payload = inbound(CUSTOMER, "text", { body: "Is my order on its way?" }, { id, name: "Maya" });
    expect((await receive(payload)).ok).toBe(true);

    const recorded = await deliveries();
    expect(recorded.map(({ endpointId, type }) => ({ endpointId, type }))).toEqual([{ endpointId: everything, type: "message.received" }]);
    const [message] = await handle.db.select().from(messages);
    const { payload: event } = recorded[0]!;
    expect(event).toMatchObject({
      type: "message.received",
      data: {
        message: { id: message!.id, wamid: id, direction: "inbound", type: "text", content: { body: "Is my order on its way?" }, status: null, sender: null },
        conversation_id: message!.conversationId,
        phone_number_id: "106540352242922",
        customer: { wa_id: CUSTOMER, name: "Maya" },
      },
    });
    expect(Date.parse(event.timestamp)).not.toBeNaN();

    // Meta delivers the same webhook again: the message is a duplicate, so nothing is announced.
    expect((await receive(payload)).ok).toBe(true);
    expect(await deliveries()).toHaveLength(1);
  });

  it("announces each forward move of an outbound message's status, including those applied when the send's answer comes", async () => {
    await receive(inbound(CUSTOMER, "text", { body: "Hi" }));
    const conversation = await conversationOf();
    const send = async (key: string) =>
      (await insertPendingOutbound(handle.db, { conversationId: conversation.id, type: "text", content: { text: { body: key } }, preview: { kind: "text", detail: key }, senderId: admin.id, clientKey: key }))
        .message;
    const before = (await deliveries()).length;

    // A send answered at once, then its statuses by webhook (the replayed one changes nothing).
    const first = await send("first");
    await withOutboundEvents(handle.db, (outbound) => recordOutboundSent(handle.db, first.id, "wamid.out.1", statusesBefore, outbound));
    await receive(status("wamid.out.1", "sent", new Date()));
    await receive(status("wamid.out.1", "delivered", new Date()));
    await receive(status("wamid.out.1", "delivered", new Date()));
    // A status that overtook the send's answer: announced when the answer applies it.
    const second = await send("second");
    await receive(status("wamid.out.2", "read", new Date()));
    await withOutboundEvents(handle.db, (outbound) => recordOutboundSent(handle.db, second.id, "wamid.out.2", statusesBefore, outbound));

    const announced = (await deliveries()).slice(before);
    const seen = announced.map(({ endpointId, payload }) => [endpointId === everything ? "crm" : endpointId === statusesOnly ? "shop" : "other", payload.data.message?.id, payload.data.status]);
    expect(seen).toEqual([
      ["crm", first.id, "sent"],
      ["shop", first.id, "sent"],
      ["crm", first.id, "delivered"],
      ["shop", first.id, "delivered"],
      ["crm", second.id, "read"],
      ["shop", second.id, "read"],
    ]);
    expect(announced[0]!.payload.data).toMatchObject({ message: { direction: "outbound", sender: { id: admin.id, name: "Ada Admin" } }, conversation_id: conversation.id });
    expect(announced.every(({ type }) => type === "message.status")).toBe(true);
  });

  it("announces a send WhatsApp refused as failed, and not one whose outcome is unknown", async () => {
    await receive(inbound(CUSTOMER, "text", { body: "Hi" }));
    const conversation = await conversationOf();
    const send = async (key: string) =>
      (await insertPendingOutbound(handle.db, { conversationId: conversation.id, type: "text", content: { text: { body: key } }, preview: { kind: "text", detail: key }, senderId: admin.id, clientKey: key }))
        .message;
    const before = (await deliveries()).length;
    const refused = await send("refused");
    await withOutboundEvents(handle.db, (outbound) =>
      recordOutboundFailure(handle.db, refused.id, { code: 131026, title: "Message undeliverable", details: "", outcomeUnknown: false }, new Date(), outbound),
    );
    const unknown = await send("unknown");
    await withOutboundEvents(handle.db, (outbound) =>
      recordOutboundFailure(handle.db, unknown.id, { code: null, title: "No answer", details: "", outcomeUnknown: true }, new Date(), outbound),
    );
    const announced = (await deliveries()).slice(before);
    expect(announced.map(({ endpointId, payload }) => [endpointId === everything ? "crm" : "shop", payload.data.message?.id, payload.data.status])).toEqual([
      ["crm", refused.id, "failed"],
      ["shop", refused.id, "failed"],
    ]);
  });

  it("announces an assignment (with who assigned) and a resolution (with who resolved), only when they change something", async () => {
    await receive(inbound(CUSTOMER, "text", { body: "Hi" }));
    const conversation = await conversationOf();
    const agent = (await insertUser(handle.db, { email: "agent@example.test", name: "Alex Agent", passwordHash: "-", role: "agent" }))!;
    const before = (await deliveries()).length;
    const assign = (assigneeId: string | null) =>
      withOutboundEvents(handle.db, (outbound) => assignConversation(handle.db, conversation.id, assigneeId, { by: admin.id, outbound }));
    const resolve = (state: "open" | "resolved") =>
      withOutboundEvents(handle.db, (outbound) => setConversationStatus(handle.db, conversation.id, state, { by: admin.id, outbound }));

    expect(await assign(agent.id)).toBe(true);
    expect(await assign(agent.id)).toBe(true);
    expect(await resolve("resolved")).toBe(true);
    expect(await resolve("resolved")).toBe(true);
    expect(await resolve("open")).toBe(true);
    expect(await assign(null)).toBe(true);

    const announced = (await deliveries()).slice(before);
    expect(announced.map(({ endpointId, type }) => [endpointId, type])).toEqual([
      [everything, "conversation.assigned"],
      [everything, "conversation.resolved"],
      [everything, "conversation.assigned"],
    ]);
    expect(announced[0]!.payload.data).toMatchObject({
      conversation: { id: conversation.id, assignee: { id: agent.id, name: "Alex Agent" }, customer: { wa_id: CUSTOMER } },
      assignee: { id: agent.id, name: "Alex Agent" },
      assigned_by: { id: admin.id, name: "Ada Admin" },
    });
    expect(announced[1]!.payload.data).toMatchObject({ conversation: { id: conversation.id, status: "resolved" }, resolved_by: { id: admin.id } });
    expect(announced[2]!.payload.data).toMatchObject({ assignee: null, assigned_by: { id: admin.id } });
  });

  it("announces a customer's marketing opt-out from the ingest, and the resume only to an endpoint subscribed to opt-ins", async () => {
    await receive(inbound(CUSTOMER, "text", { body: "Hi" }));
    const conversation = await conversationOf();
    const [contact] = await handle.db.select().from(contacts);
    const optIns = await endpoint("newsletter", ["contact.opted_in"]);
    const before = (await deliveries()).length;
    const preference = (value: "stop" | "resume", at: Date) =>
      delivery(
        { ...messagesValue({ contacts: [{ profile: { name: "Maya" }, wa_id: CUSTOMER }] }), user_preferences: [{ wa_id: CUSTOMER, category: "marketing_messages", value, timestamp: Math.floor(at.getTime() / 1000) }] },
        "user_preferences",
      );
    const stoppedAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const resumedAt = new Date(stoppedAt.getTime() + 30_000);
    await receive(preference("stop", stoppedAt));
    await receive(preference("resume", resumedAt));

    const announced = (await deliveries()).slice(before);
    expect(announced.map(({ endpointId, type }) => [endpointId, type])).toEqual([
      [everything, "contact.opted_out"],
      [optIns, "contact.opted_in"],
    ]);
    const conversationsOfCustomer = [{ id: conversation.id, phone_number_id: "106540352242922" }];
    expect(announced[0]!.payload.data).toEqual({
      contact: { id: contact!.id, phone_number: `+${CUSTOMER}`, user_id: null, name: "Maya" },
      consent: "opted_out",
      source: "whatsapp",
      at: stoppedAt.toISOString(),
      conversations: conversationsOfCustomer,
      customer: { wa_id: CUSTOMER, user_id: null, username: null, name: "Maya" },
      category: "marketing_messages",
      opted_out_at: stoppedAt.toISOString(),
    });
    expect(announced[1]!.payload.data).toMatchObject({ contact: { id: contact!.id }, consent: "opted_in", source: "whatsapp", at: resumedAt.toISOString(), conversations: conversationsOfCustomer });
    expect(announced[1]!.payload.data).not.toHaveProperty("opted_out_at");
  });

  it("records nothing when no enabled endpoint subscribes", async () => {
    await updateEndpoint(handle.db, admin, everything, { enabled: false });
    await receive(inbound(CUSTOMER, "text", { body: "Hi" }));
    expect(await handle.db.select().from(outboundEvents)).toEqual([]);
    expect(await handle.db.select().from(messages)).toHaveLength(1);
  });
});
