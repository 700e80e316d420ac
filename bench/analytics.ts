/**
 * Analytics performance on PostgreSQL with the inbox benchmark's data set (10,000 conversations,
 * 500,000 messages) made realistic for the reports: each report service in process, over the
 * requests people make, against the 300 ms p95 target; how long `analytics_rebuild()` takes after a bulk
 * load; and what the triggers that keep the analytics tables add to each message written.
 */
import Module from "node:module";
import path from "node:path";

import { sql } from "drizzle-orm";
import postgres from "postgres";

import { openDatabase, type Database } from "@/db/client";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { resolveRange } from "@/lib/analytics/range";
import type { AnalyticsRequest } from "@/lib/analytics/types";
import type { Role } from "@/lib/auth/permissions";

import { seedInboxData, type InboxData } from "./inbox-data";
import { percentile, printTable } from "./report";
import { benchServerUrl, PHONE_NUMBER_ID, withFreshDatabase } from "./server";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 500_000);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 50);
const TRIGGER_MESSAGES = Number(process.env.BENCH_TRIGGER_MESSAGES ?? 2_000);
const TARGET_MS = 300;
/** A reader's zone that is not UTC, so days and hours of the week are counted as people read them. */
const TIME_ZONE = "America/Sao_Paulo";
/** A query this slow on its warm-up is timed a few times only, so one bad plan does not hold up the run. */
const SLOW_WARM_UP_MS = 3_000;
const SLOW_RUNS = 5;

type Service = (db: Database, request: AnalyticsRequest) => Promise<unknown>;

/*
 * Some services reach lib/auth/session.ts (for its error class), which imports `next/navigation`. Inside
 * Next, server code gets that module's server build; a plain Node process gets the client one, which
 * needs React's client API and fails under the react-server condition. So this process resolves it as
 * Next's server layer does. The services are imported after this, inside the benchmark.
 */
const moduleInternals = Module as unknown as { _resolveFilename: (this: unknown, request: string, ...rest: unknown[]) => string };
const resolveFilename = moduleInternals._resolveFilename;
const CLIENT_NAVIGATION = path.join("next", "dist", "client", "components", "navigation.js");
moduleInternals._resolveFilename = function (request, ...rest) {
  const file = resolveFilename.call(this, request, ...rest);
  return file.endsWith(CLIENT_NAVIGATION) ? `${file.slice(0, -".js".length)}.react-server.js` : file;
};

async function loadServices() {
  const [conversations, windows, templates, campaigns, costs, options] = await Promise.all([
    import("@/lib/analytics/conversations"),
    import("@/lib/analytics/windows"),
    import("@/lib/analytics/templates"),
    import("@/lib/analytics/campaigns"),
    import("@/lib/analytics/costs"),
    import("@/lib/analytics/options"),
  ]);
  return {
    conversationsReport: conversations.conversationsReport,
    windowsReport: windows.windowsReport,
    templatesReport: templates.templatesReport,
    campaignsReport: campaigns.campaignsReport,
    costsReport: costs.costsReport,
    analyticsOptions: options.analyticsOptions,
  };
}
type Services = Awaited<ReturnType<typeof loadServices>>;

interface Case {
  name: string;
  request: AnalyticsRequest;
}

interface Query {
  report: string;
  request: string;
  run: (db: Database) => Promise<unknown>;
}

function analyticsRequest(preset: "last30" | "last90", now: Date, user: { id: string; viewAll: boolean }, filters: Partial<AnalyticsRequest["query"]> = {}): AnalyticsRequest {
  const resolved = resolveRange({ preset }, TIME_ZONE, now);
  if (!resolved.ok) throw new Error(`the ${preset} range did not resolve: ${resolved.problem}`);
  const range = resolved.range;
  return {
    query: {
      start: new Date(range.start),
      end: new Date(range.end),
      timeZone: TIME_ZONE,
      scope: ALL_CONNECTIONS,
      phoneNumberId: null,
      agentId: user.viewAll ? null : user.id,
      labelId: null,
      campaignId: null,
      ...filters,
    },
    range,
    viewAll: user.viewAll,
    userId: user.id,
    now,
  };
}

