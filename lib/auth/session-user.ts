import "server-only";

import type { Database } from "@/db";
import { ALL_CONNECTIONS, findConnectionScope, type ConnectionScope } from "@/db/queries/connection-access";
import type { SessionUserRow } from "@/db/queries/sessions";
import type { User } from "@/db/schema";

import type { SessionUser } from "./session";

/**
 * Who a request acts as, from the user's row as it is now: the same for a signed-in browser and for
 * an API token, so both doors see the same role and the same connections.
 */
export async function sessionUserOf(db: Database, user: User): Promise<SessionUser> {
  return sessionUserFrom(user, user.role === "admin" ? ALL_CONNECTIONS : await findConnectionScope(db, user.id));
}

/**
 * The same from the user's row and the connections granted to them (`user_connections`), read with
 * it: admins and users given all connections work in every connection, others in the granted ones.
 */
export function sessionUserWithGrants(user: SessionUserRow, grantedConnectionIds: readonly string[]): SessionUser {
  const all = user.role === "admin" || user.allConnections;
  return sessionUserFrom(user, all ? ALL_CONNECTIONS : { all: false, connectionIds: [...grantedConnectionIds] });
}

function sessionUserFrom(user: SessionUserRow, connections: ConnectionScope): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    locale: user.locale,
    timeZone: user.timeZone,
    connections,
  };
}
