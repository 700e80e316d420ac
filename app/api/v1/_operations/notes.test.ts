/**
 * Private notes through the public API, on both databases: added by POST (never sent), listed among
 * the messages as `type: note`, refused for a mention that cannot work on the number.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { testDatabases } from "@/db/test-databases";

import { GET as listMessages } from "../conversations/[conversation_id]/messages/route";
import { POST as addNote } from "../conversations/[conversation_id]/notes/route";
import { apiRequest, conversationWith, HOUR, OTHER_NUMBER, routeParams, seedBusinesses, tokenOf, userOf } from "./resources-test-setup";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("@/auth", () => ({ auth: async () => null }));
const fakeGateway = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock("@/lib/gateway/server", () => ({ gateway: () => ({ messages: { sendMessage: fakeGateway.sendMessage } }) }));

describe.each(testDatabases)("the API's notes on $name", (testDatabase) => {
  let agentToken: string;
  let adminToken: string;

  beforeAll(async () => {
    database.handle = await testDatabase.open();
    await seedBusinesses(database.handle.db);
    agentToken = await tokenOf(database.handle.db, "agent");
    adminToken = await tokenOf(database.handle.db, "admin");
  });
  afterAll(async () => {
    await database.handle.close();
  });

  const post = (conversationId: string, json: unknown, token = agentToken, headers: Record<string, string> = {}) =>
    addNote(apiRequest(`/conversations/${conversationId}/notes`, { method: "POST", token, json, headers }), routeParams({ conversation_id: conversationId }));

  it("adds a note in a closed window without sending it, stores it once per Idempotency-Key, and lists it as a note", async () => {
    const { db } = database.handle;
    const marketer = await userOf(db, "marketer");
    const conversation = await conversationWith(db, { wroteAgo: 30 * HOUR });
    const body = { body: "@Marketer please call them back", mention_ids: [marketer.id] };
    const created = await post(conversation.id, body, agentToken, { "Idempotency-Key": "note-once-1" });
    expect(created.status).toBe(201);
    const note = (await created.json()) as Record<string, unknown>;
    expect(note).toMatchObject({
      type: "note",
      wamid: null,
      status: null,
      direction: "outbound",
      content: { body: "@Marketer please call them back", mentions: [{ user_id: marketer.id, name: marketer.name }] },
      sender: { id: (await userOf(db, "agent")).id },
    });
    const again = await post(conversation.id, body, agentToken, { "Idempotency-Key": "note-once-1" });
    expect(((await again.json()) as { id: string }).id).toBe(note.id);
    expect(fakeGateway.sendMessage).not.toHaveBeenCalled();

    const listed = await listMessages(apiRequest(`/conversations/${conversation.id}/messages`, { token: agentToken }), routeParams({ conversation_id: conversation.id }));
    const page = (await listed.json()) as { data: Array<Record<string, unknown>> };
    expect(page.data.filter((item) => item.type === "note")).toEqual([expect.objectContaining({ id: note.id, content: note.content })]);
  });

  it("refuses an empty note and a mention of someone who cannot work on the number, by field; a conversation out of reach is 404", async () => {
    const { db } = database.handle;
    const agent = await userOf(db, "agent");
    const elsewhere = await conversationWith(db, { phoneNumberId: OTHER_NUMBER });
    const refused = await post(elsewhere.id, { body: "@Agent look", mention_ids: [agent.id] }, adminToken);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: Array<{ field: string }> }).errors.map((error) => error.field)).toEqual(["mention_ids"]);
    // The body's own shape is checked first, as every operation's: 400 with the field.
    const empty = await post(elsewhere.id, { body: "" }, adminToken);
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toContain('"body"');
    expect((await post(elsewhere.id, { body: "Hello" }, agentToken)).status).toBe(404);
  });
});
