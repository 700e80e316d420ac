"use client";

import { useQueryClient } from "@tanstack/react-query";
import { BellIcon } from "lucide-react";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, type ComponentProps } from "react";

import { Button } from "@/components/ui/button";
import { CLOSED_POPOVER_TRIGGER, useOnDemand } from "@/components/ui/on-demand";
import { toast } from "@/components/ui/toast";
import { runAction } from "@/lib/action-result";
import { markNotificationsReadAction } from "@/lib/actions/notifications";
import { queryKeys } from "@/lib/query-keys";

import { useNotifications } from "./api";
import { openConversationOf } from "./should-notify";

const loadBellPopover = () => import("./bell-popover").then((module) => module.BellPopover);

/**
 * The header's bell: the unread count in its name and badge, a list of the latest mentions and
 * assignments (each opens its conversation and is read then), "Mark all read". Opening a
 * conversation by any way reads its notifications. The list (./bell-popover.tsx) loads when a person
 * reaches for the bell.
 */
export function NotificationBell() {
  const t = useTranslations("shell.notifications");
  const queryClient = useQueryClient();
  const { data } = useNotifications();
  const pathname = usePathname();
  const unread = data?.unread ?? 0;

  const markRead = async (conversationId?: string) => {
    const reading = await runAction(markNotificationsReadAction(conversationId ? { conversationId } : {}));
    if (!reading.ok) toast.error(reading.message);
    await queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
  };

  // The conversation on screen: its notifications are read now, whether it was opened here or elsewhere.
  const openConversationId = openConversationOf(pathname);
  const unreadHere = openConversationId !== null && (data?.notifications ?? []).some((item) => !item.read && item.conversationId === openConversationId);
  useEffect(() => {
    if (unreadHere && openConversationId) void markRead(openConversationId);
    // markRead is stable in effect (it closes over the query client only).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unreadHere, openConversationId]);

  const demand = useOnDemand(loadBellPopover);
  const bell = (props: ComponentProps<typeof Button>) => (
    <Button variant="ghost" size="icon-sm" className="relative" aria-label={unread > 0 ? t("bellUnread", { count: unread }) : t("bell")} {...props}>
      <BellIcon aria-hidden="true" />
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -top-0.5 -end-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-primary px-1 text-[10px] font-semibold text-primary-foreground"
        >
          <bdi dir="ltr">{unread > 99 ? "99+" : unread}</bdi>
        </span>
      ) : null}
    </Button>
  );
  const Popover = demand.loaded;
  if (Popover) return <Popover trigger={bell({})} markRead={markRead} {...demand.mount} />;
  return bell({ ...CLOSED_POPOVER_TRIGGER, ...demand.triggerProps });
}
