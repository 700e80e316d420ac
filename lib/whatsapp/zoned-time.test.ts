import { describe, expect, it } from "vitest";

import {
  clockTimeOf,
  firstInstantAtOrAfter,
  instantAt,
  instantsAt,
  isoDateOf,
  isoWeekdayOf,
  lastInstantAt,
  parseClockTime,
  parseIsoDate,
  startOfWallDay,
  wallClockAt,
  wallDayAt,
  wallTimeAt,
  wallTimeOf,
  zoneOffsetAt,
} from "./zoned-time";

const ms = (iso: string) => new Date(iso).getTime();
/** A wall-clock reading written as an ISO time without a zone ("2026-03-08T02:30"). */
const wall = (reading: string) => ms(`${reading}:00Z`);
const iso = (instant: number) => new Date(instant).toISOString();
const HOUR = 3_600_000;
const MINUTE = 60_000;

describe("the zone's wall clock at an instant", () => {
  it("reads offsets of half and quarter hours, east and west", () => {
    expect(zoneOffsetAt(ms("2026-07-01T12:00:00Z"), "Asia/Kolkata")).toBe(5.5 * HOUR);
    expect(zoneOffsetAt(ms("2026-07-01T12:00:00Z"), "Asia/Kathmandu")).toBe(5.75 * HOUR);
    expect(zoneOffsetAt(ms("2026-01-01T12:00:00Z"), "Pacific/Chatham")).toBe(13.75 * HOUR);
    expect(zoneOffsetAt(ms("2026-01-15T12:00:00Z"), "America/St_Johns")).toBe(-3.5 * HOUR);
    expect(zoneOffsetAt(ms("2026-07-15T12:00:00Z"), "America/St_Johns")).toBe(-2.5 * HOUR);
    expect(zoneOffsetAt(new Date("2026-07-15T12:00:00Z"), "UTC")).toBe(0);
  });

  it("gives the reading field by field, with the weekday of the zone's date", () => {
    // 19:00Z on Sunday 25 January 2026 is 00:30 on Monday 26 January in Kolkata.
    expect(wallClockAt(new Date("2026-01-25T19:00:42.900Z"), "Asia/Kolkata")).toEqual({
      year: 2026,
      month: 1,
      day: 26,
      hour: 0,
      minute: 30,
      second: 42,
      weekday: 1,
    });
    expect(wallTimeAt(ms("2026-07-01T12:00:00Z"), "Asia/Kathmandu")).toBe(wall("2026-07-01T17:45"));
  });

  it("reads the zone's calendar date, which may differ from UTC's by a day either way", () => {
    expect(isoDateOf(wallDayAt(ms("2026-06-10T11:00:00Z"), "Pacific/Kiritimati"))).toBe("2026-06-11");
    expect(isoDateOf(wallDayAt(ms("2026-06-11T02:30:00Z"), "America/Sao_Paulo"))).toBe("2026-06-10");
    expect(clockTimeOf(wallTimeAt(ms("2026-06-11T02:30:00Z"), "America/Sao_Paulo"))).toBe("23:30");
  });
});

describe("wall-clock readings as numbers", () => {
  it("starts a day at midnight, before 1970 too", () => {
    expect(startOfWallDay(wall("2026-03-08T17:45"))).toBe(wall("2026-03-08T00:00"));
    expect(startOfWallDay(wall("1969-12-31T23:59"))).toBe(wall("1969-12-31T00:00"));
  });

  it("names the ISO weekday, Monday 1 to Sunday 7", () => {
    expect(isoWeekdayOf(wall("2026-03-09T10:00"))).toBe(1);
    expect(isoWeekdayOf(wall("2026-03-08T10:00"))).toBe(7);
    expect(isoWeekdayOf(wall("2027-01-01T00:00"))).toBe(5);
  });

  it("builds a reading from fields, years before 100 included", () => {
    expect(wallTimeOf({ year: 2026, month: 12, day: 31, hour: 23, minute: 59 })).toBe(wall("2026-12-31T23:59"));
    expect(isoDateOf(wallTimeOf({ year: 50, month: 1, day: 1, hour: 0, minute: 0 }))).toBe("0050-01-01");
  });
});

