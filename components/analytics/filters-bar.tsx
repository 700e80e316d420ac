"use client";

import { useFormatter, useTranslations } from "next-intl";

import { Field, FieldControl } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import type { AnalyticsOptions, AnalyticsSearch, ResolvedRange } from "@/lib/analytics/views";

import { RangePicker, type RangeProblem } from "./range-picker";

type FilterKey = "number" | "agent" | "label" | "campaign";

/** A refusal of the search by the server, shown at the filter it names. */
export interface SearchProblem {
  field: string;
  message: string;
}

function FilterSelect({
  filter,
  value,
  choices,
  loading,
  error,
  onChange,
}: {
  filter: FilterKey;
  value: string | undefined;
  choices: ReadonlyArray<{ id: string; label: string }>;
  loading: boolean;
  error: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const t = useTranslations("analytics.filters");
  const known = value === undefined || choices.some((choice) => choice.id === value);
  return (
    <Field id={`analytics-${filter}`} label={t(`${filter}.label`)} error={error} className="w-48">
      <FieldControl>
        <NativeSelect value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)} className="w-full" aria-busy={loading || undefined}>
          <option value="">{t(`${filter}.all`)}</option>
          {!known ? <option value={value}>{loading ? t("loading") : t("unknown")}</option> : null}
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.label}
            </option>
          ))}
        </NativeSelect>
      </FieldControl>
    </Field>
  );
}

/** "1–30 Nov 2026 · America/Sao_Paulo": the days the figures cover, as the server resolved them. */
export function ResolvedRangeText({ range }: { range: ResolvedRange }) {
  const t = useTranslations("analytics.range");
  const format = useFormatter();
  // The dates are calendar days already in the reader's zone: read them at noon UTC and show them in UTC.
  const day = (date: string) => new Date(`${date}T12:00:00Z`);
  const options = { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" } as const;
  const dates = range.from === range.to ? format.dateTime(day(range.from), options) : format.dateTimeRange(day(range.from), day(range.to), options);
  return <>{t("resolved", { dates, timeZone: range.timeZone })}</>;
}

/**
 * The filters of /analytics: range, business number, agent (not for agents: they see their own figures),
 * label and campaign, each labelled, "All" clearing it. The URL is the only state.
 */
export function FiltersBar({
  search,
  onChange,
  options,
  optionsLoading,
  viewAll,
  resolved,
  problem,
}: {
  search: AnalyticsSearch;
  onChange: (next: AnalyticsSearch) => void;
  options: AnalyticsOptions | undefined;
  optionsLoading: boolean;
  viewAll: boolean;
  resolved: ResolvedRange | null;
  problem: SearchProblem | null;
}) {
  const t = useTranslations("analytics.filters");
  const rangeProblem: RangeProblem | null =
    problem && (problem.field === "preset" || problem.field === "from" || problem.field === "to") ? { field: problem.field, message: problem.message } : null;
  const errorOf = (filter: FilterKey) => (problem?.field === filter ? problem.message : undefined);
  const set = (filter: FilterKey) => (value: string | undefined) => {
    const next = { ...search };
    if (value) next[filter] = value;
    else delete next[filter];
    onChange(next);
  };

  const numbers = options?.numbers ?? [];
  const agents = (options?.agents ?? []).map((agent) => ({ id: agent.id, label: agent.name }));
  const labels = (options?.labels ?? []).map((label) => ({ id: label.id, label: label.name }));
  const campaigns = (options?.campaigns ?? []).map((campaign) => ({ id: campaign.id, label: campaign.name }));

  return (
    <section aria-label={t("title")} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-start gap-3">
        <RangePicker search={search} onChange={onChange} resolved={resolved} problem={rangeProblem} />
        <FilterSelect filter="number" value={search.number} choices={numbers} loading={optionsLoading} error={errorOf("number")} onChange={set("number")} />
        {viewAll ? <FilterSelect filter="agent" value={search.agent} choices={agents} loading={optionsLoading} error={errorOf("agent")} onChange={set("agent")} /> : null}
        <FilterSelect filter="label" value={search.label} choices={labels} loading={optionsLoading} error={errorOf("label")} onChange={set("label")} />
        {viewAll ? <FilterSelect filter="campaign" value={search.campaign} choices={campaigns} loading={optionsLoading} error={errorOf("campaign")} onChange={set("campaign")} /> : null}
      </div>
      <p className="min-h-5 text-sm text-muted-foreground" aria-live="polite">
        {resolved ? <ResolvedRangeText range={resolved} /> : null}
        {!viewAll ? (
          <>
            {resolved ? " · " : null}
            <span className="font-medium text-foreground">{t("ownFigures")}</span>
          </>
        ) : null}
      </p>
    </section>
  );
}
