import type { ApiTokenView } from "./service";

/**
 * A token as the browser lists it: plain data (times as ISO strings), never its text or hash.
 * Browser-safe: types and a mapper only.
 */
export type ApiTokenStatus = "active" | "expired" | "revoked";

export interface ApiTokenListItem {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: ApiTokenStatus;
  owner: { id: string; name: string; email: string };
  /** Who revoked it, when someone did; their name is null once their account is gone. */
  revokedBy: { id: string; name: string | null } | null;
}

/** What the service lists, as the browser receives it. */
export function apiTokenListItem(view: ApiTokenView): ApiTokenListItem {
  return {
    id: view.id,
    name: view.name,
    prefix: view.prefix,
    createdAt: view.createdAt.toISOString(),
    lastUsedAt: view.lastUsedAt?.toISOString() ?? null,
    expiresAt: view.expiresAt?.toISOString() ?? null,
    revokedAt: view.revokedAt?.toISOString() ?? null,
    status: view.status,
    owner: view.owner,
    revokedBy: view.revokedBy,
  };
}
