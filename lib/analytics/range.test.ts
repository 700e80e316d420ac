import { describe, expect, it } from "vitest";

import { analyticsSearchOf, resolveRange } from "./range";
import type { ResolvedRange } from "./views";

const at = (iso: string) => new Date(iso);

/** The range a search resolves to, failing the test on a refusal. */
function range(search: { preset?: string; from?: string; to?: string }, timeZone: string, now: string): ResolvedRange {
  const result = resolveRange(search, timeZone, at(now));
  if (!result.ok) throw new Error(`refused: ${result.field} ${result.problem}`);
  return result.range;
}

/** The dates, instants and length only: what each case checks. */
const span = (resolved: ResolvedRange) => [resolved.from, resolved.to, resolved.start, resolved.end, resolved.days];

describe("presets around a month's end (UTC, a leap year)", () => {
  const now = "2024-03-31T12:00:00Z";

  it("counts each preset's days back from today, inclusive", () => {
    expect(span(range({ preset: "today" }, "UTC", now))).toEqual(["2024-03-31", "2024-03-31", "2024-03-31T00:00:00.000Z", "2024-04-01T00:00:00.000Z", 1]);
    expect(span(range({ preset: "yesterday" }, "UTC", now))).toEqual(["2024-03-30", "2024-03-30", "2024-03-30T00:00:00.000Z", "2024-03-31T00:00:00.000Z", 1]);
    expect(span(range({ preset: "last7" }, "UTC", now))).toEqual(["2024-03-25", "2024-03-31", "2024-03-25T00:00:00.000Z", "2024-04-01T00:00:00.000Z", 7]);
    expect(span(range({ preset: "last30" }, "UTC", now))).toEqual(["2024-03-02", "2024-03-31", "2024-03-02T00:00:00.000Z", "2024-04-01T00:00:00.000Z", 30]);
    expect(span(range({ preset: "last90" }, "UTC", now))).toEqual(["2024-01-02", "2024-03-31", "2024-01-02T00:00:00.000Z", "2024-04-01T00:00:00.000Z", 90]);
    expect(span(range({ preset: "thisMonth" }, "UTC", now))).toEqual(["2024-03-01", "2024-03-31", "2024-03-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z", 31]);
    expect(span(range({ preset: "lastMonth" }, "UTC", now))).toEqual(["2024-02-01", "2024-02-29", "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z", 29]);
  });

  it("reaches back into the previous year for last month in January, and this month on its first day is one day", () => {
    expect(span(range({ preset: "lastMonth" }, "UTC", "2024-01-15T08:00:00Z"))).toEqual(["2023-12-01", "2023-12-31", "2023-12-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z", 31]);
    expect(span(range({ preset: "thisMonth" }, "UTC", "2024-05-01T00:00:00Z"))).toEqual(["2024-05-01", "2024-05-01", "2024-05-01T00:00:00.000Z", "2024-05-02T00:00:00.000Z", 1]);
  });

  it("uses the default preset without one, and custom when only dates are given; keeps the zone", () => {
    const fallback = range({}, "UTC", now);
    expect(fallback.preset).toBe("last30");
    expect(fallback.timeZone).toBe("UTC");
    expect(range({ preset: "" }, "UTC", now).preset).toBe("last30");
    const custom = range({ from: "2024-03-10", to: "2024-03-12" }, "UTC", now);
    expect(custom.preset).toBe("custom");
    expect(span(custom)).toEqual(["2024-03-10", "2024-03-12", "2024-03-10T00:00:00.000Z", "2024-03-13T00:00:00.000Z", 3]);
    // A preset other than custom ignores the dates.
    expect(range({ preset: "today", from: "2020-01-01", to: "bad" }, "UTC", now).from).toBe("2024-03-31");
  });
});

