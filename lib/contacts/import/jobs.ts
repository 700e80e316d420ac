/** The import's background jobs: the import itself, and the sweep of files never imported. */
import "server-only";

import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";

import type { Database } from "@/db";
import { deleteUploadedImport, staleUploadedImports } from "@/db/queries/contact-imports";
import { defineJob, type QueuedJobDefinition, type RecurringJobDefinition } from "@/lib/jobs/engine";
import { logger } from "@/lib/log";

import { importsDir, removeImportFile } from "./files";
import { giveUpImport, isLastAttempt, runContactImport } from "./process";

const log = logger("contacts-import");

export interface ContactImportJobData {
  importId: string;
}

/** Retries resume from the last committed batch; after the last one the import is failed. */
const IMPORT_RETRY_LIMIT = 3;
const HOUR_SECONDS = 60 * 60;
/** An uploaded file nobody started importing is dropped after this long. */
export const UPLOAD_KEPT_MS = 24 * HOUR_SECONDS * 1000;
const SWEEP_BATCH = 200;

/** Imports a file, batch after batch (lib/contacts/import/process.ts). */
export const contactImportJob: QueuedJobDefinition<ContactImportJobData> = defineJob<ContactImportJobData>(
  "contacts.import",
  async (data, context) => {
    try {
      return await runContactImport(context.db, data.importId);
    } catch (error) {
      if (isLastAttempt(context.attempt, IMPORT_RETRY_LIMIT)) {
        log.error({ err: error, importId: data.importId }, "contact import failed for good");
        await giveUpImport(context.db, data.importId);
      }
      throw error;
    }
  },
  // A run past its expiry is retried while it may still be going: the checkpoint check keeps them apart.
  { retryLimit: IMPORT_RETRY_LIMIT, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 30 * 60 },
);

/**
 * Discards imports uploaded more than a day ago and never started (their files with them), and
 * upload leftovers of a process that stopped mid-upload.
 */
export async function sweepStaleImports(db: Database, now = new Date()): Promise<{ discarded: number; leftovers: number }> {
  let discarded = 0;
  for (const stale of await staleUploadedImports(db, new Date(now.getTime() - UPLOAD_KEPT_MS), SWEEP_BATCH)) {
    const removed = await deleteUploadedImport(db, stale.id);
    if (!removed) continue;
    await removeImportFile(removed.storedPath);
    discarded += 1;
  }
  let leftovers = 0;
  const names = await readdir(importsDir()).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.startsWith(".partial-"))) {
    const file = path.join(importsDir(), name);
    const modified = await stat(file).then((info) => info.mtimeMs, () => now.getTime());
    if (now.getTime() - modified < UPLOAD_KEPT_MS) continue;
    await rm(file, { force: true });
    leftovers += 1;
  }
  if (discarded + leftovers > 0) log.info({ discarded, leftovers }, "unstarted contact imports discarded");
  return { discarded, leftovers };
}

export const contactImportSweepJob: RecurringJobDefinition = defineJob("contacts.import-sweep", async (_run, { db }) => sweepStaleImports(db), {
  everySeconds: HOUR_SECONDS,
});

/** Listed in lib/jobs/index.ts. */
export const contactImportJobs = [contactImportJob, contactImportSweepJob] as const;
