import { eq, sql } from "drizzle-orm";

import type { Database } from "../client";
import { connections, users, webhookEndpoints, webhookEvents, type Connection } from "../schema";
import { USABLE_CONNECTION, USABLE_CONNECTION_ORDER } from "./connections";
import { DISABLED_FOR_FAILING } from "./outbound-webhooks";
import { NEEDS_ATTENTION } from "./webhook-events";

/** What the dashboard's frame shows around every page, as the database has it now. */
export interface ShellSnapshot {
  /** Every ACTIVE, linked connection, oldest first: not yet narrowed to the user's scope. */
  usableConnections: Connection[];
  /** The connection the user last picked in the header (`users.selectedConnectionId`), usable or not. */
  selectedConnectionId: string | null;
  /** Outbound webhook endpoints turned off for failing: for those who manage webhooks only. */
  disabledEndpoints: number;
  /** Stored WhatsApp deliveries that need attention: for those who manage webhooks only. */
  deliveriesNeedingAttention: number;
}

/**
 * The shell's snapshot in one round trip: a row per usable connection (or one row when there is
 * none), each carrying the user's selection and the two counts. The counts are uncorrelated
 * subqueries, computed once: the endpoints table is small and the deliveries needing attention are
 * counted from their partial index, so none of it grows with conversations or messages. They are
 * read for everyone (it costs less than a second query); the layouts show them to admins only.
 */
export async function findShellSnapshot(db: Database, userId: string): Promise<ShellSnapshot> {
  const rows = await db
    .select({
      selectedConnectionId: users.selectedConnectionId,
      disabledEndpoints: sql<number>`(select count(*)::int from ${webhookEndpoints} where ${DISABLED_FOR_FAILING})`,
      deliveriesNeedingAttention: sql<number>`(select count(*)::int from ${webhookEvents} where ${NEEDS_ATTENTION})`,
      connection: connections,
    })
    .from(users)
    .leftJoin(connections, USABLE_CONNECTION)
    .where(eq(users.id, userId))
    .orderBy(...USABLE_CONNECTION_ORDER);
  const [first] = rows;
  return {
    usableConnections: rows.flatMap((row) => (row.connection ? [row.connection] : [])),
    selectedConnectionId: first?.selectedConnectionId ?? null,
    disabledEndpoints: Number(first?.disabledEndpoints ?? 0),
    deliveriesNeedingAttention: Number(first?.deliveriesNeedingAttention ?? 0),
  };
}
