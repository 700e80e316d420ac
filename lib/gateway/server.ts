import "server-only";

import { env } from "@/lib/env";

import { createGatewayClient, type GatewayClient } from "./client";

const globalForGateway = globalThis as unknown as { dashboardGateway?: GatewayClient };

/** The process's gateway client, configured from the environment (the simulator in demo mode). */
export function gateway(): GatewayClient {
  if (!globalForGateway.dashboardGateway) {
    const config = env();
    globalForGateway.dashboardGateway = createGatewayClient({
      apiKey: config.matonApiKey,
      gatewayUrl: config.matonGatewayUrl,
      ctrlUrl: config.matonCtrlUrl,
      graphVersion: config.graphApiVersion,
    });
  }
  return globalForGateway.dashboardGateway;
}
