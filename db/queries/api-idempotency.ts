import { and, eq, isNull, lt, sql } from "drizzle-orm";

import type { Database } from "../client";
import { apiIdempotencyKeys } from "../schema";

/** How long an answer is kept: the same key answers the same for this long, then may be used afresh. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
/**
 * A claim still unanswered after this long was left by an instance that stopped mid-call: the same
 * request may take it over (a send behind it is still guarded by its own key, so nothing goes out twice).
 */
export const ABANDONED_CLAIM_MINUTES = 10;

export interface IdempotencyKeyRef {
  userId: string;
  key: string;
}

/** What a key is, for a request that carries it. */
export type IdempotencyClaim =
  /** The key is this request's now: answer it, then record or release the answer. */
  | { kind: "claimed" }
  /** The first request with this key is still being answered. */
  | { kind: "in_progress" }
  /** The key was used for another method, path or body. */
  | { kind: "mismatch" }
  /** The key's first answer, to give again. */
  | { kind: "answered"; status: number; body: unknown };

/**
 * Claims a user's Idempotency-Key for one request (`requestHash`: its method, path and body), or
 * says what the key already stands for. A key older than the time answers are kept is claimed
 * afresh. Of two requests racing on a new key, the database lets one insert; the other is told the
 * key is in use.
 */
export async function claimIdempotencyKey(db: Database, ref: IdempotencyKeyRef & { requestHash: string }): Promise<IdempotencyClaim> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const claimed = await db
      .insert(apiIdempotencyKeys)
      .values({ userId: ref.userId, key: ref.key, requestHash: ref.requestHash })
      .onConflictDoUpdate({
        target: [apiIdempotencyKeys.userId, apiIdempotencyKeys.key],
        set: { requestHash: sql`excluded.request_hash`, status: null, body: null, createdAt: sql`now()` },
        setWhere: sql`${apiIdempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})
          or (${apiIdempotencyKeys.status} is null and ${apiIdempotencyKeys.requestHash} = excluded.request_hash
              and ${apiIdempotencyKeys.createdAt} < now() - make_interval(mins => ${ABANDONED_CLAIM_MINUTES}))`,
      })
      .returning({ userId: apiIdempotencyKeys.userId });
    if (claimed.length > 0) {
      // The user's keys past their time go as a new one comes: the table holds about a day of each user's keys.
      await deleteExpiredIdempotencyKeys(db, ref.userId);
      return { kind: "claimed" };
    }
    const [existing] = await db
      .select()
      .from(apiIdempotencyKeys)
      .where(and(eq(apiIdempotencyKeys.userId, ref.userId), eq(apiIdempotencyKeys.key, ref.key)))
      .limit(1);
    // Released (its first call failed) between the two statements: try to claim it again.
    if (!existing) continue;
    if (existing.requestHash !== ref.requestHash) return { kind: "mismatch" };
    if (existing.status === null) return { kind: "in_progress" };
    return { kind: "answered", status: existing.status, body: existing.body };
  }
  return { kind: "in_progress" };
}

/** Keeps the answer of the request that claimed the key, for the key's later requests. */
export async function recordIdempotentAnswer(db: Database, ref: IdempotencyKeyRef, answer: { status: number; body: unknown }): Promise<void> {
  await db
    .update(apiIdempotencyKeys)
    .set({ status: answer.status, body: answer.body ?? null })
    .where(and(eq(apiIdempotencyKeys.userId, ref.userId), eq(apiIdempotencyKeys.key, ref.key), isNull(apiIdempotencyKeys.status)));
}

/** Gives a claimed key back unanswered (the call failed on the server's side): the same key may be tried again. */
export async function releaseIdempotencyKey(db: Database, ref: IdempotencyKeyRef): Promise<void> {
  await db
    .delete(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.userId, ref.userId), eq(apiIdempotencyKeys.key, ref.key), isNull(apiIdempotencyKeys.status)));
}

/** Removes the keys past the time answers are kept (a user's, or everyone's); returns how many. */
export async function deleteExpiredIdempotencyKeys(db: Database, userId?: string): Promise<number> {
  const expired = lt(apiIdempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})`);
  const removed = await db
    .delete(apiIdempotencyKeys)
    .where(userId === undefined ? expired : and(eq(apiIdempotencyKeys.userId, userId), expired))
    .returning({ key: apiIdempotencyKeys.key });
  return removed.length;
}
