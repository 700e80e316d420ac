import { eq, sql } from "drizzle-orm";

import type { Database } from "../client";
import { counters } from "../schema";

export async function incrementCounter(db: Database, name: string, by = 1): Promise<void> {
  await db
    .insert(counters)
    .values({ name, value: by })
    .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + ${by}`, updatedAt: new Date() } });
}

export async function readCounter(db: Database, name: string): Promise<number> {
  const [row] = await db.select({ value: counters.value }).from(counters).where(eq(counters.name, name));
  return Number(row?.value ?? 0);
}
