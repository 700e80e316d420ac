import { eq, inArray, sql } from "drizzle-orm";

import type { Database } from "../client";
import { signInFailures } from "../schema";

export interface FailureRecord {
  key: string;
  failures: number;
  lastFailureAt: Date;
}

export async function findSignInFailures(db: Database, keys: string[]): Promise<FailureRecord[]> {
  if (keys.length === 0) return [];
  return db.select().from(signInFailures).where(inArray(signInFailures.key, keys));
}

/** Counts a failure; a key quiet for longer than `windowMs` starts again from one. */
export async function recordSignInFailure(db: Database, key: string, at: Date, windowMs: number): Promise<void> {
  const windowStart = new Date(at.getTime() - windowMs);
  await db
    .insert(signInFailures)
    .values({ key, failures: 1, lastFailureAt: at })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        failures: sql`case when ${signInFailures.lastFailureAt} < ${windowStart.toISOString()}::timestamptz then 1 else ${signInFailures.failures} + 1 end`,
        lastFailureAt: at,
      },
    });
}

export async function clearSignInFailures(db: Database, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, key));
}
