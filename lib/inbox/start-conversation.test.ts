/** Writing to a customer by number or user id, on both databases, with the gateway faked. */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import type { ConnectionScope } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import { contacts, conversations, messages, phoneNumbers } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { insertTwoConnections } from "@/db/test-connections";

import type { SendContext } from "./outbound";
import { customerPhoneDigits, sendToCustomer, type CustomerSendRequest } from "./start-conversation";

const NUMBER = "pn-start-a";
const OTHER_NUMBER = "pn-start-b";
const HOUR = 60 * 60 * 1000;

const fakeGateway = { sendMessage: vi.fn(), listAllTemplates: vi.fn() };
const context = { gateway: { messages: { sendMessage: fakeGateway.sendMessage }, templates: { listAllTemplates: fakeGateway.listAllTemplates } } } as unknown as SendContext;

const TEMPLATES = [
  { id: "t-welcome", name: "welcome_back", language: "en_US", status: "APPROVED", category: "UTILITY", components: [{ type: "BODY", text: "Hello {{1}}, we are here to help." }] },
];

let counter = 0;
const clientKey = () => `start-test-${Date.now()}-${(counter += 1)}`;
const template = { kind: "template" as const, name: "welcome_back", languageCode: "en_US", values: { header: [], body: ["Ana"], buttons: {} } };

