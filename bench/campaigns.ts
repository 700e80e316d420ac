/**
 * A 10,000-recipient campaign on PostgreSQL against the simulator, with Maton's budget raised to
 * 100 requests/s on both sides (the simulator's limit and the dashboard's MATON_REQUESTS_PER_SECOND):
 * campaign sends per second as a share of the budget, duplicates and losses as the simulator counted
 * them (`/_sim/received`), and an agent's send latency while it runs; with one, then two instances.
 *
 * The campaign is created and started through the public API (`POST /api/v1/campaigns`, `…/start`) and
 * sent by the instances' job engine. The agent sends from this process through the inbox's own send
 * (lib/inbox/outbound.ts, priority "interactive") with a gateway client on the same shared budget row,
 * so it queues against the instances' campaign sends exactly as another instance's agent would.
 */
import { randomUUID } from "node:crypto";

import { sql } from "drizzle-orm";

import { openDatabase, type Database } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import { DEMO_USERS, seedDemoUsers } from "@/db/seed";
import { createApiToken } from "@/lib/api-tokens/service";
import { createGatewayClient } from "@/lib/gateway";
import { SharedRateLimiter } from "@/lib/gateway/shared-limiter";
import { sendMessage } from "@/lib/inbox/outbound";
import { DEMO_MATON_API_KEY, GRAPH_API_VERSION } from "@/lib/whatsapp/demo";
import { startSimulator } from "@/simulator/server";

import { percentile, printTable } from "./report";
import { assertPortFree, benchServerUrl, PHONE_NUMBER_ID, startServer, stopServer, waitForServer, withFreshDatabase } from "./server";

const RECIPIENTS = Number(process.env.BENCH_CAMPAIGN_RECIPIENTS ?? 10_000);
/** The budget on both sides for the run: the simulator's limit and every instance's MATON_REQUESTS_PER_SECOND. */
const BUDGET = Number(process.env.BENCH_CAMPAIGN_BUDGET ?? 100);
const PORT = Number(process.env.BENCH_CAMPAIGN_PORT ?? 3970);
/** The simulator's port in demo mode, as bench/server.ts's startServer sets it. */
const SIM_PORT = 4999;
const SIM = `http://127.0.0.1:${SIM_PORT}`;
/** An agent's reply every so often during the run: a few of the budget's requests, like a person typing. */
const AGENT_EVERY_MS = Number(process.env.BENCH_CAMPAIGN_AGENT_EVERY_MS ?? 1000);
/** How often the simulator's count is read, for the sending rate. */
const POLL_MS = 250;
/** Past this, the run is reported as not finished rather than waited for. */
const RUN_TIMEOUT_MS = Math.max(120_000, (RECIPIENTS / BUDGET) * 3000);
const TAG = "bench-campaign";
const AGENT_CUSTOMER = "5511912345678";

/** Brazilian mobile numbers, valid for the dashboard's phone rules: +55 11 987 000000…, one per recipient. */
const recipientNumber = (index: number) => `5511987${String(index).padStart(6, "0")}`;

interface Seeded {
  token: string;
  agentId: string;
}

