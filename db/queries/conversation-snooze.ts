import { and, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";

import type { Database } from "../client";
import { conversations } from "../schema";
import { snoozedAt } from "./conversations";
import { publishLiveEvents } from "./live-events";

/** The snooze columns of a conversation that nobody snoozed, or whose snooze someone dealt with. */
export const SNOOZE_CLEARED = { snoozedUntil: null, snoozedAt: null, snoozedById: null, snoozeEndedAt: null } as const;

/**
 * Snoozes an open conversation until `until` (taken at `now`, by `byId`); a new snooze replaces any
 * earlier one or its "back from snooze" mark. False when there is no open conversation by that id.
 */
export async function snoozeConversation(db: Database, id: string, options: { until: Date; byId: string; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ snoozedUntil: options.until, snoozedAt: options.now, snoozedById: options.byId, snoozeEndedAt: null, updatedAt: options.now })
      .where(and(eq(conversations.id, id), eq(conversations.status, "open")))
      .returning({ id: conversations.id });
    if (row) await publishLiveEvents(tx, [{ kind: "conversation.updated", payload: { conversationId: id } }]);
    return row !== undefined;
  });
}

/**
 * Clears a conversation's snooze, or its "back from snooze" mark, when it has one (unsnooze, or
 * someone opened the conversation that came back). With `onlyEndedAt`, only a snooze that ended by
 * then (its time came, or the customer wrote): a conversation still snoozed stays so. False when
 * nothing changed.
 */
export async function clearConversationSnooze(db: Database, id: string, options: { onlyEndedAt?: Date } = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ ...SNOOZE_CLEARED, updatedAt: new Date() })
      .where(
        and(eq(conversations.id, id), isNotNull(conversations.snoozedUntil), options.onlyEndedAt ? sql`not ${snoozedAt(options.onlyEndedAt)}` : undefined),
      )
      .returning({ id: conversations.id });
    if (row) await publishLiveEvents(tx, [{ kind: "conversation.updated", payload: { conversationId: id } }]);
    return row !== undefined;
  });
}

/** The snooze state of one conversation (null when it does not exist). */
export async function findConversationSnooze(db: Database, id: string) {
  const [row] = await db
    .select({
      status: conversations.status,
      snoozedUntil: conversations.snoozedUntil,
      snoozedAt: conversations.snoozedAt,
      snoozedById: conversations.snoozedById,
      snoozeEndedAt: conversations.snoozeEndedAt,
    })
    .from(conversations)
    .where(eq(conversations.id, id));
  return row ?? null;
}

/**
 * Marks every snooze whose time came by `now` and that was not yet marked as ended (`snoozeEndedAt`
 * is the "announced at"), and tells the browsers; answers the conversations it marked. One statement,
 * so two instances running it at once announce each conversation once.
 */
export async function endDueSnoozes(db: Database, now: Date): Promise<string[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(conversations)
      .set({ snoozeEndedAt: now })
      .where(and(isNotNull(conversations.snoozedUntil), lte(conversations.snoozedUntil, sql`${now.toISOString()}::timestamptz`), isNull(conversations.snoozeEndedAt)))
      .returning({ id: conversations.id });
    if (rows.length > 0) await publishLiveEvents(tx, rows.map((row) => ({ kind: "conversation.updated" as const, payload: { conversationId: row.id } })));
    return rows.map((row) => row.id);
  });
}
