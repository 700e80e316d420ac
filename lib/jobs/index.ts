import "server-only";

import { databaseHandle } from "@/db";
import { campaignJobs } from "@/lib/campaigns/jobs";
import { contactImportJobs } from "@/lib/contacts/import/jobs";
import { env } from "@/lib/env";
import { attachInboxAutomationEngine, inboxAutomationJobs } from "@/lib/inbox/automation-jobs";
import { snoozeReturnJob } from "@/lib/inbox/snooze-jobs";
import { attachOutboundWebhookEngine, outboundWebhookJobs } from "@/lib/outbound-webhooks/jobs";

import { accountSyncJob } from "./account-sync";
import { apiIdempotencySweepJob } from "./api-idempotency-sweep";
import { startJobEngine, type JobEngine, type RegisteredJob } from "./engine";
import { mediaSweepJob } from "./media-sweep";

export type { JobEngine, JobRun } from "./engine";

/**
 * Every background job of the dashboard: a feature defines one with `defineJob` (from
 * `@/lib/jobs/engine`, not from here, which imports the features) in its folder and lists it here.
 */
export const registeredJobs: readonly RegisteredJob[] = [accountSyncJob, mediaSweepJob, apiIdempotencySweepJob, ...outboundWebhookJobs(), ...contactImportJobs, ...campaignJobs, snoozeReturnJob, ...inboxAutomationJobs];

const globalForJobs = globalThis as unknown as { dashboardJobs?: Promise<JobEngine> };

/** The process's one job engine on the dashboard's database, started on first use (the server starts it at boot). */
export function jobEngine(): Promise<JobEngine> {
  globalForJobs.dashboardJobs ??= startDashboardJobs().catch((error: unknown) => {
    globalForJobs.dashboardJobs = undefined;
    throw error;
  });
  return globalForJobs.dashboardJobs;
}

async function startDashboardJobs(): Promise<JobEngine> {
  const handle = await databaseHandle();
  const engine = await startJobEngine({ handle, databaseUrl: env().databaseUrl, jobs: registeredJobs });
  // Outbound webhook deliveries made by this process's changes are queued on this engine.
  attachOutboundWebhookEngine(handle.db, engine);
  // Customers' messages stored by this process queue their automation (assignment, away and welcome messages) here.
  attachInboxAutomationEngine(handle.db, engine);
  return engine;
}

/** Stops the engine if it runs: on shutdown, so running jobs finish or are handed back for a retry. */
export async function stopJobEngine(): Promise<void> {
  const engine = globalForJobs.dashboardJobs;
  globalForJobs.dashboardJobs = undefined;
  // An engine that never started has nothing to stop.
  await (await engine?.catch(() => undefined))?.stop();
}
