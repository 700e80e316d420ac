import { PGlite } from "@electric-sql/pglite";

import type { DatabaseHandle } from "@/db/client";

/** What pg-boss needs of a database it does not connect to itself (its `db` option). */
export interface JobQueueExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss on the embedded database: its SQL runs on the dashboard's own PGlite instance (one
 * process owns the folder, so a second instance would lose rows). A statement with parameters
 * runs as one extended query; a script without them (pg-boss's `BEGIN; …; COMMIT;` blocks) runs
 * inside a PGlite transaction, so a failure rolls back instead of leaving the one connection
 * in an aborted transaction for whatever query comes next.
 */
export function embeddedQueueExecutor(handle: DatabaseHandle): JobQueueExecutor {
  const client = embeddedClient(handle);
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return client.query(text, values);
      const results = await client.transaction((transaction) => transaction.exec(text));
      return results.at(-1) ?? { rows: [] };
    },
  };
}

function embeddedClient(handle: DatabaseHandle): PGlite {
  const db = handle.db;
  // drizzle keeps the driver's client on `$client`; the `Database` type leaves it out.
  if ("$client" in db && db.$client instanceof PGlite) return db.$client;
  throw new Error(`The job queue runs on the embedded database only through its PGlite client (driver: ${handle.driver}).`);
}

/**
 * Fails the runs an ended process left active, so their retries (or a recurring job's next run)
 * go ahead now rather than after their expiry. Only for the embedded database: one process owns
 * it, so at start nothing else can be working them.
 */
export async function failRunsOfEndedProcess(
  executor: JobQueueExecutor,
  schema: string,
  fail: (name: string, id: string) => Promise<unknown>,
): Promise<void> {
  const { rows } = await executor.executeSql(`select name, id from ${schema}.job where state = 'active'`);
  for (const row of rows) {
    if (typeof row === "object" && row !== null && "name" in row && "id" in row) await fail(String(row.name), String(row.id));
  }
}
