/** GET /conversations and GET /conversations/{conversation_id}, through their route handlers, on both databases. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { testDatabases } from "@/db/test-databases";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/service";

import { GET as getConversation } from "../conversations/[conversation_id]/route";
import { GET as listConversations } from "../conversations/route";
import { apiRequest, conversationWith, HOUR, messageIn, OTHER_NUMBER, routeParams, seedBusinesses, tokenOf, userOf } from "./resources-test-setup";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
// The API signs no one in: only its tokens count (next-auth itself does not load under Vitest).
vi.mock("@/auth", () => ({ auth: async () => null }));

type Page = { data: Array<Record<string, unknown> & { id: string }>; next_cursor: string | null };

describe.each(testDatabases)("the API's conversations on $name", (testDatabase) => {
  let token: string;

  const list = async (query = "", bearer: string | null = token) => listConversations(apiRequest(`/conversations${query}`, { token: bearer ?? undefined }), routeParams());
  const listed = async (query = "") => {
    const response = await list(query);
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };
  const get = (id: string, bearer: string | null = token) => getConversation(apiRequest(`/conversations/${id}`, { token: bearer ?? undefined }), routeParams({ conversation_id: id }));

  beforeEach(async () => {
    database.handle = await testDatabase.open();
    await seedBusinesses(database.handle.db);
    token = await tokenOf(database.handle.db, "agent");
  });
  afterEach(async () => {
    await database.handle.close();
  });

  it("answers 401 problems without a token and with a revoked one", async () => {
    const { db } = database.handle;
    const missing = await list("", null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    expect(await missing.json()).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });

    const agent = await userOf(db, "agent");
    const { token: revoked, record } = await createApiToken(db, agent, { name: "soon revoked", expiresAt: null });
    expect((await list("", revoked)).status).toBe(200);
    await revokeApiToken(db, agent, record.id);
    const refused = await list("", revoked);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await get("00000000-0000-4000-8000-000000000000", revoked)).status).toBe(401);
  });

  it("lists the conversations of the caller's connections only, as the API's objects", async () => {
    const { db } = database.handle;
    const agent = await userOf(db, "agent");
    const mine = await conversationWith(db, { name: "Maya Thompson", wroteAgo: 2 * HOUR, assigneeId: agent.id, preview: "Is my order on its way?" });
    await conversationWith(db, { phoneNumberId: OTHER_NUMBER, name: "Someone else's customer" });
    const page = await listed();
    expect(page.data.map((row) => row.id)).toEqual([mine.id]);
    expect(page.next_cursor).toBeNull();
    const [conversation] = page.data;
    expect(conversation).toEqual({
      id: mine.id,
      phone_number_id: mine.phoneNumberId,
      customer: { wa_id: mine.waId, user_id: null, username: null, name: "Maya Thompson" },
      status: "open",
      assignee: { id: agent.id, name: agent.name },
      unread_count: 0,
      last_message_at: mine.lastMessageAt!.toISOString(),
      last_inbound_at: mine.lastInboundAt!.toISOString(),
      window: { open: true, expires_at: new Date(mine.lastInboundAt!.getTime() + 24 * HOUR).toISOString() },
      last_message_preview: { kind: "text", text: "Is my order on its way?", direction: "inbound" },
      labels: [],
    });
  });

  it("walks every conversation exactly once, page by page, ties in time included", async () => {
    const { db } = database.handle;
    const sameMoment = new Date(Date.now() - 3 * HOUR);
    const created = [];
    for (let index = 0; index < 7; index += 1) {
      created.push(await conversationWith(db, { lastMessageAt: index < 3 ? sameMoment : new Date(Date.now() - index * 60_000) }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await listed(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((row) => row.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(created.map((row) => row.id)));
  });

  it("filters as the inbox does: assignee (me, unassigned, someone), status, window, search, number", async () => {
    const { db } = database.handle;
    const agent = await userOf(db, "agent");
    const marketer = await userOf(db, "marketer");
    const mine = await conversationWith(db, { assigneeId: agent.id, name: "Ana Lima" });
    const theirs = await conversationWith(db, { assigneeId: marketer.id, status: "resolved", wroteAgo: 30 * HOUR });
    const nobodys = await conversationWith(db, { wroteAgo: null, name: "Bruno Costa" });
    const ids = async (query: string) => (await listed(query)).data.map((row) => row.id).sort();

    expect(await ids("?assignee=me")).toEqual([mine.id]);
    expect(await ids("?assignee=unassigned")).toEqual([nobodys.id]);
    expect(await ids(`?assignee=${marketer.id}`)).toEqual([theirs.id]);
    expect(await ids("?status=resolved")).toEqual([theirs.id]);
    expect(await ids("?status=open")).toEqual([mine.id, nobodys.id].sort());
    expect(await ids("?window=open")).toEqual([mine.id]);
    expect(await ids("?window=closed")).toEqual([theirs.id, nobodys.id].sort());
    expect(await ids("?q=bruno")).toEqual([nobodys.id]);
    expect(await ids(`?phone_number_id=${OTHER_NUMBER}`)).toEqual([]);
    expect((await listed()).data).toHaveLength(3);
  });

  it("refuses bad input with 400, naming every field at fault", async () => {
    const response = await list("?limit=0&assignee=someone&window=sometimes");
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 400, code: "INVALID_REQUEST" });
    expect(problem.errors.map((error: { field: string }) => error.field).sort()).toEqual(["assignee", "limit", "window"]);

    const badCursor = await list("?cursor=bm90LWEtY3Vyc29y");
    expect(badCursor.status).toBe(400);
    expect(await badCursor.json()).toMatchObject({ code: "INVALID_CURSOR", errors: [{ field: "cursor" }] });
  });

  it("answers one conversation, with its newest message as preview; one of another connection is 404 like a missing one", async () => {
    const { db } = database.handle;
    const conversation = await conversationWith(db, { name: "Maya Thompson" });
    await messageIn(db, conversation.id, { content: { text: { body: "First" } }, sentAt: new Date(Date.now() - 2 * HOUR) });
    await messageIn(db, conversation.id, { direction: "outbound", type: "image", content: { image: { id: "m-1", caption: "Your receipt" } }, status: "delivered" });
    const response = await get(conversation.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: conversation.id,
      customer: { name: "Maya Thompson", wa_id: conversation.waId },
      last_message_preview: { kind: "photo", text: "Your receipt", direction: "outbound" },
    });

    const other = await conversationWith(db, { phoneNumberId: OTHER_NUMBER });
    const outside = await get(other.id);
    const missing = await get("00000000-0000-4000-8000-000000000000");
    expect(outside.status).toBe(404);
    expect(missing.status).toBe(404);
    const [outsideProblem, missingProblem] = [await outside.json(), await missing.json()];
    expect(outsideProblem).toMatchObject({ code: "NOT_FOUND" });
    expect({ ...outsideProblem, request_id: "" }).toEqual({ ...missingProblem, request_id: "" });

    const malformed = await get("not-a-uuid");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ errors: [{ field: "conversation_id" }] });
  });

  it("lets the admin see every connection's conversations", async () => {
    const { db } = database.handle;
    await conversationWith(db);
    await conversationWith(db, { phoneNumberId: OTHER_NUMBER });
    token = await tokenOf(db, "admin");
    expect((await listed()).data).toHaveLength(2);
  });
});
