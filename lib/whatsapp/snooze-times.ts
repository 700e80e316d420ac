/**
 * When a snoozed conversation comes back: the snooze menu's choices ("in 1 hour", "in 3 hours",
 * "tomorrow 9:00", "next Monday 9:00") and a custom date and time, all read in the agent's time zone.
 * "In N hours" is elapsed time; the others are wall-clock times, so a daylight-saving change between
 * now and then does not shift them. Pure and browser-safe (Intl only).
 */
import {
  DAY_MS,
  HOUR_MS,
  instantAt,
  isoDateOf,
  isoWeekdayOf,
  MINUTE_MS,
  parseClockTime,
  parseIsoDate,
  wallDayAt,
  wallTimeOf,
  type WallClockFields,
} from "./zoned-time";

/** The furthest a conversation may be snoozed: past it, nobody remembers why. */
export const SNOOZE_MAX_DAYS = 90;
/** The hour the day-based choices wake at, on the agent's wall clock. */
export const SNOOZE_MORNING_HOUR = 9;

export type SnoozePreset = "in1Hour" | "in3Hours" | "tomorrowMorning" | "nextMondayMorning";
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ["in1Hour", "in3Hours", "tomorrowMorning", "nextMondayMorning"];

/** The zone's wall clock at an instant, field by field. */
export { wallClockAt } from "./zoned-time";

/**
 * The instant a wall-clock time names in a zone. A time a daylight-saving change skips lands as far
 * after the change as it was after the last valid minute (2:30 on a 2:00→3:00 night is 3:30); a time
 * that occurs twice (clocks going back) is the first of the two.
 */
export function instantOfWallClock(wall: WallClockFields, timeZone: string): Date {
  return new Date(instantAt(wallTimeOf(wall), timeZone));
}

/** When a preset choice, taken at `now`, brings the conversation back in `timeZone`. */
export function snoozePresetUntil(preset: SnoozePreset, now: Date, timeZone: string): Date {
  if (preset === "in1Hour") return new Date(now.getTime() + HOUR_MS);
  if (preset === "in3Hours") return new Date(now.getTime() + 3 * HOUR_MS);
  const today = wallDayAt(now, timeZone);
  // Tomorrow; or the Monday after today (a week ahead when today is Monday).
  const days = preset === "tomorrowMorning" ? 1 : 8 - isoWeekdayOf(today);
  return new Date(instantAt(today + days * DAY_MS + SNOOZE_MORNING_HOUR * HOUR_MS, timeZone));
}

/** Every preset with its instant, in the menu's order. */
export function snoozeChoices(now: Date, timeZone: string): Array<{ preset: SnoozePreset; until: Date }> {
  return SNOOZE_PRESETS.map((preset) => ({ preset, until: snoozePresetUntil(preset, now, timeZone) }));
}

/** Why a snooze time cannot be taken; null when it can. */
export type SnoozeTimeProblem = "dateMissing" | "timeMissing" | "invalid" | "past" | "tooFar";

/** The latest instant a snooze taken at `now` may end. */
export function latestSnoozeUntil(now: Date): Date {
  return new Date(now.getTime() + SNOOZE_MAX_DAYS * DAY_MS);
}

/** Checks an instant against the rules the server applies: in the future, at most SNOOZE_MAX_DAYS ahead. */
export function snoozeUntilProblem(until: Date, now: Date): "past" | "tooFar" | null {
  if (until.getTime() <= now.getTime()) return "past";
  if (until.getTime() > latestSnoozeUntil(now).getTime()) return "tooFar";
  return null;
}

/** A custom date ("YYYY-MM-DD") and time ("HH:MM") on the zone's wall clock, as an instant; null when not a real date and time. */
export function customSnoozeUntil(date: string, time: string, timeZone: string): Date | null {
  const day = parseIsoDate(date);
  const minutes = parseClockTime(time);
  if (day === null || minutes === undefined) return null;
  return new Date(instantAt(day + minutes * MINUTE_MS, timeZone));
}

/** The custom form's problem, if any, for a date and time in the zone. */
export function customSnoozeProblem(date: string, time: string, timeZone: string, now: Date): SnoozeTimeProblem | null {
  if (!date) return "dateMissing";
  if (!time) return "timeMissing";
  const until = customSnoozeUntil(date, time, timeZone);
  if (!until) return "invalid";
  return snoozeUntilProblem(until, now);
}

/** The custom form's first values: tomorrow at the morning hour, in the zone. */
export function customSnoozeDefaults(now: Date, timeZone: string): { date: string; time: string } {
  const tomorrow = wallDayAt(now, timeZone) + DAY_MS;
  return { date: isoDateOf(tomorrow), time: `${String(SNOOZE_MORNING_HOUR).padStart(2, "0")}:00` };
}
