/**
 * A campaign's life after the draft: started (its audience fixed once into recipients) or scheduled,
 * paused, resumed, cancelled, its safe failures retried, and finished when nobody is left. Each step
 * is one transaction with its audit entry, its live event and, for a start and an end, its outbound
 * webhook event; the sending itself is the job engine's (./dispatch.ts, ./jobs.ts).
 */
import "server-only";

import type { SQL } from "drizzle-orm";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import {
  cancelPendingRecipients,
  conversationIdsOf,
  failedRecipientCodes,
  findCampaignForUpdate,
  finishCampaignIfDone,
  insertRecipients,
  moveCampaign,
  recipientCounts,
  requeueFailedRecipients,
  type RecipientToInsert,
} from "@/db/queries/campaign-recipients";
import { ALL_CONNECTIONS, type ConnectionScope, findConnectionScope } from "@/db/queries/connection-access";
import { publishLiveEvents } from "@/db/queries/live-events";
import { recordOutboundEvents, subscribedEventTypes, type RecordedDelivery } from "@/db/queries/outbound-webhooks";
import { listApprovedTemplates } from "@/db/queries/templates";
import { findPhoneNumber } from "@/db/queries/phone-numbers";
import type { Campaign, CampaignStatus } from "@/db/schema";
import { ActionError } from "@/lib/actions/errors";
import { isPhoneNumberVisible, NotFoundError } from "@/lib/auth/connection-access";
import { can, type Role } from "@/lib/auth/permissions";
import { AuthorizationError } from "@/lib/auth/session";
import { inEnglish } from "@/lib/i18n/translators";
import { message, translateMessage } from "@/lib/i18n/translatable";
import { isTimeZone } from "@/i18n/locales";
import { logger } from "@/lib/log";
import { dispatchDeliveries } from "@/lib/outbound-webhooks/jobs";
import { campaignEventPayload } from "@/lib/outbound-webhooks/payloads";
import { explainGraphError, explainKnownGraphError, explainMatonError, type ErrorExplanation } from "@/lib/whatsapp/errors";

import { evaluateAudience, templateDefinitionOf, type PlanSubject } from "./plan";
import { estimateCost } from "./pricing";
import type { CampaignAudience, CampaignMapping, CostSummary } from "./types";

const log = logger("campaigns");

/** Who changes a campaign: the signed-in user or the API token's user. */
export interface CampaignActor {
  id: string;
  name: string;
  email: string;
  role: Role;
  connections: ConnectionScope;
}

/** The job the start and a resume queue (the process's engine by default). */
export type QueueDispatch = (campaignId: string) => Promise<unknown>;

export interface LifecycleOptions {
  queue?: QueueDispatch;
  /** The audience's condition on contacts (./audience.ts for the campaign's audience by default). */
  audienceCondition?: (db: Database, actor: CampaignActor, audience: CampaignAudience) => Promise<SQL>;
  /** The estimate of the fixed recipients (PLAN's pricing.ts by default). */
  estimateCost?: (db: Database, lines: Array<{ category: string; country: string | null; count: number }>) => Promise<CostSummary>;
  now?: Date;
}

const CAMPAIGN_NOT_FOUND = message("campaigns.send.errors.notFound");

export function assertMayManageCampaigns(actor: Pick<CampaignActor, "role">): void {
  if (!can(actor.role, "campaigns.manage")) throw new AuthorizationError(403, message("auth.authorization.roleNotAllowed", { role: actor.role }));
}

/** The campaign, locked, when the actor may see its business number; else "not found". */
async function campaignForChange(tx: Database, actor: CampaignActor, campaignId: string): Promise<Campaign> {
  const campaign = /^[0-9a-f-]{36}$/i.test(campaignId) ? await findCampaignForUpdate(tx, campaignId) : undefined;
  if (!campaign || !(await isPhoneNumberVisible(tx, actor.connections, campaign.phoneNumberId))) throw new NotFoundError(CAMPAIGN_NOT_FOUND);
  return campaign;
}

