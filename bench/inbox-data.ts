/**
 * The inbox benchmark's data set, shared by the inbox and analytics benchmarks: three business numbers,
 * 10,000 conversations and 500,000 messages over the last 90 days, written set-based in one transaction
 * with the triggers off (a row-by-row trigger would make the load minutes longer), then the analytics
 * tables recomputed once with `analytics_rebuild()`.
 *
 * With `analytics`, the same shape carries what the reports read: a team of agents who own and answer
 * conversations, campaign sends without a sender, delivery statuses and failures, WhatsApp's pricing,
 * template sends, campaigns with their recipients, a price table, business hours, customers in several
 * countries and conversations resolved some time after their last message.
 */
import { asc, eq, sql, type SQL } from "drizzle-orm";

import type { Database } from "@/db/client";
import { conversationLabels, users } from "@/db/schema";
import { DEMO_PASSWORD_HASH, DEMO_USERS, seedDemoUsers } from "@/db/seed";

import { DISPLAY_PHONE_NUMBER, PHONE_NUMBER_ID, WABA_ID } from "./server";

export const SUPPORT_NUMBER_ID = "106540352242923";
export const WHOLESALE_NUMBER_ID = "106540352242924";
export const BUSINESS_HOURS_TIME_ZONE = "Europe/Lisbon";

export interface InboxDataOptions {
  conversations: number;
  messages: number;
  /** Adds what the analytics reports read (see the module's comment); without it, the inbox's data exactly. */
  analytics?: boolean;
}

export interface InboxData {
  adminId: string;
  /** The analytics team's agents (empty without `analytics`). */
  agentIds: string[];
  labelIds: string[];
  /** The set-based load, in its one transaction. */
  loadSeconds: number;
  /** `select analytics_rebuild()` after the load. */
  rebuildSeconds: number;
  /** `select conversation_search_rebuild()` after the load: the search documents of every conversation. */
  searchRebuildSeconds: number;
}

