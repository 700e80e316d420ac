import { and, eq, lt, sql } from "drizzle-orm";

import type { Database } from "../client";
import { apiRateWindows } from "../schema";

/** Where a token stands in the current window, after counting one more request. */
export interface RateWindowCount {
  /** Requests in this window, the one just counted included. */
  count: number;
  /** Seconds until the window ends and the count starts again (at least 1). */
  resetSeconds: number;
}

/**
 * Counts one request of an API token in the current one-minute window and answers the window's
 * total. One upsert of the window's row: every dashboard instance counts into the same row, and
 * the windows follow the database's clock, not each instance's. The first request of a window
 * removes the token's older windows, so the table holds about one row per token in use.
 */
export async function countApiRequest(db: Database, tokenId: string): Promise<RateWindowCount> {
  const [row] = await db
    .insert(apiRateWindows)
    .values({ tokenId, windowStart: sql`date_trunc('minute', now())`, count: 1 })
    .onConflictDoUpdate({
      target: [apiRateWindows.tokenId, apiRateWindows.windowStart],
      set: { count: sql`${apiRateWindows.count} + 1` },
    })
    .returning({
      count: apiRateWindows.count,
      windowStart: apiRateWindows.windowStart,
      resetSeconds: sql<number>`greatest(1, ceil(extract(epoch from (${apiRateWindows.windowStart} + interval '1 minute' - now()))))::int`,
    });
  if (!row) throw new Error("the API rate window was not counted");
  if (row.count === 1) {
    await db.delete(apiRateWindows).where(and(eq(apiRateWindows.tokenId, tokenId), lt(apiRateWindows.windowStart, row.windowStart)));
  }
  return { count: row.count, resetSeconds: Number(row.resetSeconds) };
}
