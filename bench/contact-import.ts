/**
 * A contact import of 100,000 rows on PostgreSQL, half of them customers already known (updated by
 * the import), with names, tags and consent: the upload's streaming parse (rows/s) and the import
 * job's batches (rows/s), through the services themselves (no server, no engine).
 *
 * The services load the translated layers (next-intl), which a script run with the react-server
 * condition cannot: the measure runs in a child Node without it, `server-only` stubbed.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { register } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { sql } from "drizzle-orm";

import { openDatabase } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { seedDemoUsers } from "@/db/seed";

import { formatRate, printTable } from "./report";
import { benchServerUrl, withFreshDatabase } from "./server";

/** A resolve hook answering `server-only` with an empty module (as the react-server condition does). */
const SERVER_ONLY_STUB = `data:text/javascript,${encodeURIComponent(
  'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,export{}", shortCircuit: true } : next(specifier, context); }',
)}`;

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const TAGS = ["vip", "newsletter", "wholesale", "paris", "berlin"];

/** Row i's number: French mobiles, distinct for each i. */
const numberOf = (i: number) => `336${String(10_000_000 + i).padStart(8, "0")}`;

/** The file: name, phone (written as people do), tags, consent; every other row a customer already known. */
function csvFile(rows: number): string {
  const lines = ["name,phone,tags,consent"];
  for (let i = 0; i < rows; i += 1) {
    const digits = numberOf(i);
    const phone = i % 3 === 0 ? `+${digits.slice(0, 2)} ${digits.slice(2, 3)} ${digits.slice(3, 5)} ${digits.slice(5, 7)} ${digits.slice(7, 9)} ${digits.slice(9)}` : `+${digits}`;
    const tags = i % 4 === 0 ? `${TAGS[i % TAGS.length]};${TAGS[(i + 1) % TAGS.length]}` : "";
    const consent = i % 5 === 0 ? "yes" : i % 7 === 0 ? "no" : "";
    lines.push(`Customer ${i},${phone},${tags},${consent}`);
  }
  return `${lines.join("\n")}\n`;
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const chunk = 64 * 1024;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, (offset += chunk)));
    },
  });
}

export async function benchContactImport(): Promise<void> {
  if (!benchServerUrl()) {
    console.log("\nContact import: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server).");
    return;
  }
  const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--measure"], { stdio: "inherit", env: process.env });
  if (child.status !== 0) throw new Error(`The contact import benchmark failed (exit ${child.status}).`);
}

async function measure(): Promise<void> {
  register(SERVER_ONLY_STUB);
  const [{ sessionUserOf }, { runContactImport }, { receiveImportFile }, { getImport, startImport }] = await Promise.all([
    import("@/lib/auth/session-user"),
    import("@/lib/contacts/import/process"),
    import("@/lib/contacts/import/receive"),
    import("@/lib/contacts/import/service"),
  ]);
  const serverUrl = benchServerUrl()!;
  const mediaDir = await mkdtemp(path.join(tmpdir(), "bench-import-"));
  process.env.MEDIA_DIR = mediaDir;
  (globalThis as { dashboardEnv?: unknown }).dashboardEnv = undefined;
  try {
    await withFreshDatabase(serverUrl, "bench_import", async (url) => {
      const handle = await openDatabase({ driver: "postgres", url });
      try {
        await handle.migrate();
        const { db } = handle;
        await seedDemoUsers(db);
        const admin = await sessionUserOf(db, (await findUserByEmail(db, "admin@demo.test"))!);
        // Half the file's customers are known already (every even row).
        await db.execute(sql`
          insert into contacts (wa_id, phone_number, profile_name)
          select n, n, 'Known ' || i from (select i, '336' || lpad((10000000 + i)::text, 8, '0') as n from generate_series(0, ${ROWS - 1}, 2) as i) as known`);
        const file = csvFile(ROWS);

        const uploadStarted = performance.now();
        const uploaded = await receiveImportFile(db, admin, { name: "bench.csv", type: "text/csv", stream: streamOf(file) });
        const uploadMs = performance.now() - uploadStarted;

        await startImport(db, admin, uploaded.id, { mapping: { 0: "name", 1: "phone", 2: "tags", 3: "consent" }, defaultCountry: "FR" }, { send: async () => undefined });
        const importStarted = performance.now();
        const outcome = await runContactImport(db, uploaded.id);
        const importMs = performance.now() - importStarted;
        if (outcome.kind !== "finished") throw new Error(`The import did not finish: ${outcome.kind}`);
        const view = await getImport(db, admin, uploaded.id);

        printTable(`Contact import (PostgreSQL, ${ROWS.toLocaleString("en-US")} rows, half known)`, [
          { step: "upload + parse", "file (MB)": (file.length / 1024 / 1024).toFixed(1), "time (s)": (uploadMs / 1000).toFixed(2), "rows/s": formatRate(ROWS / (uploadMs / 1000)) },
          { step: "import job", "file (MB)": "", "time (s)": (importMs / 1000).toFixed(2), "rows/s": formatRate(ROWS / (importMs / 1000)) },
        ]);
        console.log(`created ${view.created}, updated ${view.updated}, unchanged ${view.unchanged}, rejected ${view.rejected}`);
      } finally {
        await handle.close();
      }
    });
  } finally {
    await rm(mediaDir, { recursive: true, force: true });
  }
}

if (process.argv.includes("--measure")) await measure();
