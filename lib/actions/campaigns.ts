"use server";

import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { createCampaign, deleteCampaign, sendTestMessage, updateCampaign } from "@/lib/campaigns/drafts";
import { cancelCampaign, pauseCampaign, resumeCampaign, retryFailed, startCampaign, type StartResult } from "@/lib/campaigns/lifecycle";
import type { CampaignView } from "@/lib/campaigns/types";
import { message } from "@/lib/i18n/translatable";

import { authActionClient } from "./client";
import { campaignIdSchema, createCampaignSchema, sendTestSchema, startCampaignSchema, updateCampaignSchema } from "./campaigns.schema";

/** Campaigns are built and run by marketers and admins (campaigns.manage); each service checks it again. */
const campaignsActionClient = authActionClient.use(async ({ next, ctx }) => {
  if (!can(ctx.user.role, "campaigns.manage")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: ctx.user.role }));
  return next();
});

export const createCampaignAction = campaignsActionClient
  .metadata({ actionName: "createCampaign" })
  .inputSchema(createCampaignSchema)
  .action(async ({ parsedInput, ctx }): Promise<CampaignView> => createCampaign(await getDb(), ctx.user, parsedInput));

export const updateCampaignAction = campaignsActionClient
  .metadata({ actionName: "updateCampaign" })
  .inputSchema(updateCampaignSchema)
  .action(async ({ parsedInput, ctx }): Promise<CampaignView> => {
    const { campaignId, ...changes } = parsedInput;
    return updateCampaign(await getDb(), ctx.user, campaignId, changes);
  });

export const deleteCampaignAction = campaignsActionClient
  .metadata({ actionName: "deleteCampaign" })
  .inputSchema(campaignIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<void> => deleteCampaign(await getDb(), ctx.user, parsedInput.campaignId));

export const sendTestAction = campaignsActionClient
  .metadata({ actionName: "sendCampaignTest" })
  .inputSchema(sendTestSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ messageId: string; conversationId: string }> => {
    const { campaignId, ...to } = parsedInput;
    return sendTestMessage(await getDb(), ctx.user, campaignId, to);
  });

export const startCampaignAction = campaignsActionClient
  .metadata({ actionName: "startCampaign" })
  .inputSchema(startCampaignSchema)
  .action(async ({ parsedInput, ctx }): Promise<StartResult> => {
    const { campaignId, scheduledAt, timeZone } = parsedInput;
    return startCampaign(await getDb(), ctx.user, campaignId, { ...(scheduledAt ? { scheduledAt: new Date(scheduledAt) } : {}), ...(timeZone ? { timeZone } : {}) });
  });

export const pauseCampaignAction = campaignsActionClient
  .metadata({ actionName: "pauseCampaign" })
  .inputSchema(campaignIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<void> => pauseCampaign(await getDb(), ctx.user, parsedInput.campaignId));

export const resumeCampaignAction = campaignsActionClient
  .metadata({ actionName: "resumeCampaign" })
  .inputSchema(campaignIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<void> => resumeCampaign(await getDb(), ctx.user, parsedInput.campaignId));

export const cancelCampaignAction = campaignsActionClient
  .metadata({ actionName: "cancelCampaign" })
  .inputSchema(campaignIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<void> => cancelCampaign(await getDb(), ctx.user, parsedInput.campaignId));

export const retryFailedAction = campaignsActionClient
  .metadata({ actionName: "retryFailedRecipients" })
  .inputSchema(campaignIdSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ retried: number }> => retryFailed(await getDb(), ctx.user, parsedInput.campaignId));
