/**
 * The public API on PostgreSQL against the simulator: `GET /api/v1/conversations` and a text send
 * (`POST /api/v1/conversations/{id}/messages`, each with its own Idempotency-Key) served by a
 * production server, and the outbound webhooks' fan-out (1,000 events to 3 endpoints).
 */
import { openDatabase } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { DEMO_USERS, seedDemoUsers } from "@/db/seed";
import { createApiToken } from "@/lib/api-tokens/service";
import { benchFanOut } from "@/lib/outbound-webhooks/bench";
import { startSimulator } from "@/simulator/server";

import { percentile, printTable } from "./report";
import { assertPortFree, benchServerUrl, PHONE_NUMBER_ID, startServer, stopServer, waitForServer, withFreshDatabase } from "./server";

const PORT = Number(process.env.BENCH_API_PORT ?? 3960);
const BASE = `http://127.0.0.1:${PORT}`;
/** The simulator's port in demo mode, as bench/server.ts's startServer sets it. */
const SIM_PORT = 4999;
const LIST_RUNS = Number(process.env.BENCH_API_LIST_RUNS ?? 200);
const SEND_RUNS = Number(process.env.BENCH_API_SEND_RUNS ?? 100);
/**
 * Sends start at most this often: within Maton's 10 requests a second, so the figure is the API's own
 * time and not the wait the shared budget imposes on a client sending faster than the account allows.
 */
const SEND_EVERY_MS = Number(process.env.BENCH_API_SEND_EVERY_MS ?? 125);

async function timed(run: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await run();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${response.status} from the API: the benchmark measures successful calls only`);
  return performance.now() - started;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function benchRoutes(url: string): Promise<Array<Record<string, string | number>>> {
  const handle = await openDatabase({ driver: "postgres", url });
  let token: string;
  try {
    await handle.migrate();
    await seedDemoUsers(handle.db);
    const agent = await findUserByEmail(handle.db, DEMO_USERS.find((user) => user.role === "agent")!.email);
    if (!agent) throw new Error("the demo agent was not seeded");
    ({ token } = await createApiToken(handle.db, agent, { name: "bench", expiresAt: null }));
  } finally {
    await handle.close();
  }

  await assertPortFree(PORT);
  const sim = await startSimulator({ port: SIM_PORT, webhookUrl: `${BASE}/api/webhooks/whatsapp` });
  const server = startServer(PORT, { DATABASE_URL: url, APP_URL: BASE, API_RATE_LIMIT_PER_MINUTE: "1000000", SYNC_INTERVAL_SECONDS: "0" });
  try {
    await waitForServer(`${BASE}/api/health`, server);
    const headers = { Authorization: `Bearer ${token}` };
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${BASE}/api/v1${path}`, { ...init, headers: { ...headers, ...init.headers } });

    // The numbers are mirrored from the simulator at start; then a customer writes, which opens a conversation.
    await until("the business numbers", async () => {
      const body = (await (await api("/phone-numbers")).json()) as { data?: unknown[] };
      return body.data && body.data.length > 0 ? true : undefined;
    });
    const customer = "15557654321";
    const written = await fetch(`http://127.0.0.1:${SIM_PORT}/_sim/inbound`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ phone_number_id: PHONE_NUMBER_ID, from: customer, name: "Bench Customer", type: "text", text: { body: "Hello" } }),
    });
    if (!written.ok) throw new Error(`the simulator refused the customer's message: ${written.status}`);
    const conversationId = await until("the customer's conversation", async () => {
      const body = (await (await api(`/conversations?q=${customer}`)).json()) as { data?: Array<{ id: string }> };
      return body.data?.[0]?.id;
    });

    const list: number[] = [];
    for (let run = 0; run < LIST_RUNS; run += 1) list.push(await timed(() => api("/conversations?limit=25")));
    const send: number[] = [];
    for (let run = 0; run < SEND_RUNS; run += 1) {
      const started = Date.now();
      send.push(
        await timed(() =>
          api(`/conversations/${conversationId}/messages`, {
            method: "POST",
            headers: { "Content-Type": "application/json", "Idempotency-Key": `bench-${run}-${Date.now()}` },
            body: JSON.stringify({ type: "text", text: { body: `Benchmark reply ${run}` } }),
          }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + SEND_EVERY_MS - Date.now())));
    }
    const row = (name: string, runs: number[]) => ({
      call: name,
      runs: runs.length,
      "p50 ms": percentile(runs, 50).toFixed(1),
      "p95 ms": percentile(runs, 95).toFixed(1),
    });
    return [row("GET /api/v1/conversations?limit=25", list), row(`POST …/messages (text, to the simulator, one every ${SEND_EVERY_MS} ms)`, send)];
  } finally {
    await stopServer(server);
    await sim.close();
  }
}

export async function benchApi(): Promise<void> {
  const serverUrl = benchServerUrl();
  if (serverUrl) {
    const rows = await withFreshDatabase(serverUrl, "dashboard_bench_api", benchRoutes);
    printTable(`Public API: a production server on PostgreSQL, the simulator as Maton (one call at a time)`, rows);
  } else {
    console.log("API routes skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server the benchmark may create databases on.");
  }
  const fanOut = [await benchFanOut({})];
  if (serverUrl) {
    fanOut.push(await withFreshDatabase(serverUrl, "dashboard_bench_fanout", (url) => benchFanOut({ database: { driver: "postgres", url } })));
  }
  printTable("Outbound webhooks: 1,000 events to 3 local endpoints, recorded in bursts of 25", fanOut);
}
