import "server-only";

import type { Database } from "@/db";
import { publishLiveEvents } from "@/db/queries/live-events";
import { listUsablePhoneNumbers } from "@/db/queries/phone-numbers";
import { listLinkedWabas } from "@/db/queries/wabas";
import { refreshAccounts } from "@/lib/accounts/sync";
import { env } from "@/lib/env";
import type { GatewayClient } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { syncTemplates } from "@/lib/templates/sync";
import { registerCallbacks } from "@/lib/webhooks/registration";

import { defineJob } from "./engine";

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
 * Template statuses and number quality reach Maton's callback, not ours: polled every
 * SYNC_INTERVAL_SECONDS (0: never) by whichever instance takes the run, backing off after failures.
 */
export const accountSyncJob = defineJob(
  "account-sync",
  async (_run, { db }) => {
    // Polling waits behind every call a person makes (and behind API and campaign sends).
    const result = await syncOnce(db, gateway().withPriority("background"));
    // Partial failures fail the run: the error is kept on it and the next run backs off.
    if (result.errors.length > 0) throw new Error(result.errors.join("; "));
    return { phoneNumbersChanged: result.phoneNumbersChanged, wabas: result.wabas };
  },
  { everySeconds: () => env().syncIntervalSeconds },
);
