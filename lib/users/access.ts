import "server-only";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { listConnectionGrants, replaceConnectionAccess } from "@/db/queries/connection-access";
import { listConnectionsWithAccounts } from "@/db/queries/connections";
import { listUsers } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { message } from "@/lib/i18n/translatable";

import { findUserForUpdateOrThrow, TeamRefusal } from "./refusal";
import { accessView, managedUserView, type AccessConnectionView, type AccessView, type TeamMember } from "./views";

/** What an admin asks for: every connection (including ones linked later), or exactly the listed ones. */
export interface RequestedAccess {
  all: boolean;
  connectionIds: readonly string[];
}

/** Access as the database holds it: `users.allConnections` and the `user_connections` rows. */
export interface StoredAccess {
  all: boolean;
  connectionIds: string[];
}

/** Who made a change, for the audit log. */
export interface TeamActor {
  id: string;
  email: string;
}

const NO_CONNECTIONS: StoredAccess = { all: false, connectionIds: [] };
const EVERY_CONNECTION: StoredAccess = { all: true, connectionIds: [] };

/** Every connection known here, unlinked ones too (a grant may outlive its link): linked first, then by name. */
export async function listAccessConnections(db: Database): Promise<AccessConnectionView[]> {
  const rows = await listConnectionsWithAccounts(db);
  const views = rows.map(({ connection, wabas }) => ({
    id: connection.id,
    label: connection.label ?? (wabas.flatMap((waba) => (waba.name ? [waba.name] : [])).join(", ") || null),
    status: connection.status,
    isDefault: connection.isDefault,
    unlinked: connection.unlinkedAt !== null,
  }));
  return views.sort(
    (a, b) =>
      Number(a.unlinked) - Number(b.unlinked) ||
      Number(a.label === null) - Number(b.label === null) ||
      (a.label ?? a.id).localeCompare(b.label ?? b.id),
  );
}

/** The users screen: every user with their access, and the connections that access is expressed in. */
export async function loadTeam(db: Database): Promise<{ members: TeamMember[]; connections: AccessConnectionView[] }> {
  const users = await listUsers(db);
  const grants = await listConnectionGrants(db, users.map((user) => user.id));
  const connections = await listAccessConnections(db);
  const members = users.map((user) => ({ ...managedUserView(user), access: accessView(user, grants.get(user.id) ?? []) }));
  return { members, connections };
}

function quoteList(ids: readonly string[]): string {
  return ids.map((id) => `"${id}"`).join(", ");
}

/**
 * What will be stored for a user of `role` who was asked `requested` (undefined: the caller did not
 * say, which gives a new non-admin no connection). Admins always have every connection, so a narrower
 * request for one is refused rather than silently widened; listed ids must be connections known here.
 */
function resolveAccess(
  role: User["role"],
  requested: RequestedAccess | undefined,
  connections: readonly AccessConnectionView[],
  who: string,
): StoredAccess {
  if (role === "admin") {
    if (requested && !requested.all) {
      throw new TeamRefusal(message("users.refusals.adminHasAll", { name: who }), "ADMIN_HAS_ALL", "access");
    }
    return EVERY_CONNECTION;
  }
  if (!requested) return NO_CONNECTIONS;
  if (requested.all) return EVERY_CONNECTION;
  const ids = [...new Set(requested.connectionIds)];
  const known = new Set(connections.map((connection) => connection.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new TeamRefusal(message("users.refusals.unknownConnections", { count: unknown.length, ids: quoteList(unknown) }), "UNKNOWN_CONNECTION", "access");
  }
  return { all: false, connectionIds: ids };
}

/** The access in words for the audit log, with the names connections had at the time. */
function describeAccess(access: StoredAccess, connections: readonly AccessConnectionView[]): string {
  if (access.all) return "All connections";
  if (access.connectionIds.length === 0) return "No connections";
  const names = new Map(connections.map((connection) => [connection.id, connection.label ?? connection.id]));
  return access.connectionIds.map((id) => names.get(id) ?? id).join(", ");
}

function sameAccess(a: StoredAccess, b: StoredAccess): boolean {
  if (a.all || b.all) return a.all === b.all;
  const ids = new Set(a.connectionIds);
  return ids.size === new Set(b.connectionIds).size && b.connectionIds.every((id) => ids.has(id));
}

async function storedAccessOf(tx: Database, user: User): Promise<StoredAccess> {
  const grants = (await listConnectionGrants(tx, [user.id])).get(user.id) ?? [];
  return { all: user.allConnections, connectionIds: grants };
}

/** Stores `after` when it differs from `before`, with an audit entry naming both. Returns whether it changed. */
async function storeAccessChange(
  tx: Database,
  actor: TeamActor,
  target: User,
  change: { before: StoredAccess; after: StoredAccess; connections: readonly AccessConnectionView[]; reason?: string },
): Promise<boolean> {
  const { before, after, connections } = change;
  if (sameAccess(before, after)) return false;
  await replaceConnectionAccess(tx, target.id, after);
  const added = after.all ? [] : after.connectionIds.filter((id) => before.all || !before.connectionIds.includes(id));
  const removed = before.all ? [] : before.connectionIds.filter((id) => after.all || !after.connectionIds.includes(id));
  await recordAudit(tx, {
    actor,
    action: "user.access_changed",
    target: { type: "user", id: target.id },
    details: {
      email: target.email,
      from: describeAccess(before, connections),
      to: describeAccess(after, connections),
      ...(added.length > 0 ? { added } : {}),
      ...(removed.length > 0 ? { removed } : {}),
      ...(change.reason ? { reason: change.reason } : {}),
    },
  });
  return true;
}

/**
 * The access a user being created will have, checked before they are inserted (same transaction):
 * what to store, and its description for the creation's audit entry.
 */
export async function resolveInitialAccess(
  tx: Database,
  role: User["role"],
  requested: RequestedAccess | undefined,
  who: string,
): Promise<{ access: StoredAccess; description: string }> {
  const connections = await listAccessConnections(tx);
  const access = resolveAccess(role, requested, connections, who);
  return { access, description: describeAccess(access, connections) };
}

/**
 * An admin sets which connections a user may work in. Refused: ids of no known connection (named in
 * the message) and any narrowing of an admin's access. Writes nothing, and no audit entry, when the
 * access is already the one asked for.
 */
export async function changeConnectionAccess(
  db: Database,
  actor: TeamActor,
  input: { userId: string; access: RequestedAccess },
): Promise<{ access: AccessView; changed: boolean }> {
  return db.transaction(async (tx) => {
    const target = await findUserForUpdateOrThrow(tx, input.userId);
    const connections = await listAccessConnections(tx);
    const after = resolveAccess(target.role, input.access, connections, target.name);
    if (target.role === "admin") return { access: accessView(target, []), changed: false };
    const before = await storedAccessOf(tx, target);
    const changed = await storeAccessChange(tx, actor, target, { before, after, connections });
    return { access: accessView({ role: target.role, allConnections: after.all }, after.connectionIds), changed };
  });
}

/**
 * An admin has every connection, and keeps it when given another role (an admin narrows it then, on
 * purpose): stored as `allConnections` when they become admin, and when they stop being one, for an
 * admin whose row did not say so. Call inside the transaction that changes the role.
 */
export async function keepEveryConnection(tx: Database, actor: TeamActor, target: User, reason: string): Promise<void> {
  if (target.allConnections) return;
  const before = await storedAccessOf(tx, target);
  const connections = await listAccessConnections(tx);
  await storeAccessChange(tx, actor, target, { before, after: EVERY_CONNECTION, connections, reason });
}