const conflict = (key: "alreadyStarted" | "notSending" | "notPaused" | "notCancellable" | "notRetryable") =>
  new ActionError(message(`campaigns.send.errors.${key}`), { code: "CONFLICT" });

const auditActor = (actor: CampaignActor | null) => (actor ? { id: actor.id, email: actor.email } : null);

/** The live event of a campaign (seen by the users of its number's connection). */
const campaignUpdated = (campaign: Pick<Campaign, "id" | "phoneNumberId">) => ({
  kind: "campaign.updated" as const,
  payload: { campaignId: campaign.id, phoneNumberId: campaign.phoneNumberId },
});

export interface StartResult {
  status: CampaignStatus;
  /** Recipients fixed by this start (none when only scheduled). */
  eligible: number;
  skipped: number;
}

/**
 * Starts a draft now, or schedules it (`scheduledAt` in the future, with the zone it was written in).
 * Starting fixes the audience in one transaction: every contact becomes a recipient, pending with its
 * values or skipped with its reason, under the key `campaign:<campaignId>:<contactId>`; the estimate is
 * kept; then the dispatch is queued. A second start is a CONFLICT. A scheduled campaign is started by
 * the schedule sweep (actor null) through the same path.
 */
export async function startCampaign(
  db: Database,
  actor: CampaignActor | null,
  campaignId: string,
  input: { scheduledAt?: Date; timeZone?: string } = {},
  options: LifecycleOptions = {},
): Promise<StartResult> {
  if (actor) assertMayManageCampaigns(actor);
  const now = options.now ?? new Date();
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw new ActionError(message("campaigns.send.errors.invalidTimeZone", { timeZone: input.timeZone }), { code: "INVALID_INPUT", field: "timeZone" });
  }
  const scope = actor ?? { id: "", name: "", email: "", role: "admin" as const, connections: ALL_CONNECTIONS };

  if (input.scheduledAt) {
    if (input.scheduledAt.getTime() <= now.getTime()) {
      throw new ActionError(message("campaigns.send.errors.scheduleInPast"), { code: "INVALID_INPUT", field: "scheduledAt" });
    }
    const scheduledAt = input.scheduledAt;
    const scheduled = await db.transaction(async (tx) => {
      const campaign = await campaignForChange(tx, scope, campaignId);
      const moved = await moveCampaign(tx, campaign.id, ["draft"], "scheduled", { scheduledAt, timeZone: input.timeZone ?? null });
      if (!moved) throw conflict("alreadyStarted");
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "campaign.scheduled",
        target: { type: "campaign", id: campaign.id },
        details: { scheduledAt: scheduledAt.toISOString(), timeZone: input.timeZone ?? null },
      });
      await publishLiveEvents(tx, [campaignUpdated(campaign)]);
      return moved;
    });
    return { status: scheduled.status, eligible: 0, skipped: 0 };
  }

  const deliveries: RecordedDelivery[] = [];
  const started = await db.transaction(async (tx) => {
    const campaign = await campaignForChange(tx, scope, campaignId);
    // A draft by a person; a scheduled one by the sweep (or a person who starts it early).
    if (campaign.status !== "draft" && campaign.status !== "scheduled") throw conflict("alreadyStarted");
    // The sweep starts a scheduled campaign with the contacts its author could see when they reviewed it.
    const audienceScope = actor || !campaign.createdById ? scope : { ...scope, connections: await findConnectionScope(tx, campaign.createdById) };
    const fixed = await fixAudience(tx, audienceScope, campaign, options);
    const estimate = await (options.estimateCost ?? estimateCost)(tx, fixed.lines);
    const moved = await moveCampaign(tx, campaign.id, [campaign.status], "sending", {
      startedAt: now,
      estimate: estimate as unknown as Record<string, unknown>,
      ...(campaign.status === "draft" && input.timeZone ? { timeZone: input.timeZone } : {}),
    });
    if (!moved) throw conflict("alreadyStarted");
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "campaign.started",
      target: { type: "campaign", id: campaign.id },
      details: { eligible: fixed.eligible, skipped: fixed.skipped, scheduledAt: campaign.scheduledAt?.toISOString() ?? null },
    });
    deliveries.push(...(await recordCampaignEvent(tx, "campaign.started", moved, now)));
    await publishLiveEvents(tx, [campaignUpdated(campaign)]);
    return { campaign: moved, ...fixed };
  });
  void dispatchDeliveries(db, deliveries);
  await (options.queue ?? queueDispatch)(campaignId);
  return { status: started.campaign.status, eligible: started.eligible, skipped: started.skipped };
}

