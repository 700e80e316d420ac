import { eq, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";

import type { Database } from "../client";
import { phoneNumbers, userConnections, users, wabas } from "../schema";

/**
 * Which connections a user may work in: every one (admins, and users given all connections), or
 * the listed ones. A phone number belongs to the connection it was synced under, or else to its
 * WABA's; a number whose connection is not known yet (seen only in webhooks) is visible to "all" only.
 */
export type ConnectionScope = { all: true } | { all: false; connectionIds: readonly string[] };

export const ALL_CONNECTIONS: ConnectionScope = { all: true };

/** The user's scope as stored: `allConnections` or their `user_connections` rows. Admins are decided by the caller. */
export async function findConnectionScope(db: Database, userId: string): Promise<ConnectionScope> {
  const [user] = await db.select({ all: users.allConnections }).from(users).where(eq(users.id, userId)).limit(1);
  if (user?.all) return ALL_CONNECTIONS;
  const rows = await db
    .select({ id: userConnections.connectionId })
    .from(userConnections)
    .where(eq(userConnections.userId, userId));
  return { all: false, connectionIds: rows.map((row) => row.id) };
}

/** Replaces a user's access: all connections, or exactly the listed ones. */
export async function replaceConnectionAccess(
  db: Database,
  userId: string,
  access: { all: boolean; connectionIds: readonly string[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ allConnections: access.all }).where(eq(users.id, userId));
    await tx.delete(userConnections).where(eq(userConnections.userId, userId));
    if (!access.all && access.connectionIds.length > 0) {
      await tx.insert(userConnections).values(access.connectionIds.map((connectionId) => ({ userId, connectionId })));
    }
  });
}

/** Every user's listed connections (for the team page), keyed by user id. */
export async function listConnectionGrants(db: Database, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const grants = new Map<string, string[]>();
  if (userIds.length === 0) return grants;
  const rows = await db
    .select({ userId: userConnections.userId, connectionId: userConnections.connectionId })
    .from(userConnections)
    .where(inArray(userConnections.userId, [...userIds]));
  for (const row of rows) grants.set(row.userId, [...(grants.get(row.userId) ?? []), row.connectionId]);
  return grants;
}

/** Whether a connection id (null: not known) is within the scope. */
export function scopeIncludes(scope: ConnectionScope, connectionId: string | null | undefined): boolean {
  if (scope.all) return true;
  return connectionId != null && scope.connectionIds.includes(connectionId);
}

/**
 * A condition on a column holding phone number ids (conversations.phone_number_id, media.phone_number_id,
 * …): true for the numbers of the scope's connections. `undefined` for "all", which `and()` skips.
 */
export function phoneNumberInScope(scope: ConnectionScope, phoneNumberId: SQLWrapper): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.connectionIds.length === 0) return sql`false`;
  const ids = sql.join(
    scope.connectionIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return sql`${phoneNumberId} in (select ${phoneNumbers.id} from ${phoneNumbers} left join ${wabas} on ${wabas.id} = ${phoneNumbers.wabaId} where coalesce(${phoneNumbers.connectionId}, ${wabas.connectionId}) in (${ids}))`;
}

/** A condition on a column holding WABA ids (templates.waba_id, webhook_events.waba_id): the scope's WABAs. */
export function wabaInScope(scope: ConnectionScope, wabaId: SQLWrapper): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.connectionIds.length === 0) return sql`false`;
  return sql`${wabaId} in (select ${wabas.id} from ${wabas} where ${inArray(wabas.connectionId, [...scope.connectionIds])})`;
}

/** A condition on a column holding connection ids (connections.id): the scope's connections. `undefined` for "all". */
export function connectionInScope(scope: ConnectionScope, connectionId: SQLWrapper): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.connectionIds.length === 0) return sql`false`;
  return sql`${connectionId} in (${sql.join(
    scope.connectionIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/**
 * A condition on a column holding user ids: the users who may work in the connection (admins, users
 * given all connections, users granted it). A connection not known (null) is open to the first two only.
 */
export function userMayWorkIn(connectionId: string | null, userId: SQLWrapper): SQL {
  const granted =
    connectionId === null
      ? sql`false`
      : sql`exists (select 1 from ${userConnections} where ${userConnections.userId} = ${users.id} and ${userConnections.connectionId} = ${connectionId})`;
  return sql`${userId} in (select ${users.id} from ${users} where ${users.role} = 'admin' or ${users.allConnections} or ${granted})`;
}

/** The connection a WABA belongs to; null when not known, undefined when no such WABA. */
export async function findWabaScopeConnection(db: Database, wabaId: string): Promise<string | null | undefined> {
  const [row] = await db.select({ connectionId: wabas.connectionId }).from(wabas).where(eq(wabas.id, wabaId)).limit(1);
  return row ? row.connectionId : undefined;
}

/** A user's scope as it is now (role and grants re-read): what a long-lived stream re-checks. A user gone or disabled has none. */
export async function findCurrentConnectionScope(db: Database, userId: string): Promise<ConnectionScope> {
  const [user] = await db.select({ role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.disabled) return { all: false, connectionIds: [] };
  return user.role === "admin" ? ALL_CONNECTIONS : findConnectionScope(db, userId);
}

/** The connection a phone number belongs to (its own, else its WABA's); null when not known, undefined when no such number. */
export async function findPhoneNumberScopeConnection(db: Database, phoneNumberId: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ connectionId: sql<string | null>`coalesce(${phoneNumbers.connectionId}, ${wabas.connectionId})` })
    .from(phoneNumbers)
    .leftJoin(wabas, eq(wabas.id, phoneNumbers.wabaId))
    .where(eq(phoneNumbers.id, phoneNumberId))
    .limit(1);
  return row ? row.connectionId : undefined;
}
