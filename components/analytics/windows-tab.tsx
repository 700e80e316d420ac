"use client";

import { CheckCircle2Icon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";

import { EmptyState } from "@/components/empty-state";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { WindowsReport } from "@/lib/analytics/views";

import { ChartFigure, type FigureColumn, type FigureRow } from "./chart-figure";
import { DailyBars } from "./charts";
import { Metric, MetricGrid } from "./metric";
import { ReportBody } from "./report-state";
import { useAnalyticsReport } from "./use-analytics";
import { useAnalyticsFormat } from "./use-format";

function WindowsMetrics({ report }: { report: WindowsReport }) {
  const t = useTranslations("analytics.windows.metrics");
  const show = useAnalyticsFormat();
  const { totals } = report;
  return (
    <MetricGrid label={t("label")}>
      <Metric label={t("missed.label")} value={show.number(totals.missed)} explanation={t("missed.explanation")} />
      <Metric label={t("waits.label")} value={show.number(totals.waits)} explanation={t("waits.explanation")} />
      <Metric
        label={t("withinHour.label")}
        value={show.share(totals.answeredWithinHourShare)}
        detail={t("withinHour.detail", { answered: totals.answeredWithinHour, waits: totals.waits })}
        explanation={t("withinHour.explanation")}
      />
    </MetricGrid>
  );
}

function MissedPerDay({ report }: { report: WindowsReport }) {
  const t = useTranslations("analytics.windows");
  const show = useAnalyticsFormat();
  const columns: FigureColumn[] = [
    { key: "date", label: t("columns.date"), format: (value) => (typeof value === "string" ? show.day(value) : show.none) },
    { key: "missed", label: t("columns.missed"), numeric: true },
    { key: "waits", label: t("columns.waits"), numeric: true },
  ];
  const rows: FigureRow[] = report.days.map((day) => ({ ...day }));
  return (
    <ChartFigure title={t("perDay.title")} caption={t("perDay.caption")} csvName="missed-windows-per-day" columns={columns} rows={rows}>
      <DailyBars
        data={report.days}
        series={[{ key: "missed", label: t("columns.missed"), colour: "var(--destructive)" }]}
        summary={t("perDay.summary", { missed: report.totals.missed, days: report.days.length })}
      />
    </ChartFigure>
  );
}

function PerAgent({ report }: { report: WindowsReport }) {
  const t = useTranslations("analytics.windows");
  const columns: FigureColumn[] = [
    { key: "agent", label: t("columns.agent") },
    { key: "waits", label: t("columns.waits"), numeric: true },
    { key: "missed", label: t("columns.missed"), numeric: true },
  ];
  const rows: FigureRow[] = report.byAgent.map((row) => ({ agent: row.name ?? t("nobody"), waits: row.waits, missed: row.missed }));
  return <ChartFigure title={t("perAgent.title")} caption={t("perAgent.caption")} csvName="missed-windows-per-agent" columns={columns} rows={rows} />;
}

/** Every window that closed unanswered (the latest first), each leading to its conversation. */
function MissedList({ report }: { report: WindowsReport }) {
  const t = useTranslations("analytics.windows.missedList");
  const show = useAnalyticsFormat();
  if (report.totals.missed === 0) {
    return <EmptyState icon={CheckCircle2Icon} title={t("empty.title")} description={t("empty.description")} headingLevel="h3" className="py-10" />;
  }
  const capped = report.missed.length < report.totals.missed;
  return (
    <section className="flex flex-col gap-2 rounded-lg border bg-card p-4" aria-labelledby="analytics-missed-title">
      <div className="space-y-0.5">
        <h3 id="analytics-missed-title" className="text-sm font-medium">
          {t("title")}
        </h3>
        <p className="text-xs text-muted-foreground">{capped ? t("capped", { shown: report.missed.length, total: report.totals.missed }) : t("caption", { count: report.totals.missed })}</p>
      </div>
      <div className="max-h-[32rem] overflow-auto rounded-md border">
        <Table>
          <TableCaption className="sr-only">{t("title")}</TableCaption>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead scope="col">{t("columns.customer")}</TableHead>
              <TableHead scope="col">{t("columns.agent")}</TableHead>
              <TableHead scope="col">{t("columns.closedAt")}</TableHead>
              <TableHead scope="col">{t("columns.lateReply")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.missed.map((row) => (
              <TableRow key={`${row.conversationId}-${row.windowClosedAt}`} data-conversation-id={row.conversationId}>
                <TableCell className="max-w-64">
                  <Link href={`/inbox/${row.conversationId}`} className="block truncate font-medium hover:underline focus-visible:underline" dir="auto">
                    {row.customerName}
                  </Link>
                </TableCell>
                <TableCell>
                  <span dir="auto">{row.agentName ?? t("nobody")}</span>
                </TableCell>
                <TableCell>{show.dateTime(row.windowClosedAt)}</TableCell>
                <TableCell className="text-muted-foreground">{row.answeredAt ? show.dateTime(row.answeredAt) : t("noReply")}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

/** The figures of one windows report. */
export function WindowsFigures({ report }: { report: WindowsReport }) {
  return (
    <div className="flex flex-col gap-4">
      <WindowsMetrics report={report} />
      <div className="grid gap-4 lg:grid-cols-2">
        <MissedPerDay report={report} />
        <PerAgent report={report} />
      </div>
      <MissedList report={report} />
    </div>
  );
}

/** Customers lost to the 24-hour rule: windows that closed before any reply, per day, per agent, one by one. */
export function WindowsTab() {
  const report = useAnalyticsReport<WindowsReport>("windows");
  return <ReportBody query={report}>{(data) => <WindowsFigures report={data} />}</ReportBody>;
}