/** The requests people make: a month, a quarter, one number, an agent's own figures, one label. */
function cases(data: InboxData, now: Date): { everyone: Case[]; agent: Case } {
  const admin = { id: data.adminId, viewAll: true };
  const agent: Case = { name: "agent's own, last 30 days", request: analyticsRequest("last30", now, { id: data.agentIds[0]!, viewAll: false }) };
  return {
    everyone: [
      { name: "last 30 days, all numbers", request: analyticsRequest("last30", now, admin) },
      { name: "last 90 days, all numbers", request: analyticsRequest("last90", now, admin) },
      { name: "last 30 days, one number", request: analyticsRequest("last30", now, admin, { phoneNumberId: PHONE_NUMBER_ID }) },
      { name: "last 30 days, one label", request: analyticsRequest("last30", now, admin, { labelId: data.labelIds[0]! }) },
    ],
    agent,
  };
}

function queries(services: Services, data: InboxData, now: Date): Query[] {
  const { conversationsReport, windowsReport, templatesReport, campaignsReport, costsReport, analyticsOptions } = services;
  const { everyone, agent } = cases(data, now);
  // Agents read only the conversation reports; the others refuse them at the door.
  const reports: Array<{ report: string; service: Service; agents: boolean }> = [
    { report: "conversationsReport", service: conversationsReport, agents: true },
    { report: "windowsReport", service: windowsReport, agents: true },
    { report: "templatesReport", service: templatesReport, agents: false },
    { report: "campaignsReport", service: campaignsReport, agents: false },
    { report: "costsReport", service: costsReport, agents: false },
  ];
  const list: Query[] = [];
  for (const { report, service, agents } of reports) {
    for (const item of agents ? [...everyone, agent] : everyone) {
      list.push({ report, request: item.name, run: (db) => service(db, item.request) });
    }
  }
  const options: Array<{ name: string; user: { id: string; role: Role } }> = [
    { name: "admin", user: { id: data.adminId, role: "admin" } },
    { name: "agent", user: { id: data.agentIds[0]!, role: "agent" } },
  ];
  for (const item of options) list.push({ report: "analyticsOptions", request: item.name, run: (db) => analyticsOptions(db, item.user, ALL_CONNECTIONS) });
  return list;
}

interface Timed extends Query {
  samples: number[];
  error?: string;
}

/** Every query once to warm up, then QUERY_RUNS rounds over all of them, so each sees the same conditions. */
async function timeQueries(db: Database, list: Query[]): Promise<Timed[]> {
  const timed: Timed[] = list.map((query) => ({ ...query, samples: [] }));
  const runs = new Map<Timed, number>();
  for (const query of timed) {
    const started = performance.now();
    try {
      await query.run(db);
      runs.set(query, performance.now() - started > SLOW_WARM_UP_MS ? Math.min(SLOW_RUNS, QUERY_RUNS) : QUERY_RUNS);
    } catch (error) {
      query.error = (error as Error).message.split("\n")[0]!.slice(0, 120);
      runs.set(query, 0);
    }
  }
  for (let round = 0; round < QUERY_RUNS; round += 1) {
    for (const query of timed) {
      if (round >= runs.get(query)!) continue;
      const started = performance.now();
      await query.run(db);
      query.samples.push(performance.now() - started);
    }
  }
  return timed;
}

/**
 * What the triggers add to each message written: the same single-row inserts (an inbound message and
 * an agent's priced reply, in turn) with the analytics trigger enabled, then disabled, on one connection.
 */
