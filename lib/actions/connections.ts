"use server";

import { sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";

import { getDb, type Database } from "@/db";
import { countAccountsOfConnection } from "@/db/queries/accounts";
import { recordAudit } from "@/db/queries/audit";
import {
  ensureDefaultConnection,
  findConnection,
  findConnectionForUpdate,
  listConnectionsWithAccounts,
  markConnectionUnlinked,
  setDefaultConnection,
  setSelectedConnection,
} from "@/db/queries/connections";
import type { Connection } from "@/db/schema";
import { checkAccountsHealth, connectionView, healthInWords, loadConnectionsOverview, overviewInWords } from "@/lib/accounts/overview";
import { markAccountsStale, mirrorConnections, syncConnectionAccounts } from "@/lib/accounts/sync";
import { registerCallbacks } from "@/lib/webhooks/registration";
import type { ConnectionView, ConnectionsOverview, HealthView } from "@/lib/accounts/views";
import { isConnectionVisible } from "@/lib/auth/connection-access";
import type { SessionUser } from "@/lib/auth/session";
import { MatonError } from "@/lib/gateway";
import { gateway } from "@/lib/gateway/server";
import { requestTranslator } from "@/lib/i18n/server";
import { message } from "@/lib/i18n/translatable";
import type { Connection as MatonConnection } from "@/lib/whatsapp/connections";

import { adminActionClient, authActionClient } from "./client";
import { connectionInputSchema, selectWorkingConnectionSchema } from "./connections.schema";
import { ActionError } from "./errors";

const CONNECTIONS_PATH = "/connections";

const actorOf = (user: SessionUser) => ({ id: user.id, email: user.email });

/** Maton no longer knows the connection (deleted elsewhere, or by an earlier attempt). */
const isNotFoundAtMaton = (error: unknown) => error instanceof MatonError && error.status === 404;

async function connectionViewOrThrow(db: Database, connectionId: string): Promise<ConnectionView> {
  const row = (await listConnectionsWithAccounts(db)).find((entry) => entry.connection.id === connectionId);
  if (!row) throw new ActionError(message("connections.errors.notFound"), { code: "NOT_FOUND" });
  return connectionView(row);
}

async function lockConnectionOrThrow(tx: Database, connectionId: string): Promise<Connection> {
  const connection = await findConnectionForUpdate(tx, connectionId);
  if (!connection) throw new ActionError(message("connections.errors.notFound"), { code: "NOT_FOUND" });
  return connection;
}

/** Marks the connection unlinked here (its accounts and numbers are kept) and audits it, in one transaction. */
async function unlinkLocally(
  db: Database,
  connectionId: string,
  actor: ReturnType<typeof actorOf>,
  action: "connection.unlinked" | "connection.cancelled",
  details: (connection: Connection, tx: Database) => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const connection = await lockConnectionOrThrow(tx, connectionId);
    const recorded = await details(connection, tx);
    await markConnectionUnlinked(tx, connectionId, new Date());
    await recordAudit(tx, { actor, action, target: { type: "connection", id: connectionId }, details: recorded });
  });
}

/** Deletes the connection at Maton; one Maton no longer knows counts as deleted. */
async function deleteAtMaton(connectionId: string): Promise<void> {
  try {
    await gateway().connections.deleteConnection(connectionId);
  } catch (error) {
    if (!isNotFoundAtMaton(error)) throw error;
  }
}

function revalidate() {
  revalidatePath(CONNECTIONS_PATH);
  // The header's connection switcher is in the dashboard layout.
  revalidatePath("/", "layout");
}

/** Every connection with its numbers, synced from Maton when the mirror is older than a minute. */
export const getConnectionsOverviewAction = adminActionClient
  .metadata({ actionName: "getConnectionsOverview" })
  .action(async ({ ctx }): Promise<ConnectionsOverview> => {
    const overview = await loadConnectionsOverview(await getDb(), ctx.user.connections);
    return overviewInWords(await requestTranslator(), overview);
  });

/** Is the Maton key accepted, and does the gateway answer through the working connection? */
export const checkConnectionsHealthAction = adminActionClient
  .metadata({ actionName: "checkConnectionsHealth" })
  .action(async ({ ctx }): Promise<HealthView> => {
    const health = await checkAccountsHealth(await getDb(), ctx.user);
    return healthInWords(await requestTranslator(), health);
  });

/** Creates a PENDING connection at Maton; the admin opens its `connectUrl` to authorise it. */
export const createConnectionAction = adminActionClient
  .metadata({ actionName: "createConnection" })
  .action(async ({ ctx }): Promise<{ connection: ConnectionView }> => {
    const created = await gateway().connections.createConnection();
    const db = await getDb();
    await db.transaction(async (tx) => {
      await mirrorConnections(tx, [created], actorOf(ctx.user));
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "connection.created",
        target: { type: "connection", id: created.connection_id },
        details: { status: created.status },
      });
    });
    revalidate();
    return { connection: await connectionViewOrThrow(db, created.connection_id) };
  });

/**
 * Asks Maton for a connection's status and mirrors it; when it has turned ACTIVE, reads its WABAs and
 * numbers and makes it the default if there is none. The page polls this while a link is pending.
 */
