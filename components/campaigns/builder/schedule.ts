/**
 * Sending later: a date and a time written in a chosen time zone, turned into the instant the
 * server keeps. Browser-safe and pure (Intl only).
 */
import { isTimeZone } from "@/i18n/locales";
import { clockTimeOf, HOUR_MS, instantAt, isoDateOf, MINUTE_MS, parseClockTime, parseIsoDate, wallTimeAt } from "@/lib/whatsapp/zoned-time";

/**
 * The instant a wall-clock date and time name in a time zone; null when they are not a date and a
 * time, or the zone is unknown. A time skipped by a daylight-saving change lands as far after the
 * change as a clock nobody moved would read it (2:30 on a 2:00→3:00 night is 3:30); a time that
 * happens twice is the first of the two.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date | null {
  const day = parseIsoDate(date);
  const minutes = parseClockTime(time);
  if (day === null || minutes === undefined || !isTimeZone(timeZone)) return null;
  return new Date(instantAt(day + minutes * MINUTE_MS, timeZone));
}

/** Every zone the browser knows, with the reader's own and UTC always among them. */
export function timeZoneChoices(own: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([own, "UTC", ...known])].filter(isTimeZone).sort((a, b) => a.localeCompare(b));
}

export type ScheduleProblem = "dateMissing" | "timeMissing" | "invalid" | "past";

/** A schedule must name an instant at least a minute ahead (a past time would start at once). */
export function scheduleProblem(date: string, time: string, timeZone: string, now: Date): ScheduleProblem | null {
  if (!date) return "dateMissing";
  if (!time) return "timeMissing";
  const instant = zonedTimeToInstant(date, time, timeZone);
  if (!instant) return "invalid";
  if (instant.getTime() < now.getTime() + MINUTE_MS) return "past";
  return null;
}

/** The date and time fields' first values: the next whole hour after now, in the zone. */
export function nextHourIn(now: Date, timeZone: string): { date: string; time: string } {
  const next = Math.ceil((now.getTime() + 1) / HOUR_MS) * HOUR_MS;
  const wall = wallTimeAt(next, timeZone);
  return { date: isoDateOf(wall), time: clockTimeOf(wall) };
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
