"use client";

import { ChevronDownIcon, CircleAlertIcon, FileTextIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";

import { EmptyState } from "@/components/empty-state";
import { useTemplateLanguageName } from "@/components/templates/language-name";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { FormError } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { MetaTemplatesReport, TemplateRow, TemplatesReport } from "@/lib/analytics/views";
import { explainKnownGraphError, formatErrorLabel } from "@/lib/whatsapp/errors";
import { useErrorWords } from "@/lib/whatsapp/use-error-words";

import { Bars, SERIES_COLOURS } from "./bar-chart";
import { ChartFigure } from "./chart-figure";
import { templateRates, topTemplates } from "./report-figures";
import { Figure, Rate, ReportSection } from "./report-parts";
import { ReportBody, useReportErrorText } from "./report-state";
import { useAnalyticsReport } from "./use-analytics";
import { useAnalyticsFormat } from "./use-format";

const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
const CHART_SERIES = ["sent", "delivered", "read", "replied"] as const;

const templateKey = (row: Pick<TemplateRow, "name" | "language">) => `${row.name}:${row.language}`;

function useCategoryName(): (category: string | null) => string {
  const t = useTranslations("analytics.templates");
  return (category) => {
    const upper = category?.toUpperCase();
    return (TEMPLATE_CATEGORIES as readonly (string | undefined)[]).includes(upper) ? t(`categories.${upper as (typeof TEMPLATE_CATEGORIES)[number]}`) : (category ?? t("categories.unknown"));
  };
}

/** One reason a template failed: the code, the plain explanation when the project's table knows it, else WhatsApp's title. */
function FailureReason({ failure }: { failure: TemplateRow["failures"][number] }) {
  const t = useTranslations("analytics.templates.failures");
  const errorWords = useErrorWords();
  const known = explainKnownGraphError(failure.code);
  const words = known ? errorWords(known) : null;
  const title = words?.title ?? failure.title ?? t("unknownError");
  return (
    <li className="grid gap-0.5 py-2" data-error-code={failure.code ?? undefined}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-medium">
          <bdi dir="auto">{formatErrorLabel(failure.code ?? undefined, title)}</bdi>
        </span>
        <span className="text-sm tabular-nums text-muted-foreground">{t("count", { count: failure.count })}</span>
      </div>
      <p className="text-sm text-muted-foreground">{words ? words.explanation : failure.title ? <bdi dir="auto">{failure.title}</bdi> : t("noDetails")}</p>
    </li>
  );
}

/** Per template that failed, a disclosure of why (closed by default: a long list would push the table away). */
function FailureDisclosures({ rows }: { rows: readonly TemplateRow[] }) {
  const t = useTranslations("analytics.templates.failures");
  const id = useId();
  const failing = rows.filter((row) => row.failed > 0);
  return (
    <ReportSection id={`${id}-failures`} title={t("title")} description={t("description")}>
      {failing.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("none")}</p>
      ) : (
        <ul className="grid gap-2">
          {failing.map((row) => (
            <li key={templateKey(row)}>
              <details className="group rounded-md border px-3 py-2">
                <summary className="flex cursor-pointer list-none items-center justify-between gap-2 rounded-sm text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring [&::-webkit-details-marker]:hidden">
                  <span>
                    <bdi dir="auto" className="font-medium">
                      {row.name}
                    </bdi>{" "}
                    <span className="text-muted-foreground">({row.language})</span>
                  </span>
                  <span className="flex items-center gap-2 text-muted-foreground">
                    <span className="tabular-nums">{t("failedCount", { count: row.failed })}</span>
                    <ChevronDownIcon aria-hidden="true" className="size-4 transition-transform group-open:rotate-180" />
                  </span>
                </summary>
                {row.failures.length === 0 ? (
                  <p className="py-2 text-sm text-muted-foreground">{t("noDetails")}</p>
                ) : (
                  <ul className="divide-y" aria-label={t("listLabel", { name: row.name })}>
                    {row.failures.map((failure) => (
                      <FailureReason key={`${failure.code ?? "none"}:${failure.title ?? ""}`} failure={failure} />
                    ))}
                  </ul>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </ReportSection>
  );
}

/** Every template sent in the period: our own counts and the rates drawn from them. */
function TemplatesTable({ rows }: { rows: readonly TemplateRow[] }) {
  const t = useTranslations("analytics.templates.table");
  const languageName = useTemplateLanguageName();
  const categoryName = useCategoryName();
  const sorted = topTemplates(rows, rows.length);
  return (
    <Table>
      <TableCaption className="text-start">{t("caption")}</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>{t("columns.template")}</TableHead>
          <TableHead>{t("columns.language")}</TableHead>
          <TableHead>{t("columns.category")}</TableHead>
          <TableHead className="text-end">{t("columns.sent")}</TableHead>
          <TableHead className="text-end">{t("columns.delivered")}</TableHead>
          <TableHead className="text-end">{t("columns.read")}</TableHead>
          <TableHead className="text-end">{t("columns.replied")}</TableHead>
          <TableHead className="text-end">{t("columns.failed")}</TableHead>
          <TableHead className="text-end" title={t("explanations.delivery")}>
            {t("columns.deliveryRate")}
          </TableHead>
          <TableHead className="text-end" title={t("explanations.read")}>
            {t("columns.readRate")}
          </TableHead>
          <TableHead className="text-end" title={t("explanations.reply")}>
            {t("columns.replyRate")}
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((row) => {
          const rates = templateRates(row);
          return (
            <TableRow key={templateKey(row)} data-template={templateKey(row)}>
              <TableCell className="font-medium">
                <bdi dir="auto">{row.name}</bdi>
              </TableCell>
              <TableCell>
                {languageName(row.language)} <span className="text-xs text-muted-foreground">({row.language})</span>
              </TableCell>
              <TableCell>{categoryName(row.category)}</TableCell>
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
              <TableCell className="text-end tabular-nums">
                <Figure value={row.failed} />
              </TableCell>
              <TableCell className="text-end tabular-nums" data-rate="delivery">
                <Rate share={rates.delivery} />
              </TableCell>
              <TableCell className="text-end tabular-nums" data-rate="read">
                <Rate share={rates.read} />
              </TableCell>
              <TableCell className="text-end tabular-nums" data-rate="reply">
                <Rate share={rates.reply} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The ten templates sent most, as grouped bars (sent, delivered, read, replied). */
function TemplatesChart({ rows }: { rows: readonly TemplateRow[] }) {
  const t = useTranslations("analytics.templates.chart");
  const figures = useAnalyticsFormat();
  const top = topTemplates(rows, 10);
  const data = top.map((row) => ({ template: `${row.name} (${row.language})`, sent: row.sent, delivered: row.delivered, read: row.read, replied: row.replied }));
  const columns = [
    { key: "template", label: t("columns.template") },
    ...CHART_SERIES.map((key) => ({ key, label: t(`series.${key}`), numeric: true })),
    { key: "replyRate", label: t("columns.replyRate"), numeric: true, format: (value: string | number | null) => figures.share(typeof value === "number" ? value : null) },
  ];
  const csvRows = top.map((row, index) => ({ ...data[index]!, replyRate: templateRates(row).reply }));
  const totals = top.reduce((sum, row) => ({ sent: sum.sent + row.sent, replied: sum.replied + row.replied }), { sent: 0, replied: 0 });
  return (
    <ChartFigure title={t("title")} caption={t("caption", { count: top.length, total: rows.length })} csvName="templates" columns={columns} rows={csvRows}>
      <Bars
        data={data}
        categoryKey="template"
        series={CHART_SERIES.map((key, index) => ({ key, label: t(`series.${key}`), colour: SERIES_COLOURS[index]! }))}
        summary={t("summary", { count: top.length, sent: totals.sent, replied: totals.replied })}
        testId="templates-chart"
      />
    </ChartFigure>
  );
}

/** The Templates tab's figures from our own messages (exported for its rendering test). */
export function TemplatesReportView({ report }: { report: TemplatesReport }) {
  const t = useTranslations("analytics.templates");
  const id = useId();
  if (report.rows.length === 0) {
    return <EmptyState icon={FileTextIcon} title={t("empty.title")} description={t("empty.description")} />;
  }
  return (
    <div className="grid gap-8">
      <TemplatesChart rows={report.rows} />
      <ReportSection id={`${id}-table`} title={t("table.title")} description={t("table.description")}>
        <TemplatesTable rows={report.rows} />
      </ReportSection>
      <FailureDisclosures rows={report.rows} />
    </div>
  );
}

/** Meta's own figures, apart from ours and labelled as Meta's (exported for its rendering test). */
export function MetaFiguresView({ report }: { report: MetaTemplatesReport }) {
  const t = useTranslations("analytics.templates.meta");
  const languageName = useTemplateLanguageName();
  return (
    <div className="grid gap-3">
      {report.problems.map((problem) => (
        <Alert key={problem.wabaId} variant="warning">
          <CircleAlertIcon aria-hidden="true" />
          <AlertTitle>{t("problemTitle", { wabaId: problem.wabaId })}</AlertTitle>
          <AlertDescription>
            <p>
              {problem.code !== null ? <bdi dir="ltr">{problem.code} · </bdi> : null}
              {problem.message}
            </p>
            {problem.explanation && problem.explanation !== problem.message ? <p>{problem.explanation}</p> : null}
          </AlertDescription>
        </Alert>
      ))}
      {report.rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">{report.available ? t("empty") : t("emptyUnavailable")}</p>
      ) : (
        <Table>
          <TableCaption className="text-start">{t("caption")}</TableCaption>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>{t("columns.template")}</TableHead>
              <TableHead>{t("columns.language")}</TableHead>
              <TableHead className="text-end">{t("columns.sent")}</TableHead>
              <TableHead className="text-end">{t("columns.delivered")}</TableHead>
              <TableHead className="text-end">{t("columns.read")}</TableHead>
              <TableHead className="text-end">{t("columns.clicked")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.rows.map((row) => (
              <TableRow key={row.templateId} data-meta-template={row.templateId}>
                <TableCell className="font-medium">
                  <bdi dir="auto">{row.name}</bdi>
                </TableCell>
                <TableCell>{languageName(row.language)}</TableCell>
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
                  <Figure value={row.clicked} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}

/** Meta's answer for the URL's search, asked once `ready` (our own report of that search is in). */
function MetaFiguresQuery({ ready }: { ready: boolean }) {
  const t = useTranslations("analytics.templates.meta");
  const errorText = useReportErrorText();
  const query = useAnalyticsReport<MetaTemplatesReport>("templates/meta", { enabled: ready });
  if (query.isPending) {
    return (
      <div aria-busy="true" aria-label={t("loading")}>
        <Skeleton className="h-32" />
      </div>
    );
  }
  if (query.isError) return <FormError message={t("loadFailed", { error: errorText(query.error) })} />;
  return <MetaFiguresView report={query.data} />;
}

/** The "Meta's figures" section; Meta is asked only about templates the account still has (an id to ask with). */
function MetaFigures({ askable, ready }: { askable: boolean; ready: boolean }) {
  const t = useTranslations("analytics.templates.meta");
  const id = useId();
  return (
    <ReportSection
      id={`${id}-meta`}
      title={t("title")}
      description={t("note")}
      action={
        <Badge variant="outline" className="shrink-0">
          {t("badge")}
        </Badge>
      }
    >
      {askable ? <MetaFiguresQuery ready={ready} /> : <p className="text-sm text-muted-foreground">{t("noneAskable")}</p>}
    </ReportSection>
  );
}

/** Templates: per template sent, delivered, read, replied and failed (with why), then Meta's own figures. */
export function TemplatesTab() {
  const query = useAnalyticsReport<TemplatesReport>("templates");
  return (
    <ReportBody query={query}>
      {(report) => (
        <div className="grid gap-10">
          <TemplatesReportView report={report} />
          {/* Mounted once our own report is in, and asked again only once our report of a new search is: Meta's slower answer never holds ours back. */}
          {report.rows.length > 0 ? <MetaFigures askable={report.rows.some((row) => row.templateId !== null)} ready={!query.isPlaceholderData} /> : null}
        </div>
      )}
    </ReportBody>
  );
}
