/**
 * The period an analytics report covers: a preset or a custom pair of dates, read on the reader's
 * calendar. Pure and browser-safe: the filter bar and the routes resolve a search the same way.
 */
import {
  DAY_MS,
  firstInstantAtOrAfter,
  isoDateOf,
  parseIsoDate,
  wallClockOf,
  wallDayAt,
  wallTimeOf,
  type WallTime,
} from "@/lib/whatsapp/zoned-time";

import { DEFAULT_RANGE_PRESET, MAX_RANGE_DAYS, RANGE_PRESETS, type AnalyticsSearch, type RangePreset, type ResolvedRange } from "./views";

export type RangeField = "preset" | "from" | "to";
export type RangeProblem = "unknownPreset" | "badDate" | "fromAfterTo" | "tooLong";

export type RangeResult = { ok: true; range: ResolvedRange } | { ok: false; field: RangeField; problem: RangeProblem };

const SEARCH_KEYS = ["preset", "from", "to", "number", "agent", "label", "campaign"] as const satisfies ReadonlyArray<keyof AnalyticsSearch>;

/** The search of /analytics in a query string (the page's URL, a route's): the known parts, trimmed; empty ones left out. */
export function analyticsSearchOf(params: URLSearchParams): AnalyticsSearch {
  const search: AnalyticsSearch = {};
  for (const key of SEARCH_KEYS) {
    const value = params.get(key)?.trim();
    if (value) search[key] = value;
  }
  return search;
}

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === "string" && (RANGE_PRESETS as readonly string[]).includes(value);
}

/** The first day of the month `monthsAgo` months before the reading's month. */
function startOfMonth(day: WallTime, monthsAgo = 0): WallTime {
  const { year, month } = wallClockOf(day);
  // Months below 1 roll back into the previous year (Date.UTC's arithmetic).
  return wallTimeOf({ year, month: month - monthsAgo, day: 1, hour: 0, minute: 0 });
}

/** The first and last dates (midnights on the wall clock) of a preset, seen on `today`. */
function presetDays(preset: Exclude<RangePreset, "custom">, today: WallTime): { from: WallTime; to: WallTime } {
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday":
      return { from: today - DAY_MS, to: today - DAY_MS };
    case "last7":
      return { from: today - 6 * DAY_MS, to: today };
    case "last30":
      return { from: today - 29 * DAY_MS, to: today };
    case "last90":
      return { from: today - 89 * DAY_MS, to: today };
    case "thisMonth":
      return { from: startOfMonth(today), to: today };
    case "lastMonth":
      return { from: startOfMonth(today, 1), to: startOfMonth(today) - DAY_MS };
  }
}

const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === "" ? undefined : value.trim());

/**
 * The range a search names in `timeZone` at `now`, or which part of it is wrong. No preset: the
 * default, unless dates are given (then custom). A custom range is both dates, inclusive, at most
 * MAX_RANGE_DAYS long. `start` is the first instant of the first day and `end` the first instant of
 * the day after the last, so a day that lasts 23 or 25 hours (a clock change) is covered exactly.
 */
export function resolveRange(search: { preset?: string; from?: string; to?: string }, timeZone: string, now: Date): RangeResult {
  const fromText = given(search.from);
  const toText = given(search.to);
  const presetText = given(search.preset) ?? (fromText !== undefined || toText !== undefined ? "custom" : DEFAULT_RANGE_PRESET);
  if (!isRangePreset(presetText)) return { ok: false, field: "preset", problem: "unknownPreset" };

  let days: { from: WallTime; to: WallTime };
  if (presetText === "custom") {
    const from = fromText === undefined ? null : parseIsoDate(fromText);
    if (from === null) return { ok: false, field: "from", problem: "badDate" };
    const to = toText === undefined ? null : parseIsoDate(toText);
    if (to === null) return { ok: false, field: "to", problem: "badDate" };
    if (from > to) return { ok: false, field: "to", problem: "fromAfterTo" };
    days = { from, to };
  } else {
    days = presetDays(presetText, wallDayAt(now, timeZone));
  }

  const count = Math.round((days.to - days.from) / DAY_MS) + 1;
  if (count > MAX_RANGE_DAYS) return { ok: false, field: "to", problem: "tooLong" };
  return {
    ok: true,
    range: {
      preset: presetText,
      from: isoDateOf(days.from),
      to: isoDateOf(days.to),
      // A midnight the clock jumps over (a zone that changes at 0:00): the day starts at the jump.
      start: new Date(firstInstantAtOrAfter(days.from, timeZone)).toISOString(),
      end: new Date(firstInstantAtOrAfter(days.to + DAY_MS, timeZone)).toISOString(),
      timeZone,
      days: count,
    },
  };
}

/** Every local date of a range, "YYYY-MM-DD", from `from` to `to` inclusive (none when `to` is before `from`). */
export function datesOfRange(from: string, to: string): string[] {
  const first = parseIsoDate(from);
  const last = parseIsoDate(to);
  if (first === null || last === null) return [];
  const dates: string[] = [];
  for (let day = first; day <= last; day += DAY_MS) dates.push(isoDateOf(day));
  return dates;
}
