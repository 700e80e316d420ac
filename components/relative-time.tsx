"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** Under this, a time is "just now": a count of seconds would tick on every render. */
const JUST_NOW_SECONDS = 45;

/** The unit a distance in time is said in: the largest that fits it at least once, minutes at the least. */
function unitOf(seconds: number): Intl.RelativeTimeFormatUnit {
  return UNITS.find(([, size]) => Math.abs(seconds) >= size)?.[0] ?? "minute";
}

/**
 * "3 hours ago" in the reader's language, with the exact time (in their time zone) in the tooltip.
 * Rendered on the server at the request's "now", then kept current in the browser every minute.
 */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const t = useTranslations("common");
  const date = new Date(iso);
  const seconds = (date.getTime() - now.getTime()) / 1000;
  return (
    <time dateTime={iso} title={format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" })} className={className} suppressHydrationWarning>
      {Math.abs(seconds) < JUST_NOW_SECONDS ? t("justNow") : format.relativeTime(date, { now, unit: unitOf(seconds) })}
    </time>
  );
}
