import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { insertUser } from "@/db/queries/users";
import { testDatabases } from "@/db/test-databases";
import { findSignedInUser, startSession } from "@/lib/auth/sessions";

import { signInAction, signOutAction } from "./auth";

// The browser's cookie: the user and session it names, until signOut() clears it.
const cookie = vi.hoisted(() => ({
  value: null as { userId: string; sessionId?: string } | null,
  /** Whether the session was still active when the cookie was cleared. */
  activeAtClearing: undefined as boolean | undefined,
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
// How Auth.js answers a sign-in (undefined: it lets the person in), and the language the browser asks for.
const signIn = vi.hoisted(() => ({ refusal: undefined as string | undefined }));
const browser = vi.hoisted(() => ({ acceptLanguage: null as string | null }));
vi.mock("@/auth", () => {
  class SignInRefused extends Error {
    constructor(readonly code: string) {
      super(code);
    }
  }
  return {
    auth: async () => (cookie.value ? { user: { id: cookie.value.userId }, sessionId: cookie.value.sessionId, expires: "" } : null),
    signIn: async () => {
      if (signIn.refusal) throw new SignInRefused(signIn.refusal);
    },
  signOut: vi.fn(async () => {
    const { findSignedInUser } = await import("@/lib/auth/sessions");
    const { userId, sessionId } = cookie.value ?? {};
    cookie.activeAtClearing = userId && sessionId ? (await findSignedInUser(database.handle.db, { userId, sessionId })) !== undefined : undefined;
    cookie.value = null;
  }),
    SignInRefused,
  };
});
vi.mock("next/headers", () => ({
  headers: async () => new Headers(browser.acceptLanguage ? { "accept-language": browser.acceptLanguage } : {}),
  cookies: async () => ({ get: () => undefined }),
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

describe("refusing a sign-in", () => {
  beforeEach(() => {
    cookie.value = null;
    browser.acceptLanguage = null;
  });

  it.each([
    ["invalid", "That email and password do not match an account."],
    ["disabled", "This account is disabled. Ask an administrator to re-enable it."],
    ["throttled:1", "Too many failed sign-in attempts. Wait 1 second before trying again."],
    ["throttled:45", "Too many failed sign-in attempts. Wait 45 seconds before trying again."],
    ["throttled:150", "Too many failed sign-in attempts. Wait 3 minutes before trying again."],
  ])("says why for %s", async (refusal, message) => {
    signIn.refusal = refusal;
    expect((await signInAction({ email: "someone@example.test", password: "a-password" })).serverError).toEqual({ message, code: "SIGN_IN_REFUSED" });
  });

  it("speaks the browser's language to a stranger: the refusal and the form's own checks", async () => {
    browser.acceptLanguage = "es-MX,es;q=0.9,en;q=0.5";
    signIn.refusal = "throttled:150";
    expect((await signInAction({ email: "someone@example.test", password: "a-password" })).serverError?.message).toBe(
      "Demasiados intentos fallidos de inicio de sesión. Espera 3 minutos antes de volver a intentarlo.",
    );
    browser.acceptLanguage = "ar-EG";
    expect((await signInAction({ email: " ", password: "" })).validationErrors).toMatchObject({
      email: { _errors: ["أدخل عنوان بريدك الإلكتروني."] },
      password: { _errors: ["أدخل كلمة المرور."] },
    });
  });
});
