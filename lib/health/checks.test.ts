import { describe, expect, it, vi } from "vitest";

import { SharedCheck, type CheckResult } from "./checks";

/** A check whose runs are held open until the test settles them. */
function heldCheck() {
  const runs: Array<(result: CheckResult) => void> = [];
  return {
    runs,
    check: () => new Promise<CheckResult>((resolve) => runs.push(resolve)),
    finish(index: number, status: "ok" | "error", checkedAt: string) {
      runs[index]!(status === "ok" ? { status, latencyMs: 1, checkedAt } : { status, message: "down", latencyMs: 1, checkedAt });
    },
  };
}

describe("SharedCheck", () => {
  it("in the background: the first callers wait for one run; later ones get the last result while one refresh runs", async () => {
    let now = 0;
    const held = heldCheck();
    const shared = new SharedCheck({ check: held.check, maxAgeMs: 30_000, refresh: "background", now: () => now });

    const first = Array.from({ length: 50 }, () => shared.current());
    expect(held.runs).toHaveLength(1);
    held.finish(0, "ok", "t0");
    expect((await Promise.all(first)).every((result) => result.checkedAt === "t0")).toBe(true);

    now = 29_999;
    expect((await shared.current()).checkedAt).toBe("t0");
    expect(held.runs).toHaveLength(1);

    // Stale: answered at once with the last result; one refresh starts, however many ask meanwhile.
    now = 30_000;
    const stale = await Promise.all(Array.from({ length: 50 }, () => shared.current()));
    expect(stale.every((result) => result.checkedAt === "t0")).toBe(true);
    expect(held.runs).toHaveLength(2);

    held.finish(1, "error", "t1");
    await vi.waitFor(async () => expect((await shared.current()).checkedAt).toBe("t1"));
    expect(held.runs).toHaveLength(2);
  });

  it("waiting: callers after the maximum age wait for a fresh result and share one run", async () => {
    let now = 0;
    const held = heldCheck();
    const shared = new SharedCheck({ check: held.check, maxAgeMs: 1000, refresh: "wait", now: () => now });
    const first = shared.current();
    held.finish(0, "ok", "t0");
    expect((await first).checkedAt).toBe("t0");

    now = 1000;
    const waiting = [shared.current(), shared.current(), shared.current()];
    expect(held.runs).toHaveLength(2);
    held.finish(1, "error", "t1");
    expect((await Promise.all(waiting)).map((result) => result.status)).toEqual(["error", "error", "error"]);
  });

  it("turns a check that throws into an error result", async () => {
    const shared = new SharedCheck({ check: () => Promise.reject(new Error("boom")), maxAgeMs: 1000, refresh: "background" });
    expect(await shared.current()).toMatchObject({ status: "error", message: "Error: boom" });
  });
});
