"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { directionOf, type Locale } from "@/i18n/locales";
import type { CampaignCounts } from "@/lib/campaigns/types";

import { funnelOf, type FunnelStep } from "./summary";

const STAGE_COLOURS = ["var(--chart-2)", "var(--chart-1)", "var(--chart-4)", "var(--chart-3)"] as const;
const CHART_HEIGHT = 200;

/** The funnel as numbers: each stage, its count, and its share of the messages sent. */
export function FunnelTable({ steps }: { steps: readonly FunnelStep[] }) {
  const t = useTranslations("campaigns.results.funnel");
  const format = useFormatter();
  return (
    <Table aria-label={t("tableLabel")}>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>{t("columns.stage")}</TableHead>
          <TableHead className="text-end">{t("columns.count")}</TableHead>
          <TableHead className="text-end">{t("columns.share")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {steps.map((step) => (
          <TableRow key={step.stage} data-stage={step.stage}>
            <TableCell>{t(`stages.${step.stage}`)}</TableCell>
            <TableCell className="text-end tabular-nums">
              <bdi dir="ltr">{format.number(step.count)}</bdi>
            </TableCell>
            <TableCell className="text-end tabular-nums">
              <bdi dir="ltr">{format.number(step.shareOfSent, { style: "percent", maximumFractionDigits: 0 })}</bdi>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Sent → delivered → read → replied as horizontal bars (recharts), with a caption and the same figures
 * as a table one tab away. Bars grow from the reading direction's start.
 */
export function FunnelChart({ counts }: { counts: CampaignCounts }) {
  const t = useTranslations("campaigns.results.funnel");
  const format = useFormatter();
  const rtl = directionOf(useLocale() as Locale) === "rtl";
  const steps = funnelOf(counts);
  const data = steps.map((step) => ({ stage: t(`stages.${step.stage}`), count: step.count }));
  const summary = t("summary", { sent: counts.sent, delivered: counts.delivered, read: counts.read, replied: counts.replied });
  return (
    <figure className="grid gap-2">
      <figcaption className="text-sm text-muted-foreground">{t("caption")}</figcaption>
      <Tabs defaultValue="chart">
        <TabsList aria-label={t("view")}>
          <TabsTrigger value="chart">{t("showChart")}</TabsTrigger>
          <TabsTrigger value="table">{t("showTable")}</TabsTrigger>
        </TabsList>
        <TabsContent value="chart">
          <div role="img" aria-label={summary} style={{ height: CHART_HEIGHT }} className="w-full" data-testid="campaign-funnel-chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 48 }} accessibilityLayer={false}>
                <CartesianGrid horizontal={false} strokeDasharray="3 3" stroke="var(--border)" />
                <XAxis type="number" allowDecimals={false} reversed={rtl} tickFormatter={(value: number) => format.number(value)} stroke="var(--muted-foreground)" fontSize={12} />
                <YAxis type="category" dataKey="stage" orientation={rtl ? "right" : "left"} width={88} stroke="var(--muted-foreground)" fontSize={12} tickLine={false} />
                <Bar dataKey="count" isAnimationActive={false} radius={4}>
                  {data.map((entry, index) => (
                    <Cell key={entry.stage} fill={STAGE_COLOURS[index % STAGE_COLOURS.length]} />
                  ))}
                  <LabelList dataKey="count" position={rtl ? "left" : "right"} formatter={(value: unknown) => (typeof value === "number" ? format.number(value) : "")} fontSize={12} fill="var(--foreground)" />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </TabsContent>
        <TabsContent value="table">
          <FunnelTable steps={steps} />
        </TabsContent>
      </Tabs>
    </figure>
  );
}
