/** Timers the simulator owns, so reset and close can cancel every pending status, review and retry. */
export class Scheduler {
  private timers = new Set<NodeJS.Timeout>();
  private holds = new Set<() => void>();

  after(ms: number, task: () => void | Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void Promise.resolve()
        .then(task)
        .catch((error: unknown) => console.error("[simulator] scheduled task failed:", error));
    }, Math.max(0, ms));
    this.timers.add(timer);
  }

  /** Resolves after `ms`, or at once when the scheduler is cleared (reset, close): a held answer never outlives them. */
  hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.holds.delete(release);
        resolve();
      };
      const timer = setTimeout(release, Math.max(0, ms));
      this.holds.add(release);
    });
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const release of [...this.holds]) release();
  }
}

/** A small seeded PRNG (mulberry32) so injected faults are reproducible after a reset. */
export function seededRandom(seed: number): () => number {
  let value = seed >>> 0;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let t = value;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
