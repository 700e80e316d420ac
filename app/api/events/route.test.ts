/** The live stream sends each user the events of their connections only, on every test database. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { publishLiveEvents } from "@/db/queries/live-events";
import { contacts, conversations, phoneNumbers, userConnections, users } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { openTestSessions } from "@/db/test-sessions";

import { GET } from "./route";
import { insertTwoConnections } from "@/db/test-connections";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: `test-session-${session.userId}`, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db, databaseHandle: async () => database.handle }));

/** Reads the stream until the frame of `lastKind` arrives, then closes it; answers the events' kinds and notes, in order. */
async function eventsUntil(userId: string, lastKind: string): Promise<string[]> {
  session.userId = userId;
  const abort = new AbortController();
  // `after=0`: the stream catches up from the first stored event before following new ones.
  const response = await GET(new Request("http://127.0.0.1/api/events?after=0", { signal: abort.signal }));
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes(`event: ${lastKind}\n`)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  abort.abort();
  await reader.cancel().catch(() => undefined);
  return [...text.matchAll(/event: (\S+)\ndata: (.*)\n/g)].map(([, kind, data]) => `${kind} ${(JSON.parse(data!) as { note?: string }).note ?? ""}`.trim());
}

describe.each(testDatabases)("the live stream on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const people = { admin: "", agentOfA: "", nobody: "" };

  beforeAll(async () => {
    // The hub is one per process: a fresh one for this database.
    (globalThis as { dashboardLiveHub?: unknown }).dashboardLiveHub = undefined;
    handle = await testDatabase.open();
    database.handle = handle;
    const { db } = handle;
    await insertTwoConnections(db);
    await db.insert(phoneNumbers).values([
      { id: "pn-a", wabaId: "waba-a", connectionId: "conn-a" },
      { id: "pn-b", wabaId: "waba-b", connectionId: "conn-b" },
    ]);
    await db.insert(contacts).values({ waId: "15550003333" });
    const [onA, onB] = await db
      .insert(conversations)
      .values([
        { phoneNumberId: "pn-a", waId: "15550003333" },
        { phoneNumberId: "pn-b", waId: "15550003333" },
      ])
      .returning();
    const created = await db
      .insert(users)
      .values([
        { email: "admin@live.test", name: "Admin", passwordHash: "x", role: "admin" },
        { email: "agent-a@live.test", name: "Agent of A", passwordHash: "x", role: "agent" },
        { email: "nobody@live.test", name: "Nobody", passwordHash: "x", role: "agent" },
      ])
      .returning();
    [people.admin, people.agentOfA, people.nobody] = created.map((user) => user.id) as [string, string, string];
    await db.insert(userConnections).values({ userId: people.agentOfA, connectionId: "conn-a" });
    await openTestSessions(db);
    await db.transaction((tx) =>
      publishLiveEvents(tx, [
        { kind: "message.created", payload: { note: "A", conversationId: onA!.id, messageId: "m-a" } },
        { kind: "message.created", payload: { note: "B", conversationId: onB!.id, messageId: "m-b" } },
        { kind: "phone_number.updated", payload: { note: "B's number", phoneNumberId: "pn-b" } },
        { kind: "conversation.updated", payload: { note: "A again", conversationId: onA!.id } },
      ]),
    );
    // Last, an event about no account: every stream ends its reading on it.
    await db.transaction((tx) => publishLiveEvents(tx, [{ kind: "template.updated", payload: { note: "end" } }]));
  });
  afterAll(async () => {
    await handle.close();
  });

  it("sends an agent of A only A's events, never B's", async () => {
    expect(await eventsUntil(people.agentOfA, "template.updated")).toEqual(["message.created A", "conversation.updated A again", "template.updated end"]);
  });

  it("sends a user without access only the events about no account", async () => {
    expect(await eventsUntil(people.nobody, "template.updated")).toEqual(["template.updated end"]);
  });

  it("sends an admin every event", async () => {
    expect(await eventsUntil(people.admin, "template.updated")).toEqual([
      "message.created A",
      "message.created B",
      "phone_number.updated B's number",
      "conversation.updated A again",
      "template.updated end",
    ]);
  });
});