/**
 * Every contact of the audience as a recipient, judged by the plan's own evaluation (./plan.ts
 * evaluateAudience: the same order, values and skip rules as the review showed), batch after batch
 * in the caller's transaction.
 */
async function fixAudience(tx: Database, actor: CampaignActor, campaign: Campaign, options: LifecycleOptions) {
  const subject: PlanSubject = {
    phoneNumberId: campaign.phoneNumberId,
    template: await campaignTemplate(tx, campaign),
    audience: campaign.audience as unknown as CampaignAudience,
    mapping: campaign.mapping as unknown as CampaignMapping,
  };
  const where = options.audienceCondition ? await options.audienceCondition(tx, actor, subject.audience) : undefined;
  const byCountry = new Map<string | null, number>();
  let eligible = 0;
  let skipped = 0;
  await evaluateAudience(
    tx,
    actor,
    subject,
    async (batch) => {
      // A customer known only by a user id is written to in their conversation on this number.
      const withConversation = batch.filter((evaluated) => evaluated.contact.hasConversation).map((evaluated) => evaluated.contact.waId);
      const conversations = await conversationIdsOf(tx, campaign.phoneNumberId, withConversation);
      const rows: RecipientToInsert[] = batch.map(({ contact, values, decision }) => ({
        contactId: contact.id,
        phoneNumber: decision.digits,
        country: decision.country,
        status: decision.reason === null ? "pending" : "skipped",
        skipReason: decision.reason,
        values: decision.reason === null ? (values as unknown as Record<string, unknown>) : null,
        clientKey: `campaign:${campaign.id}:${contact.id}`,
        conversationId: conversations.get(contact.waId) ?? null,
      }));
      await insertRecipients(tx, campaign.id, rows);
      for (const { decision } of batch) {
        if (decision.reason !== null) {
          skipped += 1;
          continue;
        }
        eligible += 1;
        byCountry.set(decision.country, (byCountry.get(decision.country) ?? 0) + 1);
      }
    },
    where ? { where } : {},
  );
  const lines = [...byCountry].map(([country, count]) => ({ category: subject.template.category, country, count }));
  return { eligible, skipped, lines };
}

/** The campaign's template as the number's account has it approved now (the mapping is resolved against it). */
async function campaignTemplate(db: Database, campaign: Campaign): Promise<PlanSubject["template"]> {
  const number = await findPhoneNumber(db, campaign.phoneNumberId);
  const row = number?.wabaId
    ? (await listApprovedTemplates(db, number.wabaId)).find((candidate) => candidate.name === campaign.templateName && candidate.language === campaign.templateLanguage)
    : undefined;
  if (!row) throw new ActionError(message("campaigns.send.errors.templateGone"), { code: "CONFLICT", field: "templateId" });
  return templateDefinitionOf(row);
}

/**
 * A due scheduled campaign that cannot start (its template no longer approved, its audience gone):
 * scheduled → failed with the refusal in English (kept like a message's error title), audited, so it
 * neither waits forever nor is tried again at every sweep. Answers whether it was moved.
 */
