/**
 * Keeps each Maton account at or below 10 requests per second, queueing callers first come, first served.
 * A token bucket of 10 whose tokens each come back one second after use: unlike a bucket that refills
 * continuously, no one-second window ever sees more than 10 requests.
 */

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

export interface RateLimiter {
  /** Resolves when the caller may send one request; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<void>;
}

export interface RateLimiterOptions {
  /** Requests allowed per window (Maton: 10). */
  requestsPerWindow?: number;
  windowMs?: number;
  /** Extra spacing so network jitter cannot make the gateway see 11 in its window. */
  marginMs?: number;
  clock?: Clock;
}

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class AccountRateLimiter implements RateLimiter {
  readonly requestsPerWindow: number;
  readonly windowMs: number;
  readonly marginMs: number;
  private readonly clock: Clock;
  /** Times of the last `requestsPerWindow` grants, oldest first. */
  private readonly grants: number[] = [];
  private readonly queue: Waiter[] = [];
  private pumping = false;

  constructor(options: RateLimiterOptions = {}) {
    this.requestsPerWindow = options.requestsPerWindow ?? 10;
    this.windowMs = options.windowMs ?? 1000;
    this.marginMs = options.marginMs ?? 25;
    this.clock = options.clock ?? realClock;
    if (this.requestsPerWindow < 1 || this.windowMs <= 0) throw new RangeError("rate limit must allow at least one request per window");
  }

  /** Callers waiting for a token. */
  get waiting(): number {
    return this.queue.length;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** When the next token is free (a time on the clock). */
  private nextFreeAt(): number {
    if (this.grants.length < this.requestsPerWindow) return Number.NEGATIVE_INFINITY;
    return this.grants[this.grants.length - this.requestsPerWindow]! + this.windowMs + this.marginMs;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const wait = this.nextFreeAt() - this.clock.now();
        if (wait > 0) {
          await this.clock.sleep(wait);
          continue;
        }
        const waiter = this.queue.shift()!;
        this.grants.push(this.clock.now());
        if (this.grants.length > this.requestsPerWindow) this.grants.shift();
        if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
        waiter.resolve();
      }
    } finally {
      this.pumping = false;
    }
  }
}

/** A limiter that never waits (tests, or when something upstream already limits). */
export const unlimited: RateLimiter = { acquire: (signal) => (signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve()) };

const accountLimiters = new Map<string, AccountRateLimiter>();

/**
 * The process-wide limiter of one Maton account, so every client built with the same key shares it.
 * Several dashboard instances need a shared store instead: pass your own `limiter` to the client.
 */
export function limiterForAccount(apiKey: string, options?: RateLimiterOptions): AccountRateLimiter {
  let limiter = accountLimiters.get(apiKey);
  if (!limiter) {
    limiter = new AccountRateLimiter(options);
    accountLimiters.set(apiKey, limiter);
  }
  return limiter;
}
