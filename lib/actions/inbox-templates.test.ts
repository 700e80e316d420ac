/** The inbox's template actions with named variables and kinds the picker cannot fill, on a real database. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { contacts, conversations, messages, phoneNumbers, users } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { openTestSessions } from "@/db/test-sessions";

import { listTemplatesAction, sendTemplateAction } from "./inbox";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: `test-session-${session.userId}`, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as DatabaseHandle | undefined }));
vi.mock("@/db", () => ({ getDb: async () => database.handle!.db }));

const fakeGateway = vi.hoisted(() => ({ sendMessage: vi.fn(), listAllTemplates: vi.fn() }));
vi.mock("@/lib/gateway/server", () => ({
  gateway: () => ({ messages: { sendMessage: fakeGateway.sendMessage }, templates: { listAllTemplates: fakeGateway.listAllTemplates } }),
}));

const WABA = "waba-kinds";
const approved = (id: string, name: string, components: unknown[], extra: Record<string, unknown> = {}) => ({
  id,
  name,
  language: "en_US",
  status: "APPROVED",
  category: "UTILITY",
  components,
  ...extra,
});
const body = (text: string) => ({ type: "BODY", text });
const GRAPH_TEMPLATES = [
  approved(
    "t-named",
    "order_ready",
    [
      { type: "HEADER", format: "TEXT", text: "Order {{order_id}}" },
      body("Hi {{first_name}}, your order {{order_id}} is ready for pickup at {{store}}, {{first_name}}."),
    ],
    { parameter_format: "NAMED" },
  ),
  approved("t-plain", "hello_world", [body("Hello there, welcome!")]),
  approved("t-carousel", "roast_carousel", [body("Hi {{1}}, swipe to pick yours!"), { type: "CAROUSEL", cards: [{ components: [body("Guji")] }] }]),
  approved("t-offer", "espresso_offer", [{ type: "LIMITED_TIME_OFFER", limited_time_offer: { text: "Expiring offer!", has_expiration: true } }, body("Good news, {{1}}!")]),
  approved("t-catalog", "autumn_catalog", [body("Browse the catalog."), { type: "BUTTONS", buttons: [{ type: "CATALOG", text: "View catalog" }] }]),
  approved("t-flow", "tasting_booking", [body("Book a seat."), { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Book now", flow_id: "1" }] }]),
];

let counter = 0;
const key = () => `kinds-key-${Date.now()}-${(counter += 1)}`;

async function conversation() {
  const { db } = database.handle!;
  const waId = `1555${String(Date.now()).slice(-7)}${counter++}`;
  await db.insert(contacts).values({ waId, profileName: "Customer" });
  const [row] = await db.insert(conversations).values({ phoneNumberId: "pn-kinds", waId, lastInboundAt: null, lastMessageAt: new Date() }).returning();
  return row!;
}

describe("inbox template actions: named variables and kinds the picker cannot fill", () => {
  beforeAll(async () => {
    database.handle = await testDatabases[0]!.open();
    await seedDemoUsers(database.handle.db);
    // These tests work on numbers of every connection (some of no known connection): everyone may see them all.
    await database.handle.db.update(users).set({ allConnections: true });
    await openTestSessions(database.handle.db);
    await database.handle.db.insert(phoneNumbers).values({ id: "pn-kinds", wabaId: WABA, connectionId: null, displayPhoneNumber: "+1 555 0199" });
    fakeGateway.listAllTemplates.mockResolvedValue(GRAPH_TEMPLATES);
  });
  afterAll(async () => {
    await database.handle?.close();
  });
  beforeEach(async () => {
    session.userId = (await findUserByEmail(database.handle!.db, "agent@demo.test"))!.id;
    fakeGateway.sendMessage.mockReset();
    fakeGateway.sendMessage.mockResolvedValue({ messageId: "wamid.kinds", contacts: [], messageStatus: "accepted" });
  });

  it("offers the picker only templates it can fill, named ones marked NAMED", async () => {
    const result = await listTemplatesAction({ conversationId: (await conversation()).id });
    expect(result.data?.map((template) => template.name).sort()).toEqual(["hello_world", "order_ready"]);
    expect(result.data?.find((template) => template.name === "order_ready")?.parameter_format).toBe("NAMED");
  });

  it("refuses a carousel, an offer, a catalog and a flow template with a clear reason, before the gateway", async () => {
    const { id } = await conversation();
    const refusals: Record<string, string> = {
      roast_carousel: "This template (carousel) can't be sent from the dashboard yet.",
      espresso_offer: "This template (limited-time offer) can't be sent from the dashboard yet.",
      autumn_catalog: "This template (catalog) can't be sent from the dashboard yet.",
      tasting_booking: "This template (flow) can't be sent from the dashboard yet.",
    };
    for (const [templateName, message] of Object.entries(refusals)) {
      const result = await sendTemplateAction({ conversationId: id, clientKey: key(), templateName, languageCode: "en_US", values: { body: ["Maya"], buttons: {} } });
      expect(result.serverError).toMatchObject({ message, code: "UNSUPPORTED_TEMPLATE", field: "templateName" });
    }
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();
    expect(await database.handle!.db.select().from(messages).where(eq(messages.conversationId, id))).toHaveLength(0);
  });

  it("sends a named template with each parameter's name, in the order of first appearance", async () => {
    const { id } = await conversation();
    const missing = await sendTemplateAction({
      conversationId: id,
      clientKey: key(),
      templateName: "order_ready",
      languageCode: "en_US",
      values: { header: ["#4821"], body: ["Ana", "", "Main St"], buttons: {} },
    });
    expect(missing.serverError).toMatchObject({ code: "INVALID_INPUT", field: "values.body.1", message: "Fill in body variable {{order_id}}." });

    const result = await sendTemplateAction({
      conversationId: id,
      clientKey: key(),
      templateName: "order_ready",
      languageCode: "en_US",
      values: { header: ["#4821"], body: ["Ana", "#4821", "Main St"], buttons: {} },
    });
    expect(result.serverError).toBeUndefined();
    expect(result.data).toMatchObject({ sent: true });
    const [, payload] = fakeGateway.sendMessage.mock.calls[0]!;
    expect(payload.template.components).toEqual([
      { type: "header", parameters: [{ type: "text", parameter_name: "order_id", text: "#4821" }] },
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "first_name", text: "Ana" },
          { type: "text", parameter_name: "order_id", text: "#4821" },
          { type: "text", parameter_name: "store", text: "Main St" },
        ],
      },
    ]);
    const [stored] = await database.handle!.db.select().from(messages).where(eq(messages.conversationId, id));
    expect(stored!.content.rendered).toMatchObject({ header: { type: "text", text: "Order #4821" }, body: "Hi Ana, your order #4821 is ready for pickup at Main St, Ana." });
  });
});
