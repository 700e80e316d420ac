import "server-only";

import { randomUUID } from "node:crypto";

import type { Database } from "@/db";
import { acquireJobLease, recordJobRun } from "@/db/queries/job-leases";
import { publishLiveEvents } from "@/db/queries/live-events";
import { listUsablePhoneNumbers } from "@/db/queries/phone-numbers";
import { listLinkedWabas } from "@/db/queries/wabas";
import { refreshAccounts } from "@/lib/accounts/sync";
import type { GatewayClient } from "@/lib/gateway";
import { syncTemplates } from "@/lib/templates/sync";
import { registerCallbacks } from "@/lib/webhooks/registration";

export const SYNC_JOB = "account-sync";
const MAX_BACKOFF_MS = 15 * 60_000;

function qualityFingerprint(number: { qualityRating: string | null; messagingLimitTier: string | null; throughputLevel: string | null; nameStatus: string | null }) {
  return [number.qualityRating, number.messagingLimitTier, number.throughputLevel, number.nameStatus].join("|");
}

/**
 * One pass of what Maton's callback keeps from us: phone numbers' quality and limits, and every
 * linked account's templates. Changes are published as live events, exactly like webhooks'.
 * Accounts seen for the first time also get this dashboard's callback registered.
 */
export async function syncOnce(db: Database, client?: GatewayClient): Promise<{ phoneNumbersChanged: number; wabas: number; errors: string[] }> {
  const before = new Map((await listUsablePhoneNumbers(db)).map((number) => [number.id, qualityFingerprint(number)]));
  const errors: string[] = [];
  const status = await refreshAccounts(db, { maxAgeMs: 0, client });
  if (status.error) errors.push(`accounts: ${status.error.title}: ${status.error.explanation}`);
  const changed = (await listUsablePhoneNumbers(db)).filter((number) => before.get(number.id) !== qualityFingerprint(number));
  await publishLiveEvents(
    db,
    changed.map((number) => ({ kind: "phone_number.updated" as const, payload: { phoneNumberId: number.id } })),
  );
  const wabas = await listLinkedWabas(db);
  // An account seen for the first time gets our callback, as one linked from the dashboard does.
  const neverRegistered = wabas.filter((waba) => waba.callbackUrl === null && waba.callbackError === null);
  if (neverRegistered.length > 0) {
    for (const outcome of await registerCallbacks(db, { wabaIds: neverRegistered.map((waba) => waba.id), client })) {
      if (!outcome.ok) errors.push(`callback on ${outcome.wabaId}: ${outcome.message}`);
    }
  }
  for (const waba of wabas) {
    try {
      await syncTemplates(db, { wabaId: waba.id, connectionId: waba.connectionId }, client);
    } catch (error) {
      errors.push(`templates of ${waba.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { phoneNumbersChanged: changed.length, wabas: wabas.length, errors };
}

/**
 * Runs `syncOnce` every `intervalMs` in whichever instance holds the job's lease (held in the
 * database, so several dashboards on one PostgreSQL run it once), backing off after failures.
 */
export function startSyncLoop(db: Database, intervalMs: number): () => void {
  const holder = randomUUID();
  let delay = intervalMs;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      if (await acquireJobLease(db, SYNC_JOB, holder, intervalMs * 2)) {
        const result = await syncOnce(db);
        await recordJobRun(db, SYNC_JOB, result.errors.length > 0 ? result.errors.join("; ") : null);
        delay = result.errors.length > 0 ? Math.min(delay * 2, MAX_BACKOFF_MS) : intervalMs;
      }
    } catch (error) {
      console.warn("[sync] pass failed:", error instanceof Error ? error.message : error);
      delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    }
    if (!stopped) timer = setTimeout(tick, delay).unref();
  };
  timer = setTimeout(tick, Math.min(intervalMs, 5_000)).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
