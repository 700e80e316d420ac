/**
 * Business hours of a number: a weekly schedule of opening intervals in an IANA time zone, and holidays
 * (whole local days, closed). Pure arithmetic on instants; the wall clock of the zone decides.
 *
 * An interval [from, to) of a local date is open from the first instant the zone's clock reads `from`
 * on that date until the last moment it reads a time before `to`: in a spring-forward gap both ends
 * fall on the transition; in a fall-back overlap the interval opens at the first `from` and closes at
 * the second `to`, so it stays open without a break while the clock repeats an hour.
 */
import { isTimeZone } from "@/i18n/locales";
import { message, type Translatable } from "@/lib/i18n/translatable";

import {
  DAY_MS,
  firstInstantAtOrAfter,
  isoDateOf,
  isoWeekdayOf,
  lastInstantAt,
  MINUTE_MS,
  parseClockTime,
  parseIsoDate,
  wallDayAt,
  type WallTime,
} from "./zoned-time";

export interface OpeningInterval {
  /** "HH:MM", 00:00–23:59. */
  from: string;
  /** "HH:MM" after `from`; "24:00" is the end of the day. */
  to: string;
}

export const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
/** ISO weekday: "1" Monday … "7" Sunday. */
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessSchedule {
  timeZone: string;
  weekly: Record<Weekday, OpeningInterval[]>;
  /** Closed days, "YYYY-MM-DD" in the schedule's zone. */
  holidays: string[];
}

export const MAX_INTERVALS_PER_DAY = 3;
export const MAX_HOLIDAYS = 100;
/** How far the arithmetic looks for an opening (holidays are at most 100 days). */
const HORIZON_DAYS = 400;

// ---------------------------------------------------------------------------------------------
// Local dates and the schedule's openings (the zone's wall clock: zoned-time.ts).
// ---------------------------------------------------------------------------------------------

/** A local date, as its midnight on the wall clock (see zoned-time.ts). */
type LocalDay = WallTime;

function weekdayOf(day: LocalDay): Weekday {
  return String(isoWeekdayOf(day)) as Weekday;
}

/**
 * The opening intervals of one local day (its midnight on the wall clock), as instants [start, end), in
 * order; none on a holiday. An interval opens at the first instant the clock reads `from` and closes at
 * the last instant it reads `to` ("24:00": the next day's first instant).
 */
export function openingsOn(schedule: BusinessSchedule, day: LocalDay, holidays: ReadonlySet<string>): Array<{ start: number; end: number }> {
  if (holidays.has(isoDateOf(day))) return [];
  const openings = [];
  for (const interval of schedule.weekly[weekdayOf(day)] ?? []) {
    const from = parseClockTime(interval.from);
    const to = parseClockTime(interval.to, true);
    if (from === undefined || to === undefined || to <= from) continue;
    const start = firstInstantAtOrAfter(day + from * MINUTE_MS, schedule.timeZone);
    const end = to === 24 * 60 ? firstInstantAtOrAfter(day + DAY_MS, schedule.timeZone) : lastInstantAt(day + to * MINUTE_MS, schedule.timeZone);
    if (end > start) openings.push({ start, end });
  }
  return openings.sort((a, b) => a.start - b.start);
}

/** The first instant of a local day (not always 00:00: a few zones spring forward at midnight). */
function startOfDay(schedule: BusinessSchedule, day: LocalDay): number {
  return firstInstantAtOrAfter(day, schedule.timeZone);
}

function holidaySet(schedule: BusinessSchedule): Set<string> {
  return new Set(schedule.holidays);
}

/** Whether the number is open at the instant. */
export function isOpenAt(schedule: BusinessSchedule, instant: Date): boolean {
  const at = instant.getTime();
  const holidays = holidaySet(schedule);
  const today = wallDayAt(at, schedule.timeZone);
  // A neighbouring day's interval can reach into this day only through a DST transition at its edge.
  for (const day of [today - DAY_MS, today, today + DAY_MS]) {
    if (openingsOn(schedule, day, holidays).some((opening) => opening.start <= at && at < opening.end)) return true;
  }
  return false;
}

/**
 * When the closed period the instant lies in began: the end of the last opening before it, or the
 * start of the holiday (the first day of a run of holidays) when one began since. Stable for every
 * instant of the same closed period, so it can name that period (the away message's key). Null when
 * open; the Unix epoch when the number never opened within the horizon (always closed).
 */
