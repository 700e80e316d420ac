import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";

import type { Database } from "../client";
import { conversations, messages, messageStatusEvents, phoneNumbers, type Message } from "../schema";
import { publishLiveEvents, type LiveEventInput } from "./live-events";
import type { OutboundChange, OutboundEventsRecorder } from "./outbound-webhooks";
import { applyStatus, lockWamids, type MessagePreviewToStore, type StatusToApply } from "./webhook-ingest";

export interface PendingOutbound {
  conversationId: string;
  type: string;
  /** Shaped like an inbound message's content: `{ [type]: object }` (plus `context` for replies). */
  content: Record<string, unknown>;
  /** The conversation list's one-line summary of it (the domain's `messagePreview`): its kind and its own words. */
  preview: MessagePreviewToStore;
  senderId: string | null;
  /** Generated once per message by the browser: the same key never makes a second message. */
  clientKey: string;
  replyToWamid?: string | null;
  now?: Date;
}

export class ClientKeyConflictError extends Error {
  override name = "ClientKeyConflictError";
}

/**
 * Inserts an outbound message as `pending`, or answers the message already stored under the same
 * client key (`created: false`): a double click or a resubmitted form never makes a second message.
 */
export async function insertPendingOutbound(db: Database, input: PendingOutbound): Promise<{ message: Message; created: boolean }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(messages)
      .values({
        conversationId: input.conversationId,
        direction: "outbound",
        type: input.type,
        content: input.content,
        sentAt: now,
        status: "pending",
        statusAt: now,
        senderId: input.senderId,
        replyToWamid: input.replyToWamid ?? null,
        clientKey: input.clientKey,
      })
      .onConflictDoNothing({ target: messages.clientKey, where: sql`${messages.clientKey} is not null` })
      .returning();
    if (!inserted) {
      const [existing] = await tx.select().from(messages).where(eq(messages.clientKey, input.clientKey));
      if (!existing || existing.conversationId !== input.conversationId) {
        throw new ClientKeyConflictError("This client key already belongs to another conversation's message.");
      }
      return { message: existing, created: false };
    }
    const nowIso = now.toISOString();
    await tx
      .update(conversations)
      .set({
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${nowIso}::timestamptz)`,
        lastMessagePreview: input.preview.detail,
        lastMessagePreviewKind: input.preview.kind,
        lastMessageDirection: "outbound",
        lastMessageSeq: inserted.seq,
        updatedAt: now,
      })
      .where(eq(conversations.id, input.conversationId));
    await publishLiveEvents(tx, [
      { kind: "message.created", payload: { conversationId: input.conversationId, messageId: inserted.id } },
    ]);
    return { message: inserted, created: true };
  });
}

/**
 * Stores the wamid the gateway answered and applies the statuses WhatsApp already reported for it
 * (a status webhook can overtake the send's answer), furthest last. `statusesBefore` is the domain's
 * order of statuses: the ones a status moves a message forward from (undefined: not one to apply).
 *
 * The phone number's row is locked first: the webhook ingest upserts the same row before it applies
 * statuses, so the two transactions queue. Either the ingest runs after this commit (and finds the
 * wamid), or this one waits for the ingest's commit and then reads the statuses it recorded.
 * `outbound` is told of each status applied (outbound webhooks' `message.status`).
 */
export async function recordOutboundSent(
  db: Database,
  messageId: string,
  wamid: string,
  statusesBefore: (status: string) => StatusToApply["movesFrom"] | undefined,
  outbound?: OutboundEventsRecorder,
): Promise<Message | undefined> {
  return db.transaction(async (tx) => {
    // The status webhooks' ingest takes the same lock (shared): either it sees this wamid stored, or this
    // sees its status recorded. Without it, each could miss the other and the message stay "pending".
    await lockWamids(tx, [wamid], "exclusive");
    const [target] = await tx
      .select({ phoneNumberId: conversations.phoneNumberId })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(eq(messages.id, messageId));
    if (!target) return undefined;
    await tx.select({ id: phoneNumbers.id }).from(phoneNumbers).where(eq(phoneNumbers.id, target.phoneNumberId)).for("update");

    const [stored] = await tx
      .update(messages)
      .set({ wamid, errorCode: null, errorTitle: null, errorDetails: null })
      .where(and(eq(messages.id, messageId), isNull(messages.wamid)))
      .returning();
    if (!stored) return undefined;
    const events: LiveEventInput[] = [
      { kind: "message.status", payload: { conversationId: stored.conversationId, messageId, status: stored.status } },
    ];
    const recorded = await tx
      .select()
      .from(messageStatusEvents)
      .where(eq(messageStatusEvents.wamid, wamid))
      .orderBy(asc(messageStatusEvents.at));
    const applicable = recorded
      .map((event) => ({ event, movesFrom: statusesBefore(event.status) }))
      .filter((entry): entry is { event: (typeof recorded)[number]; movesFrom: StatusToApply["movesFrom"] } => entry.movesFrom !== undefined)
      // More statuses before it: further along, so applied later.
      .sort((a, b) => a.movesFrom.length - b.movesFrom.length);
    const applied: OutboundChange[] = [];
    for (const { event, movesFrom } of applicable) {
      const moved = await applyStatus(tx, {
        wamid,
        status: event.status as StatusToApply["status"],
        at: event.at,
        recipientId: event.recipientId ?? undefined,
        errors: (event.errors ?? undefined) as StatusToApply["errors"],
        pricing: (event.pricing ?? undefined) as StatusToApply["pricing"],
        movesFrom,
      });
      if (moved) events.push({ kind: "message.status", payload: { conversationId: moved.conversationId, messageId, status: event.status } });
      if (moved) applied.push({ type: "message.status", messageId, status: event.status, at: event.at });
    }
    if (outbound && applied.length > 0) await outbound(tx, applied);
    await publishLiveEvents(tx, events);
    const [current] = await tx.select().from(messages).where(eq(messages.id, messageId));
    return current;
  });
}

export interface OutboundFailure {
  /** Graph code when there is one (numeric); null for network failures and the like. */
  code: number | null;
  title: string;
  /** The plain explanation, with Meta's details when it gave any. */
  details: string;
  /**
   * The gateway cannot tell whether WhatsApp took the message (5xx, timeout, dropped connection).
   * Such a message stays `pending` with the error kept: it may be out, so it is not resent blindly.
   */
  outcomeUnknown: boolean;
}

/**
 * Records why a send failed; only a message still awaiting its answer (no wamid) is changed. A refusal
 * (not an unknown outcome) is a status of its own: `outbound` is told of it (`message.status` failed).
 */
export async function recordOutboundFailure(db: Database, messageId: string, failure: OutboundFailure, now = new Date(), outbound?: OutboundEventsRecorder) {
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .update(messages)
      .set({
        status: failure.outcomeUnknown ? "pending" : "failed",
        ...(failure.outcomeUnknown ? {} : { statusAt: now }),
        errorCode: failure.code,
        errorTitle: failure.title,
        errorDetails: failure.details,
      })
      .where(and(eq(messages.id, messageId), isNull(messages.wamid)))
      .returning();
    if (stored) {
      await publishLiveEvents(tx, [
        { kind: "message.status", payload: { conversationId: stored.conversationId, messageId, status: stored.status } },
      ]);
      if (outbound && stored.status === "failed") await outbound(tx, [{ type: "message.status", messageId, status: "failed", at: now }]);
    }
    return stored;
  });
}

/** A message whose send answer never came: pending, no wamid, but an error recorded. */
export function isOutcomeUnknown(message: Pick<Message, "direction" | "status" | "wamid" | "errorTitle">): boolean {
  return message.direction === "outbound" && message.status === "pending" && message.wamid === null && message.errorTitle !== null;
}

/**
 * Takes a failed message back to `pending` for one more attempt. Atomic: of two concurrent retries
 * only one gets the row, so a retry cannot send twice.
 */
export async function claimFailedForRetry(db: Database, messageId: string, now = new Date()): Promise<Message | undefined> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(messages)
      .set({ status: "pending", statusAt: now, wamid: null, deliveredAt: null, readAt: null, errorCode: null, errorTitle: null, errorDetails: null })
      .where(and(eq(messages.id, messageId), eq(messages.direction, "outbound"), eq(messages.status, "failed")))
      .returning();
    if (claimed) {
      await publishLiveEvents(tx, [
        { kind: "message.status", payload: { conversationId: claimed.conversationId, messageId, status: "pending" } },
      ]);
    }
    return claimed;
  });
}

/** Claims a message whose outcome was unknown, for one more attempt (after reconciliation found nothing). */
export async function claimUnknownOutcomeForRetry(db: Database, messageId: string, now = new Date()): Promise<Message | undefined> {
  const [claimed] = await db
    .update(messages)
    .set({ statusAt: now, errorCode: null, errorTitle: null, errorDetails: null })
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.direction, "outbound"),
        eq(messages.status, "pending"),
        isNull(messages.wamid),
        isNotNull(messages.errorTitle),
      ),
    )
    .returning();
  return claimed;
}

/**
 * A status WhatsApp reported to this customer, since `since`, for a wamid no message of ours holds:
 * the trace of a send whose answer was lost. Used to reconcile before sending again.
 */
export async function findUnclaimedStatus(db: Database, recipientId: string, since: Date): Promise<string | undefined> {
  const [row] = await db
    .select({ wamid: messageStatusEvents.wamid })
    .from(messageStatusEvents)
    .where(
      and(
        eq(messageStatusEvents.recipientId, recipientId),
        sql`${messageStatusEvents.at} >= ${since.toISOString()}::timestamptz`,
        sql`not exists (select 1 from ${messages} where ${messages.wamid} = ${messageStatusEvents.wamid})`,
      ),
    )
    .orderBy(asc(messageStatusEvents.at))
    .limit(1);
  return row?.wamid;
}
