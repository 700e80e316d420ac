/** Maton's limit: at most N gateway requests in any one-second window per API key (sliding window). */
export class RateLimiter {
  private hits = new Map<string, number[]>();

  constructor(private perSecond: number) {}

  /** The budget now in force (`/_sim/rate-limit` changes it; reset returns to the started value). */
  get limit(): number {
    return this.perSecond;
  }

  setLimit(perSecond: number): void {
    this.perSecond = perSecond;
  }

  /** Counts the request; answers the seconds to wait when it is over the limit, else null. */
  take(key: string, now = Date.now()): number | null {
    const recent = (this.hits.get(key) ?? []).filter((time) => now - time < 1000);
    if (recent.length >= this.perSecond) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return Math.max(1, Math.ceil((1000 - (now - oldest)) / 1000));
    }
    recent.push(now);
    this.hits.set(key, recent);
    return null;
  }

  clear(): void {
    this.hits.clear();
  }
}
