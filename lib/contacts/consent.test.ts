/**
 * Marketing consent's transitions on both databases, through the real doors: WhatsApp's stop and
 * resume and opt-out keywords through the webhook ingest, a person's change through changeConsent,
 * and the refusal of marketing templates by the send pipeline and the public API (gateway faked).
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { assignConversation } from "@/db/queries/conversations";
import { findUserByEmail } from "@/db/queries/users";
import { auditLog, contactConsentEvents, contacts, conversations, liveEvents, outboundEvents, templates } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { createApiToken } from "@/lib/api-tokens/service";
import { AuthorizationError } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/auth/connection-access";
import { OutboundRefusal, sendMessage } from "@/lib/inbox/outbound";
import { createEndpoint } from "@/lib/outbound-webhooks/service";
import { receiveWebhook } from "@/lib/webhooks/ingest";
import { delivery, inbound, messagesValue, WABA_ID, wamid } from "@/lib/webhooks/test-payloads";
import { translatorIn } from "@/lib/i18n/test-translate";

import { POST as sendViaApi } from "@/app/api/v1/conversations/[conversation_id]/messages/route";

import type { ContactActor } from "./access";
import { changeConsent, consentHistory } from "./consent";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("@/auth", () => ({ auth: async () => null }));
const gatewaySends = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/gateway/server", () => ({
  gateway: () => ({
    messages: { sendMessage: async () => ({ messageId: `wamid.consent-send-${(gatewaySends.count += 1)}`, waId: undefined, messageStatus: "accepted", response: {} }) },
    templates: { listAllTemplates: async () => [] },
  }),
}));

const publicResolver = { allowPrivate: false, resolve: async () => [{ address: "93.184.215.14", family: 4 }] };
const second = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);
const minutesAgo = (minutes: number) => second(new Date(Date.now() - minutes * 60_000));
/** The test templates have no variables. */
const NO_VALUES = { header: [], body: [], buttons: {} };
let customers = 0;
/** A number of its own per test: each test's customer starts with no consent. */
const nextCustomer = () => `1415777${String(1000 + (customers += 1))}`;

const preference = (phone: string, value: "stop" | "resume", at: Date) =>
  delivery(
    {
      ...messagesValue({ contacts: [{ profile: { name: "Maya" }, wa_id: phone }] }),
      user_preferences: [{ wa_id: phone, category: "marketing_messages", value, timestamp: Math.floor(at.getTime() / 1000) }],
    },
    "user_preferences",
  );

