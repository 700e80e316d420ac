import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { incrementCounter, readCounter } from "@/db/queries/counters";
import { testDatabases } from "@/db/test-databases";

import { REJECTED_DELIVERIES_COUNTER } from "./ingest";
import { RefusalTally } from "./refusals";

describe.each(testDatabases)("RefusalTally on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await testDatabase.open();
  });
  afterEach(async () => {
    await handle.close();
  });

  /** A tally whose interval timer fires when the test says, writing to the test database. */
  function tally(options: { failWrites?: () => boolean } = {}) {
    const timers: Array<() => Promise<void>> = [];
    const writes: number[] = [];
    const lines: string[] = [];
    const failedWrites: unknown[] = [];
    const refusals = new RefusalTally({
      intervalMs: 5_000,
      write: async (count) => {
        if (options.failWrites?.()) throw new Error("database down");
        writes.push(count);
        await incrementCounter(handle.db, REJECTED_DELIVERIES_COUNTER, count);
      },
      log: (line) => lines.push(line),
      writeFailed: (error) => failedWrites.push(error),
      schedule: (flush) => timers.push(flush),
    });
    /** Fires the pending interval timer (there is at most one) and waits for its flush. */
    const intervalEnds = async () => {
      expect(timers).toHaveLength(1);
      await timers.shift()!();
    };
    return { refusals, timers, writes, lines, failedWrites, intervalEnds };
  }

  it("writes once per interval, all the interval's refusals in one write, with one log line", async () => {
    const { refusals, timers, writes, lines, intervalEnds } = tally();
    for (let index = 0; index < 40; index += 1) refusals.record("bad signature");
    refusals.record("wrong token");
    refusals.record("wrong token");
    expect(timers).toHaveLength(1);
    expect(writes).toEqual([]);
    expect(await readCounter(handle.db, REJECTED_DELIVERIES_COUNTER)).toBe(0);
    expect(refusals.pending).toBe(42);

    await intervalEnds();
    expect(writes).toEqual([42]);
    expect(lines).toEqual(["refused 42 deliveries in the last 5 s: 40 bad signature, 2 wrong token"]);
    expect(await readCounter(handle.db, REJECTED_DELIVERIES_COUNTER)).toBe(42);
    expect(refusals.pending).toBe(0);

    // Nothing refused: no timer, no write, no line.
    expect(timers).toEqual([]);
    await refusals.flush();
    expect(writes).toEqual([42]);

    refusals.record("too large");
    await intervalEnds();
    expect(writes).toEqual([42, 1]);
    expect(lines[1]).toBe("refused 1 delivery in the last 5 s: 1 too large");
    expect(await readCounter(handle.db, REJECTED_DELIVERIES_COUNTER)).toBe(43);
  });

  it("keeps the count when a write fails and writes it with the next interval's", async () => {
    let down = true;
    const { refusals, timers, writes, lines, failedWrites, intervalEnds } = tally({ failWrites: () => down });
    refusals.record("bad signature");
    await intervalEnds();
    expect(writes).toEqual([]);
    expect(failedWrites).toHaveLength(1);
    expect(refusals.pending).toBe(1);
    expect(timers).toHaveLength(1); // retried next interval
    down = false;
    refusals.record("bad signature");
    await intervalEnds();
    expect(writes).toEqual([2]);
    expect(await readCounter(handle.db, REJECTED_DELIVERIES_COUNTER)).toBe(2);
    // Each line tells its own interval; the failed write is not told twice.
    expect(lines).toEqual(["refused 1 delivery in the last 5 s: 1 bad signature", "refused 1 delivery in the last 5 s: 1 bad signature"]);
  });
});
