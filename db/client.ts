import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

import * as schema from "./schema";

/** One type for both drivers: the rest of the code never knows which one it talks to. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseConfig =
  | { driver: "postgres"; url: string }
  | { driver: "pglite"; dir: string }
  | { driver: "pglite-memory"; snapshot?: Blob };

export interface DatabaseHandle {
  db: Database;
  driver: DatabaseConfig["driver"];
  migrate(): Promise<void>;
  /** Calls `onNotify` for every NOTIFY on `channel` (delivered when the notifying transaction commits). */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball, to start other in-memory databases from. */
  snapshot?(): Promise<Blob>;
}

/** The extensions the migrations create (PostgreSQL has them built in; PGlite loads them). */
const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
/** Any fixed number: serialises migrations when several dashboard instances start together. */
const MIGRATION_LOCK_ID = 726_354_901;

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.driver === "postgres") return openPostgres(config.url);
  if (config.driver === "pglite-memory") {
    const client = new PGlite({ extensions: PGLITE_EXTENSIONS, ...(config.snapshot ? { loadDataDir: config.snapshot } : {}) });
    await client.waitReady;
    return wrapPglite(client, "pglite-memory", () => {});
  }
  const releaseLock = lockPgliteDir(config.dir);
  try {
    const client = new PGlite(config.dir, { extensions: PGLITE_EXTENSIONS });
    await client.waitReady;
    return wrapPglite(client, "pglite", releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function openPostgres(url: string): DatabaseHandle {
  // JIT off: the planner's cost of a query over the big tables (messages, the analytics rollups) passes
  // jit_above_cost even when it reads a few thousand rows through an index, and compiling then costs
  // more (~30 ms measured on an analytics report) than the query saves. The app runs short queries only.
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { jit: "off" } });
  const db = drizzlePostgres(client, { schema });
  return {
    db,
    driver: "postgres",
    async migrate() {
      // One connection of its own, so the advisory lock and the migration share a session.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(drizzlePostgres(single, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async listen(channel, onNotify) {
      const subscription = await client.listen(channel, () => onNotify());
      return () => subscription.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}

function wrapPglite(client: PGlite, driver: "pglite" | "pglite-memory", releaseLock: () => void): DatabaseHandle {
  const db = drizzlePglite(client, { schema });
  return {
    db,
    driver,
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    async listen(channel, onNotify) {
      const unsubscribe = await client.listen(channel, () => onNotify());
      return () => unsubscribe();
    },
    async close() {
      await client.close();
      releaseLock();
    },
    snapshot: () => client.dumpDataDir("none"),
  };
}

/**
 * PGlite gives no error when two processes open one folder, and then loses rows silently.
 * A lock file holding the owner's pid makes the second opener refuse with an explanation.
 */
export function lockPgliteDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockFile = `${path.resolve(dir)}.lock`;
  const owner = readLockOwner(lockFile);
  if (owner !== undefined && owner !== process.pid && isProcessAlive(owner)) {
    throw new DatabaseInUseError(
      `The embedded database in ${dir} is in use by process ${owner} (a running dashboard?). ` +
        "Stop that process first, or point DATABASE_URL at a PostgreSQL server.",
    );
  }
  writeFileSync(lockFile, String(process.pid));
  const release = () => {
    if (readLockOwner(lockFile) === process.pid) rmSync(lockFile, { force: true });
  };
  process.once("exit", release);
  return release;
}

function readLockOwner(lockFile: string): number | undefined {
  if (!existsSync(lockFile)) return undefined;
  const pid = Number.parseInt(readFileSync(lockFile, "utf8").trim(), 10);
  return Number.isFinite(pid) ? pid : undefined;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
