import { and, count, desc, eq, gt, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import type { Database } from "../client";
import { apiTokens, users, type ApiToken, type User } from "../schema";

export type NewApiToken = typeof apiTokens.$inferInsert;

/** A token as lists show it: never its hash, with who owns it and who revoked it. */
export interface ApiTokenRow {
  token: Omit<ApiToken, "tokenHash">;
  owner: { id: string; name: string; email: string };
  revokedByName: string | null;
}

const listedColumns = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  revokedBy: apiTokens.revokedBy,
};

/** Not revoked and not expired at `now`. */
function activeAt(now: Date): SQL {
  return and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)))!;
}

export async function insertApiToken(db: Database, token: NewApiToken): Promise<ApiToken> {
  const [created] = await db.insert(apiTokens).values(token).returning();
  if (!created) throw new Error("The API token was not stored.");
  return created;
}

/** The token with that hash and its owner's current row (read on every call: a disabled owner is seen at once). */
export async function findApiTokenByHash(db: Database, tokenHash: string): Promise<{ token: ApiToken; user: User } | undefined> {
  const [found] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return found;
}

/**
 * Records a use unless one was recorded after `staleBefore`; the condition is in the statement, so
 * instances answering the same token at once write it once.
 */
export async function touchApiTokenLastUsed(db: Database, id: string, now: Date, staleBefore: Date): Promise<boolean> {
  const updated = await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))))
    .returning({ id: apiTokens.id });
  return updated.length > 0;
}

/** How many of the user's tokens are active at `now`. */
export async function countActiveApiTokens(db: Database, userId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ count: count() })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), activeAt(now)));
  return row?.count ?? 0;
}

/** Whether one of the user's active tokens already bears this name (letter case aside). */
export async function activeApiTokenNameTaken(db: Database, userId: string, name: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), activeAt(now), sql`lower(${apiTokens.name}) = lower(${name})`))
    .limit(1);
  return row !== undefined;
}

/** Tokens, newest first: one user's (`ownerId`) or everyone's. */
export async function listApiTokens(db: Database, filter: { ownerId?: string }): Promise<ApiTokenRow[]> {
  const revoker = alias(users, "revoker");
  const rows = await db
    .select({
      token: listedColumns,
      owner: { id: users.id, name: users.name, email: users.email },
      revokedByName: revoker.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(revoker, eq(revoker.id, apiTokens.revokedBy))
    .where(filter.ownerId ? eq(apiTokens.userId, filter.ownerId) : undefined)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows;
}

/** One token with its owner; `lock`: locked until the transaction ends (revoking decides on what it reads). */
export async function findApiTokenRow(db: Database, id: string, options: { lock?: boolean } = {}): Promise<ApiTokenRow | undefined> {
  const revoker = alias(users, "revoker");
  const query = db
    .select({
      token: listedColumns,
      owner: { id: users.id, name: users.name, email: users.email },
      revokedByName: revoker.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(revoker, eq(revoker.id, apiTokens.revokedBy))
    .where(eq(apiTokens.id, id))
    .limit(1);
  const [found] = options.lock ? await query.for("update", { of: apiTokens }) : await query;
  return found;
}

export async function markApiTokenRevoked(db: Database, id: string, by: string, at: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
}