describe.each(testDatabases)("marketing consent on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let admin: ContactActor;
  let agent: ContactActor;
  let apiToken: string;

  const db = () => handle.db;
  const receive = async (payload: unknown) => {
    const outcome = await receiveWebhook(db(), { body: JSON.stringify(payload), payload, authenticatedBy: "signature" });
    expect(outcome.ok).toBe(true);
  };
  const contactOf = async (phone: string) => (await db().select().from(contacts).where(eq(contacts.waId, phone)))[0]!;
  const historyOf = async (contactId: string) =>
    db().select().from(contactConsentEvents).where(eq(contactConsentEvents.contactId, contactId)).orderBy(asc(contactConsentEvents.id));
  const conversationOf = async (phone: string) => (await db().select().from(conversations).where(eq(conversations.waId, phone)))[0]!;
  const announced = async (type: string) =>
    (await db().select().from(outboundEvents).where(eq(outboundEvents.type, type))).map((event) => event.payload as { data: { contact: { id: string }; source: string } });
  const contactUpdates = async (contactId: string) =>
    (await db().select().from(liveEvents).where(eq(liveEvents.kind, "contact.updated"))).filter((event) => event.payload.contactId === contactId);
  const refusalOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    await seedDemoUsers(db());
    const person = async (role: "admin" | "agent"): Promise<ContactActor> => {
      const user = (await findUserByEmail(db(), `${role}@demo.test`))!;
      return { id: user.id, name: user.name, email: user.email, role: user.role, connections: ALL_CONNECTIONS };
    };
    admin = await person("admin");
    agent = await person("agent");
    apiToken = (await createApiToken(db(), admin, { name: "consent test", expiresAt: null })).token;
    await createEndpoint(db(), admin, { url: "https://crm.example.com/hooks", description: "CRM", events: ["contact.opted_out", "contact.opted_in"] }, publicResolver);
    const template = (name: string, category: string) => ({
      id: `tpl-${name}`,
      wabaId: WABA_ID,
      name,
      language: "en_US",
      category,
      status: "APPROVED",
      components: [{ type: "BODY", text: `${name} body` }],
    });
    await db().insert(templates).values([template("spring_sale", "MARKETING"), template("order_shipped", "UTILITY")]);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
  });

  it("opts a customer out on WhatsApp's stop, with a history row, an outbound event and a live event, recorded once when replayed", async () => {
    const phone = nextCustomer();
    await receive(inbound(phone, "text", { body: "Hi" }, { at: minutesAgo(30) }));
    const stoppedAt = minutesAgo(20);
    await receive(preference(phone, "stop", stoppedAt));

    const contact = await contactOf(phone);
    expect(contact).toMatchObject({ consent: "opted_out", consentSource: "whatsapp", consentAt: stoppedAt });
    expect(await historyOf(contact.id)).toEqual([
      expect.objectContaining({ consent: "opted_out", source: "whatsapp", detail: "stop", actorId: null, at: stoppedAt, sourceRef: `pref:${phone}:${stoppedAt.getTime() / 1000}:stop` }),
    ]);
    expect((await announced("contact.opted_out")).filter((event) => event.data.contact.id === contact.id)).toHaveLength(1);
    expect(await contactUpdates(contact.id)).toHaveLength(1);

    // Meta delivers the same webhook again: nothing more is recorded or announced.
    await receive(preference(phone, "stop", stoppedAt));
    expect(await historyOf(contact.id)).toHaveLength(1);
    expect((await announced("contact.opted_out")).filter((event) => event.data.contact.id === contact.id)).toHaveLength(1);
    expect(await contactUpdates(contact.id)).toHaveLength(1);
  });

  it("ignores an older stop that arrives after an agent's opt-in, and opts in again on a newer resume", async () => {
    const phone = nextCustomer();
    await receive(inbound(phone, "text", { body: "Hi" }, { at: minutesAgo(30) }));
    const contact = await contactOf(phone);
    await assignConversation(db(), (await conversationOf(phone)).id, agent.id);

    const optedIn = await changeConsent(db(), agent, contact.id, { state: "opted_in", source: "agent", detail: "Said yes at the counter" });
    expect(optedIn).toMatchObject({ state: "opted_in", source: "agent" });
    await receive(preference(phone, "stop", minutesAgo(10)));
    expect(await contactOf(phone)).toMatchObject({ consent: "opted_in", consentSource: "agent" });

    const stoppedAgainAt = second(new Date(Date.now() + 60_000));
    await receive(preference(phone, "stop", stoppedAgainAt));
    expect(await contactOf(phone)).toMatchObject({ consent: "opted_out", consentSource: "whatsapp", consentAt: stoppedAgainAt });
    const resumeAt = second(new Date(Date.now() + 120_000));
    await receive(preference(phone, "resume", resumeAt));
    expect(await contactOf(phone)).toMatchObject({ consent: "opted_in", consentSource: "whatsapp", consentAt: resumeAt });

    const history = await consentHistory(db(), contact.id);
    expect(history.map(({ state, source, actor, detail }) => ({ state, source, actor, detail }))).toEqual([
      { state: "opted_in", source: "whatsapp", actor: null, detail: "resume" },
      { state: "opted_out", source: "whatsapp", actor: null, detail: "stop" },
      { state: "opted_in", source: "agent", actor: { id: agent.id, name: agent.name }, detail: "Said yes at the counter" },
    ]);
    expect((await announced("contact.opted_in")).filter((event) => event.data.contact.id === contact.id).map((event) => event.data.source)).toEqual(["agent", "whatsapp"]);
  });

  it("opts out a customer who writes an opt-out keyword, once per message, and not one who only mentions it", async () => {
    const phone = nextCustomer();
    await receive(inbound(phone, "text", { body: "stop please, what time do you open?" }, { at: minutesAgo(30) }));
    expect(await contactOf(phone)).toMatchObject({ consent: "unknown" });

    const id = wamid();
    const writtenAt = minutesAgo(20);
    const keyword = inbound(phone, "text", { body: "  Baja. " }, { at: writtenAt, id });
    await receive(keyword);
    const contact = await contactOf(phone);
    expect(contact).toMatchObject({ consent: "opted_out", consentSource: "keyword", consentAt: writtenAt });
    expect(await historyOf(contact.id)).toEqual([expect.objectContaining({ consent: "opted_out", source: "keyword", detail: "BAJA", sourceRef: id, at: writtenAt })]);
    expect((await announced("contact.opted_out")).filter((event) => event.data.contact.id === contact.id).map((event) => event.data.source)).toEqual(["keyword"]);

    await receive(keyword);
    expect(await historyOf(contact.id)).toHaveLength(1);
  });

  it("refuses a marketing template to an opted-out customer (service and API, before the gateway) while a utility template goes", async () => {
    const phone = nextCustomer();
    await receive(inbound(phone, "text", { body: "STOP!" }, { at: minutesAgo(5) }));
    expect(await contactOf(phone)).toMatchObject({ consent: "opted_out", consentSource: "keyword" });
    const conversation = await conversationOf(phone);
    const send = (name: string, clientKey: string) =>
      sendMessage(db(), {
        conversationId: conversation.id,
        scope: ALL_CONNECTIONS,
        senderId: admin.id,
        clientKey,
        message: { kind: "template", name, languageCode: "en_US", values: NO_VALUES },
      });
    const before = gatewaySends.count;

    const refusal = await refusalOf(send("spring_sale", `${phone}-marketing`));
    expect(refusal).toBeInstanceOf(OutboundRefusal);
    expect((refusal as OutboundRefusal).code).toBe("OPTED_OUT");
    expect((refusal as OutboundRefusal).toActionFailure(translatorIn("en")).message).toContain("opted out of marketing messages");
    expect(gatewaySends.count).toBe(before);

    const response = await sendViaApi(
      new Request(`http://127.0.0.1/api/v1/conversations/${conversation.id}/messages`, {
        method: "POST",
        headers: { Authorization: `Bearer ${apiToken}`, "Content-Type": "application/json" },
        body: JSON.stringify({ type: "template", template: { name: "spring_sale", language: "en_US" } }),
      }),
      { params: Promise.resolve({ conversation_id: conversation.id }) },
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: "OPTED_OUT" });
    expect(gatewaySends.count).toBe(before);

    expect(await send("order_shipped", `${phone}-utility`)).toMatchObject({ sent: true });
    expect(gatewaySends.count).toBe(before + 1);
  });

  it("explains a refusal with WhatsApp's own words when the customer stopped marketing in WhatsApp", async () => {
    const phone = nextCustomer();
    await receive(inbound(phone, "text", { body: "Hi" }, { at: minutesAgo(30) }));
    await receive(preference(phone, "stop", minutesAgo(20)));
    const conversation = await conversationOf(phone);
    const refusal = (await refusalOf(
      sendMessage(db(), { conversationId: conversation.id, scope: ALL_CONNECTIONS, senderId: admin.id, clientKey: `${phone}-m`, message: { kind: "template", name: "spring_sale", languageCode: "en_US", values: NO_VALUES } }),
    )) as OutboundRefusal;
    expect(refusal.code).toBe("OPTED_OUT");
    expect(refusal.toActionFailure(translatorIn("en")).message).toContain("Customer stopped marketing messages");
  });

  it("records a person's change with its audit entry once; the same state again changes nothing", async () => {
    const phone = nextCustomer();
    await receive(inbound(phone, "text", { body: "Hi" }, { at: minutesAgo(30) }));
    const contact = await contactOf(phone);
    const audits = async () =>
      db().select().from(auditLog).where(and(eq(auditLog.action, "contact.consent_changed"), eq(auditLog.targetId, contact.id)));

    expect(await changeConsent(db(), admin, contact.id, { state: "opted_out", source: "agent", detail: " Asked by phone " })).toMatchObject({ state: "opted_out", source: "agent" });
    expect(await changeConsent(db(), admin, contact.id, { state: "opted_out", source: "agent" })).toMatchObject({ state: "opted_out", source: "agent" });
    expect(await historyOf(contact.id)).toEqual([expect.objectContaining({ consent: "opted_out", source: "agent", actorId: admin.id, detail: "Asked by phone" })]);
    expect((await audits()).map((entry) => [entry.actorId, entry.details])).toEqual([
      [admin.id, { from: "unknown", to: "opted_out", source: "agent", note: "Asked by phone" }],
    ]);
    expect(await contactUpdates(contact.id)).toHaveLength(1);

    // An import never opts in a customer who opted out; it writes nothing.
    expect(await changeConsent(db(), null, contact.id, { state: "opted_in", source: "import", detail: "customers.csv" })).toMatchObject({ state: "opted_out" });
    expect(await historyOf(contact.id)).toHaveLength(1);
  });

  it("refuses an agent who does not talk with the customer, a note over the limit and a deleted contact, changing nothing", async () => {
    const phone = nextCustomer();
    await receive(inbound(phone, "text", { body: "Hi" }, { at: minutesAgo(30) }));
    const contact = await contactOf(phone);

    const notYours = await refusalOf(changeConsent(db(), agent, contact.id, { state: "opted_out", source: "agent" }));
    expect(notYours).toBeInstanceOf(AuthorizationError);
    expect((notYours as AuthorizationError).status).toBe(403);
    const tooLong = await refusalOf(changeConsent(db(), admin, contact.id, { state: "opted_out", source: "agent", detail: "x".repeat(501) }));
    expect(tooLong).toMatchObject({ code: "INVALID_INPUT", field: "note" });
    expect(await contactOf(phone)).toMatchObject({ consent: "unknown" });
    expect(await historyOf(contact.id)).toEqual([]);

    await db().update(contacts).set({ deletedAt: new Date() }).where(eq(contacts.id, contact.id));
    expect(await refusalOf(changeConsent(db(), admin, contact.id, { state: "opted_out", source: "agent" }))).toBeInstanceOf(NotFoundError);
    expect(await refusalOf(changeConsent(db(), null, contact.id, { state: "opted_out", source: "import" }))).toBeInstanceOf(NotFoundError);
  });

  it("refuses any send to a deleted contact's conversation", async () => {
    const phone = nextCustomer();
    await receive(inbound(phone, "text", { body: "Hi" }, { at: minutesAgo(5) }));
    const conversation = await conversationOf(phone);
    await db().update(contacts).set({ deletedAt: new Date() }).where(eq(contacts.waId, phone));
    const before = gatewaySends.count;
    const refusal = (await refusalOf(
      sendMessage(db(), { conversationId: conversation.id, scope: ALL_CONNECTIONS, senderId: admin.id, clientKey: `${phone}-text`, message: { kind: "text", body: "Hello?" } }),
    )) as OutboundRefusal;
    expect(refusal).toBeInstanceOf(OutboundRefusal);
    expect(refusal).toMatchObject({ code: "INVALID_INPUT", field: "conversationId" });
    expect(refusal.toActionFailure(translatorIn("en")).message).toContain("This contact was deleted");
    expect(gatewaySends.count).toBe(before);
  });
});
