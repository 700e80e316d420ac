import { describe, expect, it } from "vitest";

import { endOfDayIn, expiryFor, isoDayIn } from "./rules";

describe("token expiry dates", () => {
  it("ends a chosen day at its last moment in the person's time zone", () => {
    expect(endOfDayIn("2026-05-01", "UTC")).toEqual(new Date("2026-05-01T23:59:59.999Z"));
    expect(endOfDayIn("2026-05-01", "America/Sao_Paulo")).toEqual(new Date("2026-05-02T02:59:59.999Z"));
    expect(endOfDayIn("2026-05-01", "Asia/Shanghai")).toEqual(new Date("2026-05-01T15:59:59.999Z"));
    expect(endOfDayIn("2026-05-01", "Asia/Kolkata")).toEqual(new Date("2026-05-01T18:29:59.999Z"));
  });

  it("follows a change of offset on that day", () => {
    // Summer time ends in Madrid on 25 October 2026 (UTC+2 → UTC+1): that day ends at 23:00 UTC.
    expect(endOfDayIn("2026-10-25", "Europe/Madrid")).toEqual(new Date("2026-10-25T22:59:59.999Z"));
    // New York moves to summer time on 8 March 2026: the day ends at 04:00 UTC the next day.
    expect(endOfDayIn("2026-03-08", "America/New_York")).toEqual(new Date("2026-03-09T03:59:59.999Z"));
  });

  it("refuses dates that do not exist", () => {
    expect(endOfDayIn("2026-02-30", "UTC")).toBeUndefined();
    expect(endOfDayIn("2026-13-01", "UTC")).toBeUndefined();
    expect(endOfDayIn("1 May 2026", "UTC")).toBeUndefined();
  });

  it("turns the form's choices into an expiry", () => {
    const now = new Date("2026-01-10T08:00:00Z");
    expect(expiryFor("never", undefined, now, "UTC")).toBeNull();
    expect(expiryFor("30", undefined, now, "UTC")).toEqual(new Date("2026-02-09T08:00:00Z"));
    expect(expiryFor("365", undefined, now, "UTC")).toEqual(new Date("2027-01-10T08:00:00Z"));
    expect(expiryFor("custom", undefined, now, "UTC")).toBeUndefined();
    expect(expiryFor("custom", "2026-01-20", now, "Asia/Shanghai")).toEqual(new Date("2026-01-20T15:59:59.999Z"));
  });

  it("reads today's date where the person is", () => {
    const instant = new Date("2026-05-01T22:30:00Z");
    expect(isoDayIn(instant, "UTC")).toBe("2026-05-01");
    expect(isoDayIn(instant, "Asia/Tokyo")).toBe("2026-05-02");
    expect(isoDayIn(instant, "America/Los_Angeles")).toBe("2026-05-01");
  });
});
