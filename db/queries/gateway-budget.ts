import { type SQL, sql } from "drizzle-orm";

import type { Database } from "../client";
import { rowsOf } from "../rows";
import { gatewayBudget } from "../schema";

/** One attempt at a token of an account's shared budget. */
export interface GatewayGrantRequest {
  /** The account's key in `gateway_budget` (a hash of the API key). */
  account: string;
  /** Grants allowed per window. */
  size: number;
  /** Window plus margin: a grant's token comes back this long after it. */
  windowMs: number;
  /** The caller's priority, 1 the most urgent: a waiting caller of a lower rank holds it back. */
  rank: number;
  /** How long past its retry a refused caller keeps holding back less urgent ones (covers the round trip). */
  graceMs: number;
  /** Unique per attempt: how the statement tells this caller that it was granted. */
  attemptId: string;
}

/** A token (its time, to give it back), or how long until one may be free for this caller. */
export type GatewayGrantAnswer = { granted: true; grantedAt: string } | { granted: false; waitMs: number };

/**
 * Takes a token of the account's budget if one is free and no more urgent caller waits, else records
 * that this caller waits. One UPDATE of the account's row: PostgreSQL runs the updates of one row one
 * after the other and re-evaluates each on the row its predecessor left (READ COMMITTED), so every
 * decision sees every grant before it; the time is the database's, the same for every instance.
 */
export async function takeGatewayGrant(db: Database, request: GatewayGrantRequest): Promise<GatewayGrantAnswer> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const [row] = rowsOf<{ granted: boolean; granted_at: string | null; wait_ms: number | string | null }>(
      await db.execute(takeStatement(request)),
    );
    if (row) {
      if (row.granted && row.granted_at) return { granted: true, grantedAt: row.granted_at };
      return { granted: false, waitMs: Math.max(0, Number(row.wait_ms ?? 0)) };
    }
    await db.insert(gatewayBudget).values({ account: request.account }).onConflictDoNothing();
  }
  throw new Error(`gateway budget of ${request.account} could not be created`);
}

function takeStatement({ account, size, windowMs, rank, graceMs, attemptId }: GatewayGrantRequest) {
  const window = sql`make_interval(secs => ${windowMs}::double precision / 1000)`;
  const grace = sql`make_interval(secs => ${graceMs}::double precision / 1000)`;
  const rankParam = sql`${rank}::int`;
  const sizeParam = sql`${size}::int`;
  // The grant whose token frees next is the `size`-th last one; before `size` grants every token is free.
  const freeAt = (grants: SQL) => sql`${grants}[cardinality(${grants}) - ${sizeParam} + 1] + ${window}`;
  const heldBackUntil = (wanted: SQL) =>
    sql`(select max(t) from unnest(${wanted}) with ordinality as w(t, i) where i < ${rankParam})`;
  return sql`
    update gateway_budget as b
    set (grants, wanted_until, last_grant_id, updated_at) = (
      select
        case when d.granted then b.grants[greatest(1, cardinality(b.grants) - ${sizeParam} + 2):] || d.now else b.grants end,
        case when d.granted then b.wanted_until
          else array(
            select case when i = ${rankParam}
              then greatest(b.wanted_until[i], greatest(d.free_at, d.held_back_until) + ${grace})
              else b.wanted_until[i] end
            from generate_series(1, greatest(cardinality(b.wanted_until), ${rankParam})) as i)
        end,
        case when d.granted then ${attemptId}::text else b.last_grant_id end,
        d.now
      from (
        select c.now, f.free_at, h.held_back_until,
          (f.free_at is null or f.free_at <= c.now) and (h.held_back_until is null or h.held_back_until <= c.now) as granted
        from (select clock_timestamp() as now) as c,
          lateral (select ${freeAt(sql`b.grants`)} as free_at) as f,
          lateral (select ${heldBackUntil(sql`b.wanted_until`)} as held_back_until) as h
      ) as d
    )
    where b.account = ${account}::text
    returning
      last_grant_id = ${attemptId}::text as granted,
      grants[cardinality(grants)]::text as granted_at,
      greatest(
        extract(epoch from (${freeAt(sql`grants`)} - clock_timestamp())) * 1000,
        extract(epoch from (${heldBackUntil(sql`wanted_until`)} - clock_timestamp())) * 1000,
        0
      )::double precision as wait_ms`;
}

/** Gives back a token whose caller left before using it: no request was sent with it. */
export async function returnGatewayGrant(db: Database, account: string, grantedAt: string): Promise<void> {
  await db.execute(sql`
    update gateway_budget set grants = array_remove(grants, ${grantedAt}::timestamptz), updated_at = clock_timestamp()
    where account = ${account}::text`);
}

/** The grants of the account's budget now held, oldest first (tests, diagnostics). */
export async function listGatewayGrants(db: Database, account: string): Promise<string[]> {
  const [row] = rowsOf<{ grants: string[] | null }>(
    await db.execute(sql`select array(select g::text from unnest(grants) as g) as grants from gateway_budget where account = ${account}::text`),
  );
  return row?.grants ?? [];
}