describe("days a clock change shortens or lengthens", () => {
  it("Europe/Lisbon's spring forward: the last Sunday of March lasts 23 hours", () => {
    // 2024-03-31 01:00 UTC: 01:00 WET becomes 02:00 WEST.
    expect(span(range({ preset: "today" }, "Europe/Lisbon", "2024-03-31T12:00:00Z"))).toEqual(["2024-03-31", "2024-03-31", "2024-03-31T00:00:00.000Z", "2024-03-31T23:00:00.000Z", 1]);
    expect(span(range({ preset: "yesterday" }, "Europe/Lisbon", "2024-04-01T10:00:00Z"))).toEqual(["2024-03-31", "2024-03-31", "2024-03-31T00:00:00.000Z", "2024-03-31T23:00:00.000Z", 1]);
    expect(span(range({ preset: "last7" }, "Europe/Lisbon", "2024-03-31T12:00:00Z"))).toEqual(["2024-03-25", "2024-03-31", "2024-03-25T00:00:00.000Z", "2024-03-31T23:00:00.000Z", 7]);
    expect(span(range({ from: "2024-03-30", to: "2024-04-01" }, "Europe/Lisbon", "2024-04-10T12:00:00Z"))).toEqual(["2024-03-30", "2024-04-01", "2024-03-30T00:00:00.000Z", "2024-04-01T23:00:00.000Z", 3]);
  });

  it("America/New_York's fall back: the first Sunday of November lasts 25 hours", () => {
    expect(span(range({ preset: "today" }, "America/New_York", "2024-11-03T15:00:00Z"))).toEqual(["2024-11-03", "2024-11-03", "2024-11-03T04:00:00.000Z", "2024-11-04T05:00:00.000Z", 1]);
  });

  it("America/New_York at the month's end: this and last month read on the local calendar, across the change", () => {
    // 22:00 on 30 November in New York, already 1 December in UTC.
    const now = "2024-12-01T03:00:00Z";
    expect(span(range({ preset: "thisMonth" }, "America/New_York", now))).toEqual(["2024-11-01", "2024-11-30", "2024-11-01T04:00:00.000Z", "2024-12-01T05:00:00.000Z", 30]);
    expect(span(range({ preset: "lastMonth" }, "America/New_York", now))).toEqual(["2024-10-01", "2024-10-31", "2024-10-01T04:00:00.000Z", "2024-11-01T04:00:00.000Z", 31]);
    expect(range({ preset: "thisMonth" }, "UTC", now).from).toBe("2024-12-01");
  });

  it("a midnight the clock jumps over starts the day at the jump (São Paulo, 4 November 2018)", () => {
    // 00:00 -03 became 01:00 -02 at 03:00 UTC.
    expect(span(range({ from: "2018-11-04", to: "2018-11-04" }, "America/Sao_Paulo", "2019-01-01T12:00:00Z"))).toEqual(["2018-11-04", "2018-11-04", "2018-11-04T03:00:00.000Z", "2018-11-05T02:00:00.000Z", 1]);
  });
});

describe("a zone east of UTC", () => {
  // 01:00 on 1 February in Tokyo, still 31 January in UTC.
  const now = "2024-01-31T16:00:00Z";

  it("counts today on its own calendar", () => {
    expect(span(range({ preset: "today" }, "Asia/Tokyo", now))).toEqual(["2024-02-01", "2024-02-01", "2024-01-31T15:00:00.000Z", "2024-02-01T15:00:00.000Z", 1]);
    expect(range({ preset: "today" }, "UTC", now).from).toBe("2024-01-31");
    expect(span(range({ preset: "lastMonth" }, "Asia/Tokyo", now))).toEqual(["2024-01-01", "2024-01-31", "2023-12-31T15:00:00.000Z", "2024-01-31T15:00:00.000Z", 31]);
    expect(span(range({ preset: "thisMonth" }, "Asia/Tokyo", now))).toEqual(["2024-02-01", "2024-02-01", "2024-01-31T15:00:00.000Z", "2024-02-01T15:00:00.000Z", 1]);
  });
});

describe("refusals", () => {
  const now = at("2024-06-15T12:00:00Z");
  const refusal = (search: { preset?: string; from?: string; to?: string }) => resolveRange(search, "UTC", now);

  it("names the field and the problem", () => {
    expect(refusal({ preset: "fortnight" })).toEqual({ ok: false, field: "preset", problem: "unknownPreset" });
    expect(refusal({ preset: "custom", to: "2024-06-01" })).toEqual({ ok: false, field: "from", problem: "badDate" });
    expect(refusal({ from: "2024-02-30", to: "2024-03-01" })).toEqual({ ok: false, field: "from", problem: "badDate" });
    expect(refusal({ from: "2024-02-01" })).toEqual({ ok: false, field: "to", problem: "badDate" });
    expect(refusal({ from: "2024-02-01", to: "2024-13-01" })).toEqual({ ok: false, field: "to", problem: "badDate" });
    expect(refusal({ from: "2024-02-01", to: "1 March" })).toEqual({ ok: false, field: "to", problem: "badDate" });
    expect(refusal({ from: "2024-03-02", to: "2024-03-01" })).toEqual({ ok: false, field: "to", problem: "fromAfterTo" });
  });

  it("takes 366 days and refuses 367", () => {
    expect(refusal({ from: "2024-01-01", to: "2024-12-31" })).toMatchObject({ ok: true, range: { days: 366 } });
    expect(refusal({ from: "2023-12-31", to: "2024-12-31" })).toEqual({ ok: false, field: "to", problem: "tooLong" });
  });
});

describe("the search of /analytics in a query string", () => {
  it("keeps the known parts, trimmed, and leaves out empty and unknown ones", () => {
    const params = new URLSearchParams({ preset: " last7 ", from: "", number: "pn-1", agent: "  ", tab: "costs", tz: "Europe/Lisbon" });
    expect(analyticsSearchOf(params)).toEqual({ preset: "last7", number: "pn-1" });
  });
});
