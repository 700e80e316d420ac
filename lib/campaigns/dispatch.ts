/**
 * Sending a campaign: a worker claims pending recipients in batches (FOR UPDATE SKIP LOCKED, with a
 * lease it keeps extending while alive) and sends each through the inbox's one pipeline with the
 * recipient's stable key, several sends in flight so that the shared limiter, not the worker, sets
 * the pace. Every second it looks at the campaign: a pause or a cancel hands back what it holds and
 * stops. A claim whose worker died expires and is taken again; the key then answers the message the
 * dead worker made, which is settled (its wamid), retried (a failure safe to retry) or reconciled from
 * WhatsApp's statuses (an unknown outcome) — never sent a second time.
 */
import "server-only";

import type { Database } from "@/db";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { findMessage } from "@/db/queries/conversations";
import {
  campaignHeartbeat,
  claimRecipients,
  deferRecipient,
  extendClaims,
  failRecipient,
  findCampaignRow,
  releaseClaims,
  remainingWork,
  settleRecipientFromMessage,
} from "@/db/queries/campaign-recipients";
import { isOutcomeUnknown, recordOutboundFailure } from "@/db/queries/outbound-messages";
import type { Campaign, CampaignRecipient } from "@/db/schema";
import { env } from "@/lib/env";
import { inEnglish } from "@/lib/i18n/translators";
import { OutboundRefusal, retryMessage, sendMessage, type SendContext, type SendOutcome } from "@/lib/inbox/outbound";
import { sendToCustomer } from "@/lib/inbox/start-conversation";
import { logger } from "@/lib/log";
import type { TemplateValues } from "@/lib/whatsapp/template-fill";

import { endCampaignIfDone } from "./lifecycle";

const log = logger("campaigns");

export interface DispatchOptions {
  /** The gateway and nothing else of the send context: campaigns always wait at priority "campaign". */
  gateway?: SendContext["gateway"];
  /**
   * Sends in flight at once (the shared limiter decides how many actually go per second). By default
   * what the account's budget sends in 0.8 s: enough to keep the budget busy while each send waits on
   * its own round trips, few enough that the sends already handed to the limiter when a pause or a
   * cancel is seen go out within a second.
   */
  concurrency?: number;
  /** Recipients claimed per claim. */
  batchSize?: number;
  /** How long a claim lasts without being extended (a dead worker's claims are free again after it). */
  leaseMs?: number;
  /** How often the worker looks at the campaign's status and extends its claims. */
  checkEveryMs?: number;
  /** The run stops taking new recipients after this long (the job queues the next run). */
  sliceMs?: number;
  /** How long a recipient waits after a failure safe to retry (doubled per attempt), or after an unknown outcome. */
  retryDelayMs?: number;
  /** How long a recipient whose send's outcome is unknown waits before it is reconciled again (it is never failed for it). */
  reconcileDelayMs?: number;
  /** Attempts of a recipient whose failures are safe to retry, before it is failed. */
  maxAttempts?: number;
  /** Stops the worker where it stands (tests: a worker killed mid-send). */
  signal?: AbortSignal;
}

/** How a run ended: the campaign finished, was paused or cancelled, the slice ran out, or the worker was stopped. */
export type DispatchEnd = "finished" | "paused" | "cancelled" | "not_sending" | "slice_over" | "aborted";

export interface DispatchResult {
  end: DispatchEnd;
  /** Recipients settled by this run (sent, failed). */
  settled: number;
  /** When more is left for later: the earliest moment a waiting recipient may be taken. */
  nextAt: Date | null;
}

const DEFAULTS = {
  concurrency: 8,
  batchSize: 32,
  leaseMs: 30_000,
  checkEveryMs: 1_000,
  sliceMs: 20_000,
  retryDelayMs: 5_000,
  reconcileDelayMs: 10_000,
  maxAttempts: 5,
};

/** The refusals that a later attempt may get past (the template mirror could not be loaded, a retry still in flight). */
const PASSING_REFUSALS = new Set(["GATEWAY_ERROR", "CONFLICT"]);

/** Graph's own words for our refusals that mirror one of its errors. */
const REFUSAL_CODES: Record<string, number> = { OPTED_OUT: 131050, WINDOW_CLOSED: 131047 };

