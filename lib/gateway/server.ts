import "server-only";

import { getDb } from "@/db";
import { env } from "@/lib/env";

import { createGatewayClient, type GatewayClient } from "./client";
import { limiterForAccount } from "./limiter";
import { sharedLimiterForAccount } from "./shared-limiter";

const globalForGateway = globalThis as unknown as { dashboardGateway?: GatewayClient };

/**
 * The process's gateway client, configured from the environment (the simulator in demo mode). Its
 * calls are "interactive" unless they say otherwise; background work takes `gateway().withPriority("background")`.
 * The account's budget (MATON_REQUESTS_PER_SECOND) is held in PostgreSQL with DATABASE_URL, so every
 * instance together stays within it; with the embedded database there is one process and memory holds it.
 */
export function gateway(): GatewayClient {
  if (!globalForGateway.dashboardGateway) {
    const config = env();
    const budget = { requestsPerWindow: config.matonRequestsPerSecond, windowMs: 1000 };
    globalForGateway.dashboardGateway = createGatewayClient({
      apiKey: config.matonApiKey,
      gatewayUrl: config.matonGatewayUrl,
      ctrlUrl: config.matonCtrlUrl,
      graphVersion: config.graphApiVersion,
      limiter: config.databaseUrl ? sharedLimiterForAccount(config.matonApiKey, getDb, budget) : limiterForAccount(config.matonApiKey, budget),
    });
  }
  return globalForGateway.dashboardGateway;
}
