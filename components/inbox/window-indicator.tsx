"use client";

import { HourglassIcon, LockIcon, TimerIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import type { Formatter } from "@/lib/i18n/format";
import { cn } from "@/lib/utils";
import { remainingTime, serviceWindow, type ServiceWindow } from "@/lib/whatsapp/service-window";

import { useNow } from "./use-now";

const CALENDAR_DAY = { year: "numeric", month: "numeric", day: "numeric" } as const;

/** Whether two moments fall on the same day of the reader's calendar (their time zone, not the browser's). */
export function isSameDay(format: Formatter, a: Date, b: Date): boolean {
  return format.dateTime(a, CALENDAR_DAY) === format.dateTime(b, CALENDAR_DAY);
}

/** A moment of a window: its time when it is today, else its day and time (and year when not this one). */
export function formatWindowDate(format: Formatter, date: Date, now: Date): string {
  if (isSameDay(format, date, now)) return format.dateTime(date, { timeStyle: "short" });
  const sameYear = format.dateTime(date, { year: "numeric" }) === format.dateTime(now, { year: "numeric" });
  return format.dateTime(date, { day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }), hour: "numeric", minute: "2-digit" });
}

/** The window's state as the catalog names it (a customer who never wrote has it closed). */
export function windowStateKey(window: ServiceWindow): "open" | "closingSoon" | "closed" {
  return window.state === "open" ? "open" : window.state === "closing_soon" ? "closingSoon" : "closed";
}

/** The 24-hour window in the conversation header: open with a live countdown, closing soon, or closed since when. */
export function WindowIndicator({ lastInboundAt, className }: { lastInboundAt: string | null; className?: string }) {
  const t = useTranslations("inbox.window");
  const format = useFormatter();
  const now = useNow(1000);
  const window = serviceWindow(lastInboundAt, now);

  let text: string;
  let label: string;
  if (window.state === "open" || window.state === "closing_soon") {
    const left = remainingTime(window.remainingMs);
    const twoDigits = (value: number) => format.number(value, { minimumIntegerDigits: 2 });
    const remaining =
      left.unit === "hours"
        ? t("hoursLeft", { hours: format.number(left.hours), minutes: twoDigits(left.minutes) })
        : t("minutesLeft", { minutes: format.number(left.minutes), seconds: twoDigits(left.seconds) });
    const key = windowStateKey(window) === "open" ? "open" : "closingSoon";
    text = t(key, { remaining });
    label = t(`label.${key}`, { remaining });
  } else if (window.state === "closed") {
    const date = formatWindowDate(format, window.closedAt, now);
    text = t("closed", { date });
    label = t("label.closed", { date });
  } else {
    text = t("neverOpened");
    label = t("label.neverOpened");
  }

  const Icon = window.state === "open" ? TimerIcon : window.state === "closing_soon" ? HourglassIcon : LockIcon;
  return (
    <p
      data-window-state={window.state}
      aria-label={label}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs font-medium tabular-nums",
        window.state === "open" && "border-success/25 bg-success/10 text-success",
        window.state === "closing_soon" && "border-warning/30 bg-warning/10 text-warning",
        (window.state === "closed" || window.state === "never_opened") && "border-border bg-muted text-muted-foreground",
        className,
      )}
    >
      <Icon className="size-3.5" aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}

/** A small dot for the list: green open, amber closing soon, grey closed. */
export function WindowDot({ lastInboundAt, now }: { lastInboundAt: string | null; now: Date }) {
  const t = useTranslations("inbox.window.dot");
  const window = serviceWindow(lastInboundAt, now);
  return (
    <span
      title={t(windowStateKey(window))}
      data-window-state={window.state}
      className={cn(
        "inline-block size-2 shrink-0 rounded-full",
        window.state === "open" && "bg-success",
        window.state === "closing_soon" && "bg-warning",
        (window.state === "closed" || window.state === "never_opened") && "bg-muted-foreground/40",
      )}
    />
  );
}
