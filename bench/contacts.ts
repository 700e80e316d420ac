/**
 * The contact list on PostgreSQL with 100,000 contacts (tags, attributes, consent; conversations for
 * half of them): the list's first and next pages, searches (common and rare words, two words, a
 * Chinese name, a number), a tag filter, a three-condition segment and its count, the same searches in
 * a 100,000-recipient campaign's recipient list, and the export's rate. It runs the list's queries
 * (db/queries/contact-list.ts) as lib/contacts/list.ts does, page and total together, then the page's
 * tags: the services themselves load the i18n runtime, which needs React's client build and so does
 * not load under `--conditions=react-server`.
 */
import { stringify } from "csv-stringify/sync";
import { sql, type SQL } from "drizzle-orm";

import { openDatabase, type Database } from "@/db/client";
import {
  contactListCondition,
  countContactRows,
  exportBatch,
  listContactRows,
  tagsOfContacts,
  type CompiledContactFilter,
  type ContactPosition,
  type ContactSort,
} from "@/db/queries/contact-list";
import { recipientPage } from "@/db/queries/campaign-recipients";
import { parseSearch } from "@/db/queries/search";
import { contactTags } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";

import { formatRate, percentile, printTable } from "./report";
import { benchServerUrl, PHONE_NUMBER_ID, WABA_ID, withFreshDatabase } from "./server";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const RUNS = Number(process.env.BENCH_CONTACT_RUNS ?? 60);
const BENCH_CAMPAIGN_ID = "00000000-0000-4000-8000-00000000c0de";
/** The searches both lists time: common and rare words, two words, a Chinese name, a number's digits. */
const SEARCHES = [
  { name: "common term 'ana'", search: "ana" },
  { name: "rare term 'quackenbush'", search: "quackenbush" },
  { name: "two words 'ana rossi'", search: "ana rossi" },
  { name: "Chinese name '王伟'", search: "王伟" },
  { name: "number digits '0001234'", search: "0001234" },
];

const FIRST_NAMES = ["Ana", "Ben", "Chloe", "Diego", "Emma", "Farah", "Giulia", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"];
const LAST_NAMES = ["Almeida", "Brown", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lopez", "Mensah", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weber"];
const CITIES = ["Lisbon", "Porto", "Madrid", "Berlin", "Paris", "Lagos", "Nairobi", "Tokyo", "Austin", "Recife"];
/** Tags and the share of contacts carrying each. */
const TAGS: Array<[string, number]> = [
  ["Newsletter", 0.4],
  ["Customer", 0.3],
  ["Wholesale", 0.08],
  ["VIP", 0.05],
  ["Event 2025", 0.02],
  ...Array.from({ length: 15 }, (_, index): [string, number] => [`Campaign ${index + 1}`, 0.01]),
];

const list = (items: string[]) => sql.raw(`array[${items.map((item) => `'${item.replace(/'/g, "''")}'`).join(",")}]::text[]`);

