/**
 * Inbox performance on PostgreSQL with 10,000 conversations and 500,000 messages: the list
 * query in process, the `/inbox` page and list route served by a production server, the
 * first-load JavaScript of `/inbox` (gzipped) and the time from a webhook POST to the new
 * customer's name in an open browser tab.
 */
import { Agent } from "node:http";
import { gzipSync } from "node:zlib";

import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { asc, eq, sql } from "drizzle-orm";

import { openDatabase } from "@/db/client";
import { ALL_CONNECTIONS, type ConnectionScope } from "@/db/queries/connection-access";
import { listConversations, type ConversationCursor, type ConversationFilters } from "@/db/queries/conversations";
import { connections, conversationLabels, phoneNumbers, users } from "@/db/schema";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from "@/db/seed";

import { percentile, printTable } from "./report";
import {
  assertPortFree,
  benchServerUrl,
  DISPLAY_PHONE_NUMBER,
  inboundDelivery,
  PHONE_NUMBER_ID,
  postSigned,
  startServer,
  stopServer,
  waitForServer,
  WABA_ID,
  withFreshDatabase,
} from "./server";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 10_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 500_000);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 200);
const HTTP_RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 100);
const LIVE_RUNS = Number(process.env.BENCH_LIVE_RUNS ?? 20);
const PORT = Number(process.env.BENCH_INBOX_PORT ?? 3950);
const BASE = `http://127.0.0.1:${PORT}`;

