import type { IncomingMessage } from "node:http";
import { isoMicros } from "../clock";
import { MatonError } from "../errors";
import type { JsonRecord, Reply } from "../http";
import { isRecord, json, readBody } from "../http";
import { APP_NAME, requireApiKey } from "../gateway";
import { randomToken } from "../ids";
import type { Simulator } from "../sim";
import type { Connection } from "../state";

export function connectUrl(sim: Simulator, connection: Connection): string {
  return `${sim.publicUrl}/connect?session_token=${connection.sessionToken}`;
}

export function connectionJson(sim: Simulator, connection: Connection): JsonRecord {
  return {
    connection_id: connection.connectionId,
    status: connection.status,
    creation_time: isoMicros(connection.createdAt, connection.micros),
    last_updated_time: isoMicros(connection.updatedAt, connection.micros + 7),
    url: connectUrl(sim, connection),
    app: APP_NAME,
    metadata: {},
  };
}

function connectionOrThrow(sim: Simulator, id: string): Connection {
  const connection = sim.state.connections.get(id);
  if (!connection) throw new MatonError(404, `Connection '${id}' not found`);
  return connection;
}

/** Maton's control plane: list, create (PENDING with a connect url), get and delete connections. */
export async function handleControlPlane(sim: Simulator, req: IncomingMessage, url: URL): Promise<Reply> {
  requireApiKey(sim, req);
  const [, id, ...extra] = url.pathname.split("/").filter(Boolean);
  const method = req.method ?? "GET";
  if (extra.length > 0) throw new MatonError(404, `Not found: ${url.pathname}`);
  if (!id) {
    if (method === "GET") {
      const app = url.searchParams.get("app");
      const status = url.searchParams.get("status");
      const connections = [...sim.state.connections.values()]
        .filter(() => !app || app === APP_NAME)
        .filter((connection) => !status || connection.status === status.toUpperCase())
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((connection) => connectionJson(sim, connection));
      return json({ connections });
    }
    if (method === "POST") return json({ connection: connectionJson(sim, await createConnection(sim, req)) });
    throw new MatonError(405, `Method ${method} not allowed on /connections`);
  }
  const connection = connectionOrThrow(sim, decodeURIComponent(id));
  if (method === "GET") return json({ connection: connectionJson(sim, connection) });
  if (method === "DELETE") {
    sim.state.connections.delete(connection.connectionId);
    return json({ connection: { ...connectionJson(sim, connection), status: "DELETED" } });
  }
  throw new MatonError(405, `Method ${method} not allowed on /connections/{id}`);
}

async function createConnection(sim: Simulator, req: IncomingMessage): Promise<Connection> {
  let body: unknown;
  try {
    const raw = (await readBody(req, 64 * 1024)).toString("utf8");
    body = raw ? JSON.parse(raw) : {};
  } catch {
    throw new MatonError(400, "Malformed request: the body must be JSON like {\"app\":\"whatsapp-business\"}");
  }
  const app = isRecord(body) ? body.app : undefined;
  if (app !== APP_NAME) throw new MatonError(400, `Invalid app name '${String(app ?? "")}': expected '${APP_NAME}'`);
  const now = sim.clock.now();
  const serial = sim.ids.next("connection-name");
  const connection: Connection = {
    connectionId: sim.ids.uuid("connection"), status: "PENDING", createdAt: now, updatedAt: now, micros: 100 + serial,
    sessionToken: randomToken(), businessName: `New Business ${serial}`,
  };
  sim.state.connections.set(connection.connectionId, connection);
  return connection;
}
