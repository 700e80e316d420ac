/**
 * Durations as analytics reports them: the open time of a business number between two instants (its
 * weekly hours, holidays and time zone, DST included), and the spread of a set of durations (median and
 * 90th percentile). Pure: no database, no clock.
 */
import { openingsOn, type BusinessSchedule } from "@/lib/whatsapp/business-hours";
import { DAY_MS, wallDayAt } from "@/lib/whatsapp/zoned-time";

import type { DurationStats } from "./views";

interface Opening {
  start: number;
  end: number;
}

/** A day's openings (lib/whatsapp/business-hours.ts), memoised per schedule object: a report measures thousands of durations on a handful of schedules. */
const openingsMemo = new WeakMap<BusinessSchedule, Map<number, Opening[]>>();

function memoisedOpeningsOn(schedule: BusinessSchedule, day: number, holidays: ReadonlySet<string>): Opening[] {
  let memo = openingsMemo.get(schedule);
  if (!memo) {
    memo = new Map();
    openingsMemo.set(schedule, memo);
  }
  let openings = memo.get(day);
  if (!openings) {
    openings = openingsOn(schedule, day, holidays);
    memo.set(day, openings);
  }
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
    for (const opening of memoisedOpeningsOn(schedule, day, holidays)) {
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
