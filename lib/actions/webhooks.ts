"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { replayWebhookEvent } from "@/lib/webhooks/ingest";

import { adminActionClient } from "./client";
import { ActionError } from "./errors";
import { replayWebhookSchema } from "./webhooks.schema";

/** Runs a stored delivery through ingest again (safe: ingest is idempotent) and records who did. */
export const replayWebhookAction = adminActionClient
  .metadata({ actionName: "replayWebhook" })
  .inputSchema(replayWebhookSchema)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await (await getDb()).transaction(async (tx) => {
      const result = await replayWebhookEvent(tx, parsedInput.eventId);
      if (!result) return undefined;
      await recordAudit(tx, {
        actor: { id: ctx.user.id, email: ctx.user.email },
        action: "webhook.replayed",
        target: { type: "webhook_event", id: String(parsedInput.eventId) },
        details: result.ok ? { result: "processed", ...result.summary } : { result: "failed", error: result.error },
      });
      return result;
    });
    if (!outcome) throw new ActionError(`Delivery ${parsedInput.eventId} is not stored.`, { field: "eventId" });
    revalidatePath("/settings/webhooks");
    return outcome.ok ? { processed: true as const, summary: outcome.summary } : { processed: false as const, error: outcome.error };
  });
