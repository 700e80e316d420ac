"use client";

import { useFormatter, useTranslations } from "next-intl";

import type { HeatCell } from "@/lib/analytics/views";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const LEGEND_STEPS = [0, 0.25, 0.5, 0.75, 1] as const;

/** 1 January 2024 was a Monday: ISO weekday `w` at `hour`, read in UTC. */
function weekdayAt(weekday: number, hour = 0): Date {
  return new Date(Date.UTC(2024, 0, weekday, hour));
}

/** Names of the week's days and hours in the reader's language ("Tuesday", "14:00"). */
export function useHeatNames() {
  const format = useFormatter();
  return {
    weekday: (weekday: number, width: "long" | "short" = "long") => format.dateTime(weekdayAt(weekday), { weekday: width, timeZone: "UTC" }),
    hour: (hour: number) => format.dateTime(weekdayAt(1, hour), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }),
  };
}

/** A cell's shade: its messages against the busiest hour's. */
function shade(share: number): string {
  if (share <= 0) return "var(--muted)";
  return `color-mix(in oklch, var(--chart-1) ${Math.round(15 + share * 85)}%, var(--muted))`;
}

/**
 * Messages per hour of the week: 7 rows of 24 cells, darker for busier hours, each named for screen
 * readers ("Tuesday 14:00, 12 inbound, 9 outbound"), with a legend of the scale.
 */
export function HeatMap({ cells, summary }: { cells: readonly HeatCell[]; summary: string }) {
  const t = useTranslations("analytics.conversations.heatmap");
  const names = useHeatNames();
  const byKey = new Map(cells.map((cell) => [`${cell.weekday}-${cell.hour}`, cell]));
  const max = Math.max(0, ...cells.map((cell) => cell.inbound + cell.outbound));

  return (
    <div role="group" aria-label={summary} className="flex flex-col gap-3">
      <div className="grid gap-0.5" style={{ gridTemplateColumns: "auto repeat(24, minmax(0, 1fr))" }}>
        <span aria-hidden="true" />
        {HOURS.map((hour) => (
          <span key={hour} aria-hidden="true" className="text-center text-[10px] text-muted-foreground tabular-nums">
            {hour % 3 === 0 ? <bdi dir="ltr">{hour}</bdi> : null}
          </span>
        ))}
        {WEEKDAYS.map((weekday) => (
          <div key={weekday} className="contents">
            <span aria-hidden="true" className="pe-2 text-xs leading-5 text-muted-foreground">
              {names.weekday(weekday, "short")}
            </span>
            {HOURS.map((hour) => {
              const cell = byKey.get(`${weekday}-${hour}`) ?? { weekday, hour, inbound: 0, outbound: 0 };
              const total = cell.inbound + cell.outbound;
              const label = t("cell", { weekday: names.weekday(weekday), hour: names.hour(hour), inbound: cell.inbound, outbound: cell.outbound });
              return <div key={hour} role="img" aria-label={label} title={label} className="h-5 rounded-[3px]" style={{ background: shade(max > 0 ? total / max : 0) }} />;
            })}
          </div>
        ))}
      </div>
      <div className="flex items-center gap-2 text-xs text-muted-foreground" aria-label={t("legend", { max })} role="img">
        <span aria-hidden="true">{t("fewer")}</span>
        {LEGEND_STEPS.map((step) => (
          <span key={step} aria-hidden="true" className="size-3 rounded-[3px]" style={{ background: shade(step) }} />
        ))}
        <span aria-hidden="true">{t("more")}</span>
        <span aria-hidden="true" className="ms-2">
          {t("scale", { max })}
        </span>
      </div>
    </div>
  );
}
