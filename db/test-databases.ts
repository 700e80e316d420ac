import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import postgres from "postgres";

import { MIGRATIONS_FOLDER, openDatabase, type DatabaseHandle } from "./client";

/**
 * The databases the data-layer tests run against: always the embedded PGlite, and a real
 * PostgreSQL server too when TEST_DATABASE_URL is set (CI sets it).
 * Each test gets a fresh, migrated database of its own.
 *
 * Migrating from nothing takes about 3 s on PGlite and 0.3 s on PostgreSQL, and the suite opens
 * hundreds of databases in many processes: both start from one migrated copy made once per set of
 * migrations (named by their hash), a tarball on disk for PGlite, a template database on the
 * server. Each database is still migrated after it opens (a no-op when the copy is current).
 */
export interface TestDatabase {
  name: "pglite" | "postgres";
  open(): Promise<DatabaseHandle>;
}

/** What the migrations are: a new or changed migration gives new copies. */
const migrationsHash = (() => {
  let hash: string | undefined;
  return () => {
    if (!hash) {
      const digest = createHash("sha256");
      const files = (folder: string): string[] =>
        readdirSync(folder, { withFileTypes: true })
          .flatMap((entry) => (entry.isDirectory() ? files(path.join(folder, entry.name)) : [path.join(folder, entry.name)]))
          .sort();
      for (const file of files(MIGRATIONS_FOLDER)) digest.update(path.relative(MIGRATIONS_FOLDER, file)).update("\0").update(readFileSync(file));
      hash = digest.digest("hex").slice(0, 16);
    }
    return hash;
  };
})();

const SNAPSHOT_FOLDER = path.join(process.cwd(), "node_modules", ".cache", "test-databases");

let migratedSnapshot: Promise<Blob> | undefined;

/** The migrated PGlite database as a tarball, read from disk or made (and written, atomically) by the first process that needs it. */
async function loadMigratedSnapshot(): Promise<Blob> {
  // PGlite's version in the name too: another version may not read this one's files.
  const { version } = JSON.parse(readFileSync(path.join(process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json"), "utf8")) as { version: string };
  const file = path.join(SNAPSHOT_FOLDER, `pglite-${version}-${migrationsHash()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    // Not made yet.
  }
  const handle = await openDatabase({ driver: "pglite-memory" });
  await handle.migrate();
  const snapshot = await handle.snapshot!();
  await handle.close();
  mkdirSync(SNAPSHOT_FOLDER, { recursive: true });
  const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(partial, Buffer.from(await snapshot.arrayBuffer()));
  renameSync(partial, file);
  // Copies of earlier migrations (or another PGlite) are never read again.
  for (const entry of readdirSync(SNAPSHOT_FOLDER)) {
    if (entry.startsWith("pglite-") && entry.endsWith(".tar") && entry !== path.basename(file)) rmSync(path.join(SNAPSHOT_FOLDER, entry), { force: true });
  }
  return snapshot;
}

const pglite: TestDatabase = {
  name: "pglite",
  async open() {
    migratedSnapshot ??= loadMigratedSnapshot();
    const handle = await openDatabase({ driver: "pglite-memory", snapshot: await migratedSnapshot });
    await handle.migrate();
    return handle;
  },
};

/** Any fixed number: one process at a time makes the template. */
const TEMPLATE_LOCK_ID = 726_354_902;
const TEMPLATE_PREFIX = "dashboard_test_template_";

/** The migrated template database on the server, made by the first process that needs it (older ones are dropped when unused). */
async function migratedTemplate(serverUrl: string, admin: postgres.Sql): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${migrationsHash()}`;
  const [known] = await admin`select 1 from pg_database where datname = ${name}`;
  if (known) return name;
  const reserved = await admin.reserve();
  try {
    await reserved`select pg_advisory_lock(${TEMPLATE_LOCK_ID})`;
    try {
      const [made] = await reserved`select 1 from pg_database where datname = ${name}`;
      if (made) return name;
      // Made under another name, then renamed: a process that crashed half-way leaves no half-migrated template.
      const building = `${name}_${randomBytes(4).toString("hex")}`;
      await reserved.unsafe(`create database ${building}`);
      const handle = await openDatabase({ driver: "postgres", url: databaseUrl(serverUrl, building) });
      try {
        await handle.migrate();
      } finally {
        await handle.close();
      }
      await reserved.unsafe(`alter database ${building} rename to ${name}`);
      const stale = await reserved<{ datname: string }[]>`select datname from pg_database where datname like ${`${TEMPLATE_PREFIX}%`} and datname <> ${name}`;
      for (const { datname } of stale) {
        // One still in use (a test run of another version of the code) stays until a later run.
        await reserved.unsafe(`drop database if exists ${datname}`).catch(() => undefined);
      }
      return name;
    } finally {
      await reserved`select pg_advisory_unlock(${TEMPLATE_LOCK_ID})`;
    }
  } finally {
    reserved.release();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function postgresServer(serverUrl: string): TestDatabase {
  let template: Promise<string> | undefined;
  return {
    name: "postgres",
    async open() {
      const name = `dashboard_test_${randomBytes(6).toString("hex")}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      template ??= migratedTemplate(serverUrl, admin);
      await admin.unsafe(`create database ${name} template ${await template}`);
      const handle = await openDatabase({ driver: "postgres", url: databaseUrl(serverUrl, name) });
      await handle.migrate();
      return {
        ...handle,
        async close() {
          await handle.close();
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    },
  };
}

export const testDatabases: TestDatabase[] = [
  pglite,
  ...(process.env.TEST_DATABASE_URL ? [postgresServer(process.env.TEST_DATABASE_URL)] : []),
];