/** The seed, set-based: attributes' definitions, tags, contacts, links, conversations (the trigger moves the contacts' times). */
export async function seedContactBook(db: Database): Promise<{ seconds: number; tagIds: Map<string, string> }> {
  const started = performance.now();
  await seedDemoUsers(db);
  await db.execute(sql`insert into wabas (id, name) values (${WABA_ID}, 'Bench Coffee') on conflict do nothing`);
  await db.execute(sql`insert into phone_numbers (id, waba_id, display_phone_number) values (${PHONE_NUMBER_ID}, ${WABA_ID}, '15550104821')`);
  await db.execute(sql`
    insert into contact_attribute_definitions (key, name, type, options, position) values
      ('city', 'City', 'text', '[]', 0), ('orders', 'Orders', 'number', '[]', 1),
      ('plan', 'Plan', 'choice', '["Basic","Pro","Enterprise"]', 2), ('vip', 'VIP', 'boolean', '[]', 3),
      ('birthday', 'Birthday', 'date', '[]', 4)`);
  const tagRows = await db
    .insert(contactTags)
    .values(TAGS.map(([name], index) => ({ name, colour: ["gray", "blue", "green", "violet", "amber"][index % 5]! })))
    .returning({ id: contactTags.id, name: contactTags.name });
  const tagIds = new Map(tagRows.map((row) => [row.name, row.id]));
  await db.execute(sql`
    insert into contacts (wa_id, phone_number, profile_name, display_name, username, attributes, consent, consent_source, consent_at, created_at, updated_at)
    select '4477' || lpad(i::text, 8, '0'),
           '4477' || lpad(i::text, 8, '0'),
           (${list(FIRST_NAMES)})[1 + i % ${FIRST_NAMES.length}] || ' ' || (${list(LAST_NAMES)})[1 + (i / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}],
           case when i % 7 = 0 then (${list(FIRST_NAMES)})[1 + (i / 3) % ${FIRST_NAMES.length}] || ' ' || (i % 1000)::text end,
           case when i % 11 = 0 then 'user' || i::text end,
           jsonb_strip_nulls(jsonb_build_object(
             'city', case when i % 4 <> 0 then (${list(CITIES)})[1 + i % ${CITIES.length}] end,
             'orders', case when i % 3 <> 0 then (i * 7919) % 60 end,
             'plan', (array['Basic', 'Pro', 'Enterprise'])[1 + (i * 31) % 3],
             'vip', case when i % 5 = 0 then (i % 10 = 0) end,
             'birthday', case when i % 2 = 0 then to_char(date '1960-01-01' + (i * 13) % 16000, 'YYYY-MM-DD') end)),
           (case when i % 10 < 3 then 'opted_in' when i % 10 = 9 then 'opted_out' else 'unknown' end)::contact_consent,
           case when i % 10 < 3 then 'import' when i % 10 = 9 then 'keyword' end,
           case when i % 10 < 3 or i % 10 = 9 then now() - interval '1 day' * (i % 300) end,
           now() - interval '1 minute' * ((i * 7) % 525600), now()
    from generate_series(1, ${CONTACTS}) as i`);
  // One customer with a name nobody else has (the rare search), and one in a hundred with a Chinese name.
  await db.execute(sql`insert into contacts (wa_id, phone_number, profile_name) values ('447799999999', '447799999999', 'Zephyrine Quackenbush')`);
  await db.execute(sql`update contacts set profile_name = (array['王伟', '李娜', '张敏', '刘洋'])[1 + right(wa_id, 1)::int % 4] where right(wa_id, 2) = '03'`);
  for (const [name, share] of TAGS) {
    await db.execute(sql`
      insert into contact_tag_links (tag_id, contact_id)
      select ${tagIds.get(name)!}::uuid, id from contacts where random() < ${share}`);
  }
  // Half of them have written: a conversation each, the last inbound within 90 days.
  await db.execute(sql`
    insert into conversations (phone_number_id, wa_id, last_inbound_at, last_message_at, created_at, updated_at)
    select ${PHONE_NUMBER_ID}, wa_id, at, at + interval '5 minutes' * random(), at, at
    from (select wa_id, now() - interval '90 days' * power(random(), 2) as at from contacts where random() < 0.5) as written`);
  // A campaign sent to every contact: its recipient list is searched as the contacts are.
  await db.execute(sql`
    insert into templates (id, waba_id, name, language, category, status, components)
    values ('bench-template', ${WABA_ID}, 'spring_sale', 'en_US', 'MARKETING', 'APPROVED', '[]'::jsonb)`);
  await db.execute(sql`
    insert into campaigns (id, name, phone_number_id, template_id, template_name, template_language, template_category, audience, status, started_at, finished_at)
    values (${BENCH_CAMPAIGN_ID}, 'Spring sale', ${PHONE_NUMBER_ID}, 'bench-template', 'spring_sale', 'en_US', 'marketing', '{"kind":"tags","tagIds":[]}'::jsonb, 'finished', now() - interval '1 day', now())`);
  await db.execute(sql`
    insert into campaign_recipients (campaign_id, contact_id, phone_number, status, client_key, attempts)
    select ${BENCH_CAMPAIGN_ID}, id, phone_number, 'delivered', 'bench.' || id, 1 from contacts order by id`);
  await db.execute(sql`vacuum analyze`);
  return { seconds: (performance.now() - started) / 1000, tagIds };
}

interface Case {
  name: string;
  run: () => Promise<unknown>;
}

async function timeCases(cases: Case[]): Promise<Array<{ name: string; samples: number[] }>> {
  const timings = cases.map((item) => ({ name: item.name, samples: [] as number[] }));
  for (const item of cases) await item.run(); // warm-up
  for (let run = 0; run < RUNS; run += 1) {
    for (const [index, item] of cases.entries()) {
      const started = performance.now();
      await item.run();
      timings[index]!.samples.push(performance.now() - started);
    }
  }
  return timings;
}

const ALL = { all: true } as const;

/** One page of 50 and the total, then the page's tags: what listContacts runs. */
async function listPage(db: Database, filter: CompiledContactFilter, sort: ContactSort = "last_message", after: ContactPosition | null = null) {
  const where = contactListCondition(ALL, filter, new Date());
  const [page, total] = await Promise.all([listContactRows(db, { where, sort, after, limit: 50 }), countContactRows(db, where)]);
  await tagsOfContacts(
    db,
    page.rows.map((row) => row.id),
  );
  return { ...page, total };
}

