import { eq, sql } from "drizzle-orm";

import type { Database } from "../client";
import { appSettings } from "../schema";

export async function readSetting(db: Database, key: string): Promise<string | undefined> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row?.value;
}

/** The stored value, or `create()`'s stored first; concurrent first calls agree on one value. */
export async function readOrCreateSetting(db: Database, key: string, create: () => string): Promise<string> {
  // Read first: this runs on every webhook delivery, which must not cost a write once the setting exists.
  const existing = await readSetting(db, key);
  if (existing !== undefined) return existing;
  await db.insert(appSettings).values({ key, value: create() }).onConflictDoNothing({ target: appSettings.key });
  return (await readSetting(db, key))!;
}

export async function writeSetting(db: Database, key: string, value: string): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: sql`now()` } });
}
