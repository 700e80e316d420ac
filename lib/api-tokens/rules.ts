/**
 * What an API token may be: its name's length, how far ahead it may expire, how many a person may hold.
 * Browser-safe: the create form and the server check the same limits.
 */

export const TOKEN_NAME_MAX = 80;
export const ACTIVE_TOKENS_MAX = 50;
/** A year ahead, counted generously (a leap year, a date picked at the end of its day in any time zone). */
export const EXPIRY_MAX_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The expiries the create form offers; "custom" asks for a date. */
export const EXPIRY_CHOICES = ["30", "90", "365", "never", "custom"] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

/** A calendar date as `<input type="date">` gives it. */
export const ISO_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A date some days after `now`. */
export function daysAfter(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** The latest expiry allowed for a token made at `now`. */
export function latestExpiry(now: Date): Date {
  return daysAfter(now, EXPIRY_MAX_DAYS);
}

/** How far an instant's wall clock in `timeZone` is ahead of UTC, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  // Numbers only: nothing here is shown, so the locale is fixed and its digits are Latin.
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    numberingSystem: "latn",
  }).formatToParts(new Date(instant));
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(value("year"), value("month") - 1, value("day"), value("hour"), value("minute"), value("second"));
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The last moment of a calendar day (`2026-05-01`) in a time zone: a token "expiring on May 1" still
 * works all that day where its owner lives. Undefined for a date that does not exist.
 */
export function endOfDayIn(isoDay: string, timeZone: string): Date | undefined {
  if (!ISO_DAY_PATTERN.test(isoDay)) return undefined;
  const [year, month, day] = isoDay.split("-").map(Number) as [number, number, number];
  const nextMidnightWall = Date.UTC(year, month - 1, day + 1);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  // The offset at the guessed instant, then once more at the corrected one (a change of offset that day).
  let instant = nextMidnightWall - zoneOffsetMs(nextMidnightWall, timeZone);
  instant = nextMidnightWall - zoneOffsetMs(instant, timeZone);
  return new Date(instant - 1);
}

/** The expiry a choice of the create form stands for; undefined when "custom" has no valid date. */
export function expiryFor(choice: ExpiryChoice, customDay: string | undefined, now: Date, timeZone: string): Date | null | undefined {
  if (choice === "never") return null;
  if (choice === "custom") return customDay ? endOfDayIn(customDay, timeZone) : undefined;
  return daysAfter(now, Number(choice));
}

/** The calendar date of an instant in a time zone, as `<input type="date">` writes it. */
export function isoDayIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", numberingSystem: "latn" }).formatToParts(
    instant,
  );
  const value = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? "";
  return `${value("year")}-${value("month")}-${value("day")}`;
}
