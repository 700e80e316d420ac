import "server-only";

import { getDb, type Database } from "@/db";
import { incrementCounter, readCounter } from "@/db/queries/counters";
import { logger } from "@/lib/log";

import { REJECTED_DELIVERIES_COUNTER } from "./ingest";

const log = logger("webhooks");

/** Why a delivery was refused, as the aggregated log line names it. */
export type RefusalReason =
  | "bad signature"
  | "missing token"
  | "wrong token"
  | "too large"
  | "unreadable body"
  | "over the rate limit";

export const REFUSAL_FLUSH_INTERVAL_MS = 5_000;

export interface RefusalTallyOptions {
  intervalMs: number;
  /** Adds `count` to the stored counter: one write for everything refused since the last one. */
  write(count: number): Promise<void>;
  log(line: string): void;
  /** Told when a write fails (the count is kept for the next interval). */
  writeFailed(error: unknown): void;
  /** Runs `flush` once after `ms` (by default a timer that does not keep the process alive). */
  schedule?: (flush: () => Promise<void>, ms: number) => void;
}

function unrefTimer(flush: () => Promise<void>, ms: number): void {
  setTimeout(() => void flush(), ms).unref();
}

/**
 * Refused deliveries counted in memory and written to the counter row at most once per interval,
 * only when something was refused, with one log line per interval: a flood of forged deliveries
 * costs no database write and no log line each, so it cannot slow the real ones down.
 */
export class RefusalTally {
  private unwritten = 0;
  private unlogged = new Map<RefusalReason, number>();
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  private readonly schedule: (flush: () => Promise<void>, ms: number) => void;

  constructor(private readonly options: RefusalTallyOptions) {
    this.schedule = options.schedule ?? unrefTimer;
  }

  record(reason: RefusalReason): void {
    this.unwritten += 1;
    this.unlogged.set(reason, (this.unlogged.get(reason) ?? 0) + 1);
    this.scheduleFlush();
  }

  /** Refusals not yet in the stored counter. */
  get pending(): number {
    return this.unwritten;
  }

  /** Writes and logs what is pending now (the interval's timer calls it; so do shutdown and tests). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  private scheduleFlush(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      return this.flush();
    }, this.options.intervalMs);
  }

  private async writePending(): Promise<void> {
    if (this.unlogged.size > 0) {
      const reasons = [...this.unlogged].sort(([, a], [, b]) => b - a);
      this.unlogged = new Map();
      const total = reasons.reduce((sum, [, count]) => sum + count, 0);
      const seconds = Math.round(this.options.intervalMs / 1000);
      this.options.log(
        `refused ${total} deliver${total === 1 ? "y" : "ies"} in the last ${seconds} s: ${reasons.map(([reason, count]) => `${count} ${reason}`).join(", ")}`,
      );
    }
    const count = this.unwritten;
    if (count === 0) return;
    try {
      await this.options.write(count);
      this.unwritten -= count;
    } catch (error) {
      // Kept for the next interval: a database that is down loses no count.
      this.options.writeFailed(error);
      this.scheduleFlush();
    }
  }
}

const globalForRefusals = globalThis as unknown as { dashboardWebhookRefusals?: RefusalTally };

/** The process's tally of refused deliveries, written to the REJECTED_DELIVERIES_COUNTER row. */
export function webhookRefusals(): RefusalTally {
  globalForRefusals.dashboardWebhookRefusals ??= new RefusalTally({
    intervalMs: REFUSAL_FLUSH_INTERVAL_MS,
    write: async (count) => incrementCounter(await getDb(), REJECTED_DELIVERIES_COUNTER, count),
    log: (line) => log.warn(line),
    writeFailed: (error) => log.warn({ err: error }, "could not store the count of refused deliveries; kept for the next interval"),
  });
  return globalForRefusals.dashboardWebhookRefusals;
}

/**
 * Deliveries refused so far: the stored count (every instance's, once written) and what this
 * process has not written yet.
 */
export async function countRejectedDeliveries(db: Database): Promise<number> {
  return (await readCounter(db, REJECTED_DELIVERIES_COUNTER)) + webhookRefusals().pending;
}