async function triggerCost(url: string): Promise<{ onMs: number; offMs: number }> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const targets = await client<Array<{ id: string; sender: string | null }>>`
      select c.id, coalesce(c.assignee_id, (select id from users where role = 'agent' order by email limit 1)) as sender
      from conversations as c order by c.id limit 200`;
    const insertRun = async (label: string, count: number) => {
      const started = performance.now();
      for (let index = 0; index < count; index += 1) {
        const target = targets[index % targets.length]!;
        const inbound = index % 2 === 0;
        await client`
          insert into messages (conversation_id, wamid, direction, type, content, sent_at, status, sender_id, pricing)
          values (${target.id}, ${`wamid.trigger.${label}.${index}`}, ${inbound ? "inbound" : "outbound"}, 'text',
                  ${client.json({ text: { body: "Trigger cost" } })}, now(), ${inbound ? null : "sent"},
                  ${inbound ? null : target.sender},
                  ${inbound ? null : client.json({ category: "service", type: "free_customer_service", billable: false, pricingModel: "PMP" })})`;
      }
      return (performance.now() - started) / count;
    };
    await insertRun("warm-on", 100);
    const onMs = await insertRun("on", TRIGGER_MESSAGES);
    await client`alter table messages disable trigger messages_analytics`;
    try {
      await insertRun("warm-off", 100);
      const offMs = await insertRun("off", TRIGGER_MESSAGES);
      return { onMs, offMs };
    } finally {
      await client`alter table messages enable trigger messages_analytics`;
    }
  } finally {
    await client.end();
  }
}

const ms = (value: number) => (Number.isNaN(value) ? "-" : value.toFixed(1));

export async function benchAnalytics(): Promise<void> {
  const serverUrl = benchServerUrl();
  if (!serverUrl) {
    console.log("\nAnalytics performance skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server the benchmark may create databases on.");
    return;
  }
  await withFreshDatabase(serverUrl, "dashboard_bench_analytics", async (url) => {
    const services = await loadServices();
    const handle = await openDatabase({ driver: "postgres", url });
    try {
      await handle.migrate();
      const data = await seedInboxData(handle.db, { conversations: CONVERSATIONS, messages: MESSAGES, analytics: true });
      const [counts] = (await handle.db.execute(sql`
        select (select count(*) from analytics_message_hours)::int as "messageHours",
               (select count(*) from analytics_cost_hours)::int as "costHours",
               (select count(*) from conversation_episodes)::int as episodes,
               (select count(*) from customer_waits)::int as waits`)) as unknown as Array<Record<string, number>>;
      console.log(
        `\nAnalytics: loaded ${CONVERSATIONS.toLocaleString("en-US")} conversations and ${MESSAGES.toLocaleString("en-US")} messages (triggers off) in ${data.loadSeconds.toFixed(1)} s;` +
          ` analytics_rebuild() took ${data.rebuildSeconds.toFixed(1)} s` +
          ` (${counts!.messageHours} message hours, ${counts!.costHours} cost hours, ${counts!.episodes} episodes, ${counts!.waits} waits)`,
      );

      const timed = await timeQueries(handle.db, queries(services, data, new Date()));
      printTable(
        `Analytics reports (in process, PostgreSQL, reader's zone ${TIME_ZONE}, ${QUERY_RUNS} calls each, round-robin)`,
        timed.map((query) => {
          const p95 = percentile(query.samples, 95);
          return {
            report: query.report,
            request: query.request,
            calls: query.samples.length,
            "p50 ms": ms(percentile(query.samples, 50)),
            "p95 ms": ms(p95),
            target: `p95 < ${TARGET_MS} ms`,
            result: query.error ? `ERROR: ${query.error}` : p95 < TARGET_MS ? "PASS" : "FAIL",
          };
        }),
      );
    } finally {
      await handle.close();
    }

    const cost = await triggerCost(url);
    printTable(`Analytics triggers: ${TRIGGER_MESSAGES.toLocaleString("en-US")} single-row message inserts each (inbound and priced replies in turn)`, [
      { trigger: "messages_analytics enabled", "ms per message": cost.onMs.toFixed(2) },
      { trigger: "messages_analytics disabled", "ms per message": cost.offMs.toFixed(2) },
      { trigger: "cost of the trigger", "ms per message": (cost.onMs - cost.offMs).toFixed(2) },
    ]);
  });
}
