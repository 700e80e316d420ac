import "server-only";

import type { Database } from "@/db";
import { clearConversationSnooze, findConversationSnooze, snoozeConversation } from "@/db/queries/conversation-snooze";
import { ActionError } from "@/lib/actions/errors";
import { assertConversationVisible } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import { message } from "@/lib/i18n/translatable";
import { SNOOZE_MAX_DAYS, snoozeUntilProblem } from "@/lib/whatsapp/snooze-times";

/** Who acts: their id and the connections they may work in. */
type Actor = Pick<SessionUser, "id" | "connections">;

const conversationGone = () => new ActionError(message("conversation.refusals.conversationGone"), { code: "NOT_FOUND", field: "conversationId" });

/**
 * Snoozes a conversation the actor may see until `until`: it leaves the open list and comes back,
 * marked, at that time or as soon as the customer writes. Only an open conversation, and only until a
 * time in the future at most SNOOZE_MAX_DAYS ahead; a snooze replaces the one before.
 */
export async function snoozeConversationBy(db: Database, actor: Actor, conversationId: string, until: Date, now = new Date()): Promise<{ snoozedUntil: Date }> {
  const conversation = await assertConversationVisible(db, actor.connections, conversationId);
  if (conversation.status !== "open") throw new ActionError(message("snooze.refusals.notOpen"), { code: "CONFLICT", field: "conversationId" });
  const problem = snoozeUntilProblem(until, now);
  if (problem === "past") throw new ActionError(message("snooze.refusals.past"), { code: "INVALID_INPUT", field: "until" });
  if (problem === "tooFar") throw new ActionError(message("snooze.refusals.tooFar", { days: SNOOZE_MAX_DAYS }), { code: "INVALID_INPUT", field: "until" });
  // The status is checked again in the statement: a conversation resolved meanwhile is not snoozed.
  if (!(await snoozeConversation(db, conversationId, { until, byId: actor.id, now }))) {
    const current = await findConversationSnooze(db, conversationId);
    if (!current) throw conversationGone();
    throw new ActionError(message("snooze.refusals.notOpen"), { code: "CONFLICT", field: "conversationId" });
  }
  return { snoozedUntil: until };
}

/** Ends a conversation's snooze now (unsnooze); answers whether it had one. */
export async function unsnoozeConversationBy(db: Database, actor: Actor, conversationId: string): Promise<{ changed: boolean }> {
  await assertConversationVisible(db, actor.connections, conversationId);
  return { changed: await clearConversationSnooze(db, conversationId) };
}

/**
 * Takes away the "back from snooze" mark once someone dealt with the conversation (opened it): only
 * a snooze that ended, so opening a conversation still snoozed leaves it snoozed.
 */
export async function dismissSnoozeMarkBy(db: Database, actor: Actor, conversationId: string, now = new Date()): Promise<{ changed: boolean }> {
  await assertConversationVisible(db, actor.connections, conversationId);
  return { changed: await clearConversationSnooze(db, conversationId, { onlyEndedAt: now }) };
}
