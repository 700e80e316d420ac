/**
 * Conversation labels and the list's bulk actions on both databases: the catalogue (who may keep it,
 * names unique whatever the case, the palette), labels on a conversation (visibility, the limit) and
 * bulk changes over conversations some of which the actor may not see.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import { auditLog, contacts, conversations, liveEvents, phoneNumbers } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import type { SessionUser } from "@/lib/auth/session";
import { sessionUserOf } from "@/lib/auth/session-user";

import { bulkChangeConversations } from "./bulk";
import { LABEL_LIMITS } from "./label-views";
import {
  changeConversationLabels,
  createConversationLabel,
  deleteConversationLabel,
  labelsOfConversation,
  listConversationLabels,
  replaceConversationLabels,
  updateConversationLabel,
} from "./labels";

vi.mock("@/auth", () => ({ auth: async () => null }));

const NUMBER = "pn-labels-a";
const OTHER_NUMBER = "pn-labels-b";

/** What a refused call threw, for its class, code and field. */
async function refusal(call: Promise<unknown>): Promise<Error & { code?: string; field?: string; status?: number }> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, "the call was expected to be refused").toBeInstanceOf(Error);
  return error as Error & { code?: string; field?: string; status?: number };
}

describe.each(testDatabases)("conversation labels on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const actors = {} as Record<"admin" | "marketer" | "agent", SessionUser>;
  let customers = 0;

  async function conversation(on: string, options: { assigneeId?: string | null; status?: "open" | "resolved" } = {}): Promise<string> {
    customers += 1;
    const waId = `4477118${String(customers).padStart(5, "0")}`;
    await db().insert(contacts).values({ waId, phoneNumber: waId, profileName: `Customer ${customers}` });
    const [row] = await db()
      .insert(conversations)
      .values({ phoneNumberId: on, waId, assigneeId: options.assigneeId ?? null, status: options.status ?? "open", lastInboundAt: new Date(), lastMessageAt: new Date() })
      .returning();
    return row!.id;
  }

  beforeAll(async () => {
    handle = await testDatabase.open();
    await seedDemoUsers(db());
    await insertTwoConnections(db());
    await db()
      .insert(phoneNumbers)
      .values([
        { id: NUMBER, wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555 0100" },
        { id: OTHER_NUMBER, wabaId: "waba-b", connectionId: "conn-b", displayPhoneNumber: "+1 555 0200" },
      ]);
    for (const role of ["admin", "marketer", "agent"] as const) {
      const user = (await findUserByEmail(db(), `${role}@demo.test`))!;
      if (role !== "admin") await replaceConnectionAccess(db(), user.id, { all: false, connectionIds: ["conn-a"] });
      actors[role] = await sessionUserOf(db(), (await findUserByEmail(db(), `${role}@demo.test`))!);
    }
  });
  afterAll(async () => {
    await handle.close();
  });

  it("lets marketers and admins keep the catalogue, names unique whatever the case, colours from the palette", async () => {
    const agentTry = await refusal(createConversationLabel(db(), actors.agent, { name: "Agent label", color: "red" }));
    expect(agentTry).toMatchObject({ status: 403 });

    const urgent = await createConversationLabel(db(), actors.marketer, { name: "  Urgent ", color: "red" });
    expect(urgent).toMatchObject({ name: "Urgent", color: "red", conversationCount: 0 });
    expect(await refusal(createConversationLabel(db(), actors.admin, { name: "URGENT", color: "blue" }))).toMatchObject({ code: "CONFLICT", field: "name" });
    expect(await refusal(createConversationLabel(db(), actors.admin, { name: "x".repeat(LABEL_LIMITS.name + 1), color: "blue" }))).toMatchObject({ field: "name" });
    expect(await refusal(createConversationLabel(db(), actors.admin, { name: " ", color: "blue" }))).toMatchObject({ field: "name" });
    expect(await refusal(createConversationLabel(db(), actors.admin, { name: "Magenta", color: "magenta" }))).toMatchObject({ field: "color" });

    const billing = await createConversationLabel(db(), actors.admin, { name: "Billing", color: "blue" });
    expect(await refusal(updateConversationLabel(db(), actors.admin, billing.id, { name: "urgent" }))).toMatchObject({ code: "CONFLICT", field: "name" });
    expect(await refusal(updateConversationLabel(db(), actors.agent, billing.id, { color: "green" }))).toMatchObject({ status: 403 });
    expect(await updateConversationLabel(db(), actors.marketer, billing.id, { name: "Billing & refunds", color: "green" })).toMatchObject({
      name: "Billing & refunds",
      color: "green",
    });
    expect((await listConversationLabels(db(), actors.agent)).map((label) => label.name)).toEqual(expect.arrayContaining(["Billing & refunds", "Urgent"]));

    const audit = await db().select().from(auditLog).where(and(eq(auditLog.action, "conversation_label.updated"), eq(auditLog.targetId, billing.id)));
    expect(audit).toHaveLength(1);
    const events = (await db().select().from(liveEvents).where(eq(liveEvents.kind, "conversation_label.updated"))).filter((event) => event.payload.labelId === billing.id);
    expect(events).toHaveLength(2);
  });

  it("puts labels on a conversation the agent may see, up to the limit, and tells the list", async () => {
    const mine = await conversation(NUMBER);
    const elsewhere = await conversation(OTHER_NUMBER);
    const vip = await createConversationLabel(db(), actors.admin, { name: "VIP set", color: "violet" });

    expect(await changeConversationLabels(db(), actors.agent, mine, { add: [vip.id] })).toEqual([{ id: vip.id, name: "VIP set", color: "violet" }]);
    expect(await refusal(changeConversationLabels(db(), actors.agent, elsewhere, { add: [vip.id] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await refusal(changeConversationLabels(db(), actors.agent, mine, { add: ["00000000-0000-4000-8000-000000000000"] }))).toMatchObject({ field: "add" });
    const updates = (await db().select().from(liveEvents).where(eq(liveEvents.kind, "conversation.updated"))).filter((event) => event.payload.conversationId === mine);
    expect(updates.length).toBeGreaterThan(0);

    const many = [];
    for (let index = 0; index < LABEL_LIMITS.perConversation; index += 1) {
      many.push((await createConversationLabel(db(), actors.admin, { name: `Limit ${index}`, color: "gray" })).id);
    }
    // The conversation has one label already: twenty more would make twenty-one.
    expect(await refusal(changeConversationLabels(db(), actors.agent, mine, { add: many }))).toMatchObject({ code: "LIMIT" });
    expect(await labelsOfConversation(db(), actors.agent, mine)).toHaveLength(1);

    expect(await replaceConversationLabels(db(), actors.agent, mine, many.slice(0, 2))).toHaveLength(2);
    expect((await labelsOfConversation(db(), actors.agent, mine)).map((label) => label.id).sort()).toEqual(many.slice(0, 2).sort());

    const removed = await deleteConversationLabel(db(), actors.marketer, many[0]!);
    expect(removed).toEqual({ conversations: 1 });
    expect(await labelsOfConversation(db(), actors.agent, mine)).toHaveLength(1);
  });

  it("applies bulk changes to the conversations the actor may see and counts the ones skipped", async () => {
    const first = await conversation(NUMBER);
    const second = await conversation(NUMBER, { assigneeId: actors.agent.id });
    const hidden = await conversation(OTHER_NUMBER);
    const ids = [first, second, hidden];

    expect(await bulkChangeConversations(db(), actors.agent, ids, { kind: "assign", assigneeId: actors.agent.id })).toEqual({
      changed: 1,
      skipped: { notFound: 1, unchanged: 1 },
    });
    const rows = await db().select().from(conversations).where(eq(conversations.id, hidden));
    expect(rows[0]!.assigneeId).toBeNull();

    expect(await bulkChangeConversations(db(), actors.agent, ids, { kind: "status", status: "resolved" })).toEqual({ changed: 2, skipped: { notFound: 1 } });
    expect((await db().select().from(conversations).where(eq(conversations.id, first)))[0]!.status).toBe("resolved");
    expect((await db().select().from(conversations).where(eq(conversations.id, hidden)))[0]!.status).toBe("open");

    const followUp = await createConversationLabel(db(), actors.admin, { name: "Follow-up bulk", color: "amber" });
    expect(await bulkChangeConversations(db(), actors.agent, ids, { kind: "labels", add: [followUp.id] })).toEqual({ changed: 2, skipped: { notFound: 1 } });
    expect(await labelsOfConversation(db(), actors.admin, hidden)).toEqual([]);
    expect(await bulkChangeConversations(db(), actors.agent, [first], { kind: "labels", remove: [followUp.id] })).toEqual({ changed: 1, skipped: {} });

    const tooMany = Array.from({ length: LABEL_LIMITS.bulkIds + 1 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);
    expect(await refusal(bulkChangeConversations(db(), actors.agent, tooMany, { kind: "status", status: "open" }))).toMatchObject({ field: "conversationIds" });
    expect(await refusal(bulkChangeConversations(db(), actors.agent, ids, { kind: "assign", assigneeId: "00000000-0000-4000-8000-000000000001" }))).toMatchObject({
      field: "assigneeId",
    });
  });
});
