/** When the dashboard shows a desktop notification: pure, so every case is unit-tested. */

export type DesktopPermission = NotificationPermission | "unsupported";

/** The reader's side: their setting, the browser's permission, and what they are looking at. */
export interface NotifyContext {
  /** Desktop notifications turned on in Account settings. */
  enabled: boolean;
  permission: DesktopPermission;
  userId: string;
  /** The conversation open in this tab (`/inbox/<id>`), if any. */
  openConversationId: string | null;
  tabVisible: boolean;
}

/** Something that happened, as the live stream and the conversation's route tell it. */
export type NotifyCandidate =
  | {
      kind: "message";
      conversationId: string;
      assigneeId: string | null;
      /** The customer's latest message's time (ISO), null when they never wrote. */
      lastInboundAt: string | null;
      /** That time when this tab last notified this conversation: the same message is told once. */
      alreadyNotifiedInboundAt: string | null;
      /** Messages older than this (ms) were there before the tab listened: an outbound message's event is not news. */
      since: number;
    }
  | { kind: "notification"; conversationId: string; notificationId: string | null };

/** Whether a desktop notification is allowed at all (checked before anything is fetched). */
export function desktopNotificationsAllowed(context: Pick<NotifyContext, "enabled" | "permission">): boolean {
  return context.enabled && context.permission === "granted";
}

/**
 * Whether to show a desktop notification: allowed by the reader and the browser; not for the
 * conversation the reader is looking at; a customer's new message only in a conversation assigned
 * to the reader or to nobody; a mention or an assignment always.
 */
export function shouldNotify(candidate: NotifyCandidate, context: NotifyContext): boolean {
  if (!desktopNotificationsAllowed(context)) return false;
  if (context.tabVisible && context.openConversationId === candidate.conversationId) return false;
  if (candidate.kind === "notification") return candidate.notificationId !== null;
  if (candidate.assigneeId !== null && candidate.assigneeId !== context.userId) return false;
  if (candidate.lastInboundAt === null) return false;
  if (candidate.lastInboundAt === candidate.alreadyNotifiedInboundAt) return false;
  const at = Date.parse(candidate.lastInboundAt);
  return Number.isFinite(at) && at >= candidate.since;
}

/** The conversation open at a path (`/inbox/<id>`), or null. */
export function openConversationOf(pathname: string | null): string | null {
  const match = /^\/inbox\/([0-9a-f-]{36})(?:\/|$)/i.exec(pathname ?? "");
  return match?.[1] ?? null;
}

/** The document's title with the unread count in front ("(3) Inbox"), or without it at 0. */
export function titleWithCount(title: string, count: number): string {
  const base = title.replace(/^\(\d+\) /, "");
  return count > 0 ? `(${count}) ${base}` : base;
}
