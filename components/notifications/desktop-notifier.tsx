"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

import { getRouteJson } from "@/components/data/route-json";
import { useLiveEvent } from "@/components/live/live-events-provider";
import { toast } from "@/components/ui/toast";
import { customerLabel } from "@/lib/inbox/customer-label";
import type { ConversationView } from "@/lib/inbox/views";
import { queryKeys } from "@/lib/query-keys";

import { fetchNotifications, usePresence } from "./api";
import { notificationHeadline } from "./notification-text";
import { desktopNotificationsAllowed, openConversationOf, shouldNotify, type DesktopPermission, type NotifyContext } from "./should-notify";

/** The browser's permission, or "unsupported" where there is no Notification API. */
export function browserPermission(): DesktopPermission {
  return typeof window !== "undefined" && "Notification" in window ? window.Notification.permission : "unsupported";
}

/** A customer's message a little older than the tab (a clock apart) still counts as new. */
const CLOCK_SLACK_MS = 5 * 60_000;

/**
 * Mounted once in the shell: a toast for each mention or assignment of the reader (with "Open"), and,
 * when the reader turned them on and the browser allows, desktop notifications for those and for
 * customers' new messages in conversations assigned to the reader or to nobody. Clicking one brings
 * the tab forward on the conversation. Renders nothing.
 */
export function DesktopNotifier() {
  const t = useTranslations("shell.notifications");
  const common = useTranslations("common");
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const { data: presence } = usePresence();
  const since = useRef(Number.POSITIVE_INFINITY);
  useEffect(() => {
    since.current = Date.now() - CLOCK_SLACK_MS;
  }, []);
  const notified = useRef(new Map<string, string>());
  const toasted = useRef(new Set<string>());

  const open = (conversationId: string) => router.push(`/inbox/${conversationId}`);

  const show = (title: string, body: string, conversationId: string, tag: string) => {
    const notification = new window.Notification(title, { body, tag, data: { conversationId } });
    notification.onclick = () => {
      window.focus();
      open(conversationId);
      notification.close();
    };
  };

  const contextNow = (): NotifyContext | null =>
    presence
      ? {
          enabled: presence.desktopNotifications,
          permission: browserPermission(),
          userId: presence.userId,
          openConversationId: openConversationOf(pathname),
          tabVisible: document.visibilityState === "visible",
        }
      : null;

  const onMessage = async (conversationId: string) => {
    const context = contextNow();
    if (!context || !desktopNotificationsAllowed(context)) return;
    if (context.tabVisible && context.openConversationId === conversationId) return;
    const conversation = await queryClient
      .fetchQuery({
        queryKey: queryKeys.inbox.conversation(conversationId),
        queryFn: () => getRouteJson<ConversationView>(`/api/inbox/conversations/${conversationId}`),
        staleTime: 0,
      })
      .catch(() => undefined);
    if (!conversation) return;
    const candidate = {
      kind: "message" as const,
      conversationId,
      assigneeId: conversation.assigneeId,
      lastInboundAt: conversation.lastInboundAt,
      alreadyNotifiedInboundAt: notified.current.get(conversationId) ?? null,
      since: since.current,
    };
    if (!shouldNotify(candidate, contextNow() ?? context) || !conversation.lastInboundAt) return;
    notified.current.set(conversationId, conversation.lastInboundAt);
    const number = conversation.phoneNumber.verifiedName ?? conversation.phoneNumber.displayPhoneNumber ?? "";
    show(customerLabel(conversation, common), t("desktopNewMessage", { number }), conversationId, `message:${conversationId}`);
  };

  const onNotification = async (notificationId: string) => {
    if (toasted.current.has(notificationId)) return;
    toasted.current.add(notificationId);
    const list = await queryClient.fetchQuery({ queryKey: queryKeys.notifications.all, queryFn: fetchNotifications, staleTime: 0 }).catch(() => undefined);
    const item = list?.notifications.find((candidate) => candidate.id === notificationId);
    if (!item) return;
    const headline = notificationHeadline(t, item);
    const customer = customerLabel(item.customer, common);
    toast(headline, { description: customer, action: { label: t("open"), onClick: () => open(item.conversationId) } });
    const context = contextNow();
    if (context && shouldNotify({ kind: "notification", conversationId: item.conversationId, notificationId }, context)) {
      show(headline, customer, item.conversationId, `notification:${notificationId}`);
    }
  };

  useLiveEvent((kind, payload) => {
    if (kind === "message.created" && typeof payload.conversationId === "string") void onMessage(payload.conversationId);
    if (kind === "notification.created" && typeof payload.notificationId === "string") void onNotification(payload.notificationId);
  });
  return null;
}
