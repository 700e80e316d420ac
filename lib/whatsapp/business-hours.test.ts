import { describe, expect, it } from "vitest";

import { closedPeriodStart, isOpenAt, localDate, nextOpening, scheduleProblems, type BusinessSchedule, type OpeningInterval } from "./business-hours";

const at = (iso: string) => new Date(iso);
const nineToFive: OpeningInterval[] = [{ from: "09:00", to: "17:00" }];

function schedule(timeZone: string, days: Partial<BusinessSchedule["weekly"]>, holidays: string[] = []): BusinessSchedule {
  return { timeZone, weekly: { "1": [], "2": [], "3": [], "4": [], "5": [], "6": [], "7": [], ...days }, holidays };
}

const weekdaysNineToFive = (timeZone: string, holidays: string[] = []) =>
  schedule(timeZone, { "1": nineToFive, "2": nineToFive, "3": nineToFive, "4": nineToFive, "5": nineToFive }, holidays);

describe("isOpenAt", () => {
  it("reads the schedule on the zone's wall clock, winter and summer (America/New_York)", () => {
    const newYork = weekdaysNineToFive("America/New_York");
    // Monday 5 January 2026, EST (UTC−5).
    expect(isOpenAt(newYork, at("2026-01-05T13:59:00Z"))).toBe(false);
    expect(isOpenAt(newYork, at("2026-01-05T14:00:00Z"))).toBe(true);
    expect(isOpenAt(newYork, at("2026-01-05T21:59:00Z"))).toBe(true);
    expect(isOpenAt(newYork, at("2026-01-05T22:00:00Z"))).toBe(false);
    // Monday 6 July 2026, EDT (UTC−4).
    expect(isOpenAt(newYork, at("2026-07-06T12:59:00Z"))).toBe(false);
    expect(isOpenAt(newYork, at("2026-07-06T13:00:00Z"))).toBe(true);
    expect(isOpenAt(newYork, at("2026-07-06T21:00:00Z"))).toBe(false);
    // Saturday.
    expect(isOpenAt(newYork, at("2026-07-11T15:00:00Z"))).toBe(false);
  });

  it("handles a half-hour offset (Asia/Kolkata, UTC+5:30)", () => {
    const kolkata = schedule("Asia/Kolkata", { "1": [{ from: "09:00", to: "18:00" }] });
    expect(isOpenAt(kolkata, at("2026-01-05T03:29:00Z"))).toBe(false);
    expect(isOpenAt(kolkata, at("2026-01-05T03:30:00Z"))).toBe(true);
    expect(isOpenAt(kolkata, at("2026-01-05T12:29:00Z"))).toBe(true);
    expect(isOpenAt(kolkata, at("2026-01-05T12:30:00Z"))).toBe(false);
  });

  it("follows Europe/London into and out of summer time", () => {
    const london = weekdaysNineToFive("Europe/London");
    // Friday 27 March 2026, GMT; Monday 30 March 2026, BST (UTC+1).
    expect(isOpenAt(london, at("2026-03-27T09:00:00Z"))).toBe(true);
    expect(isOpenAt(london, at("2026-03-30T08:00:00Z"))).toBe(true);
    expect(isOpenAt(london, at("2026-03-30T07:59:00Z"))).toBe(false);
    expect(isOpenAt(london, at("2026-03-30T16:00:00Z"))).toBe(false);
    // Monday 26 October 2026, GMT again.
    expect(isOpenAt(london, at("2026-10-26T08:30:00Z"))).toBe(false);
    expect(isOpenAt(london, at("2026-10-26T09:00:00Z"))).toBe(true);
  });

  it("opens at the spring-forward transition when the opening time does not exist that day", () => {
    // Sunday 8 March 2026: New York's clocks jump from 02:00 EST (07:00Z) to 03:00 EDT.
    const sunday = schedule("America/New_York", { "7": [{ from: "02:30", to: "04:00" }] });
    expect(isOpenAt(sunday, at("2026-03-08T06:59:00Z"))).toBe(false);
    expect(isOpenAt(sunday, at("2026-03-08T07:00:00Z"))).toBe(true);
    expect(isOpenAt(sunday, at("2026-03-08T07:59:00Z"))).toBe(true);
    expect(isOpenAt(sunday, at("2026-03-08T08:00:00Z"))).toBe(false);
    expect(nextOpening(sunday, at("2026-03-08T05:00:00Z"))).toEqual(at("2026-03-08T07:00:00Z"));
  });

  it("stays open through the repeated hour of a fall-back and closes at the second reading of its end", () => {
    // Sunday 1 November 2026: 01:00–02:00 happens twice in New York (EDT until 06:00Z, then EST).
    const sunday = schedule("America/New_York", { "7": [{ from: "00:00", to: "01:30" }] });
    expect(isOpenAt(sunday, at("2026-11-01T04:00:00Z"))).toBe(true);
    expect(isOpenAt(sunday, at("2026-11-01T05:45:00Z"))).toBe(true);
    expect(isOpenAt(sunday, at("2026-11-01T06:15:00Z"))).toBe(true);
    expect(isOpenAt(sunday, at("2026-11-01T06:30:00Z"))).toBe(false);
    expect(closedPeriodStart(sunday, at("2026-11-01T07:00:00Z"))).toEqual(at("2026-11-01T06:30:00Z"));
  });

  it("joins intervals that touch at midnight, with 24:00 as the end of a day", () => {
    const nights = schedule("Europe/London", { "5": [{ from: "22:00", to: "24:00" }], "6": [{ from: "00:00", to: "02:00" }] });
    // Friday 9 and Saturday 10 January 2026 (GMT).
    expect(isOpenAt(nights, at("2026-01-09T21:59:00Z"))).toBe(false);
    expect(isOpenAt(nights, at("2026-01-09T23:59:59Z"))).toBe(true);
    expect(isOpenAt(nights, at("2026-01-10T00:00:00Z"))).toBe(true);
    expect(isOpenAt(nights, at("2026-01-10T02:00:00Z"))).toBe(false);
    expect(closedPeriodStart(nights, at("2026-01-10T05:00:00Z"))).toEqual(at("2026-01-10T02:00:00Z"));
  });

  it("is closed all day on a holiday, in the zone's date", () => {
    const kolkata = weekdaysNineToFive("Asia/Kolkata", ["2026-01-26"]);
    expect(isOpenAt(kolkata, at("2026-01-26T05:00:00Z"))).toBe(false);
    expect(isOpenAt(kolkata, at("2026-01-27T05:00:00Z"))).toBe(true);
    expect(localDate("Asia/Kolkata", at("2026-01-25T19:00:00Z"))).toBe("2026-01-26");
  });
});