const FIRST_NAMES = ["Ana", "Ben", "Chloe", "Diego", "Emma", "Farah", "Giulia", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"];
const LAST_NAMES = ["Almeida", "Brown", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lopez", "Mensah", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weber"];
const PHRASES = [
  "Hi, is the Guji roast back in stock?",
  "Can I change the delivery address for my order?",
  "Thanks, that works for me.",
  "When will my parcel arrive?",
  "I would like a refund for the damaged bag.",
  "Do you ship to Portugal?",
  "Great, see you tomorrow!",
  "Could you send me the invoice again?",
  "Is there a discount for a subscription?",
  "The grinder makes a strange noise.",
  "Your order has shipped and arrives Thursday.",
  "We are sorry about that, a replacement is on its way.",
  "Yes, we ship everywhere in the EU.",
  "Here is your invoice, let us know if anything is missing.",
  "Our opening hours are 9 to 18, Monday to Saturday.",
];

/** The seed, set-based: phone numbers, contacts, conversations, messages, then each conversation's summary from its messages. */
async function seed(url: string): Promise<{ seconds: number; adminId: string }> {
  const handle = await openDatabase({ driver: "postgres", url });
  try {
    const started = performance.now();
    await handle.migrate();
    await seedDemoUsers(handle.db);
    const db = handle.db;
    const names = (list: string[]) => sql.raw(`array[${list.map((name) => `'${name.replace(/'/g, "''")}'`).join(",")}]::text[]`);
    await db.execute(sql`
      insert into phone_numbers (id, waba_id, display_phone_number, verified_name)
      values (${PHONE_NUMBER_ID}, ${WABA_ID}, ${DISPLAY_PHONE_NUMBER}, 'Bench Coffee'),
             ('106540352242923', ${WABA_ID}, '15550104822', 'Bench Coffee Support'),
             ('106540352242924', ${WABA_ID}, '15550104823', 'Bench Coffee Wholesale')`);
    await db.execute(sql`
      insert into contacts (wa_id, profile_name, created_at, updated_at)
      select '1777' || lpad(i::text, 7, '0'),
             (${names(FIRST_NAMES)})[1 + i % ${FIRST_NAMES.length}] || ' ' || (${names(LAST_NAMES)})[1 + (i / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}],
             now() - interval '90 days', now() - interval '90 days'
      from generate_series(1, ${CONVERSATIONS}) as i`);
    // Each conversation runs from a start in the last 90 days to an end between that start and now.
    await db.execute(sql`
      create temporary table bench_conversations as
      select i as ordinal, md5('conversation ' || i)::uuid as id, started_at,
             started_at + (now() - started_at) * power(random(), 0.5) as ended_at
      from (select i, now() - interval '90 days' * random() as started_at from generate_series(1, ${CONVERSATIONS}) as i) as s`);
    await db.execute(sql`create unique index on bench_conversations (ordinal)`);
    const userIds = (await db.select({ id: users.id }).from(users).orderBy(asc(users.email))).map((row) => row.id);
    await db.execute(sql`
      insert into conversations (id, phone_number_id, wa_id, assignee_id, created_at, updated_at)
      select b.id,
             (array[${PHONE_NUMBER_ID}, '106540352242923', '106540352242924'])[1 + (b.ordinal % 7) / 3],
             '1777' || lpad(b.ordinal::text, 7, '0'),
             case when b.ordinal % 5 < 2 then null else (${sql.raw(`array[${userIds.map((id) => `'${id}'`).join(",")}]::uuid[]`)})[1 + b.ordinal % ${userIds.length}] end,
             b.started_at, b.ended_at
      from bench_conversations as b`);
    // Every conversation gets at least one message; the rest go mostly to a minority of busy conversations.
    await db.execute(sql`
      insert into messages (conversation_id, wamid, direction, type, content, sent_at, status, status_at, created_at)
      select b.id, 'wamid.seed.' || m.n,
             (case when m.inbound then 'inbound' else 'outbound' end)::message_direction,
             'text',
             jsonb_build_object('text', jsonb_build_object('body', (${names(PHRASES)})[case when m.inbound then 1 + m.n % 10 else 11 + m.n % 5 end])),
             m.sent_at,
             (case when m.inbound then null else 'read' end)::message_status,
             case when m.inbound then null else m.sent_at end,
             m.sent_at
      from (
        select n, ordinal, random() < 0.55 as inbound, random() as at
        from (
          select n, case when n <= ${CONVERSATIONS} then n else 1 + floor(${CONVERSATIONS} * power(random(), 2))::int end as ordinal
          from generate_series(1, ${MESSAGES}) as n
        ) as picked
      ) as chosen
      join bench_conversations as b on b.ordinal = chosen.ordinal
      cross join lateral (select chosen.n, chosen.inbound, b.started_at + (b.ended_at - b.started_at) * chosen.at as sent_at) as m`);
    // The summary the webhook path keeps: last activity, last inbound, preview, direction, unread since the last reply.
    await db.execute(sql`
      with summary as (
        select conversation_id,
               max(sent_at) as last_at,
               max(sent_at) filter (where direction = 'inbound') as last_inbound_at,
               max(sent_at) filter (where direction = 'outbound') as last_outbound_at
        from messages group by conversation_id
      ),
      latest as (
        select distinct on (conversation_id) conversation_id, direction, seq, content -> 'text' ->> 'body' as preview
        from messages order by conversation_id, sent_at desc, seq desc
      ),
      unread as (
        select m.conversation_id, count(*)::int as unread
        from messages as m join summary as s using (conversation_id)
        where m.direction = 'inbound' and m.sent_at > coalesce(s.last_outbound_at, '-infinity')
        group by m.conversation_id
      )
      update conversations as c
      set last_message_at = s.last_at,
          last_inbound_at = s.last_inbound_at,
          last_message_preview = l.preview,
          last_message_direction = l.direction::text,
          last_message_seq = l.seq,
          status = (case when s.last_at > now() - interval '14 days' then 'open' else 'resolved' end)::conversation_status,
          unread_count = case when s.last_at > now() - interval '14 days' then coalesce(u.unread, 0) else 0 end,
          updated_at = s.last_at
      from summary as s
      join latest as l using (conversation_id)
      left join unread as u using (conversation_id)
      where c.id = s.conversation_id`);
    // The agent's day: a tenth of the conversations labelled (three labels), one in fifty of the open ones snoozed.
    await db.execute(sql`insert into conversation_labels (name, color) values ('Order issue', 'red'), ('Wholesale', 'teal'), ('Follow up', 'amber')`);
    await db.execute(sql`
      insert into conversation_label_links (conversation_id, label_id)
      select c.id, l.id from conversations as c
      join lateral (select id from conversation_labels order by id offset (abs(hashtext(c.id::text)) % 3) limit 1) as l on true
      where abs(hashtext(c.id::text)) % 10 = 0`);
    await db.execute(sql`
      update conversations set snoozed_until = now() + interval '1 day', snoozed_at = now()
      where status = 'open' and abs(hashtext(id::text)) % 50 = 1`);
    await db.execute(sql`analyze`);
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0]!.email));
    return { seconds: (performance.now() - started) / 1000, adminId: admin!.id };
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
