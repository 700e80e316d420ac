import "server-only";

import type { Database } from "@/db";
import { findPhoneNumberConnectionId } from "@/db/queries/accounts";
import type { ConnectionScope } from "@/db/queries/connection-access";
import { findDefaultConnection, findSelectedConnectionId, listUsableConnections } from "@/db/queries/connections";
import type { Connection } from "@/db/schema";
import { isConnectionVisible, type ScopedUser } from "@/lib/auth/connection-access";

/** The default connection (ACTIVE and linked), or undefined when none is linked yet. Not a user's: work no person does. */
export async function defaultConnection(db: Database): Promise<Connection | undefined> {
  return findDefaultConnection(db);
}

/**
 * The connection a user works in, always one of their scope: the one they picked in the header
 * (`users.selectedConnectionId`) while it is still ACTIVE, linked and theirs; else the default when
 * it is theirs; else the oldest usable one of theirs. Undefined when none of theirs is usable.
 */
export async function workingConnection(db: Database, user: ScopedUser): Promise<Connection | undefined> {
  const [usable, selectedId] = await Promise.all([listUsableConnections(db), findSelectedConnectionId(db, user.id)]);
  return pickWorkingConnection(usable, selectedId, user.connections);
}

/**
 * {@link workingConnection} from what it reads: every usable connection (ACTIVE and linked, oldest
 * first) and the user's pick in the header. For a caller that has both already (the dashboard's frame).
 */
export function pickWorkingConnection(usable: readonly Connection[], selectedId: string | null, scope: ConnectionScope): Connection | undefined {
  const selected = selectedId ? usable.find((connection) => connection.id === selectedId) : undefined;
  if (selected && isConnectionVisible(scope, selected.id)) return selected;
  const fallback = usable.find((connection) => connection.isDefault);
  if (fallback && isConnectionVisible(scope, fallback.id)) return fallback;
  return usable.find((connection) => isConnectionVisible(scope, connection.id));
}

/**
 * Gateway call options for work done on behalf of a user: `{ connectionId }` of their working
 * connection, or `{}` when none is usable (Maton then answers 400: no usable connection).
 * Spread into any gateway call: `gateway().templates.listTemplates(wabaId, { ...options })`.
 */
export async function gatewayOptionsForUser(db: Database, user: ScopedUser): Promise<{ connectionId?: string }> {
  const connection = await workingConnection(db, user);
  return connection ? { connectionId: connection.id } : {};
}

/**
 * The `connectionId` to pass to gateway calls about a phone number: the connection it was synced
 * under (`phone_numbers.connectionId`), even if since unlinked (the call then fails plainly rather
 * than reaching another account). A number not synced yet (known only from webhooks) falls back to
 * the default connection; undefined when there is none. Not an access check: callers check that the
 * user may see the number first (lib/auth/connection-access.ts).
 */
export async function connectionIdForPhoneNumber(db: Database, phoneNumberId: string): Promise<string | undefined> {
  const own = await findPhoneNumberConnectionId(db, phoneNumberId);
  if (own) return own;
  return (await findDefaultConnection(db))?.id;
}

/** ACTIVE, linked connections of the scope, oldest first: the choices of the header's switcher. */
export async function usableConnections(db: Database, scope: ConnectionScope): Promise<Connection[]> {
  return (await listUsableConnections(db)).filter((connection) => isConnectionVisible(scope, connection.id));
}