describe("parsing a date field and a time field", () => {
  it("accepts real calendar dates only", () => {
    expect(parseIsoDate("2026-06-12")).toBe(wall("2026-06-12T00:00"));
    expect(parseIsoDate("2028-02-29")).toBe(wall("2028-02-29T00:00"));
    for (const text of ["2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-06-00", "12/06/2026", "2026-6-1", ""]) {
      expect(parseIsoDate(text)).toBeNull();
    }
    // Not read as 1950, as Date.UTC would.
    expect(isoDateOf(parseIsoDate("0050-03-01")!)).toBe("0050-03-01");
  });

  it("accepts HH:MM from 00:00 to 23:59, and 24:00 only as the end of a day", () => {
    expect(parseClockTime("00:00")).toBe(0);
    expect(parseClockTime("23:59")).toBe(1439);
    expect(parseClockTime("24:00")).toBeUndefined();
    expect(parseClockTime("24:00", true)).toBe(1440);
    for (const text of ["24:01", "12:60", "9:00", "09:00:00", ""]) expect(parseClockTime(text, true)).toBeUndefined();
  });
});

describe("the instants a wall-clock time names", () => {
  it("finds one instant on an ordinary day, in zones with odd offsets", () => {
    expect(instantsAt(wall("2026-07-15T09:30"), "Asia/Kolkata").map(iso)).toEqual(["2026-07-15T04:00:00.000Z"]);
    expect(instantsAt(wall("2026-07-15T09:30"), "Asia/Kathmandu").map(iso)).toEqual(["2026-07-15T03:45:00.000Z"]);
    expect(instantAt(wall("2026-01-15T09:30"), "America/St_Johns")).toBe(ms("2026-01-15T13:00:00Z"));
  });

  it("finds none in a spring-forward gap and two in a fall-back overlap", () => {
    // New York: 02:00 EST → 03:00 EDT on 8 March 2026; 02:00 EDT → 01:00 EST on 1 November 2026.
    expect(instantsAt(wall("2026-03-08T02:30"), "America/New_York")).toEqual([]);
    expect(instantsAt(wall("2026-11-01T01:30"), "America/New_York").map(iso)).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-01T06:30:00.000Z"]);
    // Berlin: 02:00–03:00 repeats on 25 October 2026.
    expect(instantsAt(wall("2026-10-25T02:30"), "Europe/Berlin").map(iso)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]);
  });

  it("reads a skipped time as a clock nobody moved would, west and east of Greenwich", () => {
    expect(iso(instantAt(wall("2026-03-08T02:30"), "America/New_York"))).toBe("2026-03-08T07:30:00.000Z");
    expect(iso(instantAt(wall("2026-03-29T02:30"), "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    // Lord Howe Island moves by half an hour (02:00 → 02:30 on 4 October 2026): 02:15 reads as 02:45 (+11:00).
    expect(iso(instantAt(wall("2026-10-04T02:15"), "Australia/Lord_Howe"))).toBe("2026-10-03T15:45:00.000Z");
    // Santiago skips its midnight (00:00 → 01:00 on 6 September 2026).
    expect(iso(instantAt(wall("2026-09-06T00:30"), "America/Santiago"))).toBe("2026-09-06T04:30:00.000Z");
  });

  it("takes the first of a repeated time, west and east of Greenwich", () => {
    expect(iso(instantAt(wall("2026-11-01T01:30"), "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
    expect(iso(instantAt(wall("2026-10-25T02:30"), "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
    // Lord Howe Island repeats 01:30–02:00 on 5 April 2026 (+11:00, then +10:30).
    expect(iso(instantAt(wall("2026-04-05T01:45"), "Australia/Lord_Howe"))).toBe("2026-04-04T14:45:00.000Z");
  });

  it("opens a skipped time at the jump itself, and closes a repeated one at its second reading", () => {
    expect(iso(firstInstantAtOrAfter(wall("2026-03-08T02:30"), "America/New_York"))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(firstInstantAtOrAfter(wall("2026-10-04T02:15"), "Australia/Lord_Howe"))).toBe("2026-10-03T15:30:00.000Z");
    expect(iso(firstInstantAtOrAfter(wall("2026-09-06T00:00"), "America/Santiago"))).toBe("2026-09-06T04:00:00.000Z");
    expect(iso(firstInstantAtOrAfter(wall("2026-11-01T01:30"), "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
    expect(iso(lastInstantAt(wall("2026-11-01T01:30"), "America/New_York"))).toBe("2026-11-01T06:30:00.000Z");
    expect(iso(lastInstantAt(wall("2026-04-05T01:45"), "Australia/Lord_Howe"))).toBe("2026-04-04T15:15:00.000Z");
    expect(iso(lastInstantAt(wall("2026-03-08T02:30"), "America/New_York"))).toBe("2026-03-08T07:00:00.000Z");
  });

  it("reads back every instant it names", () => {
    const zones = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham"];
    for (const timeZone of zones) {
      for (let minute = 0; minute < 24 * 60; minute += 15) {
        const reading = wall("2026-07-01T00:00") + minute * MINUTE;
        for (const instant of instantsAt(reading, timeZone)) expect(wallTimeAt(instant, timeZone)).toBe(reading);
      }
    }
  });
});