/** Users, an admin's API token, and the audience: RECIPIENTS contacts tagged TAG (consent unknown: a UTILITY template reaches them). */
async function seed(db: Database): Promise<Seeded> {
  await seedDemoUsers(db);
  const admin = await findUserByEmail(db, DEMO_USERS.find((user) => user.role === "admin")!.email);
  const agent = await findUserByEmail(db, DEMO_USERS.find((user) => user.role === "agent")!.email);
  if (!admin || !agent) throw new Error("the demo users were not seeded");
  const { token } = await createApiToken(db, admin, { name: "bench campaigns", expiresAt: null });
  await db.execute(sql`
    insert into contacts (wa_id, phone_number, profile_name, created_at, updated_at)
    select '5511987' || lpad(i::text, 6, '0'), '5511987' || lpad(i::text, 6, '0'), 'Bench Recipient ' || i, now(), now()
    from generate_series(0, ${RECIPIENTS - 1}) as i`);
  await db.execute(sql`insert into contact_tags (name) values (${TAG})`);
  await db.execute(sql`
    insert into contact_tag_links (tag_id, contact_id)
    select t.id, c.id from contact_tags as t cross join contacts as c
    where t.name = ${TAG} and c.wa_id like '5511987%'`);
  await db.execute(sql`analyze`);
  return { token, agentId: agent.id };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

interface Received {
  received: Record<string, Record<string, number>>;
}

async function simReceived(): Promise<Record<string, number>> {
  const response = await fetch(`${SIM}/_sim/received?phone_number_id=${PHONE_NUMBER_ID}`);
  const body = (await response.json()) as Received;
  return body.received[PHONE_NUMBER_ID] ?? {};
}

/** How many of the audience's numbers the simulator has received a message for (each counted once). */
function campaignMessages(received: Record<string, number>): number {
  let total = 0;
  for (const [to, count] of Object.entries(received)) if (to.startsWith("5511987")) total += count;
  return total;
}

interface RunFigures {
  instances: number;
  eligible: number;
  status: string;
  seconds: number;
  sendsPerSecond: number;
  duplicates: number;
  losses: number;
  agent: number[];
  agentFailures: number;
  throttled: number;
}

async function runCampaign(url: string, instances: number): Promise<RunFigures> {
  const handle = await openDatabase({ driver: "postgres", url });
  const ports = Array.from({ length: instances }, (_, index) => PORT + index);
  const bases = ports.map((port) => `http://127.0.0.1:${port}`);
  const servers: Array<ReturnType<typeof startServer>> = [];
  let sim: Awaited<ReturnType<typeof startSimulator>> | undefined;
  try {
    await handle.migrate();
    const seeded = await seed(handle.db);
    for (const port of ports) await assertPortFree(port);
    // WhatsApp delivers every webhook to one URL: the first instance's.
    sim = await startSimulator({ port: SIM_PORT, webhookUrl: `${bases[0]}/api/webhooks/whatsapp`, rateLimitPerSecond: BUDGET, log: "warnings" });
    for (const [index, port] of ports.entries()) {
      servers.push(
        startServer(port, {
          DATABASE_URL: url,
          APP_URL: bases[index]!,
          MATON_REQUESTS_PER_SECOND: String(BUDGET),
          API_RATE_LIMIT_PER_MINUTE: "1000000",
          // The account sync mirrors numbers and templates 5 s after start (0 would turn it off), then not again during the run.
          SYNC_INTERVAL_SECONDS: "3600",
          LOG_LEVEL: "warn",
        }),
      );
    }
    for (const [index, server] of servers.entries()) await waitForServer(`${bases[index]}/api/health`, server);

    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${bases[0]}/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${seeded.token}`, "Content-Type": "application/json", ...init.headers } });
    // The numbers and templates are mirrored from the simulator at start.
    await until("hello_world among the synced templates", async () => {
      const text = await (await api(`/templates?phone_number_id=${PHONE_NUMBER_ID}`)).text();
      return text.includes("hello_world") ? true : undefined;
    });

    // The agent's customer writes first, which opens the conversation and its 24-hour window.
    const written = await fetch(`${SIM}/_sim/inbound`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ phone_number_id: PHONE_NUMBER_ID, from: AGENT_CUSTOMER, name: "Bench Customer", type: "text", text: { body: "Hello" } }),
    });
    if (!written.ok) throw new Error(`the simulator refused the customer's message: ${written.status}`);
    const conversationId = await until("the agent's conversation", async () => {
      const body = (await (await api(`/conversations?q=${AGENT_CUSTOMER}`)).json()) as { data?: Array<{ id: string }> };
      return body.data?.[0]?.id;
    });

    const created = await api("/campaigns", {
      method: "POST",
      body: JSON.stringify({ name: `Bench ${instances}`, phone_number_id: PHONE_NUMBER_ID, template: { name: "hello_world", language: "en_US" }, audience: { tags: [TAG] } }),
    });
    if (created.status !== 201 && created.status !== 200) throw new Error(`creating the campaign answered ${created.status}: ${await created.text()}`);
    const campaignId = ((await created.json()) as { id: string }).id;

    // The agent: the inbox's send in this process, on the same budget row as the instances.
    const agentGateway = createGatewayClient({
      apiKey: DEMO_MATON_API_KEY,
      gatewayUrl: SIM,
      ctrlUrl: SIM,
      graphVersion: GRAPH_API_VERSION,
      limiter: new SharedRateLimiter(DEMO_MATON_API_KEY, handle.db, { requestsPerWindow: BUDGET, windowMs: 1000 }),
    });
    const startedAt = await api(`/campaigns/${campaignId}/start`, { method: "POST", body: "{}" });
    if (!startedAt.ok) throw new Error(`starting the campaign answered ${startedAt.status}: ${await startedAt.text()}`);
    const eligible = await until("the campaign's recipients", async () => {
      const body = (await (await api(`/campaigns/${campaignId}`)).json()) as { counts?: { eligible: number } };
      return body.counts && body.counts.eligible > 0 ? body.counts.eligible : undefined;
    });

    // Measured while the campaign sends, from its start until its last message.
    const agent: number[] = [];
    let agentFailures = 0;
    let running = true;
    const agentLoop = (async () => {
      for (let index = 0; running; index += 1) {
        const started = performance.now();
        try {
          const outcome = await sendMessage(
            handle.db,
            { conversationId, scope: ALL_CONNECTIONS, senderId: seeded.agentId, clientKey: randomUUID(), message: { kind: "text", body: `Agent reply ${index}` } },
            { gateway: agentGateway, priority: "interactive" },
          );
          if (outcome.error) agentFailures += 1;
          else agent.push(performance.now() - started);
        } catch {
          agentFailures += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + AGENT_EVERY_MS - performance.now())));
      }
    })();

    // The rate from the simulator's own count: from the first campaign message to the last.
    let firstAt: number | undefined;
    let lastAt = 0;
    let lastCount = 0;
    let status = "sending";
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const count = campaignMessages(await simReceived());
      const now = performance.now();
      if (count > 0 && firstAt === undefined) firstAt = now;
      if (count > lastCount) {
        lastCount = count;
        lastAt = now;
      }
      if (count >= eligible) {
        const body = (await (await api(`/campaigns/${campaignId}`)).json()) as { status: string };
        status = body.status;
        if (status !== "sending") break;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    running = false;
    await agentLoop;
    if (status === "sending") {
      status = ((await (await api(`/campaigns/${campaignId}`)).json()) as { status: string }).status;
    }

    const received = await simReceived();
    let duplicates = 0;
    let losses = 0;
    for (let index = 0; index < RECIPIENTS; index += 1) {
      const count = received[recipientNumber(index)] ?? 0;
      if (count === 0) losses += 1;
      if (count > 1) duplicates += count - 1;
    }
    // The whole run's requests the simulator refused with 429 (its log keeps the latest 1,000).
    const requests = (await (await fetch(`${SIM}/_sim/requests?limit=1000`)).json()) as { requests: Array<{ status: number }> };
    const seconds = firstAt === undefined ? 0 : (lastAt - firstAt) / 1000;
    return {
      instances,
      eligible,
      status,
      seconds,
      // The first message starts the clock, so it is not counted in the rate.
      sendsPerSecond: seconds > 0 ? (lastCount - 1) / seconds : 0,
      duplicates,
      losses,
      agent,
      agentFailures,
      throttled: requests.requests.filter((request) => request.status === 429).length,
    };
  } finally {
    for (const server of servers) await stopServer(server);
    await sim?.close();
    await handle.close();
  }
}

