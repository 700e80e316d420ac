"use client";

import { CheckCheckIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import * as React from "react";

import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { useFocusOnMount, type OnDemandMount } from "@/components/ui/on-demand";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { customerLabel } from "@/lib/inbox/customer-label";
import type { NotificationItemView } from "@/lib/notifications/views";
import { cn } from "@/lib/utils";

import { useNotifications } from "./api";
import { notificationSentence } from "./notification-text";

function NotificationLink({ item, onOpen }: { item: NotificationItemView; onOpen: (item: NotificationItemView) => void }) {
  const t = useTranslations("shell.notifications");
  const common = useTranslations("common");
  const timeId = React.useId();
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
 * The list behind the header's bell (./bell.tsx): the latest mentions and assignments (each opens its
 * conversation and is read then) and "Mark all read".
 */
export function BellPopover({
  trigger,
  markRead,
  openOnMount,
  focusOnMount,
}: OnDemandMount & { trigger: React.ReactElement; markRead: (conversationId?: string) => Promise<void> }) {
  const t = useTranslations("shell.notifications");
  const { data, isPending, isError } = useNotifications();
  const [open, setOpen] = React.useState(openOnMount);
  const triggerRef = React.useRef<HTMLButtonElement>(null);
  useFocusOnMount(triggerRef, focusOnMount);
  const unread = data?.unread ?? 0;

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild ref={triggerRef}>
        {trigger}
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
