/** How snooze times and the time a window has left read in the inbox. Browser-safe and pure. */
import type { Formatter } from "@/lib/i18n/format";

const DAY_MS = 24 * 3_600_000;
const WINDOW_MS = DAY_MS;

/** A snooze's end as a person says it: "Tue 9:00" within the week, else with its date ("12 Mar, 9:00"). */
export function snoozeTimeText(format: Formatter, until: Date, now: Date): string {
  if (until.getTime() - now.getTime() < 6 * DAY_MS) return format.dateTime(until, { weekday: "short", hour: "numeric", minute: "2-digit" });
  return format.dateTime(until, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

/** Whole hours and minutes left before the customer's window closes (rounded up to the minute), or null once closed. */
export function windowTimeLeft(lastInboundAt: string | null, now: Date): { hours: number; minutes: number } | null {
  if (!lastInboundAt) return null;
  const left = Date.parse(lastInboundAt) + WINDOW_MS - now.getTime();
  if (!(left > 0)) return null;
  const totalMinutes = Math.ceil(left / 60_000);
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

/** The row's snooze mark: snoozed until a time, back from snooze, or none. */
export function snoozeMarkOf(conversation: { snoozedUntil: string | null; snoozed: boolean }): "snoozed" | "back" | null {
  if (!conversation.snoozedUntil) return null;
  return conversation.snoozed ? "snoozed" : "back";
}
