import { afterEach, describe, expect, it, vi } from "vitest";

import { createTooltipGroup } from "./tooltip";

afterEach(() => {
  vi.useRealTimers();
});

describe("the tooltips' shared delay", () => {
  it("is skipped while a tooltip is open and until the skip delay after it closed, as Radix's provider does", () => {
    vi.useFakeTimers();
    const group = createTooltipGroup(300);
    const changes = vi.fn();
    group.subscribe(changes);
    expect(group.isOpenDelayed()).toBe(true);

    group.opened();
    expect(group.isOpenDelayed()).toBe(false);
    group.closed();
    vi.advanceTimersByTime(299);
    expect(group.isOpenDelayed()).toBe(false);
    // Another tooltip opens within the skip delay: still no delay after it closes, until 300 ms more.
    group.opened();
    group.closed();
    vi.advanceTimersByTime(299);
    expect(group.isOpenDelayed()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(group.isOpenDelayed()).toBe(true);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it("always waits when the skip delay is 0", () => {
    const group = createTooltipGroup(0);
    group.opened();
    expect(group.isOpenDelayed()).toBe(true);
  });
});
