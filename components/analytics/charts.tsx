"use client";

import { useFormatter, useLocale } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { directionOf, type Locale } from "@/i18n/locales";

/** The chart colours of the theme, in the order series take them. */
export const SERIES_COLOURS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"] as const;

export interface Series {
  key: string;
  label: string;
  colour?: string;
}

const CHART_HEIGHT = 240;

/** A calendar day (`YYYY-MM-DD`, already in the reader's zone) as an instant that shows as that day in UTC. */
export function calendarDay(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

function useAxes() {
  const format = useFormatter();
  const rtl = directionOf(useLocale() as Locale) === "rtl";
  const dayTick = (value: unknown) => (typeof value === "string" ? format.dateTime(calendarDay(value), { day: "numeric", month: "short", timeZone: "UTC" }) : "");
  const dayLabel = (value: unknown) => (typeof value === "string" ? format.dateTime(calendarDay(value), { dateStyle: "medium", timeZone: "UTC" }) : "");
  const numberTick = (value: unknown) => (typeof value === "number" ? format.number(value) : "");
  return { rtl, dayTick, dayLabel, numberTick };
}

/**
 * Figures per day as bars (grouped, or stacked), days running in the reading direction. `summary` names the
 * chart for screen readers; the numbers themselves are in the figure's table view.
 */
export function DailyBars({ data, series, summary, stacked = false }: { data: ReadonlyArray<{ date: string }>; series: readonly Series[]; summary: string; stacked?: boolean }) {
  const { rtl, dayTick, dayLabel, numberTick } = useAxes();
  return (
    <div role="img" aria-label={summary} style={{ height: CHART_HEIGHT }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...data]} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="date" reversed={rtl} tickFormatter={dayTick} stroke="var(--muted-foreground)" fontSize={12} minTickGap={16} />
          <YAxis allowDecimals={false} orientation={rtl ? "right" : "left"} tickFormatter={numberTick} stroke="var(--muted-foreground)" fontSize={12} width={48} />
          <Tooltip labelFormatter={dayLabel} formatter={(value) => numberTick(value)} cursor={{ fill: "var(--muted)" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((one, index) => (
            <Bar
              key={one.key}
              dataKey={one.key}
              name={one.label}
              fill={one.colour ?? SERIES_COLOURS[index % SERIES_COLOURS.length]}
              stackId={stacked ? "day" : undefined}
              isAnimationActive={false}
              radius={stacked ? 0 : 2}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Figures per day as lines (counts that rise and fall: opened, resolved, backlog). */
export function DailyLines({ data, series, summary }: { data: ReadonlyArray<{ date: string }>; series: readonly Series[]; summary: string }) {
  const { rtl, dayTick, dayLabel, numberTick } = useAxes();
  return (
    <div role="img" aria-label={summary} style={{ height: CHART_HEIGHT }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={[...data]} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="date" reversed={rtl} tickFormatter={dayTick} stroke="var(--muted-foreground)" fontSize={12} minTickGap={16} />
          <YAxis allowDecimals={false} orientation={rtl ? "right" : "left"} tickFormatter={numberTick} stroke="var(--muted-foreground)" fontSize={12} width={48} />
          <Tooltip labelFormatter={dayLabel} formatter={(value) => numberTick(value)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((one, index) => (
            <Line
              key={one.key}
              type="monotone"
              dataKey={one.key}
              name={one.label}
              stroke={one.colour ?? SERIES_COLOURS[index % SERIES_COLOURS.length]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
