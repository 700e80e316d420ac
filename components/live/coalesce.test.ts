import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { coalesce } from "./coalesce";

describe("coalesce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs the first requests a frame later together, and the burst after them once, each key once", () => {
    const runs: string[][] = [];
    const refresh = coalesce(150, (keys) => runs.push(keys.map((key) => key.join("/"))));
    refresh(["inbox", "messages", "a"]);
    refresh(["inbox", "lists"]);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(16);
    expect(runs).toEqual([["inbox/messages/a", "inbox/lists"]]);
    refresh(["inbox", "lists"]);
    refresh(["inbox", "conversation", "a"]);
    refresh(["inbox", "lists"]);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(150);
    expect(runs).toEqual([["inbox/messages/a", "inbox/lists"], ["inbox/lists", "inbox/conversation/a"]]);
    vi.advanceTimersByTime(150);
    expect(runs).toHaveLength(2);
    // Quiet again: the next request runs a frame later.
    refresh(["inbox", "lists"]);
    vi.advanceTimersByTime(16);
    expect(runs).toHaveLength(3);
  });

  it("drops what is pending when cancelled", () => {
    const run = vi.fn();
    const refresh = coalesce(150, run);
    refresh(["a"]);
    vi.advanceTimersByTime(16);
    refresh(["b"]);
    refresh.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
