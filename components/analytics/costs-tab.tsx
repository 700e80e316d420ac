"use client";

import { InfoIcon, ReceiptIcon } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";

import { EmptyState } from "@/components/empty-state";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CostsReport } from "@/lib/analytics/views";
import { PRICE_CATEGORIES, type PriceCategory } from "@/lib/campaigns/price-categories";
import { formatMoney } from "@/lib/i18n/format";

import { Bars, SERIES_COLOURS } from "./bar-chart";
import { DailyBars } from "./charts";
import { ChartFigure } from "./chart-figure";
import { Metric } from "./metric";
import { costFigures, freeMessagesByKind, groupCostLines, type CostGroup } from "./report-figures";
import { Figure, ReportSection, useCostWords, useCountryName } from "./report-parts";
import { ReportBody } from "./report-state";
import { useAnalyticsReport } from "./use-analytics";

const MONTH = /^\d{4}-\d{2}$/;

function useCategoryName(): (category: string | null) => string {
  const t = useTranslations("analytics.costs.categories");
  return (category) => {
    const key = category?.toLowerCase();
    if (key && (PRICE_CATEGORIES as readonly string[]).includes(key)) return t(key as PriceCategory);
    return category ?? t("unknown");
  };
}

function useMonthLabel(): (month: string) => string {
  const format = useFormatter();
  return (month) => (MONTH.test(month) ? format.dateTime(new Date(`${month}-15T12:00:00Z`), { month: "long", year: "numeric", timeZone: "UTC" }) : month);
}

/** Money of a group in the report's currency, or "" (the table shows a dash) when no amount is known. */
function useGroupAmount(currency: string | null): (amount: number | null) => string {
  const format = useFormatter();
  return (amount) => (amount !== null && currency ? formatMoney(format, amount, currency) : "");
}

function CostMetrics({ report }: { report: CostsReport }) {
  const t = useTranslations("analytics.costs.metrics");
  const figures = useTranslations("analytics.costs.figures");
  const costWords = useCostWords();
  const format = useFormatter();
  const monthLabel = useMonthLabel()(report.month.month);
  const charged = costWords(report.charged);
  const saved = costWords(report.saved);
  const monthToDate = costWords(report.month.charged);
  const forecastAmount = report.month.forecastTotal === null ? Number.NaN : Number(report.month.forecastTotal);
  const forecast =
    Number.isFinite(forecastAmount) && report.month.currency ? formatMoney(format, forecastAmount, report.month.currency) : costFigures(report.month.charged).priced ? t("unknown") : t("none");
  // A second sentence only when some rates were unknown, joined as the reader's language joins sentences.
  const withUnknown = (explanation: string, count: number) => (count > 0 ? figures("sentences", { first: explanation, second: t("unknownNote", { count }) }) : explanation);
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Metric label={t("charged.label")} value={charged.amount ?? t("none")} explanation={withUnknown(t("charged.explanation"), report.charged.unknownCount)} />
      <Metric label={t("saved.label")} value={saved.amount ?? t("none")} explanation={withUnknown(t("saved.explanation"), report.saved.unknownCount)} />
      <Metric
        label={t("monthToDate.label", { month: monthLabel })}
        value={monthToDate.amount ?? t("none")}
        explanation={withUnknown(t("monthToDate.explanation", { month: monthLabel }), report.month.charged.unknownCount)}
      />
      <Metric
        label={t("forecast.label", { month: monthLabel })}
        value={forecast}
        explanation={t("forecast.explanation", { month: monthLabel, elapsed: report.month.daysElapsed, days: report.month.daysInMonth })}
      />
    </div>
  );
}

/** Charged messages by category: bars of the amount when one currency gives one, else of the messages. */
function ByCategory({ report }: { report: CostsReport }) {
  const t = useTranslations("analytics.costs.byCategory");
  const categoryName = useCategoryName();
  const money = useGroupAmount(report.charged.currency);
  const groups = groupCostLines(report.charged, (line) => line.category);
  const inMoney = report.charged.currency !== null && groups.some((group) => group.amount !== null);
  const rows = groups.map((group) => ({ category: categoryName(group.key), messages: group.messages, amount: group.amount, unknown: group.unknown }));
  const columns = [
    { key: "category", label: t("columns.category") },
    { key: "messages", label: t("columns.messages"), numeric: true },
    { key: "amount", label: t("columns.amount", { currency: report.charged.currency ?? "" }), numeric: true, format: (value: string | number | null) => (typeof value === "number" ? money(value) : "") },
    { key: "unknown", label: t("columns.unknown"), numeric: true },
  ];
  return (
    <ChartFigure title={t("title")} caption={inMoney ? t("captionAmount") : t("captionMessages")} csvName="costs-by-category" columns={columns} rows={rows}>
      <Bars
        data={rows}
        categoryKey="category"
        series={[{ key: inMoney ? "amount" : "messages", label: inMoney ? t("series.amount") : t("series.messages"), colour: SERIES_COLOURS[0] }]}
        summary={t("summary", { count: rows.length })}
        formatValue={inMoney ? (value) => money(value) : undefined}
        height={220}
        testId="costs-by-category-chart"
      />
    </ChartFigure>
  );
}

function AmountCell({ group, currency }: { group: CostGroup; currency: string | null }) {
  const t = useTranslations("analytics.costs.figures");
  const amount = useGroupAmount(currency)(group.amount);
  return (
    <span className="inline-flex flex-col items-end leading-tight">
      {amount ? (
        <bdi dir="ltr" className="tabular-nums">
          {amount}
        </bdi>
      ) : (
        <span className="text-muted-foreground">{t("unknown")}</span>
      )}
      {group.unknown > 0 ? <span className="text-xs text-muted-foreground">{t("unknownFor", { count: group.unknown })}</span> : null}
    </span>
  );
}

