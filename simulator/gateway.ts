import type { IncomingMessage } from "node:http";
import { GraphError, MatonError } from "./errors";
import type { Reply } from "./http";
import { bearerToken, delay } from "./http";
import { routeGraph } from "./graph/router";
import type { Simulator } from "./sim";
import type { Connection } from "./state";
import { activeConnections } from "./state";

export const APP_NAME = "whatsapp-business";

/** The Maton key check shared by the gateway, the control plane and media downloads. */
export function requireApiKey(sim: Simulator, req: IncomingMessage): string {
  const key = bearerToken(req);
  if (!key) throw new MatonError(401, "Missing API key: send Authorization: Bearer <MATON_API_KEY>");
  if (key !== sim.options.apiKey) throw new MatonError(401, "Invalid API key");
  return key;
}

/** `Maton-Connection` picks the linked account; left out, the oldest ACTIVE one. */
function pickConnection(sim: Simulator, header: string | undefined): Connection {
  if (!header) {
    const oldest = activeConnections(sim.state)[0];
    if (!oldest) throw new MatonError(400, `No active connection found for app '${APP_NAME}'. Create one with POST /connections.`);
    return oldest;
  }
  const connection = sim.state.connections.get(header.trim());
  if (!connection) throw new MatonError(400, `Connection '${header}' not found for app '${APP_NAME}'`);
  if (connection.status !== "ACTIVE") throw new MatonError(400, `Connection '${header}' is not active (status ${connection.status})`);
  return connection;
}

/** Injected faults, checked before any state changes so a retried call is never applied twice. */
async function applyFaults(sim: Simulator): Promise<void> {
  const { latency_ms: latency, rate_429: rate429, rate_5xx: rate5xx } = sim.faults;
  if (latency > 0) await delay(latency);
  if (rate429 > 0 && sim.random() < rate429) {
    throw new MatonError(429, "Rate limit exceeded (injected fault)", { "retry-after": "1" });
  }
  if (rate5xx > 0 && sim.random() < rate5xx) {
    throw new GraphError(2, { status: 503, message: "An unexpected error has occurred. Please retry your request later." });
  }
}

/** `/{app}/{version}/{graph-path}`: key, rate limit, app name, faults, connection, then the Graph handler. */
export async function handleGateway(sim: Simulator, req: IncomingMessage, url: URL, onConnection: (id: string) => void): Promise<Reply> {
  const key = requireApiKey(sim, req);
  const retryAfter = sim.rateLimiter.take(key);
  if (retryAfter !== null) {
    throw new MatonError(429, `Rate limit exceeded: at most ${sim.rateLimiter.limit} requests per second`, { "retry-after": String(retryAfter) });
  }
  const [app, version, ...segments] = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (app !== APP_NAME) throw new MatonError(400, `Invalid app name '${app ?? ""}': this gateway serves '${APP_NAME}'`);
  if (!version || !/^v\d+\.\d+$/.test(version)) {
    throw new GraphError(2500, { message: `Unknown path components: /${[version, ...segments].filter(Boolean).join("/")}` });
  }
  await applyFaults(sim);
  const header = req.headers["maton-connection"];
  const connection = pickConnection(sim, Array.isArray(header) ? header[0] : header);
  onConnection(connection.connectionId);
  const method = req.method ?? "GET";
  if (!["GET", "POST", "DELETE"].includes(method)) throw new GraphError(100, { message: `Unsupported ${method.toLowerCase()} request.` });
  return routeGraph({
    sim, connection, method, segments, query: url.searchParams, req,
    gatewayBase: `${sim.publicUrl}/${APP_NAME}/${version}`,
  });
}
