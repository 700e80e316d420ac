"use client";

import { DownloadIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { toast } from "@/components/ui/toast";
import { neutralisedRow } from "@/lib/csv";
import { cn } from "@/lib/utils";

import { useResolvedRange } from "./use-analytics";

export type FigureValue = string | number | null;

export interface FigureColumn {
  key: string;
  label: string;
  /** How the table shows a value (the CSV keeps the raw value, so a spreadsheet can compute with it). */
  format?: (value: FigureValue) => string;
  /** Right-aligned figures (numbers); text columns stay at the start. */
  numeric?: boolean;
  /** The CSV header when the raw value needs its unit said (e.g. "Median first response (seconds)"). */
  csvLabel?: string;
}

export type FigureRow = Record<string, FigureValue>;

/** A CSV file name: letters, digits, dashes; the range's dates when known. */
export function csvFileName(csvName: string, range: { from: string; to: string } | null): string {
  const base = csvName.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "") || "analytics";
  return range ? `${base}-${range.from}-${range.to}.csv` : `${base}.csv`;
}

/** The CSV lines of a figure: the columns' labels, then each row's raw values, formulas neutralised. */
export function csvLines(columns: readonly FigureColumn[], rows: readonly FigureRow[]): string[][] {
  const header = columns.map((column) => column.csvLabel ?? column.label);
  const body = rows.map((row) => columns.map((column) => {
    const value = row[column.key];
    return value === null || value === undefined ? "" : String(value);
  }));
  return [header, ...body].map(neutralisedRow);
}

async function downloadCsv(fileName: string, lines: string[][]): Promise<void> {
  // Loaded on the first export only: most readers never export.
  const { stringify } = await import("csv-stringify/sync");
  // The byte order mark lets spreadsheets read names in any script as UTF-8.
  const blob = new Blob(["\uFEFF", stringify(lines)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; give it a moment before letting go of the bytes.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The figure's numbers as an accessible table, captioned with its title. */
export function FigureTable({ title, columns, rows, className }: { title: string; columns: readonly FigureColumn[]; rows: readonly FigureRow[]; className?: string }) {
  const t = useTranslations("analytics.figure");
  const format = useFormatter();
  const shown = (column: FigureColumn, value: FigureValue) => {
    if (column.format) return column.format(value);
    if (value === null || value === undefined) return t("none");
    return typeof value === "number" ? format.number(value) : value;
  };
  return (
    <div className={cn("max-h-96 overflow-auto rounded-md border", className)}>
      <Table>
        <TableCaption className="sr-only">{title}</TableCaption>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            {columns.map((column) => (
              <TableHead key={column.key} scope="col" className={cn("h-auto py-2 align-bottom whitespace-normal", column.numeric && "text-end")}>
                {column.label}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow className="hover:bg-transparent">
              <TableCell colSpan={columns.length} className="text-center text-muted-foreground">
                {t("noRows")}
              </TableCell>
            </TableRow>
          ) : (
            rows.map((row, index) => (
              <TableRow key={index}>
                {columns.map((column) => (
                  <TableCell key={column.key} className={cn(column.numeric && "text-end tabular-nums")}>
                    {column.numeric ? <bdi dir="ltr">{shown(column, row[column.key] ?? null)}</bdi> : <span dir="auto">{shown(column, row[column.key] ?? null)}</span>}
                  </TableCell>
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * A chart with its caption, its numbers one toggle away as a table, and an "Export CSV" of those numbers
 * (named `<csvName>-<from>-<to>.csv`). Without a chart (`children`), the table alone with its export.
 */
export function ChartFigure({
  title,
  caption,
  csvName,
  columns,
  rows,
  children,
  className,
}: {
  title: string;
  /** One sentence saying what the chart shows. */
  caption: React.ReactNode;
  csvName: string;
  columns: Array<FigureColumn>;
  rows: Array<FigureRow>;
  children?: React.ReactNode;
  className?: string;
}) {
  const t = useTranslations("analytics.figure");
  const range = useResolvedRange();
  const [view, setView] = React.useState<"chart" | "table">("chart");
  const [exporting, setExporting] = React.useState(false);

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadCsv(csvFileName(csvName, range), csvLines(columns, rows));
    } catch {
      toast.error(t("exportFailed"));
    } finally {
      setExporting(false);
    }
  };

  const exportButton = (
    <Button type="button" variant="outline" size="sm" onClick={onExport} disabled={exporting} aria-label={t("exportLabel", { title })}>
      <DownloadIcon aria-hidden="true" />
      {t("exportCsv")}
    </Button>
  );

  const figcaption = (
    <figcaption className="col-start-1 row-start-1 min-w-0 space-y-0.5">
      <span className="block text-sm font-medium">{title}</span>
      <span className="block text-xs text-muted-foreground">{caption}</span>
    </figcaption>
  );

  // The caption stays a direct child of the figure (it names it); the grid puts the controls beside it.
  return (
    <figure className={cn("grid min-w-0 grid-cols-[minmax(0,1fr)_auto] items-start gap-3 rounded-lg border bg-card p-4", className)} data-slot="chart-figure">
      {figcaption}
      {children ? (
        <Tabs value={view} onValueChange={(value) => setView(value === "table" ? "table" : "chart")} className="contents">
          <div className="col-start-2 row-start-1 flex flex-wrap items-center justify-end gap-2">
            <TabsList aria-label={t("viewLabel", { title })}>
              <TabsTrigger value="chart">{t("chart")}</TabsTrigger>
              <TabsTrigger value="table">{t("table")}</TabsTrigger>
            </TabsList>
            {exportButton}
          </div>
          <TabsContent value="chart" className="col-span-2 min-w-0">
            {children}
          </TabsContent>
          <TabsContent value="table" className="col-span-2 min-w-0">
            <FigureTable title={title} columns={columns} rows={rows} />
          </TabsContent>
        </Tabs>
      ) : (
        <>
          <div className="col-start-2 row-start-1">{exportButton}</div>
          <FigureTable title={title} columns={columns} rows={rows} className="col-span-2" />
        </>
      )}
    </figure>
  );
}
