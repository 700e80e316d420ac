import type { NotificationItemView } from "@/lib/notifications/views";

/** The words a notification needs: `useTranslations("shell.notifications")` passes as is. */
export type NotificationTranslator = (
  key: "mentioned" | "assigned" | "autoAssigned" | "toastMentioned" | "toastAssigned" | "toastAutoAssigned",
  values?: Record<string, string>,
) => string;

/** "Ada mentioned you · Maria" / "Ada assigned you · Maria" / "Auto-assignment assigned you · Maria". */
export function notificationSentence(t: NotificationTranslator, item: Pick<NotificationItemView, "kind" | "actorName">, customer: string): string {
  if (item.kind === "mention") return t("mentioned", { actor: item.actorName ?? "", customer });
  return item.actorName === null ? t("autoAssigned", { customer }) : t("assigned", { actor: item.actorName, customer });
}

/** The toast's (and desktop notification's) title: "Ada mentioned you" / "Ada assigned you a conversation". */
export function notificationHeadline(t: NotificationTranslator, item: Pick<NotificationItemView, "kind" | "actorName">): string {
  if (item.kind === "mention") return t("toastMentioned", { actor: item.actorName ?? "" });
  return item.actorName === null ? t("toastAutoAssigned") : t("toastAssigned", { actor: item.actorName });
}
