/** What the users screen shows of a person and of their access, built in one place for the page and the actions' answers. Browser-safe. */
import type { UserSummary } from "@/db/queries/users";

/** A user as the users screen shows it: never the password hash; times as ISO strings. */
export function managedUserView(user: UserSummary) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export type ManagedUser = ReturnType<typeof managedUserView>;

/** A connection as the users screen names and offers it. */
export interface AccessConnectionView {
  id: string;
  /** Its label, else its WABAs' names; null while neither is known (it is then named by its id). */
  label: string | null;
  status: string;
  isDefault: boolean;
  /** Unlinked connections are offered only to remove a grant that outlived the link. */
  unlinked: boolean;
}

/**
 * Where a user may work: "admin" (every connection, always), "all" (every connection, including ones
 * linked later) or the listed connections (none listed: no access to any account's data).
 */
export type AccessView = { kind: "admin" } | { kind: "all" } | { kind: "some"; connectionIds: string[] };

export type TeamMember = ManagedUser & { access: AccessView };

/** A user's access as stored (`users.allConnections` and their `user_connections`), as the screen shows it. */
export function accessView(user: { role: UserSummary["role"]; allConnections: boolean }, grantedIds: readonly string[]): AccessView {
  if (user.role === "admin") return { kind: "admin" };
  if (user.allConnections) return { kind: "all" };
  return { kind: "some", connectionIds: [...grantedIds] };
}

/** The connections an admin may choose for someone: linked, active ones, plus any already granted (to keep or remove). */
export function offeredConnections(connections: readonly AccessConnectionView[], grantedIds: readonly string[] = []): AccessConnectionView[] {
  return connections.filter(
    (connection) => (!connection.unlinked && connection.status === "ACTIVE") || grantedIds.includes(connection.id),
  );
}