export async function benchCampaigns(): Promise<void> {
  const serverUrl = benchServerUrl();
  if (!serverUrl) {
    console.log("\nCampaigns skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server the benchmark may create databases on.");
    return;
  }
  const runs: RunFigures[] = [];
  for (const instances of [1, 2]) {
    runs.push(await withFreshDatabase(serverUrl, "dashboard_bench_campaigns", (url) => runCampaign(url, instances)));
  }
  printTable(
    `Campaigns: ${RECIPIENTS.toLocaleString("en-US")} recipients, budget ${BUDGET} requests/s (simulator and dashboard), an agent's reply every ${AGENT_EVERY_MS} ms`,
    runs.map((run) => ({
      instances: run.instances,
      status: run.status,
      eligible: run.eligible,
      "sending s": run.seconds.toFixed(1),
      "sends/s": run.sendsPerSecond.toFixed(1),
      "of budget": `${((run.sendsPerSecond / BUDGET) * 100).toFixed(1)}% (aim >= 95%)`,
      duplicates: `${run.duplicates} (aim 0)`,
      losses: `${run.losses} (aim 0)`,
      "429s (last 1,000 calls)": run.throttled,
      "agent p50": `${percentile(run.agent, 50).toFixed(0)} ms`,
      "agent p95": `${percentile(run.agent, 95).toFixed(0)} ms (aim < 1000 ms)`,
      "agent sends": `${run.agent.length}${run.agentFailures ? ` (${run.agentFailures} failed)` : ""}`,
    })),
  );
}