const FIRST_NAMES = ["Ana", "Ben", "Chloe", "Diego", "Emma", "Farah", "Giulia", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"];
const LAST_NAMES = ["Almeida", "Brown", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lopez", "Mensah", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weber"];
/**
 * What customers write (the first ten, inbound) and what the team answers (the last five), in the
 * languages the dashboard's customers write in. Every inbound message carries one; one in
 * {@link RARE_EVERY} also a rare word (see {@link SEARCHES}).
 */
const INBOUND_PHRASES = [
  "Hi, is the Guji roast back in stock?",
  "Can I change the delivery address for my order?",
  "Thanks, that works for me.",
  "When will my parcel arrive?",
  "I would like a refund for the damaged bag.",
  "Olá, a encomenda já chegou mas a caixa está danificada.",
  "¿Hacen envíos a Canarias? Gracias.",
  "我的订单什么时候到？请帮我查一下。",
  "هل يمكنني تغيير عنوان التوصيل؟",
  "注文した豆はいつ届きますか？",
];
const OUTBOUND_PHRASES = [
  "Your order has shipped and arrives Thursday.",
  "We are sorry about that, a replacement is on its way.",
  "Yes, we ship everywhere in the EU.",
  "Here is your invoice, let us know if anything is missing.",
  "Our opening hours are 9 to 18, Monday to Saturday.",
];
const PHRASES = [...INBOUND_PHRASES, ...OUTBOUND_PHRASES];
/** One inbound message in this many carries a rare word. */
export const RARE_EVERY = 50_000;
/** One inbound message in this many asks for a voucher: a word in about one conversation in ten. */
const MEDIUM_EVERY = 500;
const RARE_WORDS = ["Quackenbush espresso machine", "退货地址在哪里"];
/**
 * The searches the benchmark times, in every language it writes: common words (in about one message
 * in twenty), a word in one conversation in ten, rare ones (one message in {@link RARE_EVERY}), a name
 * (one customer in twenty) and a number, and a word nobody wrote.
 */
export const SEARCHES = [
  { name: "common word 'refund'", search: "refund" },
  { name: "common, accents typed without 'encomenda ja chegou'", search: "encomenda ja chegou" },
  { name: "common Chinese '订单'", search: "订单" },
  { name: "common Arabic 'التوصيل'", search: "التوصيل" },
  { name: "common Japanese '届き'", search: "届き" },
  { name: "one conversation in ten 'voucher'", search: "voucher" },
  { name: "rare word 'quackenbush'", search: "quackenbush" },
  { name: "rare Chinese '退货'", search: "退货" },
  { name: "a name 'rossi'", search: "rossi" },
  { name: "number digits '0004321'", search: "0004321" },
  { name: "nobody wrote 'zyzzyva'", search: "zyzzyva" },
];


/** The analytics team: the agents conversations are assigned to and who answer them. */
const AGENT_NAMES = ["Aiko Sato", "Bruno Silva", "Carla Mendes", "Dev Patel", "Elif Yilmaz", "Femi Adeyemi"];
/**
 * Customers' number prefixes (a calling code and the start of a national number): United States,
 * United Kingdom, Germany, France, Brazil, Mexico, India, Nigeria, Spain, Indonesia.
 */
const COUNTRY_PREFIXES = ["1777", "4477", "4915", "3361", "5511", "5215", "9198", "2348", "3460", "6281"];
/** Per-message rates by country (prefix order above): marketing, utility, authentication, service. Null: known to exist, amount unknown. */
const RATES: Array<{ country: string; rates: Array<string | null> } | null> = [
  { country: "US", rates: ["0.025000", "0.004000", "0.013500", "0.000000"] },
  { country: "GB", rates: ["0.052900", null, "0.035800", "0.000000"] },
  { country: "DE", rates: ["0.136500", "0.055000", "0.076800", "0.000000"] },
  { country: "FR", rates: ["0.085900", "0.030000", "0.069800", "0.000000"] },
  { country: "BR", rates: ["0.062500", "0.008000", "0.031500", "0.000000"] },
  { country: "MX", rates: ["0.030500", "0.008500", "0.023900", "0.000000"] },
  { country: "IN", rates: ["0.010700", "0.001400", "0.001400", "0.000000"] },
  { country: "NG", rates: ["0.051600", "0.006700", "0.007500", "0.000000"] },
  { country: "ES", rates: ["0.061500", "0.020000", "0.041000", "0.000000"] },
  null, // Indonesia: not in the price table, so its messages are counted as unknown
];
const RATE_CATEGORIES = ["marketing", "utility", "authentication", "service"];
/**
 * The account's templates. Campaigns send the marketing ones without a sender; agents send the others
 * themselves (to reopen a closed window, or a login code).
 */
const TEMPLATES = [
  { name: "spring_sale", language: "en_US", category: "marketing" },
  { name: "back_in_stock", language: "en_US", category: "marketing" },
  { name: "feedback_request", language: "es", category: "marketing" },
  { name: "order_shipped", language: "en_US", category: "utility" },
  { name: "appointment_reminder", language: "pt_BR", category: "utility" },
  { name: "login_code", language: "en_US", category: "authentication" },
];
const FAILURES = [
  { code: 131026, title: "Message undeliverable" },
  { code: 131049, title: "This message was not delivered to maintain healthy ecosystem engagement." },
  { code: 131047, title: "Re-engagement message" },
];

const textArray = (list: string[]) => sql.raw(`array[${list.map((item) => `'${item.replace(/'/g, "''")}'`).join(",")}]::text[]`);
const uuidArray = (list: string[]) => sql.raw(`array[${list.map((id) => `'${id}'`).join(",")}]::uuid[]`);
const values = (rows: Array<Array<string | number | null>>) =>
  sql.raw(
    rows
      .map((row) => `(${row.map((cell) => (cell === null ? "null" : typeof cell === "number" ? String(cell) : `'${cell.replace(/'/g, "''")}'`)).join(", ")})`)
      .join(", "),
  );

