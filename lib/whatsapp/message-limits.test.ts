import { describe, expect, it } from "vitest";

import { shouldSendTyping, TYPING_INDICATOR_INTERVAL_MS } from "./message-limits";

describe("shouldSendTyping", () => {
  const now = 1_750_000_000_000;

  it("sends the first indicator while the window is open", () => {
    expect(shouldSendTyping(undefined, now, true)).toBe(true);
  });

  it("never sends while the window is closed (or never opened), however long ago the last one was", () => {
    expect(shouldSendTyping(undefined, now, false)).toBe(false);
    expect(shouldSendTyping(now - 10 * TYPING_INDICATOR_INTERVAL_MS, now, false)).toBe(false);
  });

  it("sends at most once per 20 seconds of typing", () => {
    expect(TYPING_INDICATOR_INTERVAL_MS).toBe(20_000);
    expect(shouldSendTyping(now, now, true)).toBe(false);
    expect(shouldSendTyping(now - 1, now, true)).toBe(false);
    expect(shouldSendTyping(now - 19_999, now, true)).toBe(false);
    expect(shouldSendTyping(now - 20_000, now, true)).toBe(true);
    expect(shouldSendTyping(now - 60_000, now, true)).toBe(true);
  });

  it("is not silenced for good when the clock went back", () => {
    expect(shouldSendTyping(now + 5_000, now, true)).toBe(true);
  });
});
