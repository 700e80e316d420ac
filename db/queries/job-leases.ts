import { eq, sql } from "drizzle-orm";

import type { Database } from "../client";
import { jobLeases } from "../schema";

/**
 * Takes (or renews) the lease on a job for `ttlMs`: true when this holder may run it now.
 * One row per job in the shared database, so one instance runs it however many are started.
 */
export async function acquireJobLease(db: Database, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(Date.now() + ttlMs);
  const rows = await db
    .insert(jobLeases)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { holder, expiresAt },
      setWhere: sql`${jobLeases.expiresAt} < now() or ${jobLeases.holder} = ${holder}`,
    })
    .returning({ name: jobLeases.name });
  return rows.length > 0;
}

export async function recordJobRun(db: Database, name: string, error: string | null): Promise<void> {
  await db.update(jobLeases).set({ lastRunAt: new Date(), lastError: error }).where(eq(jobLeases.name, name));
}

export async function findJobLease(db: Database, name: string) {
  const [row] = await db.select().from(jobLeases).where(eq(jobLeases.name, name));
  return row;
}
