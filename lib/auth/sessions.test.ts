import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_MAX_AGE_SECONDS } from "@/auth.config";
import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findUserById, insertUser, updateUser } from "@/db/queries/users";
import { userSessions } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";

import {
  describeUserAgent,
  endAllSessions,
  endOwnSession,
  endSession,
  findSignedInUser,
  listSessions,
  revokeAllSessions,
  startSession,
} from "./sessions";

const HOUR = 60 * 60 * 1000;
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

describe.each(testDatabases)("sessions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  let counter = 0;
  const newUser = async () => {
    const email = `session-${Date.now()}-${(counter += 1)}@example.test`;
    const user = await insertUser(db(), { email, name: "Sam Session", role: "agent", passwordHash: "hash" });
    return { id: user!.id, email };
  };
  const rowsOf = (userId: string) => db().select().from(userSessions).where(eq(userSessions.userId, userId));

  beforeAll(async () => {
    handle = await testDatabase.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it("starts a session with an unguessable id, lasting the cookie's lifetime, with where it came from", async () => {
    const user = await newUser();
    const now = new Date("2026-03-01T10:00:00Z");
    const session = await startSession(db(), { userId: user.id, address: "203.0.113.7", userAgent: FIREFOX_LINUX }, now);
    expect(session.id).toMatch(/^[\w-]{43}$/);
    expect(session).toMatchObject({ userId: user.id, address: "203.0.113.7", userAgent: FIREFOX_LINUX, revokedAt: null });
    expect(session.createdAt.getTime()).toBe(now.getTime());
    expect(session.expiresAt.getTime()).toBe(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
    const other = await startSession(db(), { userId: user.id }, now);
    expect(other.id).not.toBe(session.id);
  });

  it("accepts an active session of its own user only", async () => {
    const user = await newUser();
    const stranger = await newUser();
    const { id: sessionId } = await startSession(db(), { userId: user.id });
    const found = await findSignedInUser(db(), { sessionId, userId: user.id });
    expect(found?.user.email).toBe(user.email);
    // Read on every request: the password hash stays in the database.
    expect(found?.user).not.toHaveProperty("passwordHash");
    // A cookie naming another user cannot borrow this row.
    expect(await findSignedInUser(db(), { sessionId, userId: stranger.id })).toBeUndefined();
    expect(await findSignedInUser(db(), { sessionId: "not-a-session", userId: user.id })).toBeUndefined();
  });

  it("refuses a session once it expires", async () => {
    const user = await newUser();
    const start = new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 1000);
    const { id: sessionId } = await startSession(db(), { userId: user.id }, start);
    expect(await findSignedInUser(db(), { sessionId, userId: user.id }, new Date(start.getTime() + HOUR))).toBeDefined();
    expect(await findSignedInUser(db(), { sessionId, userId: user.id })).toBeUndefined();
  });

  it("refuses a session of a disabled user, and one older than the user's last password change", async () => {
    const user = await newUser();
    const { id: sessionId } = await startSession(db(), { userId: user.id });
    await updateUser(db(), user.id, { disabled: true });
    expect(await findSignedInUser(db(), { sessionId, userId: user.id })).toBeUndefined();
    await updateUser(db(), user.id, { disabled: false });
    expect(await findSignedInUser(db(), { sessionId, userId: user.id })).toBeDefined();
    await updateUser(db(), user.id, { sessionsValidFrom: new Date(Date.now() + 1000) });
    expect(await findSignedInUser(db(), { sessionId, userId: user.id })).toBeUndefined();
  });

  it("signing out revokes that session only, audits it once, and cannot be repeated", async () => {
    const user = await newUser();
    const signingOut = await startSession(db(), { userId: user.id });
    const staying = await startSession(db(), { userId: user.id });
    expect(await endSession(db(), { sessionId: signingOut.id, userId: user.id })).toBe(true);
    expect(await findSignedInUser(db(), { sessionId: signingOut.id, userId: user.id })).toBeUndefined();
    expect(await findSignedInUser(db(), { sessionId: staying.id, userId: user.id })).toBeDefined();
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "user.signed_out", actorId: user.id, actorEmail: user.email, targetId: user.id });
    const auditBefore = (await latestAuditEntries(db(), 1))[0]?.id;
    expect(await endSession(db(), { sessionId: signingOut.id, userId: user.id })).toBe(false);
    expect((await latestAuditEntries(db(), 1))[0]?.id).toBe(auditBefore);
  });

  it("signing out everywhere revokes every session, ends unknown older cookies too, and audits the count", async () => {
    const user = await newUser();
    const bystander = await newUser();
    const sessions = [await startSession(db(), { userId: user.id }), await startSession(db(), { userId: user.id })];
    const theirs = await startSession(db(), { userId: bystander.id });
    const now = new Date();
    expect(await endAllSessions(db(), user, now)).toBe(2);
    for (const session of sessions) expect(await findSignedInUser(db(), { sessionId: session.id, userId: user.id })).toBeUndefined();
    expect(await findSignedInUser(db(), { sessionId: theirs.id, userId: bystander.id })).toBeDefined();
    expect((await findUserById(db(), user.id))?.sessionsValidFrom?.getTime()).toBe(now.getTime());
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "user.signed_out_everywhere", actorId: user.id, details: { sessions: 2 } });
    // Signing in afterwards works again.
    const fresh = await startSession(db(), { userId: user.id });
    expect(await findSignedInUser(db(), { sessionId: fresh.id, userId: user.id })).toBeDefined();
  });

  it("a password change's transaction revokes the user's sessions, or none if it rolls back", async () => {
    const user = await newUser();
    const session = await startSession(db(), { userId: user.id });
    await expect(
      db().transaction(async (tx) => {
        expect(await revokeAllSessions(tx, user.id)).toBe(1);
        throw new Error("the password change failed");
      }),
    ).rejects.toThrow("the password change failed");
    expect(await findSignedInUser(db(), { sessionId: session.id, userId: user.id })).toBeDefined();
    await db().transaction((tx) => revokeAllSessions(tx, user.id));
    expect(await findSignedInUser(db(), { sessionId: session.id, userId: user.id })).toBeUndefined();
  });

  it("ends one of the user's own other sessions, never another user's", async () => {
    const user = await newUser();
    const stranger = await newUser();
    const mine = await startSession(db(), { userId: user.id, address: "198.51.100.4", userAgent: CHROME_WINDOWS });
    const theirs = await startSession(db(), { userId: stranger.id });
    expect(await endOwnSession(db(), user, theirs.id)).toBe(false);
    expect(await findSignedInUser(db(), { sessionId: theirs.id, userId: stranger.id })).toBeDefined();
    expect(await endOwnSession(db(), user, mine.id)).toBe(true);
    expect(await findSignedInUser(db(), { sessionId: mine.id, userId: user.id })).toBeUndefined();
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({
      action: "user.session_ended",
      actorId: user.id,
      details: { address: "198.51.100.4", browser: "Chrome on Windows" },
    });
  });

  it("lists the active sessions, this browser's first, without ended ones", async () => {
    const user = await newUser();
    const start = Date.now() - 3 * HOUR;
    const older = await startSession(db(), { userId: user.id, address: "203.0.113.1", userAgent: FIREFOX_LINUX }, new Date(start));
    const current = await startSession(db(), { userId: user.id, address: "203.0.113.2", userAgent: CHROME_WINDOWS }, new Date(start + HOUR));
    const newest = await startSession(db(), { userId: user.id }, new Date(start + 2 * HOUR));
    const ended = await startSession(db(), { userId: user.id }, new Date(start + 2 * HOUR));
    await endSession(db(), { sessionId: ended.id, userId: user.id });
    const listed = await listSessions(db(), user.id, current.id);
    expect(listed.map((session) => session.id)).toEqual([current.id, newest.id, older.id]);
    expect(listed[0]).toMatchObject({ current: true, address: "203.0.113.2", browser: "Chrome on Windows" });
    expect(listed[2]).toMatchObject({ current: false, browser: "Firefox on Linux" });
    expect(listed[1]).toMatchObject({ address: null, browser: null });
    // Sessions from before the user's sessions were last ended are not listed, even if their rows were left active.
    await updateUser(db(), user.id, { sessionsValidFrom: new Date(start + 90 * 60 * 1000) });
    expect((await listSessions(db(), user.id, current.id)).map((session) => session.id)).toEqual([newest.id]);
  });

  it("removes the user's sessions that ended over a day ago when they sign in, and keeps the rest", async () => {
    const user = await newUser();
    const bystander = await newUser();
    const now = Date.now();
    const longExpired = await startSession(db(), { userId: user.id }, new Date(now - 2 * 24 * HOUR));
    const recentlyExpired = await startSession(db(), { userId: user.id }, new Date(now - 13 * HOUR));
    const longRevoked = await startSession(db(), { userId: user.id }, new Date(now - 30 * HOUR));
    await endSession(db(), { sessionId: longRevoked.id, userId: user.id }, new Date(now - 26 * HOUR));
    const recentlyRevoked = await startSession(db(), { userId: user.id }, new Date(now - 2 * HOUR));
    await endSession(db(), { sessionId: recentlyRevoked.id, userId: user.id }, new Date(now - HOUR));
    const theirsExpired = await startSession(db(), { userId: bystander.id }, new Date(now - 2 * 24 * HOUR));

    const fresh = await startSession(db(), { userId: user.id }, new Date(now));
    const kept = (await rowsOf(user.id)).map((row) => row.id).sort();
    expect(kept).toEqual([recentlyExpired.id, recentlyRevoked.id, fresh.id].sort());
    expect(kept).not.toContain(longExpired.id);
    expect((await rowsOf(bystander.id)).map((row) => row.id)).toEqual([theirsExpired.id]);
  });
});

describe("describing a browser", () => {
  it.each([
    [CHROME_WINDOWS, "Chrome on Windows"],
    [FIREFOX_LINUX, "Firefox on Linux"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iOS"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Chrome on Linux"],
    ["curl/8.5.0", "Unknown browser"],
  ])("names %s as %s", (userAgent, name) => {
    expect(describeUserAgent(userAgent)).toBe(name);
  });

  it("says nothing when the browser said nothing", () => {
    expect(describeUserAgent(null)).toBeNull();
    expect(describeUserAgent("")).toBeNull();
  });
});
