import { randomBytes } from "node:crypto";

import postgres from "postgres";

import { openDatabase, type DatabaseHandle } from "./client";

/**
 * The databases the data-layer tests run against: always the embedded PGlite, and a real
 * PostgreSQL server too when TEST_DATABASE_URL is set (CI sets it).
 * Each test gets a fresh, migrated database of its own.
 */
export interface TestDatabase {
  name: "pglite" | "postgres";
  open(): Promise<DatabaseHandle>;
}

let migratedSnapshot: Promise<Blob> | undefined;

/** Migrating takes seconds; a database restored from a migrated snapshot is ready in a fraction of that. */
async function takeMigratedSnapshot(): Promise<Blob> {
  const handle = await openDatabase({ driver: "pglite-memory" });
  await handle.migrate();
  const snapshot = await handle.snapshot!();
  await handle.close();
  return snapshot;
}

const pglite: TestDatabase = {
  name: "pglite",
  async open() {
    migratedSnapshot ??= takeMigratedSnapshot();
    const handle = await openDatabase({ driver: "pglite-memory", snapshot: await migratedSnapshot });
    await handle.migrate();
    return handle;
  },
};

function postgresServer(serverUrl: string): TestDatabase {
  return {
    name: "postgres",
    async open() {
      const name = `dashboard_test_${randomBytes(6).toString("hex")}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ driver: "postgres", url: url.toString() });
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
