import { describe, expect, it } from "vitest";

import type { BusinessSchedule, OpeningInterval, Weekday } from "@/lib/whatsapp/business-hours";

import { durationSeconds, durationStats, openSecondsBetween, percentile } from "./durations";

const HOUR = 3600;
const nineToFive: OpeningInterval[] = [{ from: "09:00", to: "17:00" }];

function schedule(timeZone: string, weekly: Partial<Record<Weekday, OpeningInterval[]>>, holidays: string[] = []): BusinessSchedule {
  return { timeZone, weekly: { "1": [], "2": [], "3": [], "4": [], "5": [], "6": [], "7": [], ...weekly }, holidays };
}

const weekdays = (intervals: OpeningInterval[]) => ({ "1": intervals, "2": intervals, "3": intervals, "4": intervals, "5": intervals });
const newYork = schedule("America/New_York", weekdays(nineToFive));
const at = (iso: string) => new Date(iso);

describe("openSecondsBetween", () => {
  it("counts the open part of a span inside one opening", () => {
    // Monday 2 June 2025, 10:00 → 12:30 in New York (UTC−4).
    expect(openSecondsBetween(newYork, at("2025-06-02T14:00:00Z"), at("2025-06-02T16:30:00Z"))).toBe(2.5 * HOUR);
  });

  it("skips the closed night between two days", () => {
    // Monday 16:00 → Tuesday 10:00: one hour each side of the night.
    expect(openSecondsBetween(newYork, at("2025-06-02T20:00:00Z"), at("2025-06-03T14:00:00Z"))).toBe(2 * HOUR);
  });

  it("counts an opening that runs overnight across midnight", () => {
    const nights = schedule("America/New_York", { "1": [{ from: "22:00", to: "24:00" }], "2": [{ from: "00:00", to: "06:00" }] });
    // Monday 23:00 → Tuesday 07:00: 1 h before midnight, 6 h after.
    expect(openSecondsBetween(nights, at("2025-06-03T03:00:00Z"), at("2025-06-03T11:00:00Z"))).toBe(7 * HOUR);
  });

  it("skips a weekend", () => {
    // Friday 6 June 16:00 → Monday 9 June 10:00.
    expect(openSecondsBetween(newYork, at("2025-06-06T20:00:00Z"), at("2025-06-09T14:00:00Z"))).toBe(2 * HOUR);
  });

  it("skips a holiday in the schedule's zone", () => {
    const withHoliday = schedule("America/New_York", weekdays(nineToFive), ["2025-06-09"]);
    // Friday 16:00 → Tuesday 10:00: Friday 1 h, Monday closed, Tuesday 1 h (without the holiday: 10 h).
    expect(openSecondsBetween(withHoliday, at("2025-06-06T20:00:00Z"), at("2025-06-10T14:00:00Z"))).toBe(2 * HOUR);
    expect(openSecondsBetween(newYork, at("2025-06-06T20:00:00Z"), at("2025-06-10T14:00:00Z"))).toBe(10 * HOUR);
  });

  it("follows the clock across a DST change", () => {
    // New York springs forward on Sunday 9 March 2025: Friday 12:00 EST → Monday 12:00 EDT is 5 h + 3 h open.
    expect(openSecondsBetween(newYork, at("2025-03-07T17:00:00Z"), at("2025-03-10T16:00:00Z"))).toBe(8 * HOUR);
    // Lisbon's Sunday 30 March 2025 has 23 hours, its Sunday 26 October 25.
    const sundays = schedule("Europe/Lisbon", { "7": [{ from: "00:00", to: "24:00" }] });
    expect(openSecondsBetween(sundays, at("2025-03-29T12:00:00Z"), at("2025-03-31T12:00:00Z"))).toBe(23 * HOUR);
    expect(openSecondsBetween(sundays, at("2025-10-25T12:00:00Z"), at("2025-10-27T12:00:00Z"))).toBe(25 * HOUR);
  });

  it("is 0 when the end is not after the start, or the number is closed throughout", () => {
    expect(openSecondsBetween(newYork, at("2025-06-02T16:00:00Z"), at("2025-06-02T14:00:00Z"))).toBe(0);
    expect(openSecondsBetween(newYork, at("2025-06-02T14:00:00Z"), at("2025-06-02T14:00:00Z"))).toBe(0);
    // Saturday morning to Sunday night.
    expect(openSecondsBetween(newYork, at("2025-06-07T13:00:00Z"), at("2025-06-09T03:00:00Z"))).toBe(0);
  });

  it("measures half a year by days: 129 weekdays of 8 hours", () => {
    const halfYear = schedule("America/New_York", weekdays(nineToFive));
    // 1 January 00:00 EST → 1 July 00:00 EDT.
    expect(openSecondsBetween(halfYear, at("2025-01-01T05:00:00Z"), at("2025-07-01T04:00:00Z"))).toBe(129 * 8 * HOUR);
  });
});

describe("durationSeconds", () => {
  it("counts the whole span without business hours, open time with them", () => {
    expect(durationSeconds(null, at("2025-06-06T20:00:00Z"), at("2025-06-09T14:00:00Z"))).toBe(66 * HOUR);
    expect(durationSeconds(newYork, at("2025-06-06T20:00:00Z"), at("2025-06-09T14:00:00Z"))).toBe(2 * HOUR);
    expect(durationSeconds(null, at("2025-06-09T14:00:00Z"), at("2025-06-06T20:00:00Z"))).toBe(0);
  });
});

describe("percentile (nearest rank)", () => {
  it("answers one of the values measured, the lower middle for an even count", () => {
    const tens = [10, 2, 8, 4, 6, 1, 3, 5, 7, 9];
    expect(percentile(tens, 50)).toBe(5);
    expect(percentile(tens, 90)).toBe(9);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile(Array.from({ length: 20 }, (_, i) => i + 1), 90)).toBe(18);
    expect(percentile([], 50)).toBeNull();
  });

  it("gives count, median and p90 together", () => {
    expect(durationStats([60, 120, 180, 3600])).toEqual({ count: 4, medianSeconds: 120, p90Seconds: 3600 });
    expect(durationStats([])).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
  });
});