describe("closedPeriodStart", () => {
  const newYork = weekdaysNineToFive("America/New_York", ["2026-12-25"]);

  it("is null while open", () => {
    expect(closedPeriodStart(newYork, at("2026-01-05T15:00:00Z"))).toBeNull();
  });

  it("names one closed period the same from any instant in it, and the next one differently", () => {
    // Monday 5 January closes at 17:00 EST (22:00Z); Tuesday opens at 14:00Z.
    const evening = closedPeriodStart(newYork, at("2026-01-05T23:00:00Z"));
    const night = closedPeriodStart(newYork, at("2026-01-06T08:00:00Z"));
    expect(evening).toEqual(at("2026-01-05T22:00:00Z"));
    expect(night).toEqual(evening);
    expect(closedPeriodStart(newYork, at("2026-01-06T23:00:00Z"))).toEqual(at("2026-01-06T22:00:00Z"));
  });

  it("spans a weekend from Friday's close", () => {
    expect(closedPeriodStart(newYork, at("2026-01-11T18:00:00Z"))).toEqual(at("2026-01-09T22:00:00Z"));
  });

  it("starts a closed period at the start of a holiday, and keeps it until the next opening", () => {
    // Friday 25 December 2026 is a holiday; Thursday closed at 17:00 EST.
    expect(closedPeriodStart(newYork, at("2026-12-25T01:00:00Z"))).toEqual(at("2026-12-24T22:00:00Z"));
    const holidayStart = at("2026-12-25T05:00:00Z");
    expect(closedPeriodStart(newYork, at("2026-12-25T15:00:00Z"))).toEqual(holidayStart);
    expect(closedPeriodStart(newYork, at("2026-12-26T15:00:00Z"))).toEqual(holidayStart);
    expect(closedPeriodStart(newYork, at("2026-12-28T13:00:00Z"))).toEqual(holidayStart);
  });

  it("treats a run of holidays as one closed period", () => {
    const twoDays = weekdaysNineToFive("Europe/London", ["2026-12-24", "2026-12-25"]);
    const first = closedPeriodStart(twoDays, at("2026-12-24T12:00:00Z"));
    expect(first).toEqual(at("2026-12-24T00:00:00Z"));
    expect(closedPeriodStart(twoDays, at("2026-12-25T12:00:00Z"))).toEqual(first);
  });

  it("answers the epoch for a number that never opens", () => {
    expect(closedPeriodStart(schedule("UTC", {}), at("2026-01-05T12:00:00Z"))).toEqual(new Date(0));
  });
});

