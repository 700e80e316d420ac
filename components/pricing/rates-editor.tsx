"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, PlusIcon, SaveIcon, Trash2Icon } from "lucide-react";
import { useNow, useTimeZone, useTranslations } from "next-intl";
import { useAction } from "next-safe-action/hooks";
import { useId, useState, type FormEvent } from "react";

import { getRouteJson } from "@/components/data/route-json";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { readActionResult } from "@/lib/action-result";
import { saveRatesAction } from "@/lib/actions/pricing";
import { queryKeys } from "@/lib/query-keys";

import type { CountryChoice } from "./countries";
import { newRow, PRICE_CATEGORIES, rateProblems, ratesChanged, ratesInput, rowFromRate, type PriceRateLike, type RateField, type RateRow } from "./rates";

/** The price table as the server has it (the page hydrates it). */
export function usePriceRates() {
  return useQuery({ queryKey: queryKeys.pricing.rates(), queryFn: () => getRouteJson<PriceRateLike[]>("/api/pricing") });
}

/** Today's date in the reader's zone, as a date field writes it. */
function isoDay(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA-u-nu-latn", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

let rowCounter = 0;
const nextKey = () => `rate-${++rowCounter}`;

/**
 * Settings › Pricing: one row per country and category with its currency, amount (empty: unknown),
 * source and date. Edited in place, checked here, saved together.
 */
export function RatesEditor({ countries }: { countries: CountryChoice[] }) {
  const rates = usePriceRates();
  if (!rates.data) return null;
  return <RatesForm key={JSON.stringify(rates.data)} saved={rates.data} countries={countries} />;
}

function RatesForm({ saved, countries }: { saved: PriceRateLike[]; countries: CountryChoice[] }) {
  const t = useTranslations("pricing");
  const now = useNow();
  const timeZone = useTimeZone() ?? "UTC";
  const tableId = useId();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<RateRow[]>(() => saved.map((rate) => rowFromRate(rate, nextKey())));
  const [tried, setTried] = useState(false);
  const { execute, result, isPending } = useAction(saveRatesAction, {
    onSuccess: () => {
      toast.success(t("saved"));
      void queryClient.invalidateQueries({ queryKey: queryKeys.pricing.rates() });
    },
  });
  const refused = readActionResult(result);
  const problems = rateProblems(rows);
  const changed = ratesChanged(rows, saved);
  const problemAt = (row: number, field: RateField) => (tried ? problems.find((problem) => problem.row === row && problem.field === field) : undefined);

  const edit = (key: string, patch: Partial<RateRow>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.length > 0) return;
    execute(ratesInput(rows));
  };

  const cellError = (row: number, field: RateField) => {
    const problem = problemAt(row, field);
    return problem ? t(`problems.${problem.kind}`) : undefined;
  };

  return (
    <form noValidate onSubmit={submit} className="grid gap-4">
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <Table aria-label={t("tableLabel")} id={tableId}>
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.country")}</TableHead>
                <TableHead>{t("columns.category")}</TableHead>
                <TableHead>{t("columns.currency")}</TableHead>
                <TableHead>{t("columns.amount")}</TableHead>
                <TableHead>{t("columns.source")}</TableHead>
                <TableHead>{t("columns.effectiveOn")}</TableHead>
                <TableHead>
                  <span className="sr-only">{t("columns.actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row, index) => {
                const position = index + 1;
                const errors = (["country", "category", "currency", "amount", "source", "effectiveOn"] as const)
                  .map((field) => cellError(index, field))
                  .filter((message): message is string => message !== undefined);
                const errorId = `${row.key}-errors`;
                const describedBy = errors.length > 0 ? errorId : undefined;
                return (
                  <TableRow key={row.key} className="align-top">
                    <TableCell>
                      <NativeSelect
                        aria-label={t("fields.country", { row: position })}
                        aria-invalid={Boolean(problemAt(index, "country")) || undefined}
                        aria-describedby={describedBy}
                        value={row.country}
                        onChange={(event) => edit(row.key, { country: event.target.value })}
                        className="w-48"
                      >
                        <option value="">{t("chooseCountry")}</option>
                        {countries.map((country) => (
                          <option key={country.code} value={country.code}>
                            {country.name}
                          </option>
                        ))}
                      </NativeSelect>
                    </TableCell>
                    <TableCell>
                      <NativeSelect
                        aria-label={t("fields.category", { row: position })}
                        aria-invalid={Boolean(problemAt(index, "category")) || undefined}
                        aria-describedby={describedBy}
                        value={row.category}
                        onChange={(event) => edit(row.key, { category: event.target.value })}
                        className="w-44"
                      >
                        {PRICE_CATEGORIES.map((category) => (
                          <option key={category} value={category}>
                            {t(`categories.${category}`)}
                          </option>
                        ))}
                      </NativeSelect>
                    </TableCell>
                    <TableCell>
                      <Input
                        aria-label={t("fields.currency", { row: position })}
                        aria-invalid={Boolean(problemAt(index, "currency")) || undefined}
                        aria-describedby={describedBy}
                        value={row.currency}
                        maxLength={3}
                        dir="ltr"
                        onChange={(event) => edit(row.key, { currency: event.target.value.toUpperCase() })}
                        className="w-20 uppercase"
                      />
                    </TableCell>
                    <TableCell>
                      <Input
                        aria-label={t("fields.amount", { row: position })}
                        aria-invalid={Boolean(problemAt(index, "amount")) || undefined}
                        aria-describedby={describedBy}
                        value={row.amount}
                        inputMode="decimal"
                        dir="ltr"
                        placeholder={t("unknownPlaceholder")}
                        onChange={(event) => edit(row.key, { amount: event.target.value })}
                        className="w-28"
                      />
                    </TableCell>
                    <TableCell>
                      <Input
                        aria-label={t("fields.source", { row: position })}
                        aria-invalid={Boolean(problemAt(index, "source")) || undefined}
                        aria-describedby={describedBy}
                        value={row.source}
                        dir="auto"
                        placeholder={t("sourcePlaceholder")}
                        onChange={(event) => edit(row.key, { source: event.target.value })}
                        className="w-56"
                      />
                    </TableCell>
                    <TableCell>
                      <Input
                        type="date"
                        aria-label={t("fields.effectiveOn", { row: position })}
                        aria-invalid={Boolean(problemAt(index, "effectiveOn")) || undefined}
                        aria-describedby={describedBy}
                        value={row.effectiveOn}
                        onChange={(event) => edit(row.key, { effectiveOn: event.target.value })}
                        className="w-40"
                      />
                      {errors.length > 0 ? (
                        <p id={errorId} className="mt-1 text-xs text-destructive">
                          {errors.join(" ")}
                        </p>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <Button
                        type="button"
                        variant="ghost"
                        size="icon"
                        aria-label={t("remove", { row: position })}
                        onClick={() => setRows((current) => current.filter((entry) => entry.key !== row.key))}
                      >
                        <Trash2Icon aria-hidden="true" />
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      {tried && problems.length > 0 ? <FormError message={t("fixProblems", { count: problems.length })} /> : null}
      {!refused.ok ? <FormError message={refused.message} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="outline" onClick={() => setRows((current) => [...current, newRow(nextKey(), current, isoDay(now, timeZone))])}>
          <PlusIcon aria-hidden="true" />
          {t("add")}
        </Button>
        <Button type="submit" disabled={isPending || !changed}>
          {isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <SaveIcon aria-hidden="true" />}
          {isPending ? t("saving") : t("save")}
        </Button>
        {changed ? <p className="text-xs text-muted-foreground">{t("unsaved")}</p> : null}
      </div>
    </form>
  );
}
