import { and, asc, eq, inArray, isNull } from "drizzle-orm";

import type { Database } from "../client";
import { connections, wabas, type Waba } from "../schema";

export interface LinkedWaba extends Waba {
  connectionId: string;
  connectionLabel: string | null;
}

/** WABAs of linked, ACTIVE connections: the ones the dashboard registers its callback on. */
export async function listLinkedWabas(db: Database, ids?: string[]): Promise<LinkedWaba[]> {
  const rows = await db
    .select({ waba: wabas, connectionLabel: connections.label })
    .from(wabas)
    .innerJoin(connections, eq(connections.id, wabas.connectionId))
    .where(
      and(
        eq(connections.status, "ACTIVE"),
        isNull(connections.unlinkedAt),
        ids ? inArray(wabas.id, ids) : undefined,
      ),
    )
    .orderBy(asc(wabas.name), asc(wabas.id));
  return rows.map((row) => ({ ...row.waba, connectionId: row.waba.connectionId!, connectionLabel: row.connectionLabel }));
}

export async function recordCallbackRegistration(
  db: Database,
  wabaId: string,
  outcome: { callbackUrl: string; at: Date } | { error: string },
): Promise<void> {
  await db
    .update(wabas)
    .set(
      "error" in outcome
        ? { callbackError: outcome.error }
        : { callbackUrl: outcome.callbackUrl, callbackRegisteredAt: outcome.at, callbackError: null },
    )
    .where(eq(wabas.id, wabaId));
}
