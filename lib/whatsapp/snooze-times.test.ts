import { describe, expect, it } from "vitest";

import {
  customSnoozeDefaults,
  customSnoozeProblem,
  customSnoozeUntil,
  instantOfWallClock,
  snoozeChoices,
  snoozePresetUntil,
  snoozeUntilProblem,
  wallClockAt,
} from "./snooze-times";

const at = (iso: string) => new Date(iso);

describe("snooze presets", () => {
  it("counts 'in 1 hour' and 'in 3 hours' as elapsed time, even across a daylight-saving change", () => {
    // New York springs forward at 2:00 on 8 March 2026: 1:30 EST + 1 hour is 3:30 EDT.
    const now = at("2026-03-08T06:30:00Z");
    expect(snoozePresetUntil("in1Hour", now, "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(wallClockAt(snoozePresetUntil("in1Hour", now, "America/New_York"), "America/New_York")).toMatchObject({ hour: 3, minute: 30 });
    expect(snoozePresetUntil("in3Hours", now, "UTC").toISOString()).toBe("2026-03-08T09:30:00.000Z");
  });

  it("wakes 'tomorrow 9:00' at 9:00 on the zone's wall clock, before and after a change of offset", () => {
    // Saturday 7 March 2026, 20:00 in New York (EST); Sunday the clocks go forward: 9:00 EDT is 13:00Z.
    expect(snoozePresetUntil("tomorrowMorning", at("2026-03-08T01:00:00Z"), "America/New_York").toISOString()).toBe("2026-03-08T13:00:00.000Z");
    // Saturday 31 October 2026 in New York (EDT); 1 November the clocks go back: 9:00 EST is 14:00Z.
    expect(snoozePresetUntil("tomorrowMorning", at("2026-10-31T16:00:00Z"), "America/New_York").toISOString()).toBe("2026-11-01T14:00:00.000Z");
    // Europe changes on other dates: 29 March 2026, 9:00 CEST is 7:00Z.
    expect(snoozePresetUntil("tomorrowMorning", at("2026-03-28T12:00:00Z"), "Europe/Berlin").toISOString()).toBe("2026-03-29T07:00:00.000Z");
  });

  it("reads 'tomorrow' on the agent's calendar, not UTC's", () => {
    // 23:30 on 10 June in São Paulo is already 11 June in UTC: tomorrow is 11 June there.
    const now = at("2026-06-11T02:30:00Z");
    expect(snoozePresetUntil("tomorrowMorning", now, "America/Sao_Paulo").toISOString()).toBe("2026-06-11T12:00:00.000Z");
    // 8:00 on 11 June in Tokyo is still 10 June in UTC: tomorrow is 12 June there.
    expect(snoozePresetUntil("tomorrowMorning", at("2026-06-10T23:00:00Z"), "Asia/Tokyo").toISOString()).toBe("2026-06-12T00:00:00.000Z");
    // Zones with half and quarter hours.
    expect(snoozePresetUntil("tomorrowMorning", at("2026-06-10T12:00:00Z"), "Asia/Kolkata").toISOString()).toBe("2026-06-11T03:30:00.000Z");
    expect(snoozePresetUntil("tomorrowMorning", at("2026-06-10T12:00:00Z"), "Asia/Kathmandu").toISOString()).toBe("2026-06-11T03:15:00.000Z");
  });

  it("takes the Monday after today as 'next Monday', a week ahead on a Monday, across month ends", () => {
    // Wednesday 28 October 2026 in London (GMT since the clocks went back on the 25th): Monday 2 November, 9:00 GMT.
    expect(snoozePresetUntil("nextMondayMorning", at("2026-10-28T10:00:00Z"), "Europe/London").toISOString()).toBe("2026-11-02T09:00:00.000Z");
    // Monday 2 November 2026, 10:00 in London: the next Monday is 9 November.
    expect(snoozePresetUntil("nextMondayMorning", at("2026-11-02T10:00:00Z"), "Europe/London").toISOString()).toBe("2026-11-09T09:00:00.000Z");
    // Sunday 1 November 2026 in New York (the day clocks go back): Monday 2 November, 9:00 EST.
    expect(snoozePresetUntil("nextMondayMorning", at("2026-11-01T15:00:00Z"), "America/New_York").toISOString()).toBe("2026-11-02T14:00:00.000Z");
    // Thursday 31 December 2026 in Sydney (AEDT, +11): Monday 4 January 2027, across the year end.
    expect(snoozePresetUntil("nextMondayMorning", at("2026-12-31T01:00:00Z"), "Australia/Sydney").toISOString()).toBe("2027-01-03T22:00:00.000Z");
  });

  it("lists the four presets in the menu's order, each in the future", () => {
    const now = at("2026-06-10T12:00:00Z");
    const choices = snoozeChoices(now, "Europe/Madrid");
    expect(choices.map((choice) => choice.preset)).toEqual(["in1Hour", "in3Hours", "tomorrowMorning", "nextMondayMorning"]);
    for (const choice of choices) expect(choice.until.getTime()).toBeGreaterThan(now.getTime());
  });
});

describe("wall-clock times in a zone", () => {
  it("moves a time a spring-forward night skips to just after the change", () => {
    // 2:30 does not exist in New York on 8 March 2026: it reads as 3:30 EDT.
    expect(instantOfWallClock({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });

  it("takes the first of a time a fall-back night repeats", () => {
    // 1:30 happens twice in New York on 1 November 2026: first in EDT (5:30Z).
    expect(instantOfWallClock({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });
});

describe("a custom snooze time", () => {
  const now = at("2026-06-10T12:00:00Z");

  it("reads the date and time in the zone", () => {
    expect(customSnoozeUntil("2026-06-12", "17:45", "America/Mexico_City")?.toISOString()).toBe("2026-06-12T23:45:00.000Z");
    expect(customSnoozeUntil("2026-03-29", "02:30", "Europe/Berlin")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses what is not a date and time", () => {
    expect(customSnoozeUntil("2026-02-30", "09:00", "UTC")).toBeNull();
    expect(customSnoozeUntil("2026-06-12", "24:00", "UTC")).toBeNull();
    expect(customSnoozeUntil("12/06/2026", "09:00", "UTC")).toBeNull();
  });

  it("names the problem of a missing, past or too distant time", () => {
    expect(customSnoozeProblem("", "09:00", "UTC", now)).toBe("dateMissing");
    expect(customSnoozeProblem("2026-06-12", "", "UTC", now)).toBe("timeMissing");
    expect(customSnoozeProblem("2026-13-01", "09:00", "UTC", now)).toBe("invalid");
    expect(customSnoozeProblem("2026-06-10", "11:59", "UTC", now)).toBe("past");
    expect(customSnoozeProblem("2026-09-08", "12:00", "UTC", now)).toBeNull();
    expect(customSnoozeProblem("2026-09-08", "12:01", "UTC", now)).toBe("tooFar");
  });

  it("checks an instant the way the server does", () => {
    expect(snoozeUntilProblem(now, now)).toBe("past");
    expect(snoozeUntilProblem(new Date(now.getTime() + 1000), now)).toBeNull();
  });

  it("starts the form at tomorrow 9:00 on the zone's calendar", () => {
    expect(customSnoozeDefaults(at("2026-06-10T23:30:00Z"), "Asia/Tokyo")).toEqual({ date: "2026-06-12", time: "09:00" });
    expect(customSnoozeDefaults(at("2026-12-31T12:00:00Z"), "UTC")).toEqual({ date: "2027-01-01", time: "09:00" });
  });
});
