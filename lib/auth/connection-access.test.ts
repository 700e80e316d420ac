/**
 * Access by connection through every door, on a real database (both drivers): an agent given
 * connection A only meets B's conversations, numbers and templates as things that do not exist, and
 * a user given no connection sees empty lists and pages that say why.
 */
import { randomBytes } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findSelectedPhoneNumberId } from "@/db/queries/phone-numbers";
import { connections, contacts, conversations, messages, phoneNumbers, templates, userConnections, users, userSessions, wabas } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { usableConnections, workingConnection } from "@/lib/accounts/working-connection";
import { emptyTemplateDraft } from "@/lib/whatsapp/template-draft";
import { GET as getAgents } from "@/app/api/inbox/agents/route";
import { GET as getConversation } from "@/app/api/inbox/conversations/[conversationId]/route";
import { GET as getMessages } from "@/app/api/inbox/conversations/[conversationId]/messages/route";
import { GET as listConversationsRoute } from "@/app/api/inbox/conversations/route";
import { GET as getPhoneNumbers } from "@/app/api/inbox/phone-numbers/route";
import { GET as getTemplates } from "@/app/api/templates/route";

import {
  assignConversationAction,
  listTemplatesAction,
  markReadAction,
  reactAction,
  retryMessageAction,
  sendMessageAction,
  sendTemplateAction,
  setConversationStatusAction,
  typingAction,
} from "../actions/inbox";
import { selectWorkingConnectionAction } from "../actions/connections";
import { getSelectedPhoneNumberAction, listPhoneNumbersAction, selectPhoneNumberAction } from "../actions/phone-numbers";
import { getBusinessProfileAction } from "../actions/profile";
import { deleteTemplateAction, syncTemplatesAction, updateTemplateAction } from "../actions/templates";

import { findVisibleConversation, lacksConnectionAccess } from "./connection-access";
import { currentUser } from "./session";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined, sessionId: undefined as string | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: session.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), after: () => {} }));

const gatewayCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/gateway/server", () => {
  const called = async () => {
    gatewayCalls.count += 1;
    return { messageId: `wamid.out.${gatewayCalls.count}` };
  };
  return {
    gateway: () => ({
      messages: { sendMessage: called, markAsRead: called, sendTypingIndicator: called },
      profile: { getBusinessProfile: async () => ((gatewayCalls.count += 1), { about: "Hello" }) },
      templates: {
        // Graph's listing of each WABA: what the mirror below holds.
        listAllTemplates: async (wabaId: string) => {
          gatewayCalls.count += 1;
          return TEMPLATES.filter((template) => template.wabaId === wabaId).map(({ wabaId: _waba, ...template }) => template);
        },
        editTemplate: called,
        deleteTemplate: called,
      },
    }),
  };
});

const A = { connection: "conn-a", waba: "waba-a", number: "1000000001", template: "tpl-a" } as const;
const B = { connection: "conn-b", waba: "waba-b", number: "2000000002", template: "tpl-b" } as const;
const TEMPLATES = [
  { id: A.template, wabaId: A.waba, name: "roast_ready", language: "en_US", category: "UTILITY", status: "APPROVED", components: [{ type: "BODY", text: "Your roast is ready." }] },
  { id: B.template, wabaId: B.waba, name: "checkup_due", language: "en_US", category: "UTILITY", status: "APPROVED", components: [{ type: "BODY", text: "Your checkup is due." }] },
];
const MISSING_CONVERSATION = "00000000-0000-4000-8000-000000000000";
const HOUR = 60 * 60 * 1000;

let counter = 0;
const key = () => `access-${Date.now()}-${(counter += 1)}`;

