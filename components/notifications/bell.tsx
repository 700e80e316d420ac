"use client";

import { useQueryClient } from "@tanstack/react-query";
import { BellIcon, CheckCheckIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { toast } from "sonner";

import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { runAction } from "@/lib/action-result";
import { markNotificationsReadAction } from "@/lib/actions/notifications";
import { customerLabel } from "@/lib/inbox/customer-label";
import type { NotificationItemView } from "@/lib/notifications/views";
import { queryKeys } from "@/lib/query-keys";
import { cn } from "@/lib/utils";

import { useNotifications } from "./api";
import { openConversationOf } from "./should-notify";
import { notificationSentence } from "./notification-text";

function NotificationLink({ item, onOpen }: { item: NotificationItemView; onOpen: (item: NotificationItemView) => void }) {
  const t = useTranslations("shell.notifications");
  const common = useTranslations("common");
  const timeId = useId();
  const sentence = notificationSentence(t, item, customerLabel(item.customer, common));
  return (
    <li>
      <Link
        href={`/inbox/${item.conversationId}`}
        aria-label={sentence}
        aria-describedby={timeId}
        onClick={() => onOpen(item)}
        className={cn(
          "flex items-start gap-2 rounded-md px-2 py-2 text-sm outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring",
          item.read ? "text-muted-foreground" : "font-medium text-foreground",
        )}
      >
        <span aria-hidden="true" className={cn("mt-1.5 size-2 shrink-0 rounded-full", item.read ? "bg-transparent" : "bg-primary")} />
        <span className="flex min-w-0 flex-col gap-0.5">
          <span dir="auto" className="line-clamp-2">
            {sentence}
          </span>
          <span id={timeId} className="text-xs font-normal text-muted-foreground">
            <RelativeTime iso={item.createdAt} />
          </span>
        </span>
      </Link>
    </li>
  );
}

/**
 * The header's bell: the unread count in its name and badge, a list of the latest mentions and
 * assignments (each opens its conversation and is read then), "Mark all read". Opening a
 * conversation by any way reads its notifications.
 */
export function NotificationBell() {
  const t = useTranslations("shell.notifications");
  const queryClient = useQueryClient();
  const { data, isPending, isError } = useNotifications();
  const [open, setOpen] = useState(false);
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

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="icon-sm" className="relative" aria-label={unread > 0 ? t("bellUnread", { count: unread }) : t("bell")}>
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
      </PopoverTrigger>
      <PopoverContent align="end" className="w-80 p-0" aria-label={t("title")}>
        <div className="flex items-center justify-between gap-2 border-b px-3 py-2">
          <h2 className="text-sm font-semibold">{t("title")}</h2>
          <Button variant="ghost" size="sm" disabled={unread === 0} onClick={() => void markRead()}>
            <CheckCheckIcon aria-hidden="true" />
            {t("markAllRead")}
          </Button>
        </div>
        <div className="max-h-96 overflow-y-auto p-1">
          {isPending ? (
            <div className="flex flex-col gap-2 p-2">
              <Skeleton className="h-8 w-full" />
              <Skeleton className="h-8 w-full" />
            </div>
          ) : isError ? (
            <p className="p-3 text-sm text-destructive">{t("loadFailed")}</p>
          ) : data.notifications.length === 0 ? (
            <div className="p-4 text-center text-sm">
              <p className="font-medium">{t("emptyTitle")}</p>
              <p className="mt-1 text-muted-foreground">{t("emptyDescription")}</p>
            </div>
          ) : (
            <ul className="flex flex-col" aria-label={t("title")}>
              {data.notifications.map((item) => (
                <NotificationLink
                  key={item.id}
                  item={item}
                  onOpen={(opened) => {
                    setOpen(false);
                    if (!opened.read) void markRead(opened.conversationId);
                  }}
                />
              ))}
            </ul>
          )}
        </div>
      </PopoverContent>
    </Popover>
  );
}
