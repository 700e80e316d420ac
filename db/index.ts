import "server-only";

import { env } from "@/lib/env";

import { openDatabase, type Database, type DatabaseConfig, type DatabaseHandle } from "./client";
import { seedDemoContactBook, seedDemoInboxKit, seedDemoUsers } from "./seed";

export type { Database } from "./client";

const globalForDb = globalThis as unknown as { dashboardDatabase?: Promise<DatabaseHandle> };

/**
 * The process's one database handle, opened, migrated and seeded on first use. Kept on
 * globalThis so hot reloads reuse it: a second PGlite instance on one folder loses data.
 */
export function databaseHandle(): Promise<DatabaseHandle> {
  globalForDb.dashboardDatabase ??= bootDatabase().catch((error: unknown) => {
    globalForDb.dashboardDatabase = undefined;
    throw error;
  });
  return globalForDb.dashboardDatabase;
}

export async function getDb(): Promise<Database> {
  return (await databaseHandle()).db;
}

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded database in PGLITE_DIR. */
export function databaseConfig(): DatabaseConfig {
  const config = env();
  return config.databaseUrl ? { driver: "postgres", url: config.databaseUrl } : { driver: "pglite", dir: config.pgliteDir };
}

async function bootDatabase(): Promise<DatabaseHandle> {
  const config = env();
  const handle = await openDatabase(databaseConfig());
  await handle.migrate();
  if (config.demoMode) {
    // Only a database the demo creates gets its data: a demo run on an existing one keeps what it has.
    if ((await seedDemoUsers(handle.db, { onlyIfEmpty: true, demoAccess: true })) > 0) {
      await seedDemoContactBook(handle.db);
      await seedDemoInboxKit(handle.db);
    }
  }
  return handle;
}
