/**
 * Inbox performance on PostgreSQL with 10,000 conversations and 500,000 messages: the list
 * query in process, the `/inbox` page and list route served by a production server, the
 * first-load JavaScript of `/inbox` (gzipped) and the time from a webhook POST to the new
 * customer's name in an open browser tab.
 */
import { Agent } from "node:http";
import { gzipSync } from "node:zlib";

import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { asc, eq } from "drizzle-orm";

import { openDatabase } from "@/db/client";
import { ALL_CONNECTIONS, type ConnectionScope } from "@/db/queries/connection-access";
import { listConversations, type ConversationCursor, type ConversationFilters } from "@/db/queries/conversations";
import { connections, conversationLabels, phoneNumbers } from "@/db/schema";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed";

import { seedInboxData } from "./inbox-data";
import { percentile, printTable } from "./report";
import {
  assertPortFree,
  benchServerUrl,
  inboundDelivery,
  PHONE_NUMBER_ID,
  postSigned,
  startServer,
  stopServer,
  waitForServer,
  withFreshDatabase,
} from "./server";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 500_000);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 200);
const HTTP_RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 100);
const LIVE_RUNS = Number(process.env.BENCH_LIVE_RUNS ?? 20);
const PORT = Number(process.env.BENCH_INBOX_PORT ?? 3950);
const BASE = `http://127.0.0.1:${PORT}`;

/** The shared data set (bench/inbox-data.ts) on a migrated database. */
async function seed(url: string): Promise<{ seconds: number; adminId: string }> {
  const handle = await openDatabase({ driver: "postgres", url });
  try {
    const started = performance.now();
    await handle.migrate();
    const data = await seedInboxData(handle.db, { conversations: CONVERSATIONS, messages: MESSAGES });
    return { seconds: (performance.now() - started) / 1000, adminId: data.adminId };
  } finally {
    await handle.close();
  }
}

interface Timing {
  name: string;
  samples: number[];
}

/** The inbox's own list function, a mix of the filters people use, in process. */
async function benchListQuery(url: string, userId: string): Promise<Timing[]> {
  const handle = await openDatabase({ driver: "postgres", url });
  try {
    const db = handle.db;
    // An agent given one connection: the list is filtered by the numbers of that connection.
    await db.insert(connections).values({ id: "bench-connection", status: "ACTIVE" }).onConflictDoNothing();
    await db.update(phoneNumbers).set({ connectionId: "bench-connection" }).where(eq(phoneNumbers.id, PHONE_NUMBER_ID));
    const oneConnection: ConnectionScope = { all: false, connectionIds: ["bench-connection"] };
    const first = await listConversations(db, { userId, scope: ALL_CONNECTIONS, filters: { status: "all" } });
    const [label] = await db.select({ id: conversationLabels.id }).from(conversationLabels).orderBy(asc(conversationLabels.name)).limit(1);
    const cursor: ConversationCursor | null = first.nextCursor;
    const cases: Array<{ name: string; filters: ConversationFilters; cursor?: ConversationCursor | null; scope?: ConnectionScope }> = [
      { name: "all", filters: { status: "all" } },
      { name: "open (default view)", filters: { status: "open" } },
      { name: "unassigned, open", filters: { assignee: "unassigned", status: "open" } },
      { name: "mine, one number", filters: { assignee: "mine", status: "all", phoneNumberId: PHONE_NUMBER_ID } },
      { name: "search 'rossi'", filters: { status: "all", search: "rossi" } },
      { name: "search 'refund'", filters: { status: "all", search: "refund" } },
      { name: "second page (cursor)", filters: { status: "all" }, cursor },
      { name: "open, agent of one connection", filters: { status: "open" }, scope: oneConnection },
      { name: "snoozed", filters: { status: "snoozed" } },
      { name: "expiring soon", filters: { status: "open", window: "expiring" } },
      { name: "one label", filters: { status: "all", labelId: label!.id } },
    ];
    const timings = cases.map((item) => ({ name: item.name, samples: [] as number[] }));
    for (const item of cases) await listConversations(db, { userId, scope: item.scope ?? ALL_CONNECTIONS, filters: item.filters, cursor: item.cursor }); // warm-up
    for (let run = 0; run < QUERY_RUNS; run += 1) {
      const index = run % cases.length;
      const item = cases[index]!;
      const started = performance.now();
      await listConversations(db, { userId, scope: item.scope ?? ALL_CONNECTIONS, filters: item.filters, cursor: item.cursor });
      timings[index]!.samples.push(performance.now() - started);
    }
    return timings;
  } finally {
    await handle.close();
  }
}

async function signedInContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO_USERS[0]!.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox$/, { timeout: 30_000 });
  await page.close();
  return context;
}

/** Sequential GETs with the session cookie, each timed to the end of its body. */
async function timeGets(path: string, cookie: string): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < HTTP_RUNS + 5; run += 1) {
    const started = performance.now();
    const response = await fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    if (run >= 5) samples.push(performance.now() - started); // the first five warm the server up
  }
  return samples;
}

/** Every script the `/inbox` page loads until its list shows and the network settles a moment, gzipped and summed. */
async function firstLoadJs(context: BrowserContext): Promise<{ files: number; raw: number; gzipped: number }> {
  const page = await context.newPage();
  const bodies: Array<Promise<Buffer | null>> = [];
  page.on("response", (response) => {
    const request = response.request();
    if (request.resourceType() === "script" || new URL(response.url()).pathname.endsWith(".js")) {
      bodies.push(response.body().catch(() => null));
    }
  });
  await page.goto("/inbox", { waitUntil: "load" });
  await page.getByRole("list", { name: "Conversations" }).getByRole("link").first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  const buffers = (await Promise.all(bodies)).filter((body): body is Buffer => body !== null);
  await page.close();
  return {
    files: buffers.length,
    raw: buffers.reduce((sum, body) => sum + body.length, 0),
    gzipped: buffers.reduce((sum, body) => sum + gzipSync(body).length, 0),
  };
}

