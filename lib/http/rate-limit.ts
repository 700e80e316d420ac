/**
 * Per-source limits for the public routes (health, webhook refusals, sign-in attempts), held in this
 * process's memory: each dashboard instance counts on its own, so behind a load balancer a source may
 * get the limit once per instance. That is enough for their purpose, keeping a flood of garbage from
 * one address away from the database, bcrypt and the gateway, without a database write per request.
 */

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface FixedWindowOptions {
  /** Events allowed per source and window. */
  limit: number;
  windowMs: number;
  /** Sources remembered at most; the least recently seen is forgotten first, so a flood of addresses cannot grow memory. */
  maxSources?: number;
  now?: () => number;
}

interface Window {
  startedAt: number;
  count: number;
}

/** Counts events per source in fixed windows; a source over its limit waits for its window's end. */
export class FixedWindowRateLimit {
  readonly limit: number;
  readonly windowMs: number;
  private readonly maxSources: number;
  private readonly now: () => number;
  // Insertion order is recency order: a touched source is moved to the end, the first is evicted.
  private readonly windows = new Map<string, Window>();

  constructor(options: FixedWindowOptions) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.maxSources = options.maxSources ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts one event of `source`; refused when it is one more than the window allows. */
  take(source: string, now = this.now()): RateLimitDecision {
    const window = this.touch(source, now);
    window.count += 1;
    return window.count <= this.limit ? { allowed: true } : this.refusal(window, now);
  }

  /** Whether `source` has used up its window, counting nothing. */
  peek(source: string, now = this.now()): RateLimitDecision {
    const window = this.windows.get(source);
    if (!window || now - window.startedAt >= this.windowMs || window.count < this.limit) return { allowed: true };
    return this.refusal(window, now);
  }

  /** Takes back one event counted by `take` that turned out not to count (a sign-in that succeeded). */
  giveBack(source: string, now = this.now()): void {
    const window = this.windows.get(source);
    if (window && now - window.startedAt < this.windowMs && window.count > 0) window.count -= 1;
  }

  /** Sources currently remembered. */
  get size(): number {
    return this.windows.size;
  }

  clear(): void {
    this.windows.clear();
  }

  private touch(source: string, now: number): Window {
    let window = this.windows.get(source);
    if (window) this.windows.delete(source);
    if (!window || now - window.startedAt >= this.windowMs) window = { startedAt: now, count: 0 };
    while (this.windows.size >= this.maxSources) {
      const oldest = this.windows.keys().next();
      if (oldest.done) break;
      this.windows.delete(oldest.value);
    }
    this.windows.set(source, window);
    return window;
  }

  private refusal(window: Window, now: number): RateLimitDecision {
    const remainingMs = window.startedAt + this.windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }
}

/** The limits of the public routes, per source address and process. */
export const PUBLIC_RATE_LIMITS = {
  /** Health checks: load balancers ask every few seconds; a flood is answered 429 before any work. */
  health: { limit: 5, windowMs: 1_000 },
  /** Refused webhook deliveries: past these, the source's deliveries are answered 429 unread. */
  webhookRefusals: { limit: 20, windowMs: 10_000 },
  /** Sign-in attempts not (yet) known to be right: past these, refused before bcrypt or the database. */
  signInAttempts: { limit: 30, windowMs: 60_000 },
} as const satisfies Record<string, FixedWindowOptions>;

export type PublicRoute = keyof typeof PUBLIC_RATE_LIMITS;

const globalForLimits = globalThis as unknown as { dashboardPublicLimits?: Map<PublicRoute, FixedWindowRateLimit> };

/** The process's limit for one public route (kept on globalThis: every route bundle shares it). */
export function publicRateLimit(route: PublicRoute): FixedWindowRateLimit {
  globalForLimits.dashboardPublicLimits ??= new Map();
  let limit = globalForLimits.dashboardPublicLimits.get(route);
  if (!limit) {
    limit = new FixedWindowRateLimit(PUBLIC_RATE_LIMITS[route]);
    globalForLimits.dashboardPublicLimits.set(route, limit);
  }
  return limit;
}

/** 429 with Retry-After; the connection is closed rather than kept for more of the same. */
export function tooManyRequests(decision: { retryAfterSeconds: number }, message = "too many requests"): Response {
  return Response.json(
    { error: message },
    { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds), Connection: "close", "Cache-Control": "no-store" } },
  );
}