function ByCountry({ report }: { report: CostsReport }) {
  const t = useTranslations("analytics.costs.byCountry");
  const id = useId();
  const countryName = useCountryName();
  const groups = groupCostLines(report.charged, (line) => line.country);
  return (
    <ReportSection id={`${id}-country`} title={t("title")}>
      <Table>
        <TableCaption className="text-start">{t("caption")}</TableCaption>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>{t("columns.country")}</TableHead>
            <TableHead className="text-end">{t("columns.messages")}</TableHead>
            <TableHead className="text-end">{t("columns.amount")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {groups.map((group) => (
            <TableRow key={group.key ?? "none"} data-country={group.key ?? "none"}>
              <TableCell>{group.key ? countryName(group.key) : t("unknownCountry")}</TableCell>
              <TableCell className="text-end tabular-nums">
                <Figure value={group.messages} />
              </TableCell>
              <TableCell className="text-end">
                <AmountCell group={group} currency={report.charged.currency} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ReportSection>
  );
}

function FreeMessages({ report }: { report: CostsReport }) {
  const t = useTranslations("analytics.costs.free");
  const figures = useTranslations("analytics.costs.figures");
  const id = useId();
  const saved = useCostWords()(report.saved);
  const kinds = freeMessagesByKind(report.saved.byType);
  const savedFigures = costFigures(report.saved);
  // No known rate at all: say that, rather than "worth Unknown".
  const savedCaption = !saved.amount
    ? t("caption")
    : savedFigures.amount === null && savedFigures.unknownCount > 0
      ? t("savedUnknown", { count: savedFigures.unknownCount })
      : saved.unknown
        ? figures("sentences", { first: t("savedTotal", { amount: saved.amount }), second: saved.unknown })
        : t("savedTotal", { amount: saved.amount });
  return (
    <ReportSection id={`${id}-free`} title={t("title")} description={t("description")}>
      {kinds.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("none")}</p>
      ) : (
        <Table>
          <TableCaption className="text-start">{savedCaption}</TableCaption>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>{t("columns.kind")}</TableHead>
              <TableHead className="text-end">{t("columns.messages")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {kinds.map((row) => (
              <TableRow key={row.kind} data-free-kind={row.kind}>
                <TableCell title={t(`explanations.${row.kind}`)}>{t(`kinds.${row.kind}`)}</TableCell>
                <TableCell className="text-end tabular-nums">
                  <Figure value={row.count} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </ReportSection>
  );
}

function DailyChart({ report }: { report: CostsReport }) {
  const t = useTranslations("analytics.costs.daily");
  const rows = report.days.map((day) => ({ date: day.date, charged: day.charged, free: day.free }));
  const totals = report.days.reduce((sum, day) => ({ charged: sum.charged + day.charged, free: sum.free + day.free }), { charged: 0, free: 0 });
  const series = [
    { key: "charged", label: t("series.charged"), colour: SERIES_COLOURS[0] },
    { key: "free", label: t("series.free"), colour: SERIES_COLOURS[1] },
  ];
  const columns = [{ key: "date", label: t("columns.date") }, ...series.map(({ key, label }) => ({ key, label, numeric: true }))];
  return (
    <ChartFigure title={t("title")} caption={t("caption")} csvName="costs-daily" columns={columns} rows={rows}>
      <DailyBars data={rows} series={series} stacked summary={t("summary", { days: report.days.length, charged: totals.charged, free: totals.free })} />
    </ChartFigure>
  );
}

/** The link to the price table is for everyone who sees this tab: viewing costs and editing rates go to the same roles (marketer, admin). */
function CostNotes() {
  const t = useTranslations("analytics.costs.notes");
  return (
    <Alert variant="info">
      <InfoIcon aria-hidden="true" />
      <AlertDescription className="grid gap-1">
        <p>{t("agentFilter")}</p>
        <p>
          {t.rich("unknownRates", {
            link: (chunks) => (
              <Link href="/settings/pricing" className="font-medium underline underline-offset-4">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </AlertDescription>
    </Alert>
  );
}

/** The Costs tab's figures (exported for its rendering test). */
export function CostsReportView({ report }: { report: CostsReport }) {
  const t = useTranslations("analytics.costs");
  const nothing = !costFigures(report.charged).priced && !costFigures(report.saved).priced && report.saved.byType.length === 0 && !costFigures(report.month.charged).priced;
  return (
    <div className="grid gap-8">
      <CostNotes />
      {nothing ? (
        <EmptyState icon={ReceiptIcon} title={t("empty.title")} description={t("empty.description")} />
      ) : (
        <>
          <CostMetrics report={report} />
          {report.charged.lines.length > 0 ? (
            <>
              <ByCategory report={report} />
              <ByCountry report={report} />
            </>
          ) : (
            <p className="text-sm text-muted-foreground">{t("noCharged")}</p>
          )}
          <FreeMessages report={report} />
          <DailyChart report={report} />
        </>
      )}
    </div>
  );
}

/** Costs: what WhatsApp charged, by category and country, what free messages saved, and the month's forecast. */
export function CostsTab() {
  const query = useAnalyticsReport<CostsReport>("costs");
  return <ReportBody query={query}>{(report) => <CostsReportView report={report} />}</ReportBody>;
}
