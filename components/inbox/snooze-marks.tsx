"use client";

import { AlarmClockCheckIcon, AlarmClockIcon, HourglassIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { useInboxCounts } from "@/components/notifications/use-inbox-counts";
import { cn } from "@/lib/utils";

import { snoozeMarkOf, snoozeTimeText, windowTimeLeft } from "./snooze-format";

interface SnoozeState {
  snoozedUntil: string | null;
  snoozed: boolean;
}

/** The words of a row's snooze mark ("Snoozed until Tue 9:00", "Back from snooze"), or null; also for the row's accessible name. */
export function useSnoozeMarkText(conversation: SnoozeState, now: Date): string | null {
  const t = useTranslations("snooze.list");
  const format = useFormatter();
  const mark = snoozeMarkOf(conversation);
  if (mark === "snoozed" && conversation.snoozedUntil) return t("snoozedUntil", { time: snoozeTimeText(format, new Date(conversation.snoozedUntil), now) });
  if (mark === "back") return t("backFromSnooze");
  return null;
}

/** A row's accessible name with its snooze mark, when it has one. */
export function useRowLabelWithSnooze(label: string, conversation: SnoozeState, now: Date): string {
  const t = useTranslations("snooze.list");
  const mark = useSnoozeMarkText(conversation, now);
  return mark ? t("rowLabel", { label, mark }) : label;
}

/** A row's snooze mark: a quiet chip while snoozed, a coloured badge once back (until someone opens it). */
export function RowSnoozeMark({ conversation, now }: { conversation: SnoozeState; now: Date }) {
  const mark = snoozeMarkOf(conversation);
  const text = useSnoozeMarkText(conversation, now);
  if (!mark || !text) return null;
  const Icon = mark === "back" ? AlarmClockCheckIcon : AlarmClockIcon;
  return (
    <span
      data-snooze-mark={mark}
      className={cn(
        "inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-px text-[0.7rem] font-medium",
        mark === "back" ? "bg-primary/10 text-primary" : "bg-muted text-muted-foreground",
      )}
    >
      <Icon className="size-3" aria-hidden="true" />
      {text}
    </span>
  );
}

/** How long the customer's window stays open ("closes in 1 h 12 min"), for rows of the expiring view. */
export function RowWindowTimeLeft({ lastInboundAt, now }: { lastInboundAt: string | null; now: Date }) {
  const t = useTranslations("snooze.list");
  const format = useFormatter();
  const left = windowTimeLeft(lastInboundAt, now);
  if (!left) return null;
  return (
    <span className="inline-flex shrink-0 items-center gap-1 rounded bg-warning/15 px-1.5 py-px text-[0.7rem] font-medium text-warning tabular-nums">
      <HourglassIcon className="size-3" aria-hidden="true" />
      {left.hours > 0
        ? t("closesIn", { hours: format.number(left.hours), minutes: format.number(left.minutes) })
        : t("closesInMinutes", { minutes: format.number(left.minutes) })}
    </span>
  );
}

/**
 * "N expiring soon" beside the list's filters: conversations whose window closes within two hours
 * with the customer unanswered. Pressing it shows them (the window filter "Expiring soon").
 */
export function ExpiringSoonChip({ active, onApply }: { active: boolean; onApply: () => void }) {
  const t = useTranslations("snooze.list");
  const counts = useInboxCounts();
  const count = counts.data?.expiringSoon ?? 0;
  if (count === 0 && !active) return null;
  return (
    <button
      type="button"
      aria-pressed={active}
      title={t("expiringCountHint")}
      onClick={onApply}
      className={cn(
        "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium outline-none focus-visible:ring-2 focus-visible:ring-ring",
        active ? "border-warning bg-warning/15 text-warning" : "border-warning/60 text-warning hover:bg-warning/10",
      )}
    >
      <HourglassIcon className="size-3" aria-hidden="true" />
      {t("expiringCount", { count })}
    </button>
  );
}