export async function failScheduledCampaign(db: Database, campaignId: string, refusal: ActionError): Promise<boolean> {
  return db.transaction(async (tx) => {
    const moved = await moveCampaign(tx, campaignId, ["scheduled"], "failed", { error: translateMessage(inEnglish, refusal.said) });
    if (!moved) return false;
    await recordAudit(tx, {
      actor: null,
      action: "campaign.failed",
      target: { type: "campaign", id: campaignId },
      details: { code: refusal.code ?? null, field: refusal.field ?? null, error: moved.error },
    });
    await publishLiveEvents(tx, [campaignUpdated(moved)]);
    return true;
  });
}

/** Stops sending within a second (the workers see it at their next look): sending → paused. */
export async function pauseCampaign(db: Database, actor: CampaignActor, campaignId: string): Promise<void> {
  assertMayManageCampaigns(actor);
  await db.transaction(async (tx) => {
    const campaign = await campaignForChange(tx, actor, campaignId);
    const moved = await moveCampaign(tx, campaign.id, ["sending"], "paused", { pausedAt: new Date() });
    if (!moved) throw conflict("notSending");
    await recordAudit(tx, { actor: auditActor(actor), action: "campaign.paused", target: { type: "campaign", id: campaign.id } });
    await publishLiveEvents(tx, [campaignUpdated(campaign)]);
  });
}

/** paused → sending, and the dispatch queued again. */
export async function resumeCampaign(db: Database, actor: CampaignActor, campaignId: string, options: Pick<LifecycleOptions, "queue"> = {}): Promise<void> {
  assertMayManageCampaigns(actor);
  await db.transaction(async (tx) => {
    const campaign = await campaignForChange(tx, actor, campaignId);
    const moved = await moveCampaign(tx, campaign.id, ["paused"], "sending", { pausedAt: null });
    if (!moved) throw conflict("notPaused");
    await recordAudit(tx, { actor: auditActor(actor), action: "campaign.resumed", target: { type: "campaign", id: campaign.id } });
    await publishLiveEvents(tx, [campaignUpdated(campaign)]);
  });
  await (options.queue ?? queueDispatch)(campaignId);
}

/** Scheduled, sending or paused → cancelled; pending recipients cancelled (claimed ones are handed back as cancelled by their worker). */
export async function cancelCampaign(db: Database, actor: CampaignActor, campaignId: string): Promise<void> {
  assertMayManageCampaigns(actor);
  await db.transaction(async (tx) => {
    const campaign = await campaignForChange(tx, actor, campaignId);
    const moved = await moveCampaign(tx, campaign.id, ["scheduled", "sending", "paused"], "cancelled", { cancelledAt: new Date() });
    if (!moved) throw conflict("notCancellable");
    const cancelled = await cancelPendingRecipients(tx, campaign.id);
    await recordAudit(tx, { actor: auditActor(actor), action: "campaign.cancelled", target: { type: "campaign", id: campaign.id }, details: { cancelled } });
    await publishLiveEvents(tx, [campaignUpdated(campaign)]);
  });
}

/** The table's explanation of a recipient's error code (a Graph code, or Maton's HTTP status kept as the code). */
export function recipientErrorExplanation(code: number | null): ErrorExplanation | null {
  if (code === null) return null;
  const known = explainKnownGraphError(code);
  if (known) return known;
  if (code >= 400 && code < 600) return code === 429 || code >= 500 ? explainGraphError(undefined, code) : explainMatonError(code);
  return explainGraphError(code);
}

/**
 * Failed recipients whose error says waiting can help go back to pending with the same key (the send
 * then retries their failed message, as the inbox's retry does); the others stay failed. A finished
 * campaign goes back to sending. Answers how many went back.
 */
