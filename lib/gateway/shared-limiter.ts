/**
 * The limiter of one Maton account when several dashboard instances share one PostgreSQL database:
 * the budget is held in the database (`gateway_budget`), so all instances together stay within it,
 * and a waiting call of a more urgent priority in any instance holds back less urgent ones in all.
 */
import { createHash, randomUUID } from "node:crypto";

import type { Database } from "@/db/client";
import { returnGatewayGrant, takeGatewayGrant } from "@/db/queries/gateway-budget";
import { logger, type Logger } from "@/lib/log";

import {
  type Clock,
  type GatewayPriority,
  type RateLimiterOptions,
  type TokenAnswer,
  type TokenBudget,
  MemoryBudget,
  QueuedRateLimiter,
  priorityRank,
  realClock,
} from "./limiter";

export interface SharedRateLimiterOptions extends RateLimiterOptions {
  /**
   * How long past the moment it may retry a refused caller keeps holding back less urgent callers of
   * other instances (its retry's timer and round trip must fit); default 100 ms.
   */
  graceMs?: number;
  /** Where an unreachable budget is reported (default the dashboard's logger, area "gateway"). */
  log?: Pick<Logger, "warn">;
}

type SharedGrant = { shared: string } | { local: number };

/** How long a limiter whose database failed limits its instance alone before trying the database again. */
const DATABASE_RETRY_MS = 5_000;

/** The budget row of one account, keyed by a hash of its API key (the key itself is never stored). */
class PostgresBudget implements TokenBudget<SharedGrant> {
  private readonly account: string;
  /** After a failure the database is tried again only this late, so calls do not each wait for a dead server. */
  private retryDatabaseAt = Number.NEGATIVE_INFINITY;

  constructor(
    apiKey: string,
    private readonly database: () => Promise<Database>,
    private readonly size: number,
    private readonly windowMs: number,
    private readonly graceMs: number,
    /** While the database cannot be reached, this process limits itself alone (Maton's 429s do the rest). */
    private readonly fallback: MemoryBudget,
    private readonly clock: Clock,
    private readonly log: Pick<Logger, "warn">,
  ) {
    this.account = gatewayAccountKey(apiKey);
  }

  async take(priority: GatewayPriority): Promise<TokenAnswer<SharedGrant>> {
    if (this.clock.now() >= this.retryDatabaseAt) {
      try {
        const answer = await takeGatewayGrant(await this.database(), {
          account: this.account,
          size: this.size,
          windowMs: this.windowMs,
          rank: priorityRank(priority),
          graceMs: this.graceMs,
          attemptId: randomUUID(),
        });
        this.retryDatabaseAt = Number.NEGATIVE_INFINITY;
        // Whole milliseconds, so the next attempt is never a fraction early by the database's clock.
        return answer.granted ? { granted: true, grant: { shared: answer.grantedAt } } : { granted: false, waitMs: Math.ceil(answer.waitMs) };
      } catch (error) {
        if (this.retryDatabaseAt === Number.NEGATIVE_INFINITY) {
          this.log.warn({ err: error }, "shared rate budget unreachable, limiting this instance alone");
        }
        this.retryDatabaseAt = this.clock.now() + DATABASE_RETRY_MS;
      }
    }
    const local = this.fallback.take();
    return local.granted ? { granted: true, grant: { local: local.grant } } : local;
  }

  async giveBack(grant: SharedGrant): Promise<void> {
    if ("local" in grant) return this.fallback.giveBack(grant.local);
    try {
      await returnGatewayGrant(await this.database(), this.account, grant.shared);
    } catch {
      // Unreturned, the token only comes back a window later: never more requests than the budget.
    }
  }
}

/** The name of an account's budget row: a SHA-256 of its API key. */
export function gatewayAccountKey(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("hex");
}

/** Queues this instance's callers by priority in front of the account's budget in PostgreSQL. */
export class SharedRateLimiter extends QueuedRateLimiter<SharedGrant> {
  readonly requestsPerWindow: number;
  readonly windowMs: number;
  readonly marginMs: number;

  constructor(apiKey: string, database: Database | (() => Promise<Database>), options: SharedRateLimiterOptions = {}) {
    const clock: Clock = options.clock ?? realClock;
    const requestsPerWindow = options.requestsPerWindow ?? 10;
    const windowMs = options.windowMs ?? 1000;
    const marginMs = options.marginMs ?? 25;
    const fallback = new MemoryBudget(requestsPerWindow, windowMs, marginMs, clock);
    const open = typeof database === "function" ? database : () => Promise.resolve(database);
    const log = options.log ?? logger("gateway");
    super(new PostgresBudget(apiKey, open, requestsPerWindow, windowMs + marginMs, options.graceMs ?? 100, fallback, clock, log), clock);
    this.requestsPerWindow = requestsPerWindow;
    this.windowMs = windowMs;
    this.marginMs = marginMs;
  }
}

const sharedLimiters = new Map<string, SharedRateLimiter>();

/** The process's one shared limiter of an account, so its callers queue in one line by priority. */
export function sharedLimiterForAccount(
  apiKey: string,
  database: Database | (() => Promise<Database>),
  options?: SharedRateLimiterOptions,
): SharedRateLimiter {
  let limiter = sharedLimiters.get(apiKey);
  if (!limiter) {
    limiter = new SharedRateLimiter(apiKey, database, options);
    sharedLimiters.set(apiKey, limiter);
  }
  return limiter;
}
