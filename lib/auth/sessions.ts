import "server-only";

import { randomBytes } from "node:crypto";

import { SESSION_MAX_AGE_SECONDS } from "@/auth.config";
import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import {
  type ActiveSessionUser,
  deleteEndedUserSessions,
  findActiveSessionUser,
  insertUserSession,
  listActiveUserSessions,
  revokeUserSession,
  revokeUserSessions,
} from "@/db/queries/sessions";
import { findUserById, updateUser } from "@/db/queries/users";
import type { UserSession } from "@/db/schema";

/** Ended sessions stay this long (the account page and support can still see them), then go at the user's next sign-in. */
const ENDED_SESSION_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Longer user agents are cut: the account page needs only the browser and system at its start. */
const USER_AGENT_MAX_LENGTH = 512;

type Actor = { id: string; email: string };

/**
 * Records a sign-in: a new session row, whose id the session cookie carries, valid for the cookie's
 * whole lifetime. The user's sessions that ended over a day ago are removed on the way, so the table
 * holds about one day of history per user.
 */
export async function startSession(
  db: Database,
  input: { userId: string; address?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<UserSession> {
  return db.transaction(async (tx) => {
    await deleteEndedUserSessions(tx, input.userId, new Date(now.getTime() - ENDED_SESSION_RETENTION_MS));
    return insertUserSession(tx, {
      id: randomBytes(32).toString("base64url"),
      userId: input.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      address: input.address || null,
      userAgent: input.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) || null,
    });
  });
}

/**
 * The user a session cookie stands for, if it still does: the session is known, belongs to the user,
 * is neither revoked nor expired, the user is enabled, and it began after the user's sessions were
 * last ended (password change or reset, "sign out everywhere").
 */
export async function findSignedInUser(
  db: Database,
  key: { sessionId: string; userId: string },
  now = new Date(),
): Promise<ActiveSessionUser | undefined> {
  const found = await findActiveSessionUser(db, key, now);
  if (!found || found.user.disabled) return undefined;
  const { sessionsValidFrom } = found.user;
  if (sessionsValidFrom && found.session.createdAt.getTime() < sessionsValidFrom.getTime()) return undefined;
  return found;
}

/** Signing out: this session ends on the server, so a copy of its cookie is worth nothing. */
export async function endSession(db: Database, key: { sessionId: string; userId: string }, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await revokeUserSession(tx, key, now))) return false;
    const user = await findUserById(tx, key.userId);
    await recordAudit(tx, {
      actor: user ? { id: user.id, email: user.email } : null,
      action: "user.signed_out",
      target: { type: "user", id: key.userId },
    });
    return true;
  });
}

/** Ends one of the actor's own sessions (another browser, from the account page); false when it was not active. */
export async function endOwnSession(db: Database, actor: Actor, sessionId: string, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const session = await revokeUserSession(tx, { sessionId, userId: actor.id }, now);
    if (!session) return false;
    await recordAudit(tx, {
      actor,
      action: "user.session_ended",
      target: { type: "user", id: actor.id },
      details: { address: session.address, browser: describeUserAgent(session.userAgent), signedInAt: session.createdAt.toISOString() },
    });
    return true;
  });
}

/**
 * "Sign out everywhere": every session of the actor ends, and so does any older cookie the table
 * does not know (`sessions_valid_from`). Returns how many active sessions were ended.
 */
export async function endAllSessions(db: Database, actor: Actor, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await revokeUserSessions(tx, actor.id, now);
    await updateUser(tx, actor.id, { sessionsValidFrom: now });
    await recordAudit(tx, {
      actor,
      action: "user.signed_out_everywhere",
      target: { type: "user", id: actor.id },
      details: { sessions: ended },
    });
    return ended;
  });
}

/**
 * Ends every session of a user whose password was just changed or reset. Pass the transaction that
 * changes the password (and sets `sessionsValidFrom`), so both happen or neither; returns how many ended.
 */
export async function revokeAllSessions(tx: Database, userId: string, now = new Date()): Promise<number> {
  return revokeUserSessions(tx, userId, now);
}

/** A session as the account page lists it. */
export interface SessionView {
  id: string;
  address: string | null;
  /** "Chrome on Windows", or null when the browser did not say (in English, as the audit log records it). */
  browser: string | null;
  /** The same in parts, for a page that words it in its reader's language; null when the browser did not say. */
  device: DeviceParts | null;
  signedInAt: Date;
  expiresAt: Date;
  /** The session of the browser looking at the list. */
  current: boolean;
}

/** The user's active sessions, the current one first, then newest first. */
export async function listSessions(db: Database, userId: string, currentSessionId: string | undefined, now = new Date()): Promise<SessionView[]> {
  const [sessions, user] = await Promise.all([listActiveUserSessions(db, userId, now), findUserById(db, userId)]);
  // Rows a password reset left unrevoked are over all the same (see findSignedInUser).
  const validFrom = user?.sessionsValidFrom?.getTime() ?? 0;
  const views = sessions
    .filter((session) => session.createdAt.getTime() >= validFrom)
    .map((session) => ({
      id: session.id,
      address: session.address,
      browser: describeUserAgent(session.userAgent),
      device: deviceParts(session.userAgent),
      signedInAt: session.createdAt,
      expiresAt: session.expiresAt,
      current: session.id === currentSessionId,
    }));
  return [...views.filter((view) => view.current), ...views.filter((view) => !view.current)];
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  // Also HeadlessChrome: automated browsers are sessions too.
  [/Chrom(?:e|ium)\/|\bCriOS\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, "Windows"],
  [/\biPhone\b|\biPad\b|\biPod\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

/** The browser and system a user agent names ("Firefox", "Linux"), each null when not recognised. */
export interface DeviceParts {
  browser: string | null;
  system: string | null;
}

/** The browser and system of a user agent; null when there is none. Their names are brands, the same in every language. */
export function deviceParts(userAgent: string | null | undefined): DeviceParts | null {
  if (!userAgent) return null;
  return {
    browser: BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null,
    system: SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null,
  };
}

/** A person's name for a user agent ("Firefox on Linux"), in English for the audit log; enough to tell one's own devices apart. */
export function describeUserAgent(userAgent: string | null | undefined): string | null {
  const parts = deviceParts(userAgent);
  if (!parts) return null;
  const { browser, system } = parts;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Unknown browser";
}
