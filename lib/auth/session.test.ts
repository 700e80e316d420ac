import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { insertUser, updateUser } from "@/db/queries/users";
import { connections } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";

import { currentSession, currentUser, requireCapability, withCapability } from "./session";
import { endAllSessions, endSession, startSession } from "./sessions";

// What the session cookie says: Auth.js decodes it; here each test writes it.
const cookie = vi.hoisted(() => ({ value: null as { userId?: string; sessionId?: string } | null }));
vi.mock("@/auth", () => ({
  auth: async () => (cookie.value ? { user: { id: cookie.value.userId }, sessionId: cookie.value.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

describe.each(testDatabases)("the signed-in user on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let counter = 0;
  const newUser = async (role: "admin" | "marketer" | "agent" = "agent") => {
    const email = `current-${Date.now()}-${(counter += 1)}@example.test`;
    return (await insertUser(handle.db, { email, name: "Cai Current", role, passwordHash: "hash" }))!;
  };
  const signIn = async (userId: string) => {
    const session = await startSession(handle.db, { userId });
    cookie.value = { userId, sessionId: session.id };
    return session.id;
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    cookie.value = null;
  });

  it("answers the user of an active session, with the session's id and the user's connections", async () => {
    const user = await newUser("marketer");
    await replaceConnectionAccess(handle.db, user.id, { all: false, connectionIds: [] });
    const sessionId = await signIn(user.id);
    expect(await currentSession()).toEqual({
      sessionId,
      user: {
        id: user.id,
        email: user.email,
        name: "Cai Current",
        role: "marketer",
        mustChangePassword: false,
        locale: null,
        timeZone: null,
        connections: { all: false, connectionIds: [] },
      },
    });
    expect((await currentUser())?.id).toBe(user.id);
    const admin = await newUser("admin");
    await signIn(admin.id);
    expect((await currentUser())?.connections).toEqual({ all: true });
  });

  it("treats a cookie without a session id (issued before sessions were recorded) as signed out", async () => {
    const user = await newUser();
    await signIn(user.id);
    cookie.value = { userId: user.id };
    expect(await currentUser()).toBeNull();
    await expect(requireCapability()).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("refuses an unknown session id, and another user's", async () => {
    const user = await newUser();
    const other = await newUser();
    cookie.value = { userId: user.id, sessionId: "made-up-session-id" };
    expect(await currentUser()).toBeNull();
    const othersSession = await signIn(other.id);
    cookie.value = { userId: user.id, sessionId: othersSession };
    expect(await currentUser()).toBeNull();
  });

  it("refuses a session once signed out, while the user's other sessions go on", async () => {
    const user = await newUser();
    const otherBrowser = await signIn(user.id);
    const sessionId = await signIn(user.id);
    expect((await currentUser())?.id).toBe(user.id);
    await endSession(handle.db, { sessionId, userId: user.id });
    expect(await currentUser()).toBeNull();
    cookie.value = { userId: user.id, sessionId: otherBrowser };
    expect((await currentUser())?.id).toBe(user.id);
  });

  it("refuses an expired session", async () => {
    const user = await newUser();
    const expired = await startSession(handle.db, { userId: user.id }, new Date(Date.now() - 13 * 60 * 60 * 1000));
    cookie.value = { userId: user.id, sessionId: expired.id };
    expect(await currentUser()).toBeNull();
  });

  it("refuses a disabled user's session", async () => {
    const user = await newUser();
    await signIn(user.id);
    await updateUser(handle.db, user.id, { disabled: true });
    expect(await currentUser()).toBeNull();
  });

  it("after signing out everywhere, refuses every session of the user, and a new sign-in works", async () => {
    const user = await newUser();
    const first = await signIn(user.id);
    const second = await signIn(user.id);
    await endAllSessions(handle.db, user);
    for (const sessionId of [first, second]) {
      cookie.value = { userId: user.id, sessionId };
      expect(await currentUser()).toBeNull();
    }
    await signIn(user.id);
    expect((await currentUser())?.id).toBe(user.id);
  });

  it("says why it refuses as a catalog message, which a route answers in the reader's words", async () => {
    const agent = await newUser("agent");
    await signIn(agent.id);
    await expect(requireCapability("users.manage")).rejects.toMatchObject({
      status: 403,
      code: "FORBIDDEN",
      said: { key: "auth.authorization.roleNotAllowed", values: { role: "agent" } },
    });
    const route = withCapability("users.manage", async () => new Response("ran"));
    const refused = await route();
    expect(refused.status).toBe(403);
    // Outside a request the reader is English.
    expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: "Your role (Agent) does not allow this." } });
    cookie.value = null;
    const signedOut = await route();
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "You are signed out. Sign in again to continue." } });
  });

  it("answers null without a cookie", async () => {
    expect(await currentSession()).toBeNull();
  });

  it("reads the user's granted connections with the session, and all of them for a user given all", async () => {
    const agent = await newUser("agent");
    const granted = ["lumen-test-connection", "harbor-test-connection"];
    await handle.db.insert(connections).values(granted.map((id) => ({ id, status: "ACTIVE" }))).onConflictDoNothing();
    await replaceConnectionAccess(handle.db, agent.id, { all: false, connectionIds: granted });
    await signIn(agent.id);
    const scope = (await currentUser())?.connections;
    expect(scope).toMatchObject({ all: false });
    expect(scope?.all === false && [...scope.connectionIds].sort()).toEqual([...granted].sort());
    await replaceConnectionAccess(handle.db, agent.id, { all: true, connectionIds: [] });
    expect((await currentUser())?.connections).toEqual({ all: true });
  });
});
