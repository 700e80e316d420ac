import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";

import type { Database } from "../client";
import { conversations, notifications, users, type NOTIFICATION_KINDS } from "../schema";
import { publishLiveEvents } from "./live-events";

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationInput {
  userId: string;
  kind: NotificationKind;
  conversationId: string;
  messageId?: string | null;
  actorId?: string | null;
}

/**
 * Records notifications in the caller's transaction and announces each to its user alone
 * (`notification.created` with `forUserId`). Nobody is told of their own doing, and disabled users are skipped.
 */
export async function insertNotifications(db: Database, inputs: NotificationInput[]): Promise<Array<{ id: string; userId: string }>> {
  const wanted = inputs.filter((input) => input.userId !== input.actorId);
  if (wanted.length === 0) return [];
  const enabled = new Set(
    (await db.select({ id: users.id }).from(users).where(and(inArray(users.id, [...new Set(wanted.map((input) => input.userId))]), eq(users.disabled, false)))).map((row) => row.id),
  );
  const rows = wanted.filter((input) => enabled.has(input.userId));
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(notifications)
    .values(rows.map((row) => ({ userId: row.userId, kind: row.kind, conversationId: row.conversationId, messageId: row.messageId ?? null, actorId: row.actorId ?? null })))
    .returning({ id: notifications.id, userId: notifications.userId, conversationId: notifications.conversationId, kind: notifications.kind });
  await publishLiveEvents(
    db,
    inserted.map((row) => ({ kind: "notification.created", payload: { forUserId: row.userId, notificationId: row.id, conversationId: row.conversationId, notificationKind: row.kind } })),
  );
  return inserted.map(({ id, userId }) => ({ id, userId }));
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  conversationId: string;
  messageId: string | null;
  actorName: string | null;
  customerWaId: string;
  createdAt: Date;
  readAt: Date | null;
}

/** A user's latest notifications, newest first. */
export async function listNotifications(db: Database, userId: string, limit = 50): Promise<NotificationRow[]> {
  const actor = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${notifications.actorId})`;
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      conversationId: notifications.conversationId,
      messageId: notifications.messageId,
      actorName: actor,
      customerWaId: conversations.waId,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(conversations, eq(conversations.id, notifications.conversationId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** Marks a user's unread notifications read: all of them, or those of one conversation (opening it). */
export async function markNotificationsRead(db: Database, userId: string, conversationId?: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), conversationId ? eq(notifications.conversationId, conversationId) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}