/** Loads the data set into a migrated, empty database; answers who is who and how long the load took. */
export async function seedInboxData(db: Database, options: InboxDataOptions): Promise<InboxData> {
  const analytics = options.analytics ?? false;
  const conversationCount = options.conversations;
  await seedDemoUsers(db);
  const agentIds = analytics ? await insertAgents(db) : [];
  // Without the analytics team, the inbox's assignees: the demo users.
  const assignees = analytics ? agentIds : (await db.select({ id: users.id }).from(users).orderBy(asc(users.email))).map((row) => row.id);

  const loadStarted = performance.now();
  await db.transaction(async (tx) => {
    // Triggers off for this transaction only: the analytics tables are recomputed once afterwards.
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into phone_numbers (id, waba_id, display_phone_number, verified_name)
      values (${PHONE_NUMBER_ID}, ${WABA_ID}, ${DISPLAY_PHONE_NUMBER}, 'Bench Coffee'),
             (${SUPPORT_NUMBER_ID}, ${WABA_ID}, '15550104822', 'Bench Coffee Support'),
             (${WHOLESALE_NUMBER_ID}, ${WABA_ID}, '15550104823', 'Bench Coffee Wholesale')`);
    // Each conversation runs from a start in the last 90 days to an end between that start and now.
    const waId: SQL = analytics
      ? sql`(${textArray(COUNTRY_PREFIXES)})[1 + i % ${COUNTRY_PREFIXES.length}] || lpad(i::text, 7, '0')`
      : sql`'1777' || lpad(i::text, 7, '0')`;
    await tx.execute(sql`
      create temporary table bench_conversations on commit drop as
      select i as ordinal, md5('conversation ' || i)::uuid as id, ${waId} as wa_id, started_at,
             started_at + (now() - started_at) * power(random(), 0.5) as ended_at,
             case when i % 5 < 2 then null else (${uuidArray(assignees)})[1 + i % ${assignees.length}] end as assignee_id
      from (select i, now() - interval '90 days' * random() as started_at from generate_series(1, ${conversationCount}) as i) as s`);
    await tx.execute(sql`create unique index on bench_conversations (ordinal)`);
    await tx.execute(sql`
      insert into contacts (wa_id, phone_number, profile_name, created_at, updated_at)
      select b.wa_id, b.wa_id,
             (${textArray(FIRST_NAMES)})[1 + b.ordinal % ${FIRST_NAMES.length}] || ' ' || (${textArray(LAST_NAMES)})[1 + (b.ordinal / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}],
             now() - interval '90 days', now() - interval '90 days'
      from bench_conversations as b`);
    await tx.execute(sql`
      insert into conversations (id, phone_number_id, wa_id, assignee_id, created_at, updated_at)
      select b.id,
             (array[${PHONE_NUMBER_ID}, ${SUPPORT_NUMBER_ID}, ${WHOLESALE_NUMBER_ID}])[1 + (b.ordinal % 7) / 3],
             b.wa_id, b.assignee_id, b.started_at, b.ended_at
      from bench_conversations as b`);
    if (analytics) await insertAnalyticsMessages(tx, options.messages, conversationCount, agentIds);
    else await insertInboxMessages(tx, options.messages, conversationCount);
    await summarizeConversations(tx, analytics);
    // The agent's day: a tenth of the conversations labelled (three labels), one in fifty of the open ones snoozed.
    await tx.execute(sql`insert into conversation_labels (name, color) values ('Order issue', 'red'), ('Wholesale', 'teal'), ('Follow up', 'amber')`);
    await tx.execute(sql`
      insert into conversation_label_links (conversation_id, label_id)
      select c.id, l.id from conversations as c
      join lateral (select id from conversation_labels order by id offset (abs(hashtext(c.id::text)) % 3) limit 1) as l on true
      where abs(hashtext(c.id::text)) % 10 = 0`);
    await tx.execute(sql`
      update conversations set snoozed_until = now() + interval '1 day', snoozed_at = now()
      where status = 'open' and abs(hashtext(id::text)) % 50 = 1`);
    if (analytics) await insertAnalyticsSetting(tx);
  });
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  const rebuildStarted = performance.now();
  await db.execute(sql`select analytics_rebuild()`);
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
  const searchStarted = performance.now();
  await db.execute(sql`select conversation_search_rebuild()`);
  const searchRebuildSeconds = (performance.now() - searchStarted) / 1000;
  // As a database in use is: autovacuum has set its hint bits and visibility maps, and its statistics.
  await db.execute(sql`vacuum analyze`);

  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0]!.email));
  const labelIds = (await db.select({ id: conversationLabels.id }).from(conversationLabels).orderBy(asc(conversationLabels.name))).map((row) => row.id);
  return { adminId: admin!.id, agentIds, labelIds, loadSeconds, rebuildSeconds, searchRebuildSeconds };
}

type Executor = Pick<Database, "execute">;

async function insertAgents(db: Database): Promise<string[]> {
  const rows = await db
    .insert(users)
    .values(
      AGENT_NAMES.map((name, index) => ({
        email: `bench.agent${index + 1}@demo.test`,
        name,
        role: "agent" as const,
        passwordHash: DEMO_PASSWORD_HASH,
        allConnections: true,
      })),
    )
    .returning({ id: users.id, email: users.email });
  return rows.sort((a, b) => a.email.localeCompare(b.email)).map((row) => row.id);
}

/** A message's text (`m`: a picked message): its phrase, and on one inbound message in RARE_EVERY a rare word. */
const messageBody = sql`(${textArray(PHRASES)})[case when m.inbound then 1 + m.n % ${INBOUND_PHRASES.length} else ${INBOUND_PHRASES.length + 1} + m.n % ${OUTBOUND_PHRASES.length} end]
  || case when m.inbound and m.n % ${RARE_EVERY} = 7 then ' ' || (${textArray(RARE_WORDS)})[1 + (m.n / ${RARE_EVERY}) % ${RARE_WORDS.length}] else '' end
  || case when m.inbound and m.n % ${MEDIUM_EVERY} = 3 then ' Do you have a voucher code?' else '' end`;

/**
 * Which conversation each message belongs to: every conversation gets at least one, the rest go mostly
 * to a minority of busy conversations; a message falls somewhere in its conversation's life.
 * `draws` are per-message random numbers the caller uses (drawn once per row here, in the innermost select).
 */
const pickedMessages = (messages: number, conversations: number, draws: SQL) => sql`
  select chosen.*, b.id as conversation_id, b.assignee_id, b.started_at + (b.ended_at - b.started_at) * chosen.at as sent_at
  from (
    select n, ordinal, random() < 0.55 as inbound, random() as at ${draws}
    from (
      select n, case when n <= ${conversations} then n else 1 + floor(${conversations} * power(random(), 2))::int end as ordinal
      from generate_series(1, ${messages}) as n
    ) as picked
  ) as chosen
  join bench_conversations as b on b.ordinal = chosen.ordinal`;

async function insertInboxMessages(db: Executor, messages: number, conversations: number): Promise<void> {
  await db.execute(sql`
    insert into messages (conversation_id, wamid, direction, type, content, sent_at, status, status_at, created_at)
    select m.conversation_id, 'wamid.seed.' || m.n,
           (case when m.inbound then 'inbound' else 'outbound' end)::message_direction,
           'text',
           jsonb_build_object('text', jsonb_build_object('body', ${messageBody})),
           m.sent_at,
           (case when m.inbound then null else 'read' end)::message_status,
           case when m.inbound then null else m.sent_at end,
           m.sent_at
    from (${pickedMessages(messages, conversations, sql``)}) as m`);
}

/**
 * Messages as a team writes them: a customer's (55 %), an agent's answer (the assignee, else someone
 * on duty), a template an agent sends, a campaign's template without a sender. Outbound ones end sent,
 * delivered, read or failed (with WhatsApp's reason); most sent ones carry WhatsApp's pricing.
 */
async function insertAnalyticsMessages(db: Executor, messages: number, conversations: number, agentIds: string[]): Promise<void> {
  const templates = values(TEMPLATES.map((template, index) => [index, template.name, template.language, template.category]));
  const failures = values(FAILURES.map((failure, index) => [index, failure.code, failure.title]));
  await db.execute(sql`
    insert into messages (conversation_id, wamid, direction, type, content, sent_at, status, status_at, delivered_at, read_at,
                          error_code, error_title, sender_id, pricing, created_at)
    select m.conversation_id, 'wamid.seed.' || m.n,
           (case when k.kind = 'in' then 'inbound' else 'outbound' end)::message_direction,
           case when k.kind in ('campaign', 'template') then 'template' else 'text' end,
           case when k.kind in ('campaign', 'template')
                then jsonb_build_object('template', jsonb_build_object('name', t.name, 'language', jsonb_build_object('code', t.language)))
                else jsonb_build_object('text', jsonb_build_object('body', ${messageBody})) end,
           m.sent_at,
           k.status::message_status,
           case when k.kind <> 'in' then m.sent_at + interval '2 seconds' + interval '30 minutes' * m.settle end,
           case when k.status in ('delivered', 'read') then m.sent_at + interval '2 seconds' end,
           case when k.status = 'read' then m.sent_at + interval '2 seconds' + interval '30 minutes' * m.settle end,
           f.code, f.title,
           case when k.kind in ('text', 'template') then coalesce(m.assignee_id, (${uuidArray(agentIds)})[1 + m.n % ${agentIds.length}]) end,
           case when k.kind <> 'in' and k.status <> 'failed' and m.priced < 0.9 then
             jsonb_build_object('category', p.category, 'type', p.type, 'billable', p.type = 'regular', 'pricingModel', 'PMP') end,
           m.sent_at
    from (${pickedMessages(messages, conversations, sql`, random() as kind_draw, random() as status_draw, random() as priced, random() as settle`)}) as m
    cross join lateral (
      select case when m.inbound then 'in' when m.kind_draw < 0.08 then 'campaign' when m.kind_draw < 0.16 then 'template' else 'text' end as kind,
             case when m.inbound then null when m.status_draw < 0.04 then 'failed' when m.status_draw < 0.12 then 'sent'
                  when m.status_draw < 0.35 then 'delivered' else 'read' end as status
    ) as k
    join (values ${templates}) as t (i, name, language, category)
      on t.i = case when k.kind = 'campaign' then m.n % 3 else 3 + m.n % 3 end
    left join (values ${failures}) as f (i, code, title) on k.status = 'failed' and f.i = m.n % ${FAILURES.length}
    cross join lateral (
      select case when k.kind = 'text' then 'service' else t.category end as category,
             case when k.kind = 'text' then 'free_customer_service'
                  when m.priced < 0.03 then 'free_entry_point'
                  when t.category = 'utility' and m.priced < 0.35 then 'free_customer_service'
                  else 'regular' end as type
    ) as p`);
}

/** Each conversation's summary from its messages, as the webhook path keeps it. */
async function summarizeConversations(db: Executor, analytics: boolean): Promise<void> {
  // Resolved: quiet for two weeks, or (with analytics) three in ten of the recent ones, some time after their last message.
  const resolved = analytics ? sql`(s.last_at < now() - interval '14 days' or abs(hashtext(c.id::text)) % 10 < 3)` : sql`s.last_at < now() - interval '14 days'`;
  const resolvedAt = analytics
    ? sql`least(now(), s.last_at + interval '5 minutes' + interval '2 days' * ((abs(hashtext(c.id::text || 'resolved')) % 1000) / 1000.0))`
    : sql`s.last_at`;
  await db.execute(sql`
    with summary as (
      select conversation_id,
             max(sent_at) as last_at,
             max(sent_at) filter (where direction = 'inbound') as last_inbound_at,
             max(sent_at) filter (where direction = 'outbound') as last_outbound_at
      from messages group by conversation_id
    ),
    latest as (
      select distinct on (conversation_id) conversation_id, direction, seq,
             coalesce(content -> 'text' ->> 'body', content -> 'template' ->> 'name') as preview
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
        status = (case when ${resolved} then 'resolved' else 'open' end)::conversation_status,
        unread_count = case when ${resolved} then 0 else coalesce(u.unread, 0) end,
        updated_at = case when ${resolved} then ${resolvedAt} else s.last_at end
    from summary as s
    join latest as l using (conversation_id)
    left join unread as u using (conversation_id)
    where c.id = s.conversation_id`);
}

/**
 * The account around the messages: its templates, campaigns (the sends without a sender, each recipient
 * once), the price table, and business hours on the main number.
 */
async function insertAnalyticsSetting(db: Executor): Promise<void> {
  await db.execute(sql`
    insert into templates (id, waba_id, name, language, category, status, components)
    select 'bench-template-' || t.name, ${WABA_ID}, t.name, t.language, upper(t.category), 'APPROVED', '[]'::jsonb
    from (values ${values(TEMPLATES.map((template) => [template.name, template.language, template.category]))}) as t (name, language, category)`);
  // A campaign's sends go out within a week: one campaign per marketing template, number and week.
  await db.execute(sql`
    insert into campaigns (name, phone_number_id, template_id, template_name, template_language, template_category, audience,
                           status, started_at, finished_at, created_at, updated_at)
    select initcap(replace(t.name, '_', ' ')) || ' ' || to_char(s.week, 'YYYY-MM-DD') || ' · ' || p.verified_name,
           p.id, t.id, t.name, t.language, t.category,
           '{"kind":"tags","tagIds":[]}'::jsonb, 'finished', s.first_at, s.last_at, s.first_at - interval '1 hour', s.last_at
    from (
      select c.phone_number_id, m.content -> 'template' ->> 'name' as name, date_trunc('week', m.sent_at, 'UTC') as week,
             min(m.sent_at) as first_at, max(m.sent_at) as last_at
      from messages as m join conversations as c on c.id = m.conversation_id
      where m.type = 'template' and m.sender_id is null
      group by 1, 2, 3
    ) as s
    join phone_numbers as p on p.id = s.phone_number_id
    join templates as t on t.name = s.name`);
  await db.execute(sql`
    insert into campaign_recipients (campaign_id, contact_id, phone_number, country, status, client_key, message_id, conversation_id, attempts,
                                     error_code, error_title, sent_at, delivered_at, read_at, failed_at, replied_at)
    select distinct on (k.id, ct.id)
           k.id, ct.id, c.wa_id, analytics_country(c.wa_id), m.status::text, 'bench.' || m.id, m.id, c.id, 1,
           m.error_code, m.error_title,
           case when m.status <> 'failed' then m.sent_at end, m.delivered_at, m.read_at,
           case when m.status = 'failed' then m.status_at end,
           case when m.status <> 'failed' then (
             select min(r.sent_at) from messages as r
             where r.conversation_id = m.conversation_id and r.direction = 'inbound' and r.sent_at > m.sent_at and r.sent_at < m.sent_at + interval '3 days') end
    from messages as m
    join conversations as c on c.id = m.conversation_id
    join contacts as ct on ct.wa_id = c.wa_id
    join campaigns as k on k.phone_number_id = c.phone_number_id and k.template_name = m.content -> 'template' ->> 'name'
      and m.sent_at between k.started_at and k.finished_at
    where m.type = 'template' and m.sender_id is null
    order by k.id, ct.id, m.sent_at`);
  const rates = RATES.flatMap((entry) =>
    entry ? entry.rates.map((amount, index) => [entry.country, RATE_CATEGORIES[index]!, "USD", amount, "Meta rate card (benchmark)"]) : [],
  );
  await db.execute(sql`insert into price_rates (country, category, currency, amount, source) values ${values(rates)}`);
  const weekday = [{ from: "09:00", to: "18:00" }];
  const weekly = { "1": weekday, "2": weekday, "3": weekday, "4": weekday, "5": weekday, "6": [{ from: "10:00", to: "14:00" }], "7": [] };
  await db.execute(sql`
    insert into business_hours (phone_number_id, time_zone, weekly, holidays)
    values (${PHONE_NUMBER_ID}, ${BUSINESS_HOURS_TIME_ZONE}, ${JSON.stringify(weekly)}::jsonb, ${JSON.stringify(["2025-12-25", "2026-01-01", "2026-04-25"])}::jsonb)`);
}