describe("nextOpening", () => {
  const newYork = weekdaysNineToFive("America/New_York", ["2026-12-25"]);

  it("is the instant itself while open", () => {
    expect(nextOpening(newYork, at("2026-01-05T15:00:00Z"))).toEqual(at("2026-01-05T15:00:00Z"));
  });

  it("is the next opening on the wall clock, skipping weekends and holidays", () => {
    expect(nextOpening(newYork, at("2026-01-05T23:00:00Z"))).toEqual(at("2026-01-06T14:00:00Z"));
    expect(nextOpening(newYork, at("2026-01-10T15:00:00Z"))).toEqual(at("2026-01-12T14:00:00Z"));
    expect(nextOpening(newYork, at("2026-12-25T15:00:00Z"))).toEqual(at("2026-12-28T14:00:00Z"));
  });

  it("crosses a DST change (EST Friday to EDT Monday)", () => {
    expect(nextOpening(newYork, at("2026-03-06T23:00:00Z"))).toEqual(at("2026-03-09T13:00:00Z"));
  });

  it("is null for a number that never opens", () => {
    expect(nextOpening(schedule("UTC", {}), at("2026-01-05T12:00:00Z"))).toBeNull();
  });
});

describe("scheduleProblems", () => {
  const keys = (value: BusinessSchedule) => scheduleProblems(value).map((problem) => [problem.field, problem.message.key]);

  it("accepts a valid schedule", () => {
    expect(scheduleProblems(weekdaysNineToFive("Europe/London", ["2026-12-25"]))).toEqual([]);
  });

  it("names an unknown time zone", () => {
    expect(keys(schedule("Mars/Olympus", {}))).toEqual([["timeZone", "inboxSettings.errors.timeZone"]]);
  });

  it("names malformed times and an end not after the start, at their field", () => {
    expect(keys(schedule("UTC", { "2": [{ from: "9:00", to: "24:01" }] }))).toEqual([
      ["weekly.2.0.from", "inboxSettings.errors.time"],
      ["weekly.2.0.to", "inboxSettings.errors.time"],
    ]);
    expect(keys(schedule("UTC", { "3": [{ from: "17:00", to: "09:00" }] }))).toEqual([["weekly.3.0.to", "inboxSettings.errors.toBeforeFrom"]]);
  });

  it("refuses overlapping intervals and more than three a day", () => {
    expect(keys(schedule("UTC", { "1": [{ from: "09:00", to: "12:00" }, { from: "11:00", to: "13:00" }] }))).toEqual([
      ["weekly.1.1.from", "inboxSettings.errors.overlap"],
    ]);
    const four = ["00:00", "06:00", "12:00", "18:00"].map((from, i) => ({ from, to: ["05:00", "11:00", "17:00", "23:00"][i]! }));
    const problems = scheduleProblems(schedule("UTC", { "4": four }));
    expect(problems).toEqual([{ field: "weekly.4", message: { key: "inboxSettings.errors.tooManyIntervals", values: { maximum: 3 } } }]);
  });

  it("accepts intervals that only touch", () => {
    expect(scheduleProblems(schedule("UTC", { "1": [{ from: "09:00", to: "12:00" }, { from: "12:00", to: "24:00" }] }))).toEqual([]);
  });

  it("names bad, repeated and too many holidays", () => {
    expect(keys(schedule("UTC", {}, ["2026-02-30", "2026-05-01", "2026-05-01"]))).toEqual([
      ["holidays.0", "inboxSettings.errors.holidayDate"],
      ["holidays.2", "inboxSettings.errors.holidayRepeated"],
    ]);
    const many = Array.from({ length: 101 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
    expect(keys(schedule("UTC", {}, many))).toEqual([["holidays", "inboxSettings.errors.tooManyHolidays"]]);
  });
});
