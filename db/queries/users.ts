import { and, asc, eq, sql } from "drizzle-orm";

import type { Database } from "../client";
import { users, type NewUser, type User } from "../schema";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, normaliseEmail(email))).limit(1);
  return user;
}

export async function findUserById(db: Database, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return row?.count ?? 0;
}

/**
 * Inserts a user unless the email is taken; returns the new user or undefined. An admin is stored with
 * every connection (`allConnections`) unless told otherwise, so a later demotion keeps what they had.
 */
export async function insertUser(db: Database, user: NewUser): Promise<User | undefined> {
  const [created] = await db
    .insert(users)
    .values({ ...user, email: normaliseEmail(user.email), allConnections: user.allConnections ?? user.role === "admin" })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return created;
}

export async function markSignedIn(db: Database, id: string, at: Date): Promise<void> {
  await db.update(users).set({ lastSignInAt: at }).where(eq(users.id, id));
}

/** What the users screen shows: who they are, their role, status and access, never the password hash. */
const summaryColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabled: users.disabled,
  mustChangePassword: users.mustChangePassword,
  lastSignInAt: users.lastSignInAt,
  allConnections: users.allConnections,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};
export type UserSummary = Pick<User, keyof typeof summaryColumns>;

/** Every user, enabled ones first, then by name. */
export async function listUsers(db: Database): Promise<UserSummary[]> {
  return db.select(summaryColumns).from(users).orderBy(asc(users.disabled), asc(users.name), asc(users.email));
}

/**
 * Locks the rows of every enabled admin (in id order, so concurrent callers queue instead of
 * deadlocking) and returns their ids. Call inside the transaction that may remove an admin:
 * a second transaction doing the same waits here and then sees the first one's change.
 */
export async function lockEnabledAdmins(tx: Database): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false)))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((row) => row.id);
}

/** The user's row, locked until the transaction ends. */
export async function findUserByIdForUpdate(tx: Database, id: string): Promise<User | undefined> {
  const [user] = await tx.select().from(users).where(eq(users.id, id)).limit(1).for("update");
  return user;
}

export type UserChanges = Partial<Pick<User, "name" | "role" | "disabled" | "passwordHash" | "mustChangePassword" | "sessionsValidFrom" | "locale" | "timeZone">>;

/** Applies the changes and returns the updated user, or undefined when no user has that id. */
export async function updateUser(db: Database, id: string, changes: UserChanges): Promise<UserSummary | undefined> {
  const [updated] = await db.update(users).set(changes).where(eq(users.id, id)).returning(summaryColumns);
  return updated;
}

/** The user's availability and notification preference. */
export async function findPresence(db: Database, userId: string) {
  const [row] = await db
    .select({ availability: users.availability, desktopNotifications: users.desktopNotifications })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/**
 * Changes the user's availability or notification preference; answers the row as it was (locked), or
 * undefined when the user is gone.
 */
export async function updatePresence(
  tx: Database,
  userId: string,
  changes: Partial<{ availability: "available" | "away"; desktopNotifications: boolean }>,
) {
  const [before] = await tx
    .select({ availability: users.availability, desktopNotifications: users.desktopNotifications })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!before) return undefined;
  await tx.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, userId));
  return before;
}
