import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { testDatabases } from "@/db/test-databases";
import { createGatewayClient, type GatewayClient } from "@/lib/gateway/client";
import { PUBLIC_RATE_LIMITS, publicRateLimit } from "@/lib/http/rate-limit";
import { headersFromSocket } from "@/lib/http/socket-address";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { setupTestSimulator } from "@/simulator/test/harness";

import { GET } from "./route";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ databaseHandle: async () => database.handle, getDb: async () => database.handle.db }));
/** The gateway client of the route, against the test simulator, counting what reaches the control plane. */
const gatewayCalls = vi.hoisted(() => ({ client: undefined as unknown as GatewayClient, connections: 0 }));
vi.mock("@/lib/gateway/server", () => ({ gateway: () => gatewayCalls.client }));

const env = setupTestSimulator({ receiver: false });

const health = (from: string) => GET(new Request("http://127.0.0.1:3000/api/health", { headers: headersFromSocket(from) }));
const globalForHealth = globalThis as unknown as { dashboardGatewayCheck?: unknown; dashboardDatabaseCheck?: unknown };

describe.each(testDatabases)("GET /api/health on $name", (testDatabase) => {
  beforeEach(async () => {
    database.handle = await testDatabase.open();
    gatewayCalls.connections = 0;
    gatewayCalls.client = createGatewayClient({
      apiKey: DEMO_MATON_API_KEY,
      gatewayUrl: env.sim.url,
      ctrlUrl: env.sim.url,
      limiter: false,
      fetch: (input, init) => {
        if (new URL(String(input)).pathname === "/connections") gatewayCalls.connections += 1;
        return fetch(input, init);
      },
    });
    // Each test starts as a freshly started server: no check done yet, no source counted.
    delete globalForHealth.dashboardGatewayCheck;
    delete globalForHealth.dashboardDatabaseCheck;
    publicRateLimit("health").clear();
  });
  afterEach(async () => {
    await database.handle.close();
  });

  it("answers a flood of 100 concurrent requests with one gateway call, showing when it was made", async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, index) => health(`10.1.0.${index + 1}`)));
    expect(answers.map((answer) => answer.status)).toEqual(new Array(100).fill(200));
    expect(gatewayCalls.connections).toBe(1);
    const bodies = await Promise.all(answers.map((answer) => answer.json()));
    expect(bodies[0]).toMatchObject({
      status: "ok",
      database: { status: "ok", driver: database.handle.driver },
      gateway: { status: "ok", ctrlUrl: env.sim.url, checkedAt: expect.any(String) },
    });
    const checkedAt = Date.parse(bodies[0].gateway.checkedAt);
    expect(checkedAt).toBeGreaterThanOrEqual(started - 1000);
    expect(new Set(bodies.map((body) => body.gateway.checkedAt)).size).toBe(1);

    // Later requests read the same check: no further call.
    expect((await health("10.1.1.1")).status).toBe(200);
    expect(gatewayCalls.connections).toBe(1);
  });

  it("reports a gateway that refuses the key as degraded, in plain words, still 200 while the database answers", async () => {
    gatewayCalls.client = createGatewayClient({ apiKey: "not-the-key", gatewayUrl: env.sim.url, ctrlUrl: env.sim.url, limiter: false });
    const answer = await health("10.2.0.1");
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body).toMatchObject({ status: "degraded", gateway: { status: "error", checkedAt: expect.any(String) } });
    expect(body.gateway.message).not.toMatch(/not-the-key/);
  });

  it("answers 429 with Retry-After to a source asking more than 5 times a second, others still answered", async () => {
    const { limit } = PUBLIC_RATE_LIMITS.health;
    // Each request counts before its first await, so these fall in one window however slow the machine.
    const answers = await Promise.all(Array.from({ length: limit + 1 }, () => health("192.0.2.7")));
    expect(answers.map((answer) => answer.status)).toEqual([...new Array(limit).fill(200), 429]);
    expect(Number(answers[limit]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await health("192.0.2.8")).status).toBe(200);
  });
});
