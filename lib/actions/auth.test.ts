import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { insertUser } from "@/db/queries/users";
import { testDatabases } from "@/db/test-databases";
import { findSignedInUser, startSession } from "@/lib/auth/sessions";

import { signOutAction } from "./auth";

// The browser's cookie: the user and session it names, until signOut() clears it.
const cookie = vi.hoisted(() => ({
  value: null as { userId: string; sessionId?: string } | null,
  /** Whether the session was still active when the cookie was cleared. */
  activeAtClearing: undefined as boolean | undefined,
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/auth", () => ({
  auth: async () => (cookie.value ? { user: { id: cookie.value.userId }, sessionId: cookie.value.sessionId, expires: "" } : null),
  signIn: async () => {},
  signOut: vi.fn(async () => {
    const { findSignedInUser } = await import("@/lib/auth/sessions");
    const { userId, sessionId } = cookie.value ?? {};
    cookie.activeAtClearing = userId && sessionId ? (await findSignedInUser(database.handle.db, { userId, sessionId })) !== undefined : undefined;
    cookie.value = null;
  }),
  SignInRefused: class SignInRefused extends Error {},
}));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
// Auth.js itself is not loaded: only its error class is named by the sign-in action.
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));

const REDIRECT_TO_LOGIN = { digest: expect.stringMatching(/^NEXT_REDIRECT;\w+;\/login;/) };

describe.each(testDatabases)("signing out on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let counter = 0;
  const newUser = async () =>
    (await insertUser(handle.db, { email: `out-${Date.now()}-${(counter += 1)}@example.test`, name: "Olu Out", role: "agent", passwordHash: "hash" }))!;

  beforeAll(async () => {
    handle = await testDatabase.open();
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    cookie.value = null;
    cookie.activeAtClearing = undefined;
  });

  it("revokes this browser's session before clearing its cookie, audits it, and goes to sign in", async () => {
    const user = await newUser();
    const { id: sessionId } = await startSession(handle.db, { userId: user.id });
    const { id: otherBrowser } = await startSession(handle.db, { userId: user.id });
    cookie.value = { userId: user.id, sessionId };
    await expect(signOutAction()).rejects.toMatchObject(REDIRECT_TO_LOGIN);
    expect(cookie.value).toBeNull();
    expect(cookie.activeAtClearing).toBe(false);
    // A copy of the cookie is worth nothing now; the user's other browser stays signed in.
    expect(await findSignedInUser(handle.db, { userId: user.id, sessionId })).toBeUndefined();
    expect(await findSignedInUser(handle.db, { userId: user.id, sessionId: otherBrowser })).toBeDefined();
    expect((await latestAuditEntries(handle.db, 1))[0]).toMatchObject({ action: "user.signed_out", actorId: user.id, targetId: user.id });
  });

  it("clears a cookie without a session id, or none at all, and goes to sign in", async () => {
    const user = await newUser();
    cookie.value = { userId: user.id };
    await expect(signOutAction()).rejects.toMatchObject(REDIRECT_TO_LOGIN);
    expect(cookie.value).toBeNull();
    await expect(signOutAction()).rejects.toMatchObject(REDIRECT_TO_LOGIN);
  });
});
