import { and, eq, inArray, sql } from "drizzle-orm";

import type { Database } from "../client";
import { contacts, conversations } from "../schema";
import { phoneNumberInScope, type ConnectionScope } from "./connection-access";
import { expiringSoonAt, snoozedAt } from "./conversations";

export interface InboxCounts {
  /** Open (not snoozed) conversations assigned to the reader or to nobody, with unread messages. */
  unreadConversations: number;
  /** Open conversations of the reader's connections whose window closes soon, unanswered. */
  expiringSoon: number;
  /** Open conversations of the reader's connections back from snooze, not dealt with yet. */
  snoozedBack: number;
}

/** The inbox's counts for one reader, in one pass over the conversations of their connections. */
export async function countInbox(db: Database, options: { userId: string; scope: ConnectionScope; now?: Date }): Promise<InboxCounts> {
  const now = options.now ?? new Date();
  const snoozed = snoozedAt(now);
  const mineOrNobody = sql`(${conversations.assigneeId} = ${options.userId}::uuid or ${conversations.assigneeId} is null)`;
  const [row] = await db
    .select({
      unreadConversations: sql<number>`count(*) filter (where ${mineOrNobody} and ${conversations.unreadCount} > 0 and not ${snoozed})::int`,
      expiringSoon: sql<number>`count(*) filter (where not ${snoozed} and ${expiringSoonAt(now)})::int`,
      snoozedBack: sql<number>`count(*) filter (where ${conversations.snoozedUntil} is not null and not ${snoozed})::int`,
    })
    .from(conversations)
    .where(and(eq(conversations.status, "open"), phoneNumberInScope(options.scope, conversations.phoneNumberId)));
  return { unreadConversations: row?.unreadConversations ?? 0, expiringSoon: row?.expiringSoon ?? 0, snoozedBack: row?.snoozedBack ?? 0 };
}

/** What a notification shows of its conversation (the customer), for those of the reader's connections only. */
export async function visibleConversationCustomers(db: Database, scope: ConnectionScope, conversationIds: readonly string[]) {
  if (conversationIds.length === 0) return [];
  return db
    .select({
      id: conversations.id,
      waId: conversations.waId,
      customerName: contacts.profileName,
      customerDisplayName: contacts.displayName,
      customerPhone: contacts.phoneNumber,
      customerUserId: contacts.userId,
      customerUsername: contacts.username,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.waId, conversations.waId))
    .where(and(inArray(conversations.id, [...new Set(conversationIds)]), phoneNumberInScope(scope, conversations.phoneNumberId)));
}
