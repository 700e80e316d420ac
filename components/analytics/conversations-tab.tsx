"use client";

import { useTranslations } from "next-intl";

import type { ConversationsReport } from "@/lib/analytics/views";

import { ChartFigure, type FigureColumn, type FigureRow } from "./chart-figure";
import { DailyBars, DailyLines } from "./charts";
import { HeatMap, useHeatNames } from "./heat-map";
import { Metric, MetricGrid } from "./metric";
import { ReportBody } from "./report-state";
import { useAnalyticsReport } from "./use-analytics";
import { useAnalyticsFormat } from "./use-format";

const TOTALS = ["inbound", "outbound", "opened", "resolved", "backlogAtEnd"] as const;

function ConversationsMetrics({ report }: { report: ConversationsReport }) {
  const t = useTranslations("analytics.conversations.metrics");
  const show = useAnalyticsFormat();
  const { totals } = report;
  return (
    <MetricGrid label={t("label")}>
      {TOTALS.map((key) => (
        <Metric key={key} label={t(`${key}.label`)} value={show.number(totals[key])} explanation={t(`${key}.explanation`)} />
      ))}
      <Metric
        label={t("firstResponseMedian.label")}
        value={show.duration(totals.firstResponse.medianSeconds)}
        detail={t("measured", { count: totals.firstResponse.count })}
        explanation={t("firstResponseMedian.explanation")}
      />
      <Metric label={t("firstResponseP90.label")} value={show.duration(totals.firstResponse.p90Seconds)} explanation={t("firstResponseP90.explanation")} />
      <Metric
        label={t("resolutionMedian.label")}
        value={show.duration(totals.resolution.medianSeconds)}
        detail={t("measured", { count: totals.resolution.count })}
        explanation={t("resolutionMedian.explanation")}
      />
      <Metric label={t("resolutionP90.label")} value={show.duration(totals.resolution.p90Seconds)} explanation={t("resolutionP90.explanation")} />
    </MetricGrid>
  );
}