/** Runs one slice of a campaign's sending. Safe to run on several workers and instances at once. */
export async function dispatchCampaign(db: Database, campaignId: string, options: DispatchOptions = {}): Promise<DispatchResult> {
  const concurrency = options.concurrency ?? defaultConcurrency();
  // A batch at least as large as the sends in flight, so one claim keeps every worker busy.
  const settings = { ...DEFAULTS, concurrency, batchSize: Math.max(DEFAULTS.batchSize, concurrency), ...withoutUndefined(options) };
  const campaign = await findCampaignRow(db, campaignId);
  if (!campaign || campaign.status !== "sending") return { end: "not_sending", settled: 0, nextAt: null };

  const queue: CampaignRecipient[] = [];
  const inFlight = new Set<number>();
  let stop: DispatchEnd | undefined;
  let settled = 0;
  let refilling: Promise<number> | undefined;
  const startedAt = Date.now();
  const aborted = () => options.signal?.aborted === true;

  // The one look per second: status (pause/cancel), claims kept alive.
  const check = async () => {
    const status = await campaignHeartbeat(db, campaignId);
    if (aborted()) return;
    if (status !== "sending") {
      stop ??= status === "paused" ? "paused" : status === "cancelled" ? "cancelled" : "not_sending";
      const unsent = queue.splice(0).map((recipient) => recipient.id);
      await releaseClaims(db, unsent, status === "cancelled" ? "cancelled" : "pending");
      return;
    }
    await extendClaims(db, [...inFlight, ...queue.map((recipient) => recipient.id)], settings.leaseMs);
  };
  let checking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    checking = checking.then(check).catch((error: unknown) => log.warn({ err: error, campaignId }, "campaign check failed"));
  }, settings.checkEveryMs);

  try {
    const workers = Array.from({ length: settings.concurrency }, async () => {
      for (;;) {
        if (aborted() || stop) return;
        let recipient = queue.shift();
        if (!recipient) {
          if (Date.now() - startedAt > settings.sliceMs) {
            stop ??= "slice_over";
            return;
          }
          // One claim at a time for all the workers: the others wait for its batch instead of finding none.
          refilling ??= claimRecipients(db, campaignId, settings.batchSize, settings.leaseMs).then((claimed) => {
            queue.push(...claimed);
            return claimed.length;
          }).finally(() => {
            refilling = undefined;
          });
          const claimed = await refilling;
          if (aborted()) return;
          if (claimed === 0 && queue.length === 0) return;
          continue;
        }
        if (stop) {
          queue.unshift(recipient);
          return;
        }
        inFlight.add(recipient.id);
        try {
          if (await sendRecipient(db, campaign, recipient, settings)) settled += 1;
        } finally {
          inFlight.delete(recipient.id);
          recipient = undefined;
        }
      }
    });
    await Promise.race([Promise.all(workers), abortedPromise(options.signal)]);
    if (aborted()) return { end: "aborted", settled, nextAt: null };
  } finally {
    clearInterval(timer);
  }
  await checking;
  // Claimed but never started (the slice ended with a batch in hand): free for the next run now.
  const leftover = queue.splice(0).map((recipient) => recipient.id);
  if (leftover.length > 0) await releaseClaims(db, leftover, stop === "cancelled" ? "cancelled" : "pending");
  if (stop && stop !== "slice_over") return { end: stop, settled, nextAt: null };

  const remaining = await remainingWork(db, campaignId);
  if (remaining.open === 0) {
    const finished = await endCampaignIfDone(db, campaignId);
    return { end: finished ? "finished" : "not_sending", settled, nextAt: null };
  }
  // Others' claims or recipients waiting out a delay: the next run comes when the earliest is free.
  const nextAt = remaining.claimable > 0 ? new Date() : (remaining.nextAt ?? new Date(Date.now() + settings.leaseMs));
  return { end: "slice_over", settled, nextAt };
}

type Settings = typeof DEFAULTS;

function defaultConcurrency(): number {
  return Math.max(1, Math.ceil(env().matonRequestsPerSecond * 0.8));
}

/**
 * One recipient: sends it (or answers the message its key already made), then settles, fails or
 * defers it. Answers whether it was settled for good.
 */
