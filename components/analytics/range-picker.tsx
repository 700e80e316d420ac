"use client";

import { useTranslations } from "next-intl";

import { Field, FieldControl } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { DEFAULT_RANGE_PRESET, RANGE_PRESETS, type AnalyticsSearch, type ResolvedRange } from "@/lib/analytics/views";

/** Which date field a server refusal names, and its message. */
export interface RangeProblem {
  field: "preset" | "from" | "to";
  message: string;
}

/**
 * The range: a preset, or "Custom…" with From and To dates (inclusive, in the reader's zone). A change is
 * applied at once; a date the server refuses shows its reason under that date.
 */
export function RangePicker({
  search,
  onChange,
  resolved,
  problem,
}: {
  search: AnalyticsSearch;
  onChange: (next: AnalyticsSearch) => void;
  /** The range last resolved by the server: "Custom…" starts from it. */
  resolved: ResolvedRange | null;
  problem: RangeProblem | null;
}) {
  const t = useTranslations("analytics.range");
  const preset = search.preset ?? (search.from || search.to ? "custom" : DEFAULT_RANGE_PRESET);
  const custom = preset === "custom";

  const choosePreset = (value: string) => {
    if (value === "custom") {
      onChange({ ...search, preset: "custom", from: search.from ?? resolved?.from, to: search.to ?? resolved?.to });
    } else {
      const { from: _from, to: _to, ...rest } = search;
      onChange({ ...rest, preset: value });
    }
  };
  const chooseDate = (field: "from" | "to", value: string) => {
    // An emptied date input keeps the last date: the range always has both ends.
    if (value) onChange({ ...search, preset: "custom", [field]: value });
  };

  return (
    <>
      <Field id="analytics-range" label={t("label")} error={problem?.field === "preset" ? problem.message : undefined} className="w-44">
        <FieldControl>
          <NativeSelect value={preset} onChange={(event) => choosePreset(event.target.value)} className="w-full">
            {RANGE_PRESETS.map((value) => (
              <option key={value} value={value}>
                {t(`presets.${value}`)}
              </option>
            ))}
          </NativeSelect>
        </FieldControl>
      </Field>
      {custom ? (
        <>
          <Field id="analytics-from" label={t("from")} error={problem?.field === "from" ? problem.message : undefined} className="w-40">
            <FieldControl>
              <Input type="date" value={search.from ?? ""} max={search.to} onChange={(event) => chooseDate("from", event.target.value)} />
            </FieldControl>
          </Field>
          <Field id="analytics-to" label={t("to")} error={problem?.field === "to" ? problem.message : undefined} className="w-40">
            <FieldControl>
              <Input type="date" value={search.to ?? ""} min={search.from} onChange={(event) => chooseDate("to", event.target.value)} />
            </FieldControl>
          </Field>
        </>
      ) : null}
    </>
  );
}