function DailyFigures({ report }: { report: ConversationsReport }) {
  const t = useTranslations("analytics.conversations");
  const show = useAnalyticsFormat();
  const day: FigureColumn = { key: "date", label: t("columns.date"), format: (value) => (typeof value === "string" ? show.day(value) : show.none) };
  const messageColumns: FigureColumn[] = [day, { key: "inbound", label: t("series.inbound"), numeric: true }, { key: "outbound", label: t("series.outbound"), numeric: true }];
  const flowColumns: FigureColumn[] = [
    day,
    { key: "opened", label: t("series.opened"), numeric: true },
    { key: "resolved", label: t("series.resolved"), numeric: true },
    { key: "backlog", label: t("series.backlog"), numeric: true },
  ];
  const rows: FigureRow[] = report.days.map((one) => ({ ...one }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartFigure title={t("messagesPerDay.title")} caption={t("messagesPerDay.caption")} csvName="messages-per-day" columns={messageColumns} rows={rows}>
        <DailyBars
          data={report.days}
          series={[
            { key: "inbound", label: t("series.inbound") },
            { key: "outbound", label: t("series.outbound") },
          ]}
          summary={t("messagesPerDay.summary", { inbound: report.totals.inbound, outbound: report.totals.outbound, days: report.days.length })}
        />
      </ChartFigure>
      <ChartFigure title={t("flow.title")} caption={t("flow.caption")} csvName="conversations-per-day" columns={flowColumns} rows={rows}>
        <DailyLines
          data={report.days}
          series={[
            { key: "opened", label: t("series.opened") },
            { key: "resolved", label: t("series.resolved") },
            { key: "backlog", label: t("series.backlog") },
          ]}
          summary={t("flow.summary", { opened: report.totals.opened, resolved: report.totals.resolved, backlog: report.totals.backlogAtEnd })}
        />
      </ChartFigure>
    </div>
  );
}

function HeatFigure({ report }: { report: ConversationsReport }) {
  const t = useTranslations("analytics.conversations");
  const names = useHeatNames();
  const columns: FigureColumn[] = [
    { key: "weekday", label: t("columns.weekday") },
    { key: "hour", label: t("columns.hour") },
    { key: "inbound", label: t("series.inbound"), numeric: true },
    { key: "outbound", label: t("series.outbound"), numeric: true },
  ];
  const rows: FigureRow[] = report.heatmap.map((cell) => ({ weekday: names.weekday(cell.weekday), hour: names.hour(cell.hour), inbound: cell.inbound, outbound: cell.outbound }));
  return (
    <ChartFigure title={t("heatmap.title")} caption={t("heatmap.caption", { timeZone: report.range.timeZone })} csvName="messages-per-hour" columns={columns} rows={rows}>
      <HeatMap cells={report.heatmap} summary={t("heatmap.title")} />
    </ChartFigure>
  );
}

function AgentTable({ report }: { report: ConversationsReport }) {
  const t = useTranslations("analytics.conversations");
  const show = useAnalyticsFormat();
  const seconds = (label: string) => t("columns.inSeconds", { label });
  const columns: FigureColumn[] = [
    { key: "agent", label: t("columns.agent") },
    { key: "assigned", label: t("columns.assigned"), numeric: true },
    { key: "replied", label: t("columns.replied"), numeric: true },
    { key: "resolved", label: t("columns.resolved"), numeric: true },
    { key: "frtMedian", label: t("columns.frtMedian"), csvLabel: seconds(t("columns.frtMedian")), numeric: true, format: show.durationCell },
    { key: "frtP90", label: t("columns.frtP90"), csvLabel: seconds(t("columns.frtP90")), numeric: true, format: show.durationCell },
    { key: "resolutionMedian", label: t("columns.resolutionMedian"), csvLabel: seconds(t("columns.resolutionMedian")), numeric: true, format: show.durationCell },
  ];
  const rows: FigureRow[] = report.byAgent.map((row) => ({
    agent: row.name ?? t("nobody"),
    assigned: row.assigned,
    replied: row.replied,
    resolved: row.resolved,
    frtMedian: row.firstResponse.medianSeconds,
    frtP90: row.firstResponse.p90Seconds,
    resolutionMedian: row.resolution.medianSeconds,
  }));
  return <ChartFigure title={t("agents.title")} caption={t("agents.caption")} csvName="agents" columns={columns} rows={rows} />;
}

function NumberTable({ report }: { report: ConversationsReport }) {
  const t = useTranslations("analytics.conversations");
  const show = useAnalyticsFormat();
  const seconds = (label: string) => t("columns.inSeconds", { label });
  const columns: FigureColumn[] = [
    { key: "number", label: t("columns.number") },
    { key: "hours", label: t("columns.hours") },
    { key: "frtMedian", label: t("columns.frtMedian"), csvLabel: seconds(t("columns.frtMedian")), numeric: true, format: show.durationCell },
    { key: "frtP90", label: t("columns.frtP90"), csvLabel: seconds(t("columns.frtP90")), numeric: true, format: show.durationCell },
    { key: "resolutionMedian", label: t("columns.resolutionMedian"), csvLabel: seconds(t("columns.resolutionMedian")), numeric: true, format: show.durationCell },
    { key: "resolutionP90", label: t("columns.resolutionP90"), csvLabel: seconds(t("columns.resolutionP90")), numeric: true, format: show.durationCell },
  ];
  const rows: FigureRow[] = report.byNumber.map((row) => ({
    number: row.verifiedName ? `${row.verifiedName} · ${row.displayPhoneNumber}` : row.displayPhoneNumber,
    hours: row.businessHours ? t("businessHours") : t("allHours"),
    frtMedian: row.firstResponse.medianSeconds,
    frtP90: row.firstResponse.p90Seconds,
    resolutionMedian: row.resolution.medianSeconds,
    resolutionP90: row.resolution.p90Seconds,
  }));
  return <ChartFigure title={t("numbers.title")} caption={t("numbers.caption")} csvName="business-numbers" columns={columns} rows={rows} />;
}

/** The figures of one conversations report. */
export function ConversationsFigures({ report }: { report: ConversationsReport }) {
  return (
    <div className="flex flex-col gap-4">
      <ConversationsMetrics report={report} />
      <DailyFigures report={report} />
      <HeatFigure report={report} />
      <AgentTable report={report} />
      <NumberTable report={report} />
    </div>
  );
}

/** Volume, flow, busy hours and response times of the conversations the filters select. */
export function ConversationsTab() {
  const report = useAnalyticsReport<ConversationsReport>("conversations");
  return <ReportBody query={report}>{(data) => <ConversationsFigures report={data} />}</ReportBody>;
}
