"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { requestTranslator } from "@/lib/i18n/server";
import { message } from "@/lib/i18n/translatable";
import { rotateCallbackToken } from "@/lib/webhooks/callback";
import { replayWebhookEvent } from "@/lib/webhooks/ingest";
import { registerCallbacks, registrationErrorText, type RegistrationOutcome } from "@/lib/webhooks/registration";

import { webhooksActionClient } from "./client";
import { ActionError } from "./errors";
import { registerCallbacksSchema, replayWebhookSchema } from "./webhooks.schema";

/** Each account's outcome, its refusal in the reader's words. */
async function inReadersWords(outcomes: RegistrationOutcome[]): Promise<Array<{ wabaId: string; ok: boolean; message?: string }>> {
  const t = await requestTranslator();
  return outcomes.map(({ wabaId, ok, refusal }) => (refusal === undefined ? { wabaId, ok } : { wabaId, ok, message: registrationErrorText(t, refusal) }));
}

/** Runs a stored delivery through ingest again (safe: ingest is idempotent) and records who did. */
export const replayWebhookAction = webhooksActionClient
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
    if (!outcome) throw new ActionError(message("webhooks.errors.notStored", { id: parsedInput.eventId }), { field: "eventId" });
    revalidatePath("/settings/webhooks");
    return outcome.ok ? { processed: true as const, summary: outcome.summary } : { processed: false as const, error: outcome.error };
  });

/** Registers this dashboard's callback on linked accounts through the gateway; each result is kept per account. */
export const registerCallbacksAction = webhooksActionClient
  .metadata({ actionName: "registerCallbacks" })
  .inputSchema(registerCallbacksSchema)
  .action(async ({ parsedInput, ctx }) => {
    const db = await getDb();
    const outcomes = await registerCallbacks(db, { wabaIds: parsedInput.wabaIds });
    await recordAudit(db, {
      actor: { id: ctx.user.id, email: ctx.user.email },
      action: "webhook.callback_registered",
      target: { type: "webhooks", id: parsedInput.wabaIds?.join(",") ?? "all" },
      details: { registered: outcomes.filter((o) => o.ok).map((o) => o.wabaId), refused: outcomes.filter((o) => !o.ok).map((o) => o.wabaId) },
    });
    revalidatePath("/settings/webhooks");
    return { outcomes: await inReadersWords(outcomes) };
  });

/**
 * A new callback token: the old one stops working at once, and the callback is registered again
 * on every linked account with the new URL.
 */
export const rotateCallbackTokenAction = webhooksActionClient
  .metadata({ actionName: "rotateCallbackToken" })
  .action(async ({ ctx }) => {
    const db = await getDb();
    await db.transaction(async (tx) => {
      await rotateCallbackToken(tx);
      await recordAudit(tx, {
        actor: { id: ctx.user.id, email: ctx.user.email },
        action: "webhook.token_rotated",
        target: { type: "webhooks", id: "callback_token" },
      });
    });
    const outcomes = await registerCallbacks(db);
    revalidatePath("/settings/webhooks");
    return { outcomes: await inReadersWords(outcomes) };
  });
