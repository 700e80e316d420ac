import { and, asc, eq, inArray, isNull, lt, notInArray, sql } from "drizzle-orm";

import type { Database } from "../client";
import { connections, phoneNumbers, users, wabas, type Connection, type PhoneNumber, type Waba } from "../schema";

/** What the control plane says about one connection. */
export interface ConnectionFromMaton {
  id: string;
  status: string;
  connectUrl: string | null;
  matonCreatedAt: Date | null;
  matonUpdatedAt: Date | null;
}

/**
 * Inserts or refreshes connections as Maton lists them. A listed connection is linked, so a
 * previous `unlinkedAt` is cleared; label and default are left to their own functions.
 */
export async function upsertConnections(db: Database, rows: ConnectionFromMaton[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(connections)
    .values(rows.map((row) => ({ ...row, unlinkedAt: null })))
    .onConflictDoUpdate({
      target: connections.id,
      set: {
        status: sql`excluded.status`,
        connectUrl: sql`excluded.connect_url`,
        matonCreatedAt: sql`excluded.maton_created_at`,
        matonUpdatedAt: sql`excluded.maton_updated_at`,
        unlinkedAt: sql`null`,
        updatedAt: new Date(),
      },
    });
}

/**
 * Marks linked connections that Maton no longer lists as unlinked (never deletes them). Only rows
 * stored before `listedBefore` are considered, so one created while the list was in flight survives.
 */
export async function markUnlistedConnectionsUnlinked(
  db: Database,
  listedIds: string[],
  at: Date,
  listedBefore: Date,
): Promise<string[]> {
  const rows = await db
    .update(connections)
    .set({ unlinkedAt: at, isDefault: false })
    .where(
      and(
        isNull(connections.unlinkedAt),
        lt(connections.createdAt, listedBefore),
        listedIds.length > 0 ? notInArray(connections.id, listedIds) : undefined,
      ),
    )
    .returning({ id: connections.id });
  return rows.map((row) => row.id);
}

export async function findConnection(db: Database, id: string): Promise<Connection | undefined> {
  const [row] = await db.select().from(connections).where(eq(connections.id, id)).limit(1);
  return row;
}

/** The row locked for the rest of the transaction, so two admins acting on it at once queue. */
export async function findConnectionForUpdate(db: Database, id: string): Promise<Connection | undefined> {
  const [row] = await db.select().from(connections).where(eq(connections.id, id)).for("update").limit(1);
  return row;
}

/** Rows of these ids, locked in id order (so concurrent callers queue instead of deadlocking). */
export async function findConnectionsForUpdate(db: Database, ids: string[]): Promise<Connection[]> {
  if (ids.length === 0) return [];
  return db.select().from(connections).where(inArray(connections.id, ids)).orderBy(asc(connections.id)).for("update");
}

export async function updateConnection(
  db: Database,
  id: string,
  changes: Partial<Pick<Connection, "status" | "connectUrl" | "label" | "matonCreatedAt" | "matonUpdatedAt" | "unlinkedAt" | "isDefault">>,
): Promise<Connection | undefined> {
  const [row] = await db.update(connections).set(changes).where(eq(connections.id, id)).returning();
  return row;
}

/** Marks a connection unlinked: its WABAs, numbers and conversations stay, it stops being the default. */
export async function markConnectionUnlinked(db: Database, id: string, at: Date): Promise<Connection | undefined> {
  return updateConnection(db, id, { unlinkedAt: at, isDefault: false });
}

/** Makes `id` the only default connection. */
export async function setDefaultConnection(db: Database, id: string): Promise<void> {
  await db.update(connections).set({ isDefault: sql`${connections.id} = ${id}` }).where(sql`${connections.isDefault} or ${connections.id} = ${id}`);
}

/** A connection work can be done in: ACTIVE and linked. */
export const USABLE_CONNECTION = and(eq(connections.status, "ACTIVE"), isNull(connections.unlinkedAt));
const usable = USABLE_CONNECTION;
/** Oldest first, by Maton's creation time (then ours): the order of the header's switcher. */
export const USABLE_CONNECTION_ORDER = [sql`${connections.matonCreatedAt} asc nulls last`, asc(connections.createdAt)] as const;

/** The default connection when it is still ACTIVE and linked. */
export async function findDefaultConnection(db: Database): Promise<Connection | undefined> {
  const [row] = await db.select().from(connections).where(and(usable, eq(connections.isDefault, true))).limit(1);
  return row;
}

/** ACTIVE, linked connections, oldest first (by Maton's creation time). */
export async function listUsableConnections(db: Database): Promise<Connection[]> {
  return db
    .select()
    .from(connections)
    .where(usable)
    .orderBy(...USABLE_CONNECTION_ORDER);
}

/**
 * When no ACTIVE linked connection is the default, the oldest ACTIVE one becomes it (as Maton
 * picks it when `Maton-Connection` is left out). Returns the default's id, if any.
 */
export async function ensureDefaultConnection(db: Database): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    // Serialises concurrent callers: the second sees the first one's choice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('connections.default'))`);
    const current = await findDefaultConnection(tx);
    if (current) return current.id;
    const [oldest] = await listUsableConnections(tx);
    if (!oldest) return undefined;
    await setDefaultConnection(tx, oldest.id);
    return oldest.id;
  });
}

export interface ConnectionWithAccounts {
  connection: Connection;
  wabas: Waba[];
  phoneNumbers: PhoneNumber[];
}

/** Every connection (unlinked ones too) with the WABAs and numbers last synced for it; newest first. */
export async function listConnectionsWithAccounts(db: Database): Promise<ConnectionWithAccounts[]> {
  const rows = await db
    .select()
    .from(connections)
    .orderBy(sql`${connections.matonCreatedAt} desc nulls first`, sql`${connections.createdAt} desc`);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [wabaRows, numberRows] = await Promise.all([
    db.select().from(wabas).where(inArray(wabas.connectionId, ids)).orderBy(asc(wabas.name), asc(wabas.id)),
    db
      .select()
      .from(phoneNumbers)
      .where(inArray(phoneNumbers.connectionId, ids))
      .orderBy(asc(phoneNumbers.displayPhoneNumber), asc(phoneNumbers.id)),
  ]);
  return rows.map((connection) => ({
    connection,
    wabas: wabaRows.filter((waba) => waba.connectionId === connection.id),
    phoneNumbers: numberRows.filter((number) => number.connectionId === connection.id),
  }));
}

/** The working connection a user picked in the header (null: follow the default). */
export async function setSelectedConnection(db: Database, userId: string, connectionId: string | null): Promise<void> {
  await db.update(users).set({ selectedConnectionId: connectionId }).where(eq(users.id, userId));
}

export async function findSelectedConnectionId(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.select({ id: users.selectedConnectionId }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.id ?? null;
}
