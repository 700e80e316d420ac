import "server-only";

import type { Database } from "@/db";
import type { ConnectionScope } from "@/db/queries/connection-access";
import { listConnectionsWithAccounts, type ConnectionWithAccounts } from "@/db/queries/connections";
import { isConnectionVisible, type ScopedUser } from "@/lib/auth/connection-access";
import { isGatewayError, type GatewayClient } from "@/lib/gateway";
import { gateway as processGateway } from "@/lib/gateway/server";
import type { Translate } from "@/lib/i18n/translatable";

import { problemInWords, problemOf } from "./gateway-failure";
import { refreshAccounts } from "./sync";
import type { ConnectionView, ConnectionsOverview, HealthView, ProblemView } from "./views";
import { workingConnection } from "./working-connection";

export function connectionView({ connection, wabas, phoneNumbers }: ConnectionWithAccounts): ConnectionView {
  return {
    id: connection.id,
    status: connection.status,
    label: connection.label,
    connectUrl: connection.connectUrl,
    isDefault: connection.isDefault && connection.unlinkedAt === null,
    unlinkedAt: connection.unlinkedAt?.toISOString() ?? null,
    createdAt: (connection.matonCreatedAt ?? connection.createdAt).toISOString(),
    updatedAt: (connection.matonUpdatedAt ?? connection.updatedAt).toISOString(),
    wabas: wabas.map((waba) => ({ id: waba.id, name: waba.name, businessId: waba.businessId })),
    phoneNumbers: phoneNumbers.map((number) => ({
      id: number.id,
      wabaId: number.wabaId,
      displayPhoneNumber: number.displayPhoneNumber,
      verifiedName: number.verifiedName,
      qualityRating: number.qualityRating,
      messagingLimitTier: number.messagingLimitTier,
      throughputLevel: number.throughputLevel,
      codeVerificationStatus: number.codeVerificationStatus,
      nameStatus: number.nameStatus,
    })),
  };
}

/**
 * The connections page's data: syncs from Maton when stale (or always with maxAgeMs 0), then reads
 * the mirror: the connections of the scope (an admin's: all).
 */
export async function loadConnectionsOverview(
  db: Database,
  scope: ConnectionScope,
  options: { maxAgeMs?: number; client?: GatewayClient } = {},
): Promise<ConnectionsOverview> {
  const status = await refreshAccounts(db, options);
  const rows = (await listConnectionsWithAccounts(db)).filter((row) => isConnectionVisible(scope, row.connection.id));
  return {
    connections: rows.map(connectionView),
    syncedAt: status.lastSuccessAt?.toISOString() ?? null,
    syncProblem: status.error,
  };
}

async function attempt(run: () => Promise<unknown>): Promise<ProblemView | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    return problemOf(error);
  }
}

/**
 * Whether the Maton key is accepted (the control plane answers), then whether the gateway answers
 * through the user's working connection (a call that carries its id in `Maton-Connection`).
 */
export async function checkAccountsHealth(db: Database, user: ScopedUser, client: GatewayClient = processGateway()): Promise<HealthView> {
  const checkedAt = new Date().toISOString();
  const { target } = client;
  const keyProblem = await attempt(() => client.connections.listConnections({ status: "ACTIVE" }, { timeoutMs: 5000 }));
  if (keyProblem) return { checkedAt, target, key: { ok: false, problem: keyProblem }, workingConnection: null };
  const connection = await workingConnection(db, user);
  if (!connection) return { checkedAt, target, key: { ok: true }, workingConnection: null };
  const [withAccounts] = (await listConnectionsWithAccounts(db)).filter((row) => row.connection.id === connection.id);
  const wabaId = withAccounts?.wabas[0]?.id;
  const options = { connectionId: connection.id, timeoutMs: 5000 };
  const problem = await attempt(() =>
    wabaId
      ? client.request({ plane: "graph", method: "GET", path: encodeURIComponent(wabaId), query: { fields: ["id", "name"] } }, options)
      : client.accounts.listBusinesses({ ...options, maxPages: 1 }),
  );
  return { checkedAt, target, key: { ok: true }, workingConnection: { id: connection.id, label: connection.label, ok: problem === null, problem } };
}

/** The connections page's data with its sync problem in the reader's words (`t`: the door's translator). */
export function overviewInWords(t: Translate, overview: ConnectionsOverview): ConnectionsOverview {
  return overview.syncProblem ? { ...overview, syncProblem: problemInWords(t, overview.syncProblem) } : overview;
}

/** The health check with its problems in the reader's words (`t`: the door's translator). */
export function healthInWords(t: Translate, health: HealthView): HealthView {
  const key = health.key.ok ? health.key : { ok: false as const, problem: problemInWords(t, health.key.problem) };
  const working = health.workingConnection;
  const workingConnection = working?.problem ? { ...working, problem: problemInWords(t, working.problem) } : working;
  return { ...health, key, workingConnection };
}