export const pollConnectionAction = adminActionClient
  .metadata({ actionName: "pollConnection" })
  .inputSchema(connectionInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ connection: ConnectionView }> => {
    const db = await getDb();
    const { connectionId } = parsedInput;
    const local = await connectionViewOrThrow(db, connectionId);
    if (local.unlinkedAt) return { connection: local };
    let remote: MatonConnection;
    try {
      remote = await gateway().connections.getConnection(connectionId);
    } catch (error) {
      if (!isNotFoundAtMaton(error)) throw error;
      // Deleted at Maton meanwhile (elsewhere): keep it here, marked unlinked.
      await unlinkLocally(db, connectionId, actorOf(ctx.user), "connection.unlinked", () => ({ reason: "no longer at Maton" }));
      revalidate();
      return { connection: await connectionViewOrThrow(db, connectionId) };
    }
    await mirrorConnections(db, [remote], actorOf(ctx.user));
    if (remote.status === "ACTIVE" && (local.status !== "ACTIVE" || local.phoneNumbers.length === 0)) {
      await syncConnectionAccounts(db, connectionId);
      await ensureDefaultConnection(db);
      markAccountsStale();
      // A newly linked account delivers its messages here once our callback is registered on it.
      await registerCallbacks(db, { connectionId });
    }
    if (remote.status !== local.status) revalidate();
    return { connection: await connectionViewOrThrow(db, connectionId) };
  });

/** Stops a pending link: deletes the connection at Maton and keeps it here, marked unlinked. */
export const cancelConnectionAction = adminActionClient
  .metadata({ actionName: "cancelConnection" })
  .inputSchema(connectionInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ connection: ConnectionView }> => {
    const db = await getDb();
    const { connectionId } = parsedInput;
    const local = await connectionViewOrThrow(db, connectionId);
    if (local.unlinkedAt) return { connection: local };
    if (local.status !== "PENDING") {
      throw new ActionError(message("connections.errors.notPending"), { code: "NOT_PENDING" });
    }
    let remote: MatonConnection | undefined;
    try {
      remote = await gateway().connections.getConnection(connectionId);
    } catch (error) {
      if (!isNotFoundAtMaton(error)) throw error;
    }
    if (remote && remote.status === "ACTIVE") {
      await mirrorConnections(db, [remote], actorOf(ctx.user));
      revalidate();
      throw new ActionError(message("connections.errors.alreadyActive"), { code: "ALREADY_ACTIVE" });
    }
    if (remote) await deleteAtMaton(connectionId);
    await unlinkLocally(db, connectionId, actorOf(ctx.user), "connection.cancelled", () => ({ status: remote?.status ?? local.status }));
    revalidate();
    return { connection: await connectionViewOrThrow(db, connectionId) };
  });

/** Makes an ACTIVE connection the default: gateway calls with no working connection of their own use it. */
export const setDefaultConnectionAction = adminActionClient
  .metadata({ actionName: "setDefaultConnection" })
  .inputSchema(connectionInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ connection: ConnectionView }> => {
    const db = await getDb();
    const { connectionId } = parsedInput;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('connections.default'))`);
      const connection = await lockConnectionOrThrow(tx, connectionId);
      if (connection.unlinkedAt || connection.status !== "ACTIVE") {
        throw new ActionError(message("connections.errors.notActive"), { code: "NOT_ACTIVE" });
      }
      if (connection.isDefault) return;
      const previous = (await listConnectionsWithAccounts(tx)).find((row) => row.connection.isDefault)?.connection.id ?? null;
      await setDefaultConnection(tx, connectionId);
      await recordAudit(tx, { actor: actorOf(ctx.user), action: "connection.default_set", target: { type: "connection", id: connectionId }, details: { label: connection.label, previous } });
    });
    revalidate();
    return { connection: await connectionViewOrThrow(db, connectionId) };
  });

/**
 * Unlinks a connection: deletes it at Maton (its token goes), keeps its WABAs, numbers and
 * conversations here marked unlinked. If it was the default, the oldest ACTIVE one takes over.
 */
export const unlinkConnectionAction = adminActionClient
  .metadata({ actionName: "unlinkConnection" })
  .inputSchema(connectionInputSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ connection: ConnectionView; defaultConnectionId: string | null }> => {
    const db = await getDb();
    const { connectionId } = parsedInput;
    const local = await connectionViewOrThrow(db, connectionId);
    if (local.unlinkedAt) throw new ActionError(message("connections.errors.alreadyUnlinked"), { code: "ALREADY_UNLINKED" });
    await deleteAtMaton(connectionId);
    await unlinkLocally(db, connectionId, actorOf(ctx.user), "connection.unlinked", async (connection, tx) => {
      const kept = await countAccountsOfConnection(tx, connectionId);
      return { label: connection.label, status: connection.status, wasDefault: connection.isDefault, keptWabas: kept.wabas, keptPhoneNumbers: kept.phoneNumbers };
    });
    const defaultConnectionId = (await ensureDefaultConnection(db)) ?? null;
    markAccountsStale();
    revalidate();
    return { connection: await connectionViewOrThrow(db, connectionId), defaultConnectionId };
  });

/**
 * The signed-in user's working connection (header switcher), one of their connections; null follows
 * the default again (when it is theirs). One outside their connections is refused like an inactive one.
 */
export const selectWorkingConnectionAction = authActionClient
  .metadata({ actionName: "selectWorkingConnection" })
  .inputSchema(selectWorkingConnectionSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ connectionId: string | null }> => {
    const db = await getDb();
    const { connectionId } = parsedInput;
    if (connectionId) {
      const row = isConnectionVisible(ctx.user.connections, connectionId) ? await findConnection(db, connectionId) : undefined;
      if (!row || row.unlinkedAt || row.status !== "ACTIVE") {
        throw new ActionError(message("connections.errors.noLongerActive"), { code: "NOT_ACTIVE", field: "connectionId" });
      }
    }
    await setSelectedConnection(db, ctx.user.id, connectionId);
    revalidatePath("/", "layout");
    return { connectionId };
  });
