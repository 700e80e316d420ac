/** Labels in the API: the catalogue, labels in conversations, the list's label filter, adding and removing one, on both databases. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { testDatabases } from "@/db/test-databases";
import { createConversationLabel } from "@/lib/inbox/labels";
import { sessionUserOf } from "@/lib/auth/session-user";

import { DELETE as removeLabel } from "../conversations/[conversation_id]/labels/[label_id]/route";
import { POST as addLabel } from "../conversations/[conversation_id]/labels/route";
import { GET as getConversation } from "../conversations/[conversation_id]/route";
import { GET as listConversations } from "../conversations/route";
import { GET as listLabels } from "../labels/route";
import { apiRequest, conversationWith, OTHER_NUMBER, routeParams, seedBusinesses, tokenOf, userOf } from "./resources-test-setup";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("@/auth", () => ({ auth: async () => null }));

describe.each(testDatabases)("the API's conversation labels on $name", (testDatabase) => {
  let token: string;

  beforeAll(async () => {
    database.handle = await testDatabase.open();
    await seedBusinesses(database.handle.db);
    token = await tokenOf(database.handle.db, "agent");
  });
  afterAll(async () => {
    await database.handle.close();
  });

  it("adds, lists, filters by and removes labels on the caller's conversations only", async () => {
    const { db } = database.handle;
    const admin = await sessionUserOf(db, await userOf(db, "admin"));
    const billing = await createConversationLabel(db, admin, { name: "Billing API", color: "blue" });
    const mine = await conversationWith(db, { name: "Maya Label" });
    const other = await conversationWith(db, { name: "No label" });
    const elsewhere = await conversationWith(db, { phoneNumberId: OTHER_NUMBER, name: "Someone else's" });

    const catalogue = await listLabels(apiRequest("/labels", { token }), routeParams());
    expect(catalogue.status).toBe(200);
    expect(await catalogue.json()).toEqual({ data: [{ id: billing.id, name: "Billing API", color: "blue", conversation_count: 0 }] });

    const add = (conversationId: string, labelId: string) =>
      addLabel(apiRequest(`/conversations/${conversationId}/labels`, { method: "POST", token, json: { label_id: labelId } }), routeParams({ conversation_id: conversationId }));
    const added = await add(mine.id, billing.id);
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({ labels: [{ id: billing.id, name: "Billing API", color: "blue" }] });
    expect((await add(elsewhere.id, billing.id)).status).toBe(404);
    const unknown = await add(mine.id, "00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);

    const filtered = (await (await listConversations(apiRequest(`/conversations?label=${billing.id}`, { token }), routeParams())).json()) as {
      data: Array<{ id: string; labels: unknown[] }>;
    };
    expect(filtered.data.map((row) => row.id)).toEqual([mine.id]);
    expect(filtered.data[0]!.labels).toEqual([{ id: billing.id, name: "Billing API", color: "blue" }]);
    const detail = (await (await getConversation(apiRequest(`/conversations/${other.id}`, { token }), routeParams({ conversation_id: other.id }))).json()) as { labels: unknown[] };
    expect(detail.labels).toEqual([]);

    const removed = await removeLabel(
      apiRequest(`/conversations/${mine.id}/labels/${billing.id}`, { method: "DELETE", token }),
      routeParams({ conversation_id: mine.id, label_id: billing.id }),
    );
    expect(await removed.json()).toEqual({ labels: [] });
  });
});
