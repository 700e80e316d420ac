import "server-only";

import type { Database } from "@/db";
import { listWabasOfConnection } from "@/db/queries/templates";
import type { Waba } from "@/db/schema";
import { refreshAccounts } from "@/lib/accounts/sync";
import { workingConnection } from "@/lib/accounts/working-connection";
import type { ScopedUser } from "@/lib/auth/connection-access";

export interface TemplateScope {
  connectionId: string | undefined;
  wabas: Waba[];
}

/**
 * The WABAs whose templates a user works on: those of their working connection (always one of their
 * connections; none when they have no usable one). When the connection has none mirrored yet (first
 * start), the accounts are synced once before answering.
 */
export async function templateScopeForUser(db: Database, user: ScopedUser): Promise<TemplateScope> {
  const connection = await workingConnection(db, user);
  if (!connection) return { connectionId: undefined, wabas: [] };
  let wabas = await listWabasOfConnection(db, connection.id);
  if (wabas.length === 0) {
    await refreshAccounts(db);
    wabas = await listWabasOfConnection(db, connection.id);
  }
  return { connectionId: connection.id, wabas };
}

/** The WABA asked for when it is one of the user's, else the first of them. */
export function pickWaba(scope: TemplateScope, requested: string | null | undefined): Waba | undefined {
  return scope.wabas.find((waba) => waba.id === requested) ?? scope.wabas[0];
}
