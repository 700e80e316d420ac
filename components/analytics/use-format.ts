"use client";

import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { formatDuration } from "@/lib/analytics/format-duration";

/** How analytics shows figures: durations ("1 h 20 min"), shares with one decimal, "—" for none. */
export function useAnalyticsFormat() {
  const tDuration = useTranslations("analytics.duration");
  const tFigure = useTranslations("analytics.figure");
  const format = useFormatter();
  return React.useMemo(() => {
    const none = tFigure("none");
    return {
      none,
      number: (value: number | null | undefined) => (value === null || value === undefined ? none : format.number(value)),
      duration: (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? none : formatDuration(tDuration, seconds)),
      share: (share: number | null | undefined) =>
        share === null || share === undefined ? none : format.number(share, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      /** A table cell's duration, for ChartFigure columns. */
      durationCell: (value: string | number | null) => (typeof value === "number" ? formatDuration(tDuration, value) : none),
      dateTime: (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }),
      day: (date: string) => format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
    };
  }, [format, tDuration, tFigure]);
}