describe.each(testDatabases)("access by connection on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const people: Record<"admin" | "agentOfA" | "marketerOfA" | "nobody", string> = { admin: "", agentOfA: "", marketerOfA: "", nobody: "" };
  const conversation = { a: "", b: "" };
  const outboundOfB = { id: "" };

  async function signInAs(who: keyof typeof people) {
    const sessionId = randomBytes(16).toString("base64url");
    await db().insert(userSessions).values({ id: sessionId, userId: people[who], expiresAt: new Date(Date.now() + 24 * HOUR) });
    session.userId = people[who];
    session.sessionId = sessionId;
  }

  const route = (path: string) => new Request(`http://127.0.0.1${path}`);
  const conversationContext = (conversationId: string) => ({ params: Promise.resolve({ conversationId }) });
  const listedIds = async (query = "status=all") => {
    const response = await listConversationsRoute(route(`/api/inbox/conversations?${query}`));
    expect(response.status).toBe(200);
    return ((await response.json()) as { conversations: Array<{ id: string }> }).conversations.map((row) => row.id);
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    await db().insert(connections).values([
      { id: A.connection, status: "ACTIVE", label: "Coffee roaster", matonCreatedAt: new Date("2025-01-01T00:00:00Z") },
      // B is the default: it must not become the working connection of a user who may not work in it.
      { id: B.connection, status: "ACTIVE", label: "Dental clinic", isDefault: true, matonCreatedAt: new Date("2025-02-01T00:00:00Z") },
    ]);
    await db().insert(wabas).values([
      { id: A.waba, connectionId: A.connection, name: "Coffee roaster" },
      { id: B.waba, connectionId: B.connection, name: "Dental clinic" },
    ]);
    await db().insert(phoneNumbers).values([
      { id: A.number, wabaId: A.waba, connectionId: A.connection, displayPhoneNumber: "+1 555 0101" },
      { id: B.number, wabaId: B.waba, connectionId: B.connection, displayPhoneNumber: "+1 555 0202" },
    ]);
    await db().insert(templates).values(TEMPLATES.map((template) => ({ ...template, syncedAt: new Date() })));
    await db().insert(contacts).values([
      { waId: "15550100001", phoneNumber: "15550100001", profileName: "Bean Lover" },
      { waId: "15550200002", phoneNumber: "15550200002", profileName: "Tooth Ache" },
    ]);
    const lastInboundAt = new Date(Date.now() - HOUR);
    const rows = await db()
      .insert(conversations)
      .values([
        { phoneNumberId: A.number, waId: "15550100001", lastInboundAt, lastMessageAt: lastInboundAt, lastMessagePreview: "Is my order roasted?" },
        { phoneNumberId: B.number, waId: "15550200002", lastInboundAt, lastMessageAt: lastInboundAt, lastMessagePreview: "Is my order ready?", unreadCount: 1 },
      ])
      .returning();
    [conversation.a, conversation.b] = [rows[0]!.id, rows[1]!.id];
    await db().insert(messages).values([
      { conversationId: conversation.a, wamid: "wamid.in.a", direction: "inbound", type: "text", content: { text: { body: "Is my order roasted?" } }, sentAt: lastInboundAt },
      { conversationId: conversation.b, wamid: "wamid.in.b", direction: "inbound", type: "text", content: { text: { body: "Is my order ready?" } }, sentAt: lastInboundAt },
    ]);
    const [failed] = await db()
      .insert(messages)
      .values({ conversationId: conversation.b, wamid: null, direction: "outbound", type: "text", content: { text: { body: "See you" } }, sentAt: lastInboundAt, status: "failed", clientKey: key() })
      .returning();
    outboundOfB.id = failed!.id;

    const created = await db()
      .insert(users)
      .values([
        { email: "admin@access.test", name: "Ada Admin", passwordHash: "x", role: "admin" },
        { email: "agent-a@access.test", name: "Ana Agent", passwordHash: "x", role: "agent" },
        { email: "marketer-a@access.test", name: "Mo Marketer", passwordHash: "x", role: "marketer" },
        { email: "nobody@access.test", name: "No Access", passwordHash: "x", role: "agent" },
      ])
      .returning();
    [people.admin, people.agentOfA, people.marketerOfA, people.nobody] = created.map((user) => user.id) as [string, string, string, string];
    await db().insert(userConnections).values([
      { userId: people.agentOfA, connectionId: A.connection },
      { userId: people.marketerOfA, connectionId: A.connection },
    ]);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    database.handle = handle;
    gatewayCalls.count = 0;
    await signInAs("agentOfA");
  });

  it("lists and searches only A's conversations, and only A's numbers", async () => {
    expect(await listedIds()).toEqual([conversation.a]);
    expect(await listedIds("status=all&q=order")).toEqual([conversation.a]);
    expect(await listedIds(`status=all&number=${B.number}`)).toEqual([]);
    const numbers = (await (await getPhoneNumbers()).json()) as { phoneNumbers: Array<{ id: string }> };
    expect(numbers.phoneNumbers.map((number) => number.id)).toEqual([A.number]);

    await signInAs("admin");
    expect((await listedIds()).sort()).toEqual([conversation.a, conversation.b].sort());
  });

  it("answers B's conversation as missing: its page loader, its routes and the agents route", async () => {
    const agent = (await currentUser())!;
    expect(await findVisibleConversation(db(), agent.connections, conversation.b)).toBeUndefined();
    expect(await findVisibleConversation(db(), agent.connections, conversation.a)).toMatchObject({ id: conversation.a });

    for (const id of [conversation.b, MISSING_CONVERSATION]) {
      const detail = await getConversation(route(`/api/inbox/conversations/${id}`), conversationContext(id));
      expect(detail.status).toBe(404);
      expect(await detail.json()).toEqual({ error: { message: "There is no such conversation.", code: "NOT_FOUND" } });
      const page = await getMessages(route(`/api/inbox/conversations/${id}/messages`), conversationContext(id));
      expect(page.status).toBe(404);
      expect(await page.json()).toEqual({ error: { message: "There is no such conversation.", code: "NOT_FOUND" } });
      expect((await getAgents(route(`/api/inbox/agents?conversationId=${id}`))).status).toBe(404);
    }
    expect((await getConversation(route(`/api/inbox/conversations/${conversation.a}`), conversationContext(conversation.a))).status).toBe(200);
    expect((await getMessages(route(`/api/inbox/conversations/${conversation.a}/messages`), conversationContext(conversation.a))).status).toBe(200);
    // Those who may be assigned A's conversation: admins and users granted A, not the user without access.
    const agents = (await (await getAgents(route(`/api/inbox/agents?conversationId=${conversation.a}`))).json()) as { agents: Array<{ id: string }> };
    expect(agents.agents.map((person) => person.id).sort()).toEqual([people.admin, people.agentOfA, people.marketerOfA].sort());
  });

  it("refuses every inbox action on B's conversation exactly as on a missing one, and sends nothing", async () => {
    const attempts = (conversationId: string) => [
      sendMessageAction({ conversationId, clientKey: key(), message: { kind: "text", body: "hi" } }),
      sendTemplateAction({ conversationId, clientKey: key(), templateName: "checkup_due", languageCode: "en_US", values: {} }),
      reactAction({ conversationId, clientKey: key(), messageId: outboundOfB.id, emoji: "👍" }),
      listTemplatesAction({ conversationId }),
      assignConversationAction({ conversationId, assigneeId: null }),
      setConversationStatusAction({ conversationId, status: "resolved" }),
      markReadAction({ conversationId }),
      typingAction({ conversationId }),
    ];
    const outside = await Promise.all(attempts(conversation.b));
    const missing = await Promise.all(attempts(MISSING_CONVERSATION));
    for (const [index, result] of outside.entries()) {
      expect(result.data).toBeUndefined();
      expect(result.serverError).toMatchObject({ code: "NOT_FOUND" });
      expect(result.serverError).toEqual(missing[index]!.serverError);
    }
    expect(await retryMessageAction({ messageId: outboundOfB.id })).toMatchObject({ serverError: { code: "NOT_FOUND", field: "messageId" } });
    expect(gatewayCalls.count).toBe(0);
    const [b] = await db().select().from(conversations).where(eq(conversations.id, conversation.b));
    expect(b).toMatchObject({ status: "open", unreadCount: 1 });
    expect(await db().select().from(messages).where(eq(messages.conversationId, conversation.b))).toHaveLength(2);

    // The same actions work on A's conversation.
    expect((await sendMessageAction({ conversationId: conversation.a, clientKey: key(), message: { kind: "text", body: "Yes, today" } })).data).toMatchObject({ sent: true });
    expect((await listTemplatesAction({ conversationId: conversation.a })).data?.map((template) => template.name)).toEqual(["roast_ready"]);
  });

  it("assigns a conversation only to someone who may work in its connection", async () => {
    await signInAs("admin");
    const refused = await assignConversationAction({ conversationId: conversation.b, assigneeId: people.agentOfA });
    expect(refused.serverError).toMatchObject({ code: "INVALID_INPUT", field: "assigneeId" });
    expect(refused.serverError?.message).toContain("has no access to this conversation's WhatsApp account");
    expect((await assignConversationAction({ conversationId: conversation.a, assigneeId: people.agentOfA })).data).toEqual({
      conversationId: conversation.a,
      assigneeId: people.agentOfA,
    });
  });

  it("shows templates of A only: the route, and the template actions refuse B's", async () => {
    const view = (await (await getTemplates(route(`/api/templates?waba=${B.waba}`))).json()) as { accounts: Array<{ wabaId: string }>; wabaId: string; templates: Array<{ id: string }> };
    expect(view.accounts.map((account) => account.wabaId)).toEqual([A.waba]);
    expect(view.wabaId).toBe(A.waba);
    expect(view.templates.map((template) => template.id)).toEqual([A.template]);

    expect((await syncTemplatesAction({ wabaId: B.waba })).data).toBeDefined();
    await signInAs("marketerOfA");
    gatewayCalls.count = 0;
    const update = await updateTemplateAction({ templateId: B.template, draft: emptyTemplateDraft() });
    const updateMissing = await updateTemplateAction({ templateId: "no-such-template", draft: emptyTemplateDraft() });
    expect(update.serverError).toMatchObject({ code: "NOT_FOUND", field: "templateId" });
    expect(update.serverError).toEqual(updateMissing.serverError);
    const remove = await deleteTemplateAction({ wabaId: B.waba, name: "checkup_due" });
    const removeMissing = await deleteTemplateAction({ wabaId: "no-such-waba", name: "checkup_due" });
    expect(remove.serverError).toMatchObject({ code: "NOT_FOUND", field: "wabaId" });
    expect(remove.serverError).toEqual(removeMissing.serverError);
    expect(gatewayCalls.count).toBe(0);
    const [kept] = await db().select().from(templates).where(eq(templates.id, B.template));
    expect(kept).toMatchObject({ status: "APPROVED" });
  });

  it("offers only A's numbers on the profile side, and refuses B's like an unknown one", async () => {
    expect((await listPhoneNumbersAction({})).data?.numbers.map((number) => number.id)).toEqual([A.number]);
    const outside = await getBusinessProfileAction({ phoneNumberId: B.number });
    const unknown = await getBusinessProfileAction({ phoneNumberId: "9999999999" });
    expect(outside.serverError).toMatchObject({ code: "NOT_FOUND" });
    expect(outside.serverError).toEqual(unknown.serverError);
    expect((await selectPhoneNumberAction({ phoneNumberId: B.number })).serverError).toEqual(unknown.serverError);
    expect(await findSelectedPhoneNumberId(db(), people.agentOfA)).not.toBe(B.number);
    expect(gatewayCalls.count).toBe(0);
    expect((await getBusinessProfileAction({ phoneNumberId: A.number })).data).toMatchObject({ ok: true, phoneNumberId: A.number });

    // A number the user picked while they still had access is not used once it is outside their connections.
    await db().update(users).set({ selectedPhoneNumberId: B.number }).where(eq(users.id, people.agentOfA));
    expect((await getSelectedPhoneNumberAction()).data).toEqual({ selectedId: null });
  });

  it("lists in the switcher, and lets the user work in, only their connections", async () => {
    const agent = (await currentUser())!;
    expect((await usableConnections(db(), agent.connections)).map((connection) => connection.id)).toEqual([A.connection]);
    // B is the default, but not theirs: they work in A.
    expect((await workingConnection(db(), agent))?.id).toBe(A.connection);
    const picked = await selectWorkingConnectionAction({ connectionId: B.connection });
    const unknown = await selectWorkingConnectionAction({ connectionId: "no-such-connection" });
    expect(picked.serverError).toMatchObject({ field: "connectionId" });
    expect(picked.serverError).toEqual(unknown.serverError);
    expect((await selectWorkingConnectionAction({ connectionId: A.connection })).data).toEqual({ connectionId: A.connection });

    await signInAs("admin");
    const admin = (await currentUser())!;
    expect((await usableConnections(db(), admin.connections)).map((connection) => connection.id)).toEqual([A.connection, B.connection]);
    expect((await workingConnection(db(), admin))?.id).toBe(B.connection);
  });

  it("gives a user with no connection empty lists, and pages that say why", async () => {
    await signInAs("nobody");
    const nobody = (await currentUser())!;
    expect(lacksConnectionAccess(nobody.connections)).toBe(true);
    expect(await listedIds()).toEqual([]);
    expect(await listedIds("status=all&q=order")).toEqual([]);
    expect(((await (await getPhoneNumbers()).json()) as { phoneNumbers: unknown[] }).phoneNumbers).toEqual([]);
    expect(await (await getTemplates(route("/api/templates"))).json()).toMatchObject({ accounts: [], wabaId: null, templates: [] });
    expect((await listPhoneNumbersAction({})).data).toMatchObject({ numbers: [], selectedId: null });
    expect(await usableConnections(db(), nobody.connections)).toEqual([]);
    expect(await workingConnection(db(), nobody)).toBeUndefined();
    for (const id of [conversation.a, conversation.b]) {
      expect((await getConversation(route(`/api/inbox/conversations/${id}`), conversationContext(id))).status).toBe(404);
    }

    for (const who of ["agentOfA", "admin"] as const) {
      await signInAs(who);
      expect(lacksConnectionAccess((await currentUser())!.connections)).toBe(false);
    }
  });
});