/** From just before each signed POST to the new customer's name showing in the open tab's conversation list. */
async function webhookToVisible(context: BrowserContext): Promise<{ samples: number[]; failures: number }> {
  const page = await context.newPage();
  await page.goto("/inbox");
  await page.getByText("Live", { exact: true }).waitFor({ timeout: 30_000 });
  const agent = new Agent({ keepAlive: true });
  const target = new URL(`${BASE}/api/webhooks/whatsapp`);
  const run = Date.now().toString(36);
  const samples: number[] = [];
  let failures = 0;
  try {
    for (let index = 0; index < LIVE_RUNS + 2; index += 1) {
      const name = `Live ${run} ${String(index).padStart(3, "0")}`;
      const body = inboundDelivery({
        from: `1888${String(index).padStart(7, "0")}`,
        name,
        wamid: `wamid.live.${run}.${index}`,
        body: `Hello from ${name}`,
        now: Date.now(),
      });
      // Watches the list from inside the page on every DOM change; answers the wall-clock time it saw the name.
      // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
      const seen: Promise<number> = page.evaluate(`new Promise((resolve, reject) => {
        const expected = ${JSON.stringify(name)};
        const observer = new MutationObserver(() => check());
        function check() {
          if (!document.querySelector('[aria-label="Conversations"]')?.textContent?.includes(expected)) return;
          observer.disconnect();
          resolve(Date.now());
        }
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => reject(new Error(expected + " did not show within 15 s")), 15000);
        check();
      })`);
      seen.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      const sent = Date.now();
      const status = await postSigned(agent, target, body).catch(() => 0);
      if (status !== 200) failures += 1;
      try {
        const visibleAt = await Promise.race([
          seen,
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${name} did not show`)), 16_000)),
        ]);
        if (index >= 2) samples.push(visibleAt - sent); // the first two warm up the live path
      } catch (error) {
        failures += 1;
        console.log(`  live run ${index}: ${(error as Error).message}`);
      }
      await page.waitForTimeout(500);
    }
  } finally {
    agent.destroy();
    await page.close();
  }
  return { samples, failures };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function benchInbox(): Promise<void> {
  const serverUrl = benchServerUrl();
  if (!serverUrl) {
    console.log("\nInbox performance skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server the benchmark may create databases on.");
    return;
  }
  await withFreshDatabase(serverUrl, "dashboard_bench_inbox", async (url) => {
    const seeded = await seed(url);
    console.log(
      `\nInbox: seeded ${CONVERSATIONS.toLocaleString("en-US")} conversations and ${MESSAGES.toLocaleString("en-US")} messages in ${seeded.seconds.toFixed(1)} s`,
    );
    const query = await benchListQuery(url, seeded.adminId);
    const allQuery = query.flatMap((timing) => timing.samples);
    printTable(
      `Conversation list query (listConversations, in process, ${QUERY_RUNS} calls round-robin over the filters)`,
      query.map((timing) => ({
        filters: timing.name,
        calls: timing.samples.length,
        "p50 ms": percentile(timing.samples, 50).toFixed(1),
        "p95 ms": percentile(timing.samples, 95).toFixed(1),
      })),
    );

    await assertPortFree(PORT);
    const server = startServer(PORT, { DATABASE_URL: url, SYNC_INTERVAL_SECONDS: "0" });
    let browser: Browser | undefined;
    try {
      await waitForServer(`${BASE}/api/health`, server);
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
      const context = await signedInContext(browser);
      const cookie = (await context.cookies(BASE)).map((item) => `${item.name}=${item.value}`).join("; ");
      const pageTimes = await timeGets("/inbox", cookie);
      const routeTimes = await timeGets("/api/inbox/conversations", cookie);
      const js = await firstLoadJs(context);
      const live = await webhookToVisible(context);
      await context.close();

      const row = (figure: string, p50: number, p95: number, aim: string, samples: number) => ({
        figure,
        samples,
        p50: ms(p50),
        p95: ms(p95),
        aim,
      });
      printTable(`Inbox performance: ${CONVERSATIONS.toLocaleString("en-US")} conversations, ${MESSAGES.toLocaleString("en-US")} messages, PostgreSQL`, [
        row("list query (listConversations, mixed filters)", percentile(allQuery, 50), percentile(allQuery, 95), "p95 < 50 ms", allQuery.length),
        row("GET /inbox (server response, full body)", percentile(pageTimes, 50), percentile(pageTimes, 95), "p95 < 50 ms", pageTimes.length),
        row("GET /api/inbox/conversations", percentile(routeTimes, 50), percentile(routeTimes, 95), "p95 < 50 ms", routeTimes.length),
        row(`webhook POST -> name visible in open tab${live.failures ? ` (${live.failures} failed)` : ""}`, percentile(live.samples, 50), percentile(live.samples, 95), "p95 < 500 ms", live.samples.length),
        {
          figure: `first-load JS of /inbox, gzipped (${js.files} files, ${(js.raw / 1024).toFixed(0)} KB raw)`,
          samples: 1,
          p50: `${(js.gzipped / 1024).toFixed(1)} KB`,
          p95: "",
          aim: "< 250 KB",
        },
      ]);
    } finally {
      await browser?.close();
      await stopServer(server);
    }
  });
}