export function closedPeriodStart(schedule: BusinessSchedule, instant: Date): Date | null {
  if (isOpenAt(schedule, instant)) return null;
  const at = instant.getTime();
  const holidays = holidaySet(schedule);
  const today = wallDayAt(at, schedule.timeZone);
  let holidayStart: number | undefined;
  for (let back = 0; back <= HORIZON_DAYS; back += 1) {
    const day = today - back * DAY_MS;
    const ends = openingsOn(schedule, day + DAY_MS, holidays)
      .concat(openingsOn(schedule, day, holidays))
      .map((opening) => opening.end)
      .filter((end) => end <= at);
    if (ends.length > 0) {
      const lastEnd = Math.max(...ends);
      return new Date(holidayStart !== undefined ? Math.max(lastEnd, holidayStart) : lastEnd);
    }
    if (holidayStart === undefined && holidays.has(isoDateOf(day)) && !holidays.has(isoDateOf(day - DAY_MS))) holidayStart = startOfDay(schedule, day);
  }
  return new Date(holidayStart ?? 0);
}

/** The next instant the number opens (the instant itself when open now); null when it never opens within the horizon. */
export function nextOpening(schedule: BusinessSchedule, instant: Date): Date | null {
  if (isOpenAt(schedule, instant)) return instant;
  const at = instant.getTime();
  const holidays = holidaySet(schedule);
  const today = wallDayAt(at, schedule.timeZone);
  for (let ahead = -1; ahead <= HORIZON_DAYS; ahead += 1) {
    const start = openingsOn(schedule, today + ahead * DAY_MS, holidays).find((opening) => opening.start > at)?.start;
    if (start !== undefined) return new Date(start);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Validation.
// ---------------------------------------------------------------------------------------------

/** A problem with one field of a schedule: `timeZone`, `weekly.<day>.<i>.from|to`, `weekly.<day>`, `holidays.<i>`, `holidays`. */
export interface ScheduleProblem {
  field: string;
  message: Translatable;
}

/**
 * Every problem of a schedule, each at its field: a known time zone; times "HH:MM" with `from` before
 * `to`; at most three intervals a day, none overlapping; at most 100 holidays, real dates, no repeats.
 */
export function scheduleProblems(schedule: BusinessSchedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!isTimeZone(schedule.timeZone)) {
    problems.push({ field: "timeZone", message: message("inboxSettings.errors.timeZone") });
  }
  for (const day of WEEKDAYS) {
    const intervals = schedule.weekly[day] ?? [];
    if (intervals.length > MAX_INTERVALS_PER_DAY) {
      problems.push({ field: `weekly.${day}`, message: message("inboxSettings.errors.tooManyIntervals", { maximum: MAX_INTERVALS_PER_DAY }) });
    }
    const valid: Array<{ from: number; to: number; index: number }> = [];
    intervals.forEach((interval, index) => {
      const from = parseClockTime(interval.from);
      const to = parseClockTime(interval.to, true);
      if (from === undefined) problems.push({ field: `weekly.${day}.${index}.from`, message: message("inboxSettings.errors.time") });
      if (to === undefined) problems.push({ field: `weekly.${day}.${index}.to`, message: message("inboxSettings.errors.time") });
      if (from === undefined || to === undefined) return;
      if (to <= from) {
        problems.push({ field: `weekly.${day}.${index}.to`, message: message("inboxSettings.errors.toBeforeFrom", { from: interval.from }) });
        return;
      }
      valid.push({ from, to, index });
    });
    valid.sort((a, b) => a.from - b.from);
    for (let i = 1; i < valid.length; i += 1) {
      if (valid[i]!.from < valid[i - 1]!.to) {
        problems.push({ field: `weekly.${day}.${valid[i]!.index}.from`, message: message("inboxSettings.errors.overlap") });
      }
    }
  }
  if (schedule.holidays.length > MAX_HOLIDAYS) {
    problems.push({ field: "holidays", message: message("inboxSettings.errors.tooManyHolidays", { maximum: MAX_HOLIDAYS }) });
  }
  const seen = new Set<string>();
  schedule.holidays.forEach((holiday, index) => {
    if (parseIsoDate(holiday) === null) problems.push({ field: `holidays.${index}`, message: message("inboxSettings.errors.holidayDate") });
    else if (seen.has(holiday)) problems.push({ field: `holidays.${index}`, message: message("inboxSettings.errors.holidayRepeated") });
    seen.add(holiday);
  });
  return problems;
}

/** The local date ("YYYY-MM-DD") of an instant in the zone: what "a holiday today" means. */
export function localDate(timeZone: string, instant: Date): string {
  return isoDateOf(wallDayAt(instant, timeZone));
}
