import "server-only";

import type { Database } from "@/db";
import { upsertPhoneNumber, upsertWaba } from "@/db/queries/accounts";
import { recordAudit } from "@/db/queries/audit";
import {
  type ConnectionFromMaton,
  ensureDefaultConnection,
  findConnectionsForUpdate,
  markUnlistedConnectionsUnlinked,
  updateConnection,
  upsertConnections,
} from "@/db/queries/connections";
import { isGatewayError, type GatewayClient } from "@/lib/gateway";
import { gateway as processGateway } from "@/lib/gateway/server";
import type { Connection } from "@/lib/whatsapp/connections";

import { problemOf } from "./gateway-failure";
import type { ProblemView } from "./views";

/** A Maton timestamp ("2025-01-15T09:12:33.482113Z"), or null when absent or unreadable. */
function parseMatonTime(value: string | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

/** The row the `connections` table keeps for a connection as the control plane describes it. */
export function connectionFromMaton(connection: Connection): ConnectionFromMaton {
  return {
    id: connection.connection_id,
    status: connection.status,
    connectUrl: connection.url ?? null,
    matonCreatedAt: parseMatonTime(connection.creation_time),
    matonUpdatedAt: parseMatonTime(connection.last_updated_time),
  };
}

/** Who made a change, for the audit log (null: the dashboard itself, e.g. a background sync). */
export type AuditActor = { id: string; email: string } | null;

/** The audit action for a status Maton moved a connection to, when it is one we record. */
function transitionAction(previous: string | undefined, next: string): string | undefined {
  if (previous === next || previous === undefined) return undefined;
  if (next === "ACTIVE") return "connection.authorized";
  if (next === "FAILED") return "connection.failed";
  return undefined;
}

/**
 * Writes connections as Maton describes them into `connections`, and in the same transaction an
 * audit entry for each one that turned ACTIVE (`connection.authorized`) or FAILED
 * (`connection.failed`). Returns the ids that just turned ACTIVE.
 */
export async function mirrorConnections(db: Database, listed: Connection[], actor: AuditActor): Promise<string[]> {
  if (listed.length === 0) return [];
  return db.transaction(async (tx) => {
    const ids = listed.map((connection) => connection.connection_id);
    const before = new Map((await findConnectionsForUpdate(tx, ids)).map((row) => [row.id, row.status]));
    await upsertConnections(tx, listed.map(connectionFromMaton));
    const authorized: string[] = [];
    for (const connection of listed) {
      const action = transitionAction(before.get(connection.connection_id), connection.status);
      if (!action) continue;
      if (connection.status === "ACTIVE") authorized.push(connection.connection_id);
      await recordAudit(tx, {
        actor,
        action,
        target: { type: "connection", id: connection.connection_id },
        details: { from: before.get(connection.connection_id), to: connection.status, observedBy: actor ? "admin" : "sync" },
      });
    }
    return authorized;
  });
}

export interface ConnectionAccountsResult {
  wabas: number;
  phoneNumbers: number;
  /** The connection's label: its first WABA's name, else its business's. */
  label: string | null;
}

/**
 * Walks one ACTIVE connection's businesses → owned WABAs → phone numbers through the gateway
 * (with `Maton-Connection`) and upserts `wabas` and `phone_numbers`, and the connection's label.
 * Throws the GatewayError of the first call that fails.
 */
export async function syncConnectionAccounts(
  db: Database,
  connectionId: string,
  client: GatewayClient = processGateway(),
): Promise<ConnectionAccountsResult> {
  const options = { connectionId };
  const syncedAt = new Date();
  const businesses = await client.accounts.listBusinesses(options);
  let wabaCount = 0;
  let numberCount = 0;
  let label: string | null = null;
  for (const business of businesses) {
    const owned = await client.accounts.listOwnedWabas(business.id, options);
    for (const waba of owned) {
      const numbers = await client.phoneNumbers.listPhoneNumbers(waba.id, options);
      label ??= waba.name ?? business.name ?? null;
      await db.transaction(async (tx) => {
        await upsertWaba(tx, { id: waba.id, connectionId, businessId: business.id, name: waba.name ?? null, syncedAt });
        for (const number of numbers) {
          await upsertPhoneNumber(tx, {
            id: number.id,
            wabaId: waba.id,
            connectionId,
            displayPhoneNumber: number.display_phone_number,
            verifiedName: number.verified_name,
            qualityRating: number.quality_rating ?? null,
            messagingLimitTier: number.messaging_limit_tier ?? null,
            throughputLevel: number.throughput?.level ?? null,
            codeVerificationStatus: number.code_verification_status ?? null,
            nameStatus: number.name_status ?? null,
            syncedAt,
          });
        }
      });
      wabaCount += 1;
      numberCount += numbers.length;
    }
    label ??= business.name ?? null;
  }
  if (label) await updateConnection(db, connectionId, { label });
  return { wabas: wabaCount, phoneNumbers: numberCount, label };
}

export interface SyncResult {
  /** Connections Maton lists (every status). */
  connections: number;
  active: number;
  wabas: number;
  phoneNumbers: number;
  /** Connections marked unlinked because Maton no longer lists them. */
  unlinked: string[];
  /** ACTIVE connections whose accounts could not be read (the others were synced). */
  failures: { connectionId: string; error: ProblemView }[];
  defaultConnectionId: string | null;
  finishedAt: Date;
}

/**
 * Mirrors Maton into the database: every connection (all statuses) into `connections` (one Maton
 * no longer lists is marked `unlinkedAt`, never deleted), then each ACTIVE one's businesses → WABAs →
 * phone numbers. If no connection is the default, the oldest ACTIVE one becomes it.
 * Throws the GatewayError when the control plane cannot be listed (e.g. MatonError 401: bad key).
 */
export async function syncAccounts(db: Database, client: GatewayClient = processGateway()): Promise<SyncResult> {
  const listedAt = new Date();
  const listed = await client.connections.listConnections();
  await mirrorConnections(db, listed, null);
  const unlinked = await markUnlistedConnectionsUnlinked(db, listed.map((connection) => connection.connection_id), new Date(), listedAt);

  const active = listed.filter((connection) => connection.status === "ACTIVE");
  const result: SyncResult = {
    connections: listed.length,
    active: active.length,
    wabas: 0,
    phoneNumbers: 0,
    unlinked,
    failures: [],
    defaultConnectionId: null,
    finishedAt: listedAt,
  };
  for (const connection of active) {
    try {
      const accounts = await syncConnectionAccounts(db, connection.connection_id, client);
      result.wabas += accounts.wabas;
      result.phoneNumbers += accounts.phoneNumbers;
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      result.failures.push({ connectionId: connection.connection_id, error: problemOf(error) });
    }
  }
  result.defaultConnectionId = (await ensureDefaultConnection(db)) ?? null;
  result.finishedAt = new Date();
  return result;
}

/** What the last sync of this process found: when it ran, and the control plane's error if it failed. */
export interface SyncStatus {
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  /** Set when the last attempt could not list the connections (a bad key is kind "key"). */
  error: ProblemView | null;
  result: SyncResult | null;
}

const globalForSync = globalThis as unknown as {
  accountsSync?: { status: SyncStatus; running?: Promise<SyncStatus> };
};

function syncState() {
  globalForSync.accountsSync ??= { status: { lastAttemptAt: null, lastSuccessAt: null, error: null, result: null } };
  return globalForSync.accountsSync;
}

/** Default age after which the connections page syncs again. */
export const ACCOUNTS_STALE_AFTER_MS = 60_000;

/**
 * Runs `syncAccounts` unless one succeeded within `maxAgeMs` (0: always), sharing a sync already
 * running in this process. Never throws a gateway failure: it is reported in the status.
 */
export async function refreshAccounts(
  db: Database,
  options: { maxAgeMs?: number; client?: GatewayClient } = {},
): Promise<SyncStatus> {
  const state = syncState();
  const maxAgeMs = options.maxAgeMs ?? ACCOUNTS_STALE_AFTER_MS;
  const fresh = state.status.lastSuccessAt && !state.status.error && Date.now() - state.status.lastSuccessAt.getTime() < maxAgeMs;
  if (fresh) return state.status;
  state.running ??= (async () => {
    const attemptAt = new Date();
    try {
      const result = await syncAccounts(db, options.client);
      state.status = { lastAttemptAt: attemptAt, lastSuccessAt: result.finishedAt, error: null, result };
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      state.status = { ...state.status, lastAttemptAt: attemptAt, error: problemOf(error) };
    }
    return state.status;
  })().finally(() => {
    state.running = undefined;
  });
  return state.running;
}

/** The last status without syncing (e.g. for a health panel). */
export function lastSyncStatus(): SyncStatus {
  return syncState().status;
}

/** Forgets the last sync, so the next `refreshAccounts` runs (after a change made here). */
export function markAccountsStale(): void {
  const state = syncState();
  state.status = { ...state.status, lastSuccessAt: null };
}
