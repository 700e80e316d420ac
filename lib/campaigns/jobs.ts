/**
 * Campaigns' background jobs: the dispatch of one campaign (a slice of sending at a time, then the
 * next run queued, so campaigns take turns on each instance's queue), and the sweep that starts
 * scheduled campaigns when due and queues a dispatch again for a sending campaign no worker has
 * looked at for a while (a restart, an instance killed).
 */
import "server-only";

import type { Database } from "@/db";
import { dueScheduledCampaigns, takeUnattendedSendingCampaigns } from "@/db/queries/campaign-recipients";
import { ActionError } from "@/lib/actions/errors";
import { defineJob, type JobContext, type QueuedJobDefinition, type RecurringJobDefinition } from "@/lib/jobs/engine";
import { logger } from "@/lib/log";

import { dispatchCampaign, type DispatchOptions } from "./dispatch";
import { failScheduledCampaign, startCampaign } from "./lifecycle";

const log = logger("campaigns");

export interface CampaignDispatchJobData {
  campaignId: string;
}

/** A sending campaign whose workers have not looked at it for this long has none (they look every second). */
export const UNATTENDED_AFTER_MS = 15_000;

/** One slice of a campaign's sending; the next is queued while anything is left. */
export const campaignDispatchJob: QueuedJobDefinition<CampaignDispatchJobData> = defineJob<CampaignDispatchJobData>(
  "campaigns.dispatch",
  async (data, context) => runDispatchSlice(context.db, data.campaignId, context.send),
  { retryLimit: 5, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 5 * 60 },
);

/** Runs a slice and queues the next when work is left (at once, or when the earliest waiting recipient is free). */
export async function runDispatchSlice(db: Database, campaignId: string, send: JobContext["send"], options: DispatchOptions = {}) {
  const result = await dispatchCampaign(db, campaignId, options);
  if (result.end === "slice_over" && result.nextAt) {
    const delaySeconds = Math.max(0, Math.ceil((result.nextAt.getTime() - Date.now()) / 1000));
    await send(campaignDispatchJob, { campaignId }, delaySeconds > 0 ? { startAfter: delaySeconds } : {});
  }
  return result;
}

/**
 * Starts scheduled campaigns whose time has come (one that cannot start fails, with the reason), and
 * queues a dispatch again for sending campaigns nobody is sending.
 */
export async function sweepCampaigns(db: Database, send: JobContext["send"], now = new Date()): Promise<{ started: number; failed: number; resumed: number }> {
  let started = 0;
  let failed = 0;
  for (const campaign of await dueScheduledCampaigns(db, now)) {
    try {
      await startCampaign(db, null, campaign.id, {}, { queue: (campaignId) => send(campaignDispatchJob, { campaignId }), now });
      started += 1;
    } catch (error) {
      // A refusal (template gone, audience gone) will not pass at the next sweep; anything else may.
      if (error instanceof ActionError && (await failScheduledCampaign(db, campaign.id, error))) {
        failed += 1;
        log.warn({ err: error, campaignId: campaign.id }, "a scheduled campaign could not be started and failed");
        continue;
      }
      log.warn({ err: error, campaignId: campaign.id }, "a scheduled campaign could not be started; the next sweep tries again");
    }
  }
  const unattended = await takeUnattendedSendingCampaigns(db, new Date(now.getTime() - UNATTENDED_AFTER_MS));
  for (const campaign of unattended) await send(campaignDispatchJob, { campaignId: campaign.id });
  return { started, failed, resumed: unattended.length };
}

export const campaignSweepJob: RecurringJobDefinition = defineJob("campaigns.sweep", async (_run, context) => sweepCampaigns(context.db, context.send), {
  everySeconds: 5,
});

/** Listed in lib/jobs/index.ts. */
export const campaignJobs = [campaignDispatchJob, campaignSweepJob] as const;
