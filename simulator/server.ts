import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { handleConnectPage } from "./control/connect-page";
import { handleControlPlane } from "./control/connections";
import { GraphError, MatonError } from "./errors";
import { handleGateway, requireApiKey } from "./gateway";
import { downloadMedia } from "./graph/media";
import { serveProfilePicture } from "./graph/uploads";
import type { Reply } from "./http";
import { json, writeReply } from "./http";
import type { SimulatorOptions } from "./options";
import { resolveOptions } from "./options";
import { handleSimApi } from "./sim-api";
import { Simulator } from "./sim";

export type { OverrideSigning, SimulatorLog, SimulatorOptions } from "./options";

export interface RunningSimulator {
  url: string;
  close(): Promise<void>;
}

function errorReply(error: unknown): Reply {
  if (error instanceof GraphError) return json(error.toBody(), error.status);
  if (error instanceof MatonError) return json(error.toBody(), error.status, error.headers);
  console.error("[simulator] unexpected error:", error);
  const message = error instanceof Error ? error.message : String(error);
  return json({ error: { message: `Internal simulator error: ${message}`, type: "MatonError", code: 500 } }, 500);
}

async function route(sim: Simulator, req: IncomingMessage, url: URL, onConnection: (id: string) => void): Promise<Reply> {
  const path = url.pathname;
  if (path.startsWith("/_sim/")) return handleSimApi(sim, req, url);
  if (path === "/connect") return handleConnectPage(sim, req, url);
  if (path === "/connections" || path.startsWith("/connections/")) return handleControlPlane(sim, req, url);
  // Meta's media host wants Meta's token, which only the gateway (Maton) holds: asked directly with
  // the Maton key, it refuses; through the gateway (`/whatsapp-business/lookaside/…`) it answers.
  if (path.startsWith("/lookaside/")) {
    throw new GraphError(190, { status: 401, message: "Invalid OAuth access token - Cannot parse access token", details: "The media host needs Meta's access token: download media through the gateway." });
  }
  if (path.startsWith("/whatsapp-business/lookaside/")) {
    requireApiKey(sim, req);
    return downloadMedia(sim, url);
  }
  if (path.startsWith("/pps/")) return serveProfilePicture(sim, url);
  if (path === "/") return json({ simulator: "Maton gateway + WhatsApp Cloud API", control: "/_sim/state" });
  return handleGateway(sim, req, url, onConnection);
}

async function handle(sim: Simulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", sim.baseUrl);
  const header = req.headers["maton-connection"];
  let connection = (Array.isArray(header) ? header[0] : header) ?? null;
  let reply: Reply;
  try {
    reply = await route(sim, req, url, (id) => {
      connection = connection ?? `(default) ${id}`;
    });
  } catch (error) {
    reply = errorReply(error);
  }
  if (!res.headersSent) writeReply(res, reply);
  if (!url.pathname.startsWith("/_sim/")) {
    sim.logRequest({ time: new Date().toISOString(), method: req.method ?? "GET", path: url.pathname + url.search, connection, status: reply.status });
  }
}

/** Starts the simulator on loopback; `close()` stops the server and every pending timer. */
export async function startSimulator(options?: SimulatorOptions): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const sim = new Simulator(resolved);
  const server = createServer((req, res) => void handle(sim, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  sim.baseUrl = `http://${host}:${port}`;
  return {
    url: sim.baseUrl,
    close: async () => {
      sim.scheduler.clear();
      sim.webhooks.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
