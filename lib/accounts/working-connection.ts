import "server-only";

import type { Database } from "@/db";
import { findPhoneNumberConnectionId } from "@/db/queries/accounts";
import {
  findConnection,
  findDefaultConnection,
  findSelectedConnectionId,
  listUsableConnections,
} from "@/db/queries/connections";
import type { Connection } from "@/db/schema";

const isUsable = (connection: Connection | undefined): connection is Connection =>
  connection !== undefined && connection.status === "ACTIVE" && connection.unlinkedAt === null;

/** The default connection (ACTIVE and linked), or undefined when none is linked yet. */
export async function defaultConnection(db: Database): Promise<Connection | undefined> {
  return findDefaultConnection(db);
}

/**
 * The connection a user works in: the one they picked in the header (`users.selectedConnectionId`)
 * while it is still ACTIVE and linked, else the default. Undefined when no connection is usable.
 */
export async function workingConnection(db: Database, userId: string): Promise<Connection | undefined> {
  const selectedId = await findSelectedConnectionId(db, userId);
  if (selectedId) {
    const selected = await findConnection(db, selectedId);
    if (isUsable(selected)) return selected;
  }
  return findDefaultConnection(db);
}

/**
 * Gateway call options for work done on behalf of a user: `{ connectionId }` of their working
 * connection, or `{}` when none is linked (Maton then answers 400: no usable connection).
 * Spread into any gateway call: `gateway().templates.listTemplates(wabaId, { ...options })`.
 */
export async function gatewayOptionsForUser(db: Database, userId: string): Promise<{ connectionId?: string }> {
  const connection = await workingConnection(db, userId);
  return connection ? { connectionId: connection.id } : {};
}

/**
 * The `connectionId` to pass to gateway calls about a phone number: the connection it was synced
 * under (`phone_numbers.connectionId`), even if since unlinked (the call then fails plainly rather
 * than reaching another account). A number not synced yet (known only from webhooks) falls back to
 * the default connection; undefined when there is none.
 */
export async function connectionIdForPhoneNumber(db: Database, phoneNumberId: string): Promise<string | undefined> {
  const own = await findPhoneNumberConnectionId(db, phoneNumberId);
  if (own) return own;
  return (await findDefaultConnection(db))?.id;
}

/** ACTIVE, linked connections, oldest first: the choices of the header's switcher. */
export async function usableConnections(db: Database): Promise<Connection[]> {
  return listUsableConnections(db);
}
