import { describe, expect, it } from "vitest";

import {
  CLOSING_SOON_MS,
  SERVICE_WINDOW_MS,
  isServiceWindowOpen,
  remainingTime,
  serviceWindow,
  serviceWindowHistory,
} from "./service-window";

const last = new Date("2025-03-01T10:00:00.000Z");
const at = (ms: number) => new Date(last.getTime() + ms);

describe("serviceWindow", () => {
  it("is open right after the customer writes, with 24 hours left", () => {
    const window = serviceWindow(last, last);
    expect(window).toEqual({ state: "open", closesAt: at(SERVICE_WINDOW_MS), remainingMs: SERVICE_WINDOW_MS });
    expect(isServiceWindowOpen(window)).toBe(true);
  });

  it("is still open (not closing soon) with exactly 2 hours left", () => {
    expect(serviceWindow(last, at(SERVICE_WINDOW_MS - CLOSING_SOON_MS)).state).toBe("open");
  });

  it("is closing soon one millisecond under 2 hours left", () => {
    const window = serviceWindow(last, at(SERVICE_WINDOW_MS - CLOSING_SOON_MS + 1));
    expect(window).toMatchObject({ state: "closing_soon", remainingMs: CLOSING_SOON_MS - 1 });
    expect(isServiceWindowOpen(window)).toBe(true);
  });

  it("is closing soon (and still open) one millisecond before 24 hours", () => {
    const window = serviceWindow(last, at(SERVICE_WINDOW_MS - 1));
    expect(window).toMatchObject({ state: "closing_soon", remainingMs: 1 });
    expect(isServiceWindowOpen(window)).toBe(true);
  });

  it("is closed at exactly 24 hours, since the moment it closed", () => {
    const window = serviceWindow(last, at(SERVICE_WINDOW_MS));
    expect(window).toEqual({ state: "closed", closedAt: at(SERVICE_WINDOW_MS) });
    expect(isServiceWindowOpen(window)).toBe(false);
  });

  it("stays closed since the same moment 25 hours later", () => {
    expect(serviceWindow(last, at(25 * 60 * 60 * 1000))).toEqual({ state: "closed", closedAt: at(SERVICE_WINDOW_MS) });
  });

  it("is never opened when the customer has not written", () => {
    expect(serviceWindow(null, last)).toEqual({ state: "never_opened" });
    expect(serviceWindow(undefined, last)).toEqual({ state: "never_opened" });
    expect(isServiceWindowOpen(serviceWindow(null, last))).toBe(false);
  });

  it("accepts ISO strings and epoch numbers as they come from JSON", () => {
    expect(serviceWindow(last.toISOString(), at(1000).getTime())).toMatchObject({ state: "open", remainingMs: SERVICE_WINDOW_MS - 1000 });
    expect(serviceWindow("not a date", last)).toEqual({ state: "never_opened" });
  });

  it("treats a last message written in the future (clock skew) as open with more than 24 hours", () => {
    expect(serviceWindow(at(60_000), last)).toMatchObject({ state: "open", remainingMs: SERVICE_WINDOW_MS + 60_000 });
  });
});

describe("remainingTime", () => {
  it.each([
    [SERVICE_WINDOW_MS, { unit: "hours", hours: 24, minutes: 0 }],
    [SERVICE_WINDOW_MS - 1, { unit: "hours", hours: 23, minutes: 59 }],
    [65 * 60 * 1000, { unit: "hours", hours: 1, minutes: 5 }],
    [60 * 60 * 1000 - 1, { unit: "minutes", minutes: 59, seconds: 59 }],
    [249_000, { unit: "minutes", minutes: 4, seconds: 9 }],
    [999, { unit: "minutes", minutes: 0, seconds: 0 }],
    [-5, { unit: "minutes", minutes: 0, seconds: 0 }],
  ])("%i ms is %o", (ms, parts) => {
    expect(remainingTime(ms)).toEqual(parts);
  });
});

describe("serviceWindowHistory", () => {
  it("merges messages inside one window and starts a new one after it closed", () => {
    const history = serviceWindowHistory([at(0), at(2 * 60 * 60 * 1000), at(SERVICE_WINDOW_MS + 60 * 60 * 1000), at(50 * 60 * 60 * 1000)]);
    expect(history).toEqual([
      { openedAt: at(50 * 60 * 60 * 1000), closesAt: at(50 * 60 * 60 * 1000 + SERVICE_WINDOW_MS) },
      { openedAt: at(0), closesAt: at(60 * 60 * 1000 + 2 * SERVICE_WINDOW_MS) },
    ]);
  });

  it("starts a new window when the next message comes exactly as the last one closes", () => {
    expect(serviceWindowHistory([at(0), at(SERVICE_WINDOW_MS)])).toHaveLength(2);
  });
});
