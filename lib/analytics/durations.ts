/**
 * Durations as analytics reports them: the open time of a business number between two instants (its
 * weekly hours, holidays and time zone, DST included), and the spread of a set of durations (median and
 * 90th percentile). Pure: no database, no clock.
 */
import type { BusinessSchedule, Weekday } from "@/lib/whatsapp/business-hours";
import { DAY_MS, firstInstantAtOrAfter, isoDateOf, isoWeekdayOf, lastInstantAt, MINUTE_MS, parseClockTime, wallDayAt } from "@/lib/whatsapp/zoned-time";

import type { DurationStats } from "./views";

interface Opening {
  start: number;
  end: number;
}

/**
 * The openings of one local day (its midnight on the wall clock), as instants, by the same rule as
 * lib/whatsapp/business-hours.ts: an interval opens at the first instant the clock reads `from` and
 * closes at the last instant it reads `to` ("24:00": the next day's first instant). Memoised per
 * schedule object: a report measures thousands of durations on a handful of schedules.
 */
const openingsMemo = new WeakMap<BusinessSchedule, Map<number, Opening[]>>();

function openingsOn(schedule: BusinessSchedule, day: number, holidays: ReadonlySet<string>): Opening[] {
  let memo = openingsMemo.get(schedule);
  if (!memo) {
    memo = new Map();
    openingsMemo.set(schedule, memo);
  }
  const known = memo.get(day);
  if (known) return known;
  const openings: Opening[] = [];
  if (!holidays.has(isoDateOf(day))) {
    for (const interval of schedule.weekly[String(isoWeekdayOf(day)) as Weekday] ?? []) {
      const from = parseClockTime(interval.from);
      const to = parseClockTime(interval.to, true);
      if (from === undefined || to === undefined || to <= from) continue;
      const start = firstInstantAtOrAfter(day + from * MINUTE_MS, schedule.timeZone);
      const end = to === 24 * 60 ? firstInstantAtOrAfter(day + DAY_MS, schedule.timeZone) : lastInstantAt(day + to * MINUTE_MS, schedule.timeZone);
      if (end > start) openings.push({ start, end });
    }
  }
  memo.set(day, openings);
  return openings;
}

const holidaySets = new WeakMap<BusinessSchedule, ReadonlySet<string>>();

function holidaysOf(schedule: BusinessSchedule): ReadonlySet<string> {
  let set = holidaySets.get(schedule);
  if (!set) {
    set = new Set(schedule.holidays);
    holidaySets.set(schedule, set);
  }
  return set;
}

/**
 * Seconds the number was open between two instants (0 when `end` is not after `start`). Steps through
 * the local days the span touches, one day at a time, so a span of months costs a few hundred steps.
 */
export function openSecondsBetween(schedule: BusinessSchedule, start: Date, end: Date): number {
  const from = start.getTime();
  const to = end.getTime();
  if (!(to > from)) return 0;
  const holidays = holidaysOf(schedule);
  // A day either side: a neighbouring day's opening can only reach in through a DST change at its edge.
  const firstDay = wallDayAt(from, schedule.timeZone) - DAY_MS;
  const lastDay = wallDayAt(to, schedule.timeZone) + DAY_MS;
  let openMs = 0;
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    for (const opening of openingsOn(schedule, day, holidays)) {
      const overlap = Math.min(opening.end, to) - Math.max(opening.start, from);
      if (overlap > 0) openMs += overlap;
    }
  }
  return Math.round(openMs / 1000);
}

/**
 * The p-th percentile (0 < p ≤ 100) of the values by the nearest-rank method: the smallest value with
 * at least p % of the values at or below it, always one of the values measured (never interpolated).
 * So the median of an even count is the lower of the two middle values. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Count, median and 90th percentile (nearest rank) of durations in seconds. */
export function durationStats(seconds: readonly number[]): DurationStats {
  return { count: seconds.length, medianSeconds: percentile(seconds, 50), p90Seconds: percentile(seconds, 90) };
}

/**
 * Seconds from one instant to another: open seconds only when the number has business hours, else
 * the whole span. Never negative.
 */
export function durationSeconds(schedule: BusinessSchedule | null | undefined, start: Date, end: Date): number {
  if (schedule) return openSecondsBetween(schedule, start, end);
  return Math.max(0, Math.round((end.getTime() - start.getTime()) / 1000));
}
