/**
 * Sending later: a date and a time written in a chosen time zone, turned into the instant the
 * server keeps. Browser-safe and pure (Intl only).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function timeZoneOffset(instant: Date, timeZone: string): number {
  // Read the wall clock of the zone in fixed Latin digits (the reader's own locale may write others).
  const parts = new Intl.DateTimeFormat("en-US-u-nu-latn", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock date and time name in a time zone; null when they are not a date and a
 * time. A time skipped by a daylight-saving change lands just after the change, as clocks do.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date | null {
  const day = DATE.exec(date);
  const clock = TIME.exec(time);
  if (!day || !clock || !isTimeZoneName(timeZone)) return null;
  const [year, month, dayOfMonth, hour, minute] = [Number(day[1]), Number(day[2]), Number(day[3]), Number(clock[1]), Number(clock[2])];
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, dayOfMonth, hour, minute);
  const check = new Date(wall);
  if (check.getUTCDate() !== dayOfMonth) return null;
  // The offset at the guess, then at the corrected instant: two passes settle across a change of offset.
  const first = wall - timeZoneOffset(new Date(wall), timeZone);
  const second = wall - timeZoneOffset(new Date(first), timeZone);
  return new Date(second);
}

export function isTimeZoneName(value: string): boolean {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Every zone the browser knows, with the reader's own and UTC always among them. */
export function timeZoneChoices(own: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([own, "UTC", ...known])].filter(isTimeZoneName).sort((a, b) => a.localeCompare(b));
}

export type ScheduleProblem = "dateMissing" | "timeMissing" | "invalid" | "past";

/** A schedule must name an instant at least a minute ahead (a past time would start at once). */
export function scheduleProblem(date: string, time: string, timeZone: string, now: Date): ScheduleProblem | null {
  if (!date) return "dateMissing";
  if (!time) return "timeMissing";
  const instant = zonedTimeToInstant(date, time, timeZone);
  if (!instant) return "invalid";
  if (instant.getTime() < now.getTime() + 60_000) return "past";
  return null;
}

/** The date and time fields' first values: the next whole hour after now, in the zone. */
export function nextHourIn(now: Date, timeZone: string): { date: string; time: string } {
  const next = new Date(Math.ceil((now.getTime() + 1) / 3_600_000) * 3_600_000);
  const wall = new Date(next.getTime() + timeZoneOffset(next, timeZone));
  const pad = (value: number) => String(value).padStart(2, "0");
  return {
    date: `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
  };
}

/** Where the test send's number and country are remembered between campaigns, in this browser. */
export const TEST_SEND_STORAGE_KEY = "campaigns.testSend";

export interface TestSendTarget {
  phone: string;
  defaultCountry: string;
}

/** What was remembered, or empty values when nothing (or something unreadable) was. */
export function readTestSendTarget(storage: Pick<Storage, "getItem"> | undefined): TestSendTarget {
  try {
    const value = JSON.parse(storage?.getItem(TEST_SEND_STORAGE_KEY) ?? "null") as Partial<TestSendTarget> | null;
    return { phone: typeof value?.phone === "string" ? value.phone : "", defaultCountry: typeof value?.defaultCountry === "string" ? value.defaultCountry : "" };
  } catch {
    return { phone: "", defaultCountry: "" };
  }
}

export function rememberTestSendTarget(storage: Pick<Storage, "setItem"> | undefined, target: TestSendTarget): void {
  try {
    storage?.setItem(TEST_SEND_STORAGE_KEY, JSON.stringify({ phone: target.phone.trim(), defaultCountry: target.defaultCountry }));
  } catch {
    // A browser that keeps nothing (private mode, full storage) only forgets the number.
  }
}
