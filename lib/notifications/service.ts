import "server-only";

import type { Database } from "@/db";
import { visibleConversationCustomers } from "@/db/queries/inbox-counts";
import { updatePresence } from "@/db/queries/users";
import { listNotifications, markNotificationsRead, type NotificationKind } from "@/db/queries/notifications";
import { publishLiveEvents } from "@/db/queries/live-events";
import { ActionError } from "@/lib/actions/errors";
import type { ScopedUser } from "@/lib/auth/connection-access";
import { message } from "@/lib/i18n/translatable";
import type { CustomerIdentity } from "@/lib/inbox/customer-label";

/** A notification as the bell lists it: who did what, in which customer's conversation. */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  conversationId: string;
  messageId: string | null;
  /** Null: done by the dashboard itself (auto-assignment). */
  actorName: string | null;
  customer: CustomerIdentity;
  createdAt: Date;
  read: boolean;
}

export interface NotificationList {
  notifications: NotificationItem[];
  unread: number;
}

/**
 * The reader's latest notifications, newest first, about conversations they may still see (one on a
 * connection taken from them since is left out, as its conversation would be).
 */
export async function listOwnNotifications(db: Database, reader: ScopedUser): Promise<NotificationList> {
  const rows = await listNotifications(db, reader.id);
  const customers = new Map(
    (await visibleConversationCustomers(db, reader.connections, rows.map((row) => row.conversationId))).map(({ id, ...customer }) => [id, customer]),
  );
  const notifications = rows.flatMap((row): NotificationItem[] => {
    const customer = customers.get(row.conversationId);
    if (!customer) return [];
    return [
      {
        id: row.id,
        kind: row.kind,
        conversationId: row.conversationId,
        messageId: row.messageId,
        actorName: row.actorName,
        customer,
        createdAt: row.createdAt,
        read: row.readAt !== null,
      },
    ];
  });
  return { notifications, unread: notifications.filter((item) => !item.read).length };
}

/**
 * Marks the reader's notifications read: all of them, or those of one conversation (opening it reads
 * them). Answers how many changed; the reader's other tabs follow through `notification.created`'s key.
 */
export async function markOwnNotificationsRead(db: Database, readerId: string, conversationId?: string): Promise<{ marked: number }> {
  return db.transaction(async (tx) => {
    const marked = await markNotificationsRead(tx, readerId, conversationId);
    // The bell of the reader's other tabs refreshes on this kind (the event reaches this user only).
    if (marked > 0) await publishLiveEvents(tx, [{ kind: "notification.created", payload: { forUserId: readerId } }]);
    return { marked };
  });
}

/**
 * Turns the user's desktop notifications on or off (the browser's permission is the browser's: it is
 * asked before turning them on). Announced to the user's own tabs.
 */
export async function setDesktopNotifications(db: Database, userId: string, enabled: boolean): Promise<{ desktopNotifications: boolean }> {
  return db.transaction(async (tx) => {
    const before = await updatePresence(tx, userId, { desktopNotifications: enabled });
    if (!before) throw new ActionError(message("auth.authorization.signedOut"), { code: "UNAUTHENTICATED" });
    if (before.desktopNotifications !== enabled) {
      await publishLiveEvents(tx, [{ kind: "user.availability", payload: { availabilityOf: userId, forUserId: userId } }]);
    }
    return { desktopNotifications: enabled };
  });
}
