import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findSignInFailures } from "@/db/queries/sign-in-failures";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import { testDatabases } from "@/db/test-databases";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from "@/lib/auth/password";
import { findSignedInUser, listSessions, startSession } from "@/lib/auth/sessions";
import { FREE_FAILURES, throttleKey } from "@/lib/auth/sign-in-throttle";

import { currentUser } from "@/lib/auth/session";

import { changeOwnPasswordAction, endOwnSessionAction, signOutEverywhereAction, updateOwnNameAction, updateOwnPreferencesAction } from "./account";
import { PASSWORD_MAX, PASSWORD_MIN, type UpdateOwnPreferencesInput } from "./account.schema";

const session = vi.hoisted(() => ({
  userId: undefined as string | undefined,
  /** The session row this browser's cookie names. */
  sessionId: undefined as string | undefined,
  signIn: undefined as unknown as import("vitest").Mock,
  signOut: undefined as unknown as import("vitest").Mock,
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/auth", () => {
  // Signing in again (after a password change) starts a new session for this browser, as auth.ts does.
  session.signIn = vi.fn(async () => {
    const { startSession } = await import("@/lib/auth/sessions");
    session.sessionId = (await startSession(database.handle.db, { userId: session.userId! })).id;
  });
  // Signing out clears the cookie.
  session.signOut = vi.fn(async () => {
    session.userId = undefined;
    session.sessionId = undefined;
  });
  return {
    auth: async () => (session.userId ? { user: { id: session.userId }, expires: "", sessionId: session.sessionId } : null),
    signIn: session.signIn,
    signOut: session.signOut,
  };
});
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const OLD_PASSWORD = "the-old-password-1";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const NEW_PASSWORD = "a-brand-new-password";

it("keeps the form's password limits equal to the server's", () => {
  expect([PASSWORD_MIN, PASSWORD_MAX]).toEqual([PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH]);
});

describe.each(testDatabases)("own account on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let oldHash: string;
  let counter = 0;

  /** A fresh user of the given role, signed in. */
  const signInAsNewUser = async (role: "admin" | "marketer" | "agent", mustChangePassword = false) => {
    const email = `me-${Date.now()}-${(counter += 1)}@example.test`;
    const user = await insertUser(handle.db, { email, name: "Old Name", role, passwordHash: oldHash, mustChangePassword });
    session.userId = user!.id;
    session.sessionId = (await startSession(handle.db, { userId: user!.id })).id;
    return user!;
  };
  /** Another browser signed in as the same user: its session's id. */
  const signInElsewhere = async (userId: string) => (await startSession(handle.db, { userId, userAgent: FIREFOX })).id;
  const isActive = async (userId: string, sessionId: string) => (await findSignedInUser(handle.db, { userId, sessionId })) !== undefined;

  beforeAll(async () => {
    handle = await testDatabase.open();
    oldHash = await hashPassword(OLD_PASSWORD);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.userId = undefined;
    session.sessionId = undefined;
    session.signOut.mockClear();
  });

  it("refuses every action without a session", async () => {
    expect((await updateOwnNameAction({ name: "X" })).serverError?.code).toBe("UNAUTHENTICATED");
    const result = await changeOwnPasswordAction({ currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result.serverError?.code).toBe("UNAUTHENTICATED");
    expect((await endOwnSessionAction({ sessionId: "some-session" })).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await signOutEverywhereAction()).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await updateOwnPreferencesAction({ locale: "es", timeZone: "Europe/Madrid" })).serverError).toEqual({
      message: "You are signed out. Sign in again to continue.",
      code: "UNAUTHENTICATED",
    });
    expect(session.signOut).not.toHaveBeenCalled();
  });

  it.each(["agent", "marketer", "admin"] as const)("lets an %s choose their language and time zone, audits it, and go back to automatic", async (role) => {
    const me = await signInAsNewUser(role);
    const stored = async () => {
      const user = await findUserByEmail(handle.db, me.email);
      return { locale: user?.locale, timeZone: user?.timeZone };
    };
    const saved = await updateOwnPreferencesAction({ locale: "es", timeZone: "America/Mexico_City" });
    expect(saved.data).toEqual({ locale: "es", timeZone: "America/Mexico_City", changed: true });
    expect(await stored()).toEqual({ locale: "es", timeZone: "America/Mexico_City" });
    expect((await latestAuditEntries(handle.db, 1))[0]).toMatchObject({
      action: "user.preferences_changed",
      actorId: me.id,
      targetId: me.id,
      details: { from: { locale: null, timeZone: null }, to: { locale: "es", timeZone: "America/Mexico_City" } },
    });
    // The next request's user carries them: its pages are in Spanish, their times in Mexico City's zone.
    expect(await currentUser()).toMatchObject({ locale: "es", timeZone: "America/Mexico_City" });

    // The same choice again changes nothing and records nothing.
    const lastEntry = (await latestAuditEntries(handle.db, 1))[0]?.id;
    expect((await updateOwnPreferencesAction({ locale: "es", timeZone: "America/Mexico_City" })).data).toMatchObject({ changed: false });
    expect((await latestAuditEntries(handle.db, 1))[0]?.id).toBe(lastEntry);

    const automatic = await updateOwnPreferencesAction({ locale: null, timeZone: null });
    expect(automatic.data).toEqual({ locale: null, timeZone: null, changed: true });
    expect(await stored()).toEqual({ locale: null, timeZone: null });
    expect((await latestAuditEntries(handle.db, 1))[0]).toMatchObject({
      action: "user.preferences_changed",
      details: { from: { locale: "es", timeZone: "America/Mexico_City" }, to: { locale: null, timeZone: null } },
    });
  });

  it("sets the language and the time zone each on its own", async () => {
    const me = await signInAsNewUser("agent");
    expect((await updateOwnPreferencesAction({ locale: "ar", timeZone: null })).data).toMatchObject({ locale: "ar", timeZone: null });
    expect((await updateOwnPreferencesAction({ locale: "ar", timeZone: "UTC" })).data).toMatchObject({ locale: "ar", timeZone: "UTC" });
    expect(await findUserByEmail(handle.db, me.email)).toMatchObject({ locale: "ar", timeZone: "UTC" });
  });

  it.each([
    [{ locale: "fr", timeZone: null }, "locale", "Choose a language from the list, or Automatic."],
    [{ locale: "", timeZone: null }, "locale", "Choose a language from the list, or Automatic."],
    [{ locale: null, timeZone: "Mars/Olympus_Mons" }, "timeZone", "Choose a time zone from the list, or Automatic."],
    [{ locale: null, timeZone: "" }, "timeZone", "Choose a time zone from the list, or Automatic."],
    [{ locale: null, timeZone: 42 }, "timeZone", "Choose a time zone from the list, or Automatic."],
  ])("refuses %o at the %s field and changes nothing", async (input, field, message) => {
    const me = await signInAsNewUser("marketer");
    await updateOwnPreferencesAction({ locale: "pt-BR", timeZone: "America/Sao_Paulo" });
    const lastEntry = (await latestAuditEntries(handle.db, 1))[0]?.id;
    const result = await updateOwnPreferencesAction(input as unknown as UpdateOwnPreferencesInput);
    expect(result.validationErrors).toEqual({ [field]: { _errors: [message] } });
    expect(result.data).toBeUndefined();
    expect(await findUserByEmail(handle.db, me.email)).toMatchObject({ locale: "pt-BR", timeZone: "America/Sao_Paulo" });
    expect((await latestAuditEntries(handle.db, 1))[0]?.id).toBe(lastEntry);
  });

  it("refuses a session that was signed out, even with the cookie's user id", async () => {
    const me = await signInAsNewUser("agent");
    const { endSession } = await import("@/lib/auth/sessions");
    await endSession(handle.db, { userId: me.id, sessionId: session.sessionId! });
    expect((await updateOwnNameAction({ name: "Copied Cookie" })).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await findUserByEmail(handle.db, me.email))?.name).toBe("Old Name");
  });

  it.each(["agent", "marketer", "admin"] as const)("lets an %s change their own name, and audits it", async (role) => {
    const me = await signInAsNewUser(role);
    const result = await updateOwnNameAction({ name: "  New Name  " });
    expect(result.data).toEqual({ name: "New Name", changed: true });
    expect((await findUserByEmail(handle.db, me.email))?.name).toBe("New Name");
    expect((await latestAuditEntries(handle.db, 1))[0]).toMatchObject({
      action: "user.name_changed",
      actorId: me.id,
      targetId: me.id,
      details: { from: "Old Name", to: "New Name" },
    });
  });

  it("names the field and the limit for a bad name, and changes nothing", async () => {
    const me = await signInAsNewUser("agent");
    expect((await updateOwnNameAction({ name: "   " })).validationErrors).toMatchObject({ name: { _errors: ["Enter a name."] } });
    expect((await updateOwnNameAction({ name: "x".repeat(101) })).validationErrors).toMatchObject({
      name: { _errors: ["A name has at most 100 characters."] },
    });
    expect((await findUserByEmail(handle.db, me.email))?.name).toBe("Old Name");
  });

  it("changes the password with the current one, clears must-change, and audits it", async () => {
    const me = await signInAsNewUser("marketer", true);
    const result = await changeOwnPasswordAction({ currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result.data).toEqual({ changed: true });
    const stored = await findUserByEmail(handle.db, me.email);
    expect(stored?.mustChangePassword).toBe(false);
    expect(await verifyPassword(NEW_PASSWORD, stored!.passwordHash)).toBe(true);
    expect((await latestAuditEntries(handle.db, 1))[0]).toMatchObject({ action: "user.password_changed", actorId: me.id, targetId: me.id });
    expect(JSON.stringify((await latestAuditEntries(handle.db, 1))[0]?.details)).not.toContain(NEW_PASSWORD);
  });

  it("ends the user's other sessions and signs this browser in again with the new password", async () => {
    const me = await signInAsNewUser("agent");
    const before = session.sessionId!;
    const otherBrowser = await signInElsewhere(me.id);
    const result = await changeOwnPasswordAction({ currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result.data).toEqual({ changed: true });
    expect(session.signIn).toHaveBeenLastCalledWith("credentials", { email: me.email, password: NEW_PASSWORD, redirect: false });
    // Both sessions signed in before the change are revoked, and said so in the audit log.
    expect(await isActive(me.id, otherBrowser)).toBe(false);
    expect(await isActive(me.id, before)).toBe(false);
    expect((await latestAuditEntries(handle.db, 1))[0]).toMatchObject({ action: "user.password_changed", details: { sessionsEnded: 2 } });
    // This browser's new session goes on.
    expect(session.sessionId).not.toBe(before);
    expect((await updateOwnNameAction({ name: "Still Here" })).data).toMatchObject({ name: "Still Here" });
    // A copy of the other browser's cookie is refused.
    session.sessionId = otherBrowser;
    expect((await updateOwnNameAction({ name: "Other Browser" })).serverError?.code).toBe("UNAUTHENTICATED");
  });

  it("signs out one of the user's other browsers, but not this one nor someone else's", async () => {
    const me = await signInAsNewUser("marketer");
    const otherBrowser = await signInElsewhere(me.id);
    const stranger = await insertUser(handle.db, { email: `stranger-${Date.now()}@example.test`, name: "S", role: "agent", passwordHash: oldHash });
    const strangersSession = await signInElsewhere(stranger!.id);

    expect((await endOwnSessionAction({ sessionId: session.sessionId! })).serverError?.code).toBe("CURRENT_SESSION");
    expect((await endOwnSessionAction({ sessionId: strangersSession })).data).toEqual({ ended: false });
    expect(await isActive(stranger!.id, strangersSession)).toBe(true);

    const listed = await listSessions(handle.db, me.id, session.sessionId);
    expect(listed.map((entry) => [entry.current, entry.browser])).toEqual([[true, null], [false, "Firefox on Linux"]]);
    expect((await endOwnSessionAction({ sessionId: otherBrowser })).data).toEqual({ ended: true });
    expect(await isActive(me.id, otherBrowser)).toBe(false);
    expect(await isActive(me.id, session.sessionId!)).toBe(true);
    expect((await latestAuditEntries(handle.db, 1))[0]).toMatchObject({ action: "user.session_ended", actorId: me.id, details: { browser: "Firefox on Linux" } });
  });

  it("signs out everywhere: every session ends, this browser's cookie is cleared, and it goes to sign in", async () => {
    const me = await signInAsNewUser("agent");
    const here = session.sessionId!;
    const otherBrowser = await signInElsewhere(me.id);
    // A redirect is thrown to Next, which sends the browser on.
    await expect(signOutEverywhereAction()).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;\w+;\/login;/) });
    expect(await isActive(me.id, here)).toBe(false);
    expect(await isActive(me.id, otherBrowser)).toBe(false);
    expect(session.signOut).toHaveBeenCalledWith({ redirect: false });
    expect((await findUserByEmail(handle.db, me.email))?.sessionsValidFrom).toBeInstanceOf(Date);
    expect((await latestAuditEntries(handle.db, 1))[0]).toMatchObject({
      action: "user.signed_out_everywhere",
      actorId: me.id,
      targetId: me.id,
      details: { sessions: 2 },
    });
  });

  it("refuses a wrong current password at its field and changes nothing", async () => {
    const me = await signInAsNewUser("agent", true);
    const before = (await latestAuditEntries(handle.db, 1))[0]?.id;
    const result = await changeOwnPasswordAction({ currentPassword: "not-my-password", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result.serverError).toEqual({ message: "The current password is not correct.", code: "WRONG_PASSWORD", field: "currentPassword" });
    const stored = await findUserByEmail(handle.db, me.email);
    expect(await verifyPassword(OLD_PASSWORD, stored!.passwordHash)).toBe(true);
    expect(stored?.mustChangePassword).toBe(true);
    expect((await latestAuditEntries(handle.db, 1))[0]?.id).toBe(before);
  });

  it("slows down wrong current passwords as sign-in does, against the account, until the right one clears them", async () => {
    // The clock stands still while the guesses are made, and moves on only when told: the waits
    // are checked as state, whatever the machine's speed.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const me = await signInAsNewUser("marketer");
      const attempt = (currentPassword: string) => changeOwnPasswordAction({ currentPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      for (let failure = 1; failure <= FREE_FAILURES.account; failure += 1) {
        expect((await attempt(`guess-number-${failure}`)).serverError?.code).toBe("WRONG_PASSWORD");
      }
      // Even the right password waits now: the guesses cannot go faster than the sign-in page allows.
      const refused = await attempt(OLD_PASSWORD);
      expect(refused.serverError).toEqual({ message: "Too many wrong passwords. Wait 1 second before trying again.", code: "THROTTLED", field: "currentPassword" });
      expect(await verifyPassword(OLD_PASSWORD, (await findUserByEmail(handle.db, me.email))!.passwordHash)).toBe(true);
      // The sign-in page holds the same account back.
      const signIn = await checkCredentials(handle.db, { email: me.email, password: OLD_PASSWORD, clientAddress: "203.0.113.9" });
      expect(signIn).toMatchObject({ ok: false, reason: "throttled" });

      vi.setSystemTime(Date.now() + 1_100);
      expect((await attempt(OLD_PASSWORD)).data).toEqual({ changed: true });
      expect(await findSignInFailures(handle.db, [throttleKey("account", me.email)])).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    [{ newPassword: "short", confirmPassword: "short" }, "newPassword", "A password needs at least 12 characters."],
    [{ newPassword: "p".repeat(73), confirmPassword: "p".repeat(73) }, "newPassword", "A password has at most 72 characters."],
    [{ newPassword: OLD_PASSWORD, confirmPassword: OLD_PASSWORD }, "newPassword", "The new password must differ from the current one."],
    [{ confirmPassword: "something-else-entirely" }, "confirmPassword", "The two new passwords do not match."],
    [{ currentPassword: "" }, "currentPassword", "Enter your current password."],
  ])("refuses %o at the %s field", async (change, field, message) => {
    const me = await signInAsNewUser("agent");
    const input = { currentPassword: OLD_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ...change };
    const result = await changeOwnPasswordAction(input);
    expect(result.validationErrors).toMatchObject({ [field]: { _errors: [message] } });
    expect(await verifyPassword(OLD_PASSWORD, (await findUserByEmail(handle.db, me.email))!.passwordHash)).toBe(true);
  });
});
