/**
 * The wall clock of an IANA time zone and the instants it names. Pure and browser-safe (Intl only).
 *
 * A wall-clock reading is carried as a `WallTime`: the milliseconds of the UTC date and time that read
 * the same. Days and minutes then add as plain numbers, and a calendar date is its midnight. Instants
 * are milliseconds since the epoch. Zones change their offset at most once a day, so the offsets in
 * force a day either side of a reading cover every instant that can show it.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A zone's wall-clock reading, as milliseconds of the UTC date and time with the same reading. */
export type WallTime = number;

/** ISO weekday: 1 Monday … 7 Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A date and time on a wall clock, field by field. */
export interface WallClockFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** A wall-clock reading with its seconds and its date's weekday. */
export interface WallClock extends WallClockFields {
  second: number;
  weekday: IsoWeekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for a zone the runtime does not know (i18n/locales.ts `isTimeZone` checks first). */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Fixed Latin digits and a 24-hour clock: the parts are read as numbers, never shown.
    formatter = new Intl.DateTimeFormat("en-US-u-nu-latn", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Date.UTC without its mapping of years 0–99 to 1900–1999. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

const instantMs = (instant: Date | number) => (typeof instant === "number" ? instant : instant.getTime());

/** The zone's wall clock at an instant, to the second. */
export function wallTimeAt(instant: Date | number, timeZone: string): WallTime {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(instantMs(instant)))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  // `% 24`: some runtimes have written midnight as hour 24 despite h23.
  return utcMs(parts.year!, parts.month!, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at an instant (local − UTC, east positive), in milliseconds. */
export function zoneOffsetAt(instant: Date | number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs(instant) / 1000) * 1000;
  return wallTimeAt(wholeSecond, timeZone) - wholeSecond;
}

/** A wall-clock reading from its fields. */
export function wallTimeOf(fields: WallClockFields): WallTime {
  return utcMs(fields.year, fields.month, fields.day, fields.hour, fields.minute);
}

/** A wall-clock reading field by field. */
export function wallClockOf(wall: WallTime): WallClock {
  const date = new Date(wall);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    weekday: isoWeekdayOf(wall),
  };
}

/** The zone's wall clock at an instant, field by field. */
export function wallClockAt(instant: Date | number, timeZone: string): WallClock {
  return wallClockOf(wallTimeAt(instant, timeZone));
}

/** Midnight of the reading's date. */
export function startOfWallDay(wall: WallTime): WallTime {
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

/** The date of an instant on the zone's calendar, as its midnight. */
export function wallDayAt(instant: Date | number, timeZone: string): WallTime {
  return startOfWallDay(wallTimeAt(instant, timeZone));
}

/** The ISO weekday of the reading's date. */
export function isoWeekdayOf(wall: WallTime): IsoWeekday {
  const sundayFirst = new Date(wall).getUTCDay();
  return (sundayFirst === 0 ? 7 : sundayFirst) as IsoWeekday;
}

/** "YYYY-MM-DD" of the reading's date, as a date field writes it. */
export function isoDateOf(wall: WallTime): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/** "HH:MM" of the reading, as a time field writes it. */
export function clockTimeOf(wall: WallTime): string {
  return new Date(wall).toISOString().slice(11, 16);
}

/** A "YYYY-MM-DD" date as its midnight; null when it is not a real calendar date. */
export function parseIsoDate(text: string): WallTime | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const midnight = utcMs(year, month, day);
  // A day past the month's end rolls into the next month.
  return new Date(midnight).getUTCDate() === day ? midnight : null;
}

/**
 * "HH:MM" (00:00–23:59) as minutes of the day; undefined when it is no such time. With `endOfDay`,
 * "24:00" is also accepted, as the end of the day (1440).
 */
export function parseClockTime(text: string, endOfDay = false): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (endOfDay && hours === 24 && minutes === 0) return 24 * 60;
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

/** The offsets the zone uses within a day either side of a reading. */
function offsetsAround(wall: WallTime, timeZone: string): number[] {
  return [...new Set([zoneOffsetAt(wall - DAY_MS, timeZone), zoneOffsetAt(wall, timeZone), zoneOffsetAt(wall + DAY_MS, timeZone)])];
}

/**
 * The instants at which the zone's clock reads `wall`, in order: one usually, two when clocks go back
 * over it, none when clocks jump over it.
 */
export function instantsAt(wall: WallTime, timeZone: string): number[] {
  const found = new Set<number>();
  for (const offset of offsetsAround(wall, timeZone)) {
    const candidate = wall - offset;
    if (wallTimeAt(candidate, timeZone) === wall) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The instant a wall-clock time names: the first of two when clocks go back over it; when clocks jump
 * over it, as far after the jump as it was after the last reading before it (2:30 on a 2:00→3:00 night
 * is 3:30), as a clock nobody has moved yet reads it.
 */
export function instantAt(wall: WallTime, timeZone: string): number {
  const exact = instantsAt(wall, timeZone);
  if (exact.length > 0) return exact[0]!;
  // Read with the offset before the jump: the later of the candidate readings.
  return Math.max(...offsetsAround(wall, timeZone).map((offset) => wall - offset));
}

/** The first instant whose clock reads `wall` or later: when clocks jump over it, the jump itself (to the minute). */
export function firstInstantAtOrAfter(wall: WallTime, timeZone: string): number {
  const exact = instantsAt(wall, timeZone);
  if (exact.length > 0) return exact[0]!;
  // The clock jumps over `wall` between these two guesses; halve the span down to the minute.
  let low = wall - zoneOffsetAt(wall + DAY_MS, timeZone);
  let high = wall - zoneOffsetAt(wall - DAY_MS, timeZone);
  if (low > high) [low, high] = [high, low];
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (wallTimeAt(middle, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return wallTimeAt(low, timeZone) >= wall ? low : high;
}

/** The last instant the clock reads `wall` (the second of two when clocks go back); when clocks jump over it, the jump. */
export function lastInstantAt(wall: WallTime, timeZone: string): number {
  const exact = instantsAt(wall, timeZone);
  return exact.length > 0 ? exact[exact.length - 1]! : firstInstantAtOrAfter(wall, timeZone);
}
