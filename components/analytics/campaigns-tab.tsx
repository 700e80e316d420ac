"use client";

import { MegaphoneIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";

import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CAMPAIGN_STATUSES, type CampaignStatus } from "@/db/campaign-statuses";
import type { CampaignRow, CampaignsReport } from "@/lib/analytics/views";

import { Bars, SERIES_COLOURS } from "./bar-chart";
import { ChartFigure } from "./chart-figure";
import { newestCampaigns } from "./report-figures";
import { CostCell, Figure, Rate, ReportSection } from "./report-parts";
import { ReportBody } from "./report-state";
import { useAnalyticsReport } from "./use-analytics";
import { useAnalyticsFormat } from "./use-format";

const FUNNEL = ["recipients", "sent", "delivered", "read", "replied"] as const;

function useStatusName(): (status: string) => string {
  const t = useTranslations("analytics.campaigns.statuses");
  return (status) => ((CAMPAIGN_STATUSES as readonly string[]).includes(status) ? t(status as CampaignStatus) : status);
}

/** The newest ten campaigns' funnels side by side: recipients → sent → delivered → read → replied. */
function FunnelsChart({ rows }: { rows: readonly CampaignRow[] }) {
  const t = useTranslations("analytics.campaigns.chart");
  const figures = useAnalyticsFormat();
  const newest = newestCampaigns(rows, 10);
  const data = newest.map((row) => ({ campaign: row.name, recipients: row.recipients, sent: row.sent, delivered: row.delivered, read: row.read, replied: row.replied }));
  const columns = [
    { key: "campaign", label: t("columns.campaign") },
    ...FUNNEL.map((key) => ({ key, label: t(`series.${key}`), numeric: true })),
    { key: "replyRate", label: t("columns.replyRate"), numeric: true, format: (value: string | number | null) => figures.share(typeof value === "number" ? value : null) },
  ];
  const csvRows = newest.map((row, index) => ({ ...data[index]!, replyRate: row.replyRate }));
  return (
    <ChartFigure title={t("title")} caption={t("caption", { count: newest.length, total: rows.length })} csvName="campaign-funnels" columns={columns} rows={csvRows}>
      <Bars
        data={data}
        categoryKey="campaign"
        series={FUNNEL.map((key, index) => ({ key, label: t(`series.${key}`), colour: SERIES_COLOURS[index]! }))}
        summary={t("summary", { count: newest.length })}
        testId="campaign-funnels-chart"
      />
    </ChartFigure>
  );
}

/** Every campaign of the period with its funnel, reply rate, failures and cost; each name opens its results. */
function CampaignsTable({ rows }: { rows: readonly CampaignRow[] }) {
  const t = useTranslations("analytics.campaigns.table");
  const format = useFormatter();
  const statusName = useStatusName();
  return (
    <Table>
      <TableCaption className="text-start">{t("caption")}</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>{t("columns.campaign")}</TableHead>
          <TableHead>{t("columns.status")}</TableHead>
          <TableHead>{t("columns.started")}</TableHead>
          <TableHead className="text-end">{t("columns.recipients")}</TableHead>
          <TableHead className="text-end">{t("columns.sent")}</TableHead>
          <TableHead className="text-end">{t("columns.delivered")}</TableHead>
          <TableHead className="text-end">{t("columns.read")}</TableHead>
          <TableHead className="text-end">{t("columns.replied")}</TableHead>
          <TableHead className="text-end" title={t("explanations.replyRate")}>
            {t("columns.replyRate")}
          </TableHead>
          <TableHead className="text-end">{t("columns.failed")}</TableHead>
          <TableHead className="text-end" title={t("explanations.cost")}>
            {t("columns.cost")}
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {newestCampaigns(rows, rows.length).map((row) => (
          <TableRow key={row.id} data-campaign={row.id}>
            <TableCell className="font-medium">
              <Link href={`/campaigns/${row.id}`} className="underline-offset-4 hover:underline focus-visible:underline">
                <bdi dir="auto">{row.name}</bdi>
              </Link>
            </TableCell>
            <TableCell>{statusName(row.status)}</TableCell>
            <TableCell className="text-muted-foreground">{row.startedAt ? format.dateTime(new Date(row.startedAt), { dateStyle: "medium", timeStyle: "short" }) : t("notStarted")}</TableCell>
            <TableCell className="text-end tabular-nums">
              <Figure value={row.recipients} />
            </TableCell>
            <TableCell className="text-end tabular-nums">
              <Figure value={row.sent} />
            </TableCell>
            <TableCell className="text-end tabular-nums">
              <Figure value={row.delivered} />
            </TableCell>
            <TableCell className="text-end tabular-nums">
              <Figure value={row.read} />
            </TableCell>
            <TableCell className="text-end tabular-nums">
              <Figure value={row.replied} />
            </TableCell>
            <TableCell className="text-end tabular-nums" data-rate="reply">
              <Rate share={row.replyRate} />
            </TableCell>
            <TableCell className="text-end tabular-nums">
              <Figure value={row.failed} />
            </TableCell>
            <TableCell className="text-end" data-cost={row.id}>
              <CostCell summary={row.cost} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The Campaigns tab's figures (exported for its rendering test). */
export function CampaignsReportView({ report }: { report: CampaignsReport }) {
  const t = useTranslations("analytics.campaigns");
  const id = useId();
  if (report.rows.length === 0) {
    return (
      <EmptyState
        icon={MegaphoneIcon}
        title={t("empty.title")}
        description={t("empty.description")}
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/campaigns">{t("empty.action")}</Link>
          </Button>
        }
      />
    );
  }
  return (
    <div className="grid gap-8">
      <FunnelsChart rows={report.rows} />
      <ReportSection id={`${id}-table`} title={t("table.title")} description={t("table.description")}>
        <CampaignsTable rows={report.rows} />
      </ReportSection>
    </div>
  );
}

/** Campaigns: their funnels side by side, reply rates, failures and what each cost. */
export function CampaignsTab() {
  const query = useAnalyticsReport<CampaignsReport>("campaigns");
  return <ReportBody query={query}>{(report) => <CampaignsReportView report={report} />}</ReportBody>;
}
