"use client";

import { useFormatter } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { useRightToLeft } from "./report-parts";

export { SERIES_COLOURS } from "./charts";

export interface BarSeries {
  key: string;
  label: string;
  colour: string;
}

const AXIS = { stroke: "var(--muted-foreground)", fontSize: 12 } as const;

/**
 * Vertical bars per named category (a template, a campaign, a pricing category; days have DailyBars),
 * grouped (one bar per series side by side) or stacked, categories running in the reading direction. Its figures are in the ChartFigure's table view: the drawing
 * itself is one image with a short summary for screen readers.
 */
export function Bars({
  data,
  categoryKey,
  series,
  summary,
  stacked = false,
  height = 260,
  formatValue,
  testId,
}: {
  data: ReadonlyArray<Record<string, string | number | null>>;
  categoryKey: string;
  series: readonly BarSeries[];
  summary: string;
  stacked?: boolean;
  height?: number;
  formatValue?: (value: number) => string;
  testId?: string;
}) {
  const format = useFormatter();
  const rtl = useRightToLeft();
  const valueText = formatValue ?? ((value: number) => format.number(value));
  return (
    <div role="img" aria-label={summary} style={{ height }} className="w-full" data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...data]} margin={{ top: 8, right: 8, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey={categoryKey} reversed={rtl} tickLine={false} interval="preserveStartEnd" {...AXIS} />
          <YAxis orientation={rtl ? "right" : "left"} allowDecimals={!!formatValue} tickFormatter={(value: number) => valueText(value)} width={64} {...AXIS} />
          <Tooltip
            formatter={(value: unknown) => (typeof value === "number" ? valueText(value) : String(value ?? ""))}
            contentStyle={{ background: "var(--popover)", color: "var(--popover-foreground)", borderColor: "var(--border)", borderRadius: 8, fontSize: 12 }}
            cursor={{ fill: "var(--muted)" }}
          />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((item) => (
            <Bar key={item.key} dataKey={item.key} name={item.label} fill={item.colour} stackId={stacked ? "stack" : undefined} isAnimationActive={false} radius={stacked ? 0 : 3} maxBarSize={40} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
