/**
 * Keeps each Maton account at or below its budget (10 requests per second unless configured), serving
 * waiting callers by priority, then first come, first served. The budget is a window of the last
 * grants whose tokens each come back one window after use: unlike a bucket that refills continuously,
 * no window ever sees more than the budget. Where the budget is held is a `TokenBudget`: this process's
 * memory here, PostgreSQL for several instances (`shared-limiter.ts`); the waiting line is one for both.
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

/** Who is waiting, most urgent first: a person in the dashboard, the public API, campaigns, polling. */
export const GATEWAY_PRIORITIES = ["interactive", "api", "campaign", "background"] as const;
export type GatewayPriority = (typeof GATEWAY_PRIORITIES)[number];

/** 1 for the most urgent priority; what the shared budget stores. */
export function priorityRank(priority: GatewayPriority): number {
  return GATEWAY_PRIORITIES.indexOf(priority) + 1;
}

export interface RateLimiter {
  /**
   * Resolves when the caller may send one request; rejects if the signal aborts while waiting (the
   * caller then costs no token). `priority` defaults to "interactive" (or the limiter's own default).
   */
  acquire(signal?: AbortSignal, priority?: GatewayPriority): Promise<void>;
}

export interface RateLimiterOptions {
  /** Requests allowed per window (Maton: 10 per second). */
  requestsPerWindow?: number;
  windowMs?: number;
  /** Extra spacing so network jitter cannot make the gateway see one more than the budget in its window. */
  marginMs?: number;
  clock?: Clock;
}

/** A budget's answer: a token (with what identifies it, to give it back) or how long until one may be free. */
export type TokenAnswer<Grant> = { granted: true; grant: Grant } | { granted: false; waitMs: number };

/** Where an account's budget is held; asked for one token at a time, for the most urgent waiting caller. */
export interface TokenBudget<Grant> {
  take(priority: GatewayPriority): TokenAnswer<Grant> | Promise<TokenAnswer<Grant>>;
  /** Returns a token taken for a caller who left while it was being taken: no request was sent with it. */
  giveBack(grant: Grant): void | Promise<void>;
}

interface Waiter {
  priority: GatewayPriority;
  rank: number;
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * The waiting line in front of a budget: callers queue by priority (then arrival), one token is taken
 * at a time for the head of the line, and a caller whose signal aborts leaves at once.
 */
export class QueuedRateLimiter<Grant> implements RateLimiter {
  private readonly line: Waiter[] = [];
  private pumping = false;
  private pumped: Promise<void> = Promise.resolve();

  constructor(
    private readonly budget: TokenBudget<Grant>,
    private readonly clock: Clock,
  ) {}

  /** Callers waiting for a token. */
  get waiting(): number {
    return this.line.length;
  }

  acquire(signal?: AbortSignal, priority: GatewayPriority = "interactive"): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, rank: priorityRank(priority), resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.line.indexOf(waiter);
          if (index >= 0) this.line.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      // Behind everyone of the same or a more urgent priority, ahead of the less urgent.
      const before = this.line.findIndex((queued) => queued.rank > waiter.rank);
      this.line.splice(before < 0 ? this.line.length : before, 0, waiter);
      if (!this.pumping) this.pumped = this.pump();
    });
  }

  /** Resolves once no caller waits and no token is being taken (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumped;
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.line.length > 0) {
        let answer: TokenAnswer<Grant>;
        try {
          answer = await this.budget.take(this.line[0]!.priority);
        } catch (error) {
          this.leave(this.line[0])?.reject(error);
          continue;
        }
        if (!answer.granted) {
          await this.clock.sleep(answer.waitMs);
          continue;
        }
        // The caller it was taken for may have left meanwhile: the next in line gets it, or the budget.
        const waiter = this.leave(this.line[0]);
        if (waiter) waiter.resolve();
        else await this.budget.giveBack(answer.grant);
      }
    } finally {
      this.pumping = false;
    }
  }

  private leave(waiter: Waiter | undefined): Waiter | undefined {
    if (!waiter) return undefined;
    this.line.splice(this.line.indexOf(waiter), 1);
    if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
    return waiter;
  }
}

/** The budget in this process's memory: the times of the last `requestsPerWindow` grants. */
export class MemoryBudget implements TokenBudget<number> {
  /** Times of the last `requestsPerWindow` grants, oldest first. */
  private readonly grants: number[] = [];

  constructor(
    readonly requestsPerWindow: number,
    readonly windowMs: number,
    readonly marginMs: number,
    private readonly clock: Clock,
  ) {
    if (requestsPerWindow < 1 || windowMs <= 0) throw new RangeError("rate limit must allow at least one request per window");
  }

  take(): TokenAnswer<number> {
    const now = this.clock.now();
    const freeAt =
      this.grants.length < this.requestsPerWindow
        ? Number.NEGATIVE_INFINITY
        : this.grants[this.grants.length - this.requestsPerWindow]! + this.windowMs + this.marginMs;
    if (freeAt > now) return { granted: false, waitMs: freeAt - now };
    this.grants.push(now);
    if (this.grants.length > this.requestsPerWindow) this.grants.shift();
    return { granted: true, grant: now };
  }

  giveBack(grant: number): void {
    const index = this.grants.lastIndexOf(grant);
    if (index >= 0) this.grants.splice(index, 1);
  }
}

/** One process's limiter of one Maton account, its budget in memory (the embedded database's case). */
export class AccountRateLimiter extends QueuedRateLimiter<number> {
  readonly requestsPerWindow: number;
  readonly windowMs: number;
  readonly marginMs: number;

  constructor(options: RateLimiterOptions = {}) {
    const clock = options.clock ?? realClock;
    const budget = new MemoryBudget(options.requestsPerWindow ?? 10, options.windowMs ?? 1000, options.marginMs ?? 25, clock);
    super(budget, clock);
    this.requestsPerWindow = budget.requestsPerWindow;
    this.windowMs = budget.windowMs;
    this.marginMs = budget.marginMs;
  }
}

/** A limiter that never waits (tests, or when something upstream already limits). */
export const unlimited: RateLimiter = { acquire: (signal) => (signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve()) };

/** The same limiter, with another priority for calls that name none (a background client's). */
export function withDefaultPriority(limiter: RateLimiter, priority: GatewayPriority): RateLimiter {
  return { acquire: (signal, callPriority) => limiter.acquire(signal, callPriority ?? priority) };
}

const accountLimiters = new Map<string, AccountRateLimiter>();

/**
 * The process-wide limiter of one Maton account, so every client built with the same key shares it.
 * Several dashboard instances share a budget in PostgreSQL instead: see `sharedLimiterForAccount`.
 */
export function limiterForAccount(apiKey: string, options?: RateLimiterOptions): AccountRateLimiter {
  let limiter = accountLimiters.get(apiKey);
  if (!limiter) {
    limiter = new AccountRateLimiter(options);
    accountLimiters.set(apiKey, limiter);
  }
  return limiter;
}
