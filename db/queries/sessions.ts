import { and, desc, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";

import type { Database } from "../client";
import { userConnections, users, userSessions, type User, type UserSession } from "../schema";

export type NewUserSession = typeof userSessions.$inferInsert;

export async function insertUserSession(db: Database, session: NewUserSession): Promise<UserSession> {
  const [created] = await db.insert(userSessions).values(session).returning();
  return created!;
}

/** A session that is neither revoked nor expired at `now`. */
const isActiveAt = (now: Date) => and(isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now));

/**
 * What a request needs of the signed-in user's row: who they are, what they may do and whether the
 * session still counts. Not the password hash, nor anything else a page has no use for.
 */
const SESSION_USER_COLUMNS = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabled: users.disabled,
  mustChangePassword: users.mustChangePassword,
  sessionsValidFrom: users.sessionsValidFrom,
  allConnections: users.allConnections,
  locale: users.locale,
  timeZone: users.timeZone,
} as const;

export type SessionUserRow = Pick<User, keyof typeof SESSION_USER_COLUMNS>;

/** An active session with its user, and the connections granted to the user (`user_connections`). */
export interface ActiveSessionUser {
  user: SessionUserRow;
  session: UserSession;
  grantedConnectionIds: string[];
}

/**
 * The user behind a session that is still active, with the session and the user's granted
 * connections, in one query: it runs on every request. The session must belong to `userId`, so a
 * cookie naming one user cannot borrow another's row.
 */
export async function findActiveSessionUser(
  db: Database,
  key: { sessionId: string; userId: string },
  now: Date,
): Promise<ActiveSessionUser | undefined> {
  const [row] = await db
    .select({
      user: SESSION_USER_COLUMNS,
      session: userSessions,
      grantedConnectionIds: sql<string[]>`array(select ${userConnections.connectionId} from ${userConnections} where ${userConnections.userId} = ${users.id})`,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, key.sessionId), eq(userSessions.userId, key.userId), isActiveAt(now)))
    .limit(1);
  return row;
}

/** Revokes one active session of the user and returns it; undefined when there was none (unknown, another user's, already over). */
export async function revokeUserSession(
  db: Database,
  key: { sessionId: string; userId: string },
  now: Date,
): Promise<UserSession | undefined> {
  const [revoked] = await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.id, key.sessionId), eq(userSessions.userId, key.userId), isActiveAt(now)))
    .returning();
  return revoked;
}

/** Revokes every active session of the user; returns how many. */
export async function revokeUserSessions(db: Database, userId: string, now: Date): Promise<number> {
  const revoked = await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.userId, userId), isActiveAt(now)))
    .returning({ id: userSessions.id });
  return revoked.length;
}

/** The user's active sessions, newest first. */
export async function listActiveUserSessions(db: Database, userId: string, now: Date): Promise<UserSession[]> {
  return db
    .select()
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), isActiveAt(now)))
    .orderBy(desc(userSessions.createdAt), desc(userSessions.id));
}

/** Deletes the user's sessions that expired or were revoked before `before`; returns how many. */
export async function deleteEndedUserSessions(db: Database, userId: string, before: Date): Promise<number> {
  const deleted = await db
    .delete(userSessions)
    .where(
      and(
        eq(userSessions.userId, userId),
        or(lt(userSessions.expiresAt, before), and(isNotNull(userSessions.revokedAt), lt(userSessions.revokedAt, before))),
      ),
    )
    .returning({ id: userSessions.id });
  return deleted.length;
}