describe.each(testDatabases)("starting a conversation with a customer on $name", (database) => {
  let handle: DatabaseHandle;
  let senderId: string;
  const onlyA: ConnectionScope = { all: false, connectionIds: ["conn-a"] };

  const send = (request: Partial<CustomerSendRequest> & Pick<CustomerSendRequest, "customer" | "message">) =>
    sendToCustomer(handle.db, { phoneNumberId: NUMBER, scope: onlyA, senderId, clientKey: clientKey(), ...request }, context);
  const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as { code: string; field?: string; message: string });
  const allConversations = () => handle.db.select().from(conversations);

  beforeEach(async () => {
    handle = await database.open();
    await seedDemoUsers(handle.db);
    senderId = (await findUserByEmail(handle.db, "agent@demo.test"))!.id;
    await insertTwoConnections(handle.db);
    await handle.db.insert(phoneNumbers).values([
      { id: NUMBER, wabaId: "waba-a", connectionId: "conn-a" },
      { id: OTHER_NUMBER, wabaId: "waba-b", connectionId: "conn-b" },
    ]);
    fakeGateway.sendMessage.mockReset();
    fakeGateway.sendMessage.mockImplementation(async () => ({ messageId: `wamid.start-${(counter += 1)}`, waId: undefined, messageStatus: "accepted", response: {} }));
    fakeGateway.listAllTemplates.mockReset();
    fakeGateway.listAllTemplates.mockResolvedValue(TEMPLATES);
  });
  afterEach(async () => {
    await handle.close();
  });

  it("starts the conversation of a new customer with a template: customer and conversation stored, one send to their digits", async () => {
    const outcome = await send({ customer: { phone: "+1 (415) 555-0101" }, message: template });
    expect(outcome).toMatchObject({ started: true, status: "pending", sent: true });
    const [conversation] = await allConversations();
    expect(conversation).toMatchObject({ id: outcome.conversationId, phoneNumberId: NUMBER, waId: "14155550101", lastInboundAt: null, status: "open" });
    expect(await handle.db.select().from(contacts)).toMatchObject([{ waId: "14155550101", phoneNumber: "14155550101", userId: null }]);
    const [stored] = await handle.db.select().from(messages).where(eq(messages.conversationId, outcome.conversationId));
    expect(stored).toMatchObject({ id: outcome.messageId, type: "template", direction: "outbound", senderId, wamid: expect.stringMatching(/^wamid\.start-/) });
    expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
    expect(fakeGateway.sendMessage.mock.calls[0]![0]).toBe(NUMBER);
    expect(fakeGateway.sendMessage.mock.calls[0]![1]).toMatchObject({ to: "14155550101", type: "template", template: { name: "welcome_back" } });
  });

  it("refuses free-form text to a customer who never wrote, leaving no conversation and calling no gateway", async () => {
    const refused = await refusal(send({ customer: { phone: "14155550102" }, message: { kind: "text", body: "Hi there" } }));
    expect(refused).toMatchObject({ code: "WINDOW_CLOSED" });
    expect(refused!.message).toContain("24");
    expect(await allConversations()).toEqual([]);
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
  });

  it("leaves no conversation behind when the template it would start with is refused", async () => {
    const refused = await refusal(send({ customer: { phone: "14155550103" }, message: { ...template, name: "no_such_template" } }));
    expect(refused).toMatchObject({ code: "NOT_FOUND", field: "templateName" });
    expect(await allConversations()).toEqual([]);
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
  });

  it("writes into the customer's existing conversation, found by their number even when their key is a user id", async () => {
    await handle.db.insert(contacts).values({ waId: "US.777", phoneNumber: "14155550104", userId: "US.777" });
    const [existing] = await handle.db.insert(conversations).values({ phoneNumberId: NUMBER, waId: "US.777", lastInboundAt: new Date(Date.now() - HOUR), lastMessageAt: new Date() }).returning();
    const outcome = await send({ customer: { phone: "+1 415 555 0104" }, message: { kind: "text", body: "Your parcel left today." } });
    expect(outcome).toMatchObject({ conversationId: existing!.id, started: false, status: "pending", sent: true });
    expect(await allConversations()).toHaveLength(1);
    expect(fakeGateway.sendMessage.mock.calls[0]![1]).toMatchObject({ to: "14155550104", type: "text" });

    const byUserId = await send({ customer: { userId: "US.777" }, message: { kind: "text", body: "And it arrives tomorrow." } });
    expect(byUserId).toMatchObject({ conversationId: existing!.id, started: false });
  });

  it("starts a second conversation for a known customer on another of the caller's numbers, keeping one customer", async () => {
    await handle.db.insert(contacts).values({ waId: "14155550105", phoneNumber: "14155550105" });
    await handle.db.insert(conversations).values({ phoneNumberId: OTHER_NUMBER, waId: "14155550105", lastMessageAt: new Date() });
    const outcome = await sendToCustomer(
      handle.db,
      { phoneNumberId: NUMBER, scope: { all: true }, senderId, clientKey: clientKey(), customer: { phone: "14155550105" }, message: template },
      context,
    );
    expect(outcome.started).toBe(true);
    expect(await allConversations()).toHaveLength(2);
    expect(await handle.db.select().from(contacts)).toHaveLength(1);
  });

  it("sends once for one client key, however often it is asked", async () => {
    const key = clientKey();
    const first = await send({ customer: { phone: "14155550106" }, message: template, clientKey: key });
    const again = await send({ customer: { phone: "14155550106" }, message: template, clientKey: key });
    expect(again).toMatchObject({ conversationId: first.conversationId, messageId: first.messageId, started: false, sent: false });
    expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
  });

  it("refuses a number that is not one at all, or a malformed user id, naming the part, before storing anything", async () => {
    for (const phone of ["12", "not a number", "0044 20 7946 0000", "1234567890123456"]) {
      expect(await refusal(send({ customer: { phone }, message: template }))).toMatchObject({ code: "INVALID_INPUT", field: "customer.phone" });
    }
    expect(await refusal(send({ customer: { userId: "someone" }, message: template }))).toMatchObject({ code: "INVALID_INPUT", field: "customer.userId" });
    expect(await handle.db.select().from(contacts)).toEqual([]);
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
  });

  it("refuses a business number outside the caller's connections exactly like an unknown one", async () => {
    const outside = await refusal(send({ phoneNumberId: OTHER_NUMBER, customer: { phone: "14155550107" }, message: template }));
    const unknown = await refusal(send({ phoneNumberId: "pn-nowhere", customer: { phone: "14155550107" }, message: template }));
    expect(outside).toMatchObject({ code: "NOT_FOUND", field: "phoneNumberId" });
    expect(unknown).toMatchObject({ code: outside!.code, field: outside!.field, message: outside!.message });
    expect(await handle.db.select().from(contacts)).toEqual([]);
    expect(await allConversations()).toEqual([]);
  });

  it("makes the digits WhatsApp knows a customer by", () => {
    expect(customerPhoneDigits("+55 (11) 98765-4321")).toBe("5511987654321");
    expect(customerPhoneDigits("44.20.7946.0000")).toBe("442079460000");
    expect(customerPhoneDigits("+0 123 456")).toBeUndefined();
  });
});