/** Every matching contact, 1000 per batch with their tags, as CSV text: the export's work without the stream. */
async function exportAll(db: Database, where: SQL): Promise<{ rows: number; bytes: number }> {
  let position: ContactPosition | null = null;
  let rows = 0;
  let bytes = 0;
  do {
    const batch = await exportBatch(db, where, position);
    const tags = await tagsOfContacts(
      db,
      batch.rows.map((row) => row.id),
    );
    const csv = stringify(
      batch.rows.map((row) => [
        row.displayName ?? row.profileName ?? "",
        row.phoneNumber ? `+${row.phoneNumber}` : "",
        (tags.get(row.id) ?? []).map((tag) => tag.name).join(";"),
        row.consent,
        ...["city", "orders", "plan", "vip", "birthday"].map((key) => String(row.attributes[key] ?? "")),
        row.lastMessageAt?.toISOString() ?? "",
        row.createdAt.toISOString(),
      ]),
    );
    rows += batch.rows.length;
    bytes += Buffer.byteLength(csv);
    position = batch.next;
  } while (position);
  return { rows, bytes };
}

export async function benchContacts(): Promise<void> {
  const serverUrl = benchServerUrl();
  if (!serverUrl) {
    console.log("\nContacts performance skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server the benchmark may create databases on.");
    return;
  }
  await withFreshDatabase(serverUrl, "dashboard_bench_contacts", async (url) => {
    const handle = await openDatabase({ driver: "postgres", url });
    try {
      await handle.migrate();
      const { db } = handle;
      const seeded = await seedContactBook(db);
      console.log(`\nContacts: seeded ${CONTACTS.toLocaleString("en-US")} contacts with tags, attributes and conversations for half of them in ${seeded.seconds.toFixed(1)} s`);

      const vip = seeded.tagIds.get("VIP")!;
      const newsletter = seeded.tagIds.get("Newsletter")!;
      const segment: CompiledContactFilter = {
        tags: { all: [newsletter] },
        attributes: [{ key: "city", op: "eq", type: "text", value: "Lisbon" }],
        consent: ["opted_in"],
      };
      const first = await listPage(db, {});
      const cases: Case[] = [
        { name: "list, first page (no filter)", run: () => listPage(db, {}) },
        { name: "list, next page (cursor)", run: () => listPage(db, {}, "last_message", first.next) },
        { name: "list by name, first page", run: () => listPage(db, {}, "name") },
        ...SEARCHES.map((item) => ({ name: `search, ${item.name}`, run: () => listPage(db, { search: item.search }) })),
        { name: "tag filter (VIP, 5%)", run: () => listPage(db, { tags: { all: [vip] } }) },
        { name: "segment: tag + attribute + consent", run: () => listPage(db, { segment }) },
        { name: "segment count", run: () => countContactRows(db, contactListCondition(ALL, { segment }, new Date())) },
        { name: "campaign recipients (100,000), first page", run: () => recipientPage(db, BENCH_CAMPAIGN_ID, { limit: 51 }) },
        ...SEARCHES.map((item) => ({
          name: `campaign recipients, search ${item.name}`,
          run: () => recipientPage(db, BENCH_CAMPAIGN_ID, { search: parseSearch(item.search)!, limit: 51 }),
        })),
      ];
      const timings = await timeCases(cases);

      const exportStarted = performance.now();
      const exported = await exportAll(db, contactListCondition(ALL, { tags: { all: [newsletter] } }, new Date()));
      const exportSeconds = (performance.now() - exportStarted) / 1000;

      printTable(`Contact list on PostgreSQL, ${CONTACTS.toLocaleString("en-US")} contacts (list queries in process, ${RUNS} runs each; pages of 50 with their total and tags)`, [
        ...timings.map((timing) => ({
          figure: timing.name,
          runs: timing.samples.length,
          "p50 ms": percentile(timing.samples, 50).toFixed(1),
          "p95 ms": percentile(timing.samples, 95).toFixed(1),
          aim: "p95 < 50 ms",
        })),
        {
          figure: `export, Newsletter tag (${exported.rows.toLocaleString("en-US")} rows, ${(exported.bytes / 1024 / 1024).toFixed(1)} MB CSV)`,
          runs: 1,
          "p50 ms": `${formatRate(exported.rows / exportSeconds)} rows/s`,
          "p95 ms": "",
          aim: "",
        },
      ]);
    } finally {
      await handle.close();
    }
  });
}