export async function retryFailed(db: Database, actor: CampaignActor, campaignId: string, options: Pick<LifecycleOptions, "queue"> = {}): Promise<{ retried: number }> {
  assertMayManageCampaigns(actor);
  const outcome = await db.transaction(async (tx) => {
    const campaign = await campaignForChange(tx, actor, campaignId);
    if (!["sending", "paused", "finished"].includes(campaign.status)) throw conflict("notRetryable");
    const safeCodes = (await failedRecipientCodes(tx, campaign.id))
      .map((group) => group.code)
      .filter((code): code is number => code !== null && recipientErrorExplanation(code)?.retryLater === true);
    const retried = await requeueFailedRecipients(tx, campaign.id, safeCodes);
    const reopened = retried > 0 && campaign.status === "finished" ? await moveCampaign(tx, campaign.id, ["finished"], "sending", { finishedAt: null }) : undefined;
    await recordAudit(tx, { actor: auditActor(actor), action: "campaign.retried", target: { type: "campaign", id: campaign.id }, details: { retried, codes: safeCodes } });
    await publishLiveEvents(tx, [campaignUpdated(campaign)]);
    return { retried, sending: (reopened?.status ?? campaign.status) === "sending" };
  });
  if (outcome.retried > 0 && outcome.sending) await (options.queue ?? queueDispatch)(campaignId);
  return { retried: outcome.retried };
}

/**
 * Ends a sending campaign when no recipient is pending or being sent: finished, audited, announced
 * (`campaign.finished`). Answers whether this call ended it (of several workers, one does).
 */
export async function endCampaignIfDone(db: Database, campaignId: string): Promise<boolean> {
  const deliveries: RecordedDelivery[] = [];
  const finished = await db.transaction(async (tx) => {
    const campaign = await finishCampaignIfDone(tx, campaignId);
    if (!campaign) return undefined;
    const counts = (await recipientCounts(tx, [campaignId]))[0];
    await recordAudit(tx, { actor: null, action: "campaign.finished", target: { type: "campaign", id: campaignId }, details: { counts: counts ?? null } });
    deliveries.push(...(await recordCampaignEvent(tx, "campaign.finished", campaign, campaign.finishedAt ?? new Date())));
    await publishLiveEvents(tx, [campaignUpdated(campaign)]);
    return campaign;
  });
  void dispatchDeliveries(db, deliveries);
  return finished !== undefined;
}

/**
 * Records `campaign.started` / `campaign.finished` for the endpoints subscribed to it, in a savepoint of
 * the change's transaction: a failure here is logged and never undoes the change.
 */
async function recordCampaignEvent(tx: Database, type: "campaign.started" | "campaign.finished", campaign: Campaign, at: Date): Promise<RecordedDelivery[]> {
  if (!(await subscribedEventTypes(tx)).has(type)) return [];
  try {
    return await tx.transaction(async (savepoint) => {
      const row = (await recipientCounts(savepoint, [campaign.id]))[0];
      const counts: Record<string, number> = row ? Object.fromEntries(Object.entries(row).filter(([name]) => name !== "campaignId")) : {};
      const payload = campaignEventPayload(
        type,
        {
          id: campaign.id,
          name: campaign.name,
          phoneNumberId: campaign.phoneNumberId,
          template: { name: campaign.templateName, language: campaign.templateLanguage, category: campaign.templateCategory },
          status: campaign.status,
          startedAt: campaign.startedAt,
          finishedAt: campaign.finishedAt,
          counts,
        },
        at,
      );
      return recordOutboundEvents(savepoint, [payload], at);
    });
  } catch (error) {
    log.error({ err: error, campaignId: campaign.id, type }, "campaign webhook event could not be recorded");
    return [];
  }
}

async function queueDispatch(campaignId: string): Promise<unknown> {
  // Loaded on use: lib/jobs lists this feature's jobs and starts the engine on first use.
  const [{ jobEngine }, { campaignDispatchJob }] = await Promise.all([import("@/lib/jobs"), import("./jobs")]);
  return (await jobEngine()).send(campaignDispatchJob, { campaignId });
}