async function sendRecipient(db: Database, campaign: Campaign, recipient: CampaignRecipient, settings: Settings & DispatchOptions): Promise<boolean> {
  const context: SendContext = { priority: "campaign", ...(settings.gateway ? { gateway: settings.gateway } : {}) };
  // The message and conversation of this recipient once known, kept on it even when it has to wait.
  let link: { messageId?: string; conversationId?: string } = {};
  const deferFor = (ms: number) => deferRecipient(db, recipient.id, new Date(Date.now() + ms), link).then(() => false);
  try {
    let outcome: SendOutcome & { conversationId: string } = await firstSend(db, campaign, recipient, context);
    link = { messageId: outcome.messageId, conversationId: outcome.conversationId };
    if (settings.signal?.aborted) return false;
    if (!outcome.sent) outcome = { ...(await settleEarlier(db, outcome.messageId, context)), conversationId: outcome.conversationId };
    if (settings.signal?.aborted) return false;
    if (outcome.error) {
      if (outcome.error.outcomeUnknown) return deferFor(settings.reconcileDelayMs);
      if (outcome.error.retryable && recipient.attempts < settings.maxAttempts) return deferFor(settings.retryDelayMs * 2 ** (recipient.attempts - 1));
      const code = typeof outcome.error.code === "number" ? outcome.error.code : null;
      return failRecipient(db, recipient.id, { code, title: outcome.error.title, ...link });
    }
    if (outcome.status === "pending" && !(await hasWamid(db, outcome.messageId))) return deferFor(settings.reconcileDelayMs);
    return (await settleRecipientFromMessage(db, recipient.id, outcome.messageId, outcome.conversationId)) !== undefined;
  } catch (error) {
    if (settings.signal?.aborted) return false;
    if (error instanceof OutboundRefusal) {
      // Reconciliation pending (no status yet, too early to send again): it waits, whatever its attempts.
      if (error.code === "OUTCOME_UNKNOWN") return deferFor(settings.reconcileDelayMs);
      if (PASSING_REFUSALS.has(error.code) && recipient.attempts < settings.maxAttempts) return deferFor(settings.retryDelayMs);
      return failRecipient(db, recipient.id, { code: REFUSAL_CODES[error.code] ?? null, title: error.message, ...link });
    }
    log.warn({ err: error, campaignId: campaign.id, recipientId: recipient.id }, "campaign send interrupted; the recipient waits for a later attempt");
    return deferFor(settings.retryDelayMs);
  }
}

/** The send under the recipient's key: a new message, or (sent: false) the one the key already made. */
async function firstSend(db: Database, campaign: Campaign, recipient: CampaignRecipient, context: SendContext) {
  const message = {
    kind: "template" as const,
    name: campaign.templateName,
    languageCode: campaign.templateLanguage,
    values: (recipient.values ?? { header: [], body: [], buttons: {} }) as unknown as TemplateValues,
  };
  const request = { scope: ALL_CONNECTIONS, senderId: null, clientKey: recipient.clientKey, message };
  // A customer known only by a user id is written to in the conversation they have on this number.
  if (!recipient.phoneNumber && recipient.conversationId) {
    const outcome = await sendMessage(db, { ...request, conversationId: recipient.conversationId }, context);
    return { ...outcome, conversationId: recipient.conversationId };
  }
  if (!recipient.phoneNumber) throw new OutboundRefusal(inEnglish("campaigns.send.noNumber"), "INVALID_INPUT", "phoneNumber");
  return sendToCustomer(db, { ...request, phoneNumberId: campaign.phoneNumberId, customer: { phone: recipient.phoneNumber } }, context);
}

/**
 * The message an earlier attempt made under the key: accepted (a wamid) is settled as it stands; a
 * failure goes through the inbox's retry (which sends that same row again); an unknown outcome — or a
 * message left without an answer by a worker that died mid-send — is reconciled from WhatsApp's
 * statuses before anything is sent again (the retry refuses with OUTCOME_UNKNOWN meanwhile).
 */
async function settleEarlier(db: Database, messageId: string, context: SendContext): Promise<SendOutcome> {
  const message = await findMessage(db, messageId);
  if (!message) throw new OutboundRefusal(inEnglish("campaigns.send.messageGone"), "NOT_FOUND", "messageId");
  if (message.wamid) return { messageId, status: message.status, sent: false };
  if (message.status === "pending" && !isOutcomeUnknown(message)) {
    // Its worker died between the gateway and the answer: it may have gone out.
    await recordOutboundFailure(db, messageId, { code: null, title: inEnglish("campaigns.send.outcomeUnknownTitle"), details: inEnglish("campaigns.send.outcomeUnknownDetails"), outcomeUnknown: true });
  }
  return retryMessage(db, { messageId, scope: ALL_CONNECTIONS }, context);
}

async function hasWamid(db: Database, messageId: string): Promise<boolean> {
  return Boolean((await findMessage(db, messageId))?.wamid);
}

function abortedPromise(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
