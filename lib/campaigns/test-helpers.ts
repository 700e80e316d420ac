/**
 * What the campaign tests share: a database with users, connections, a number and an approved
 * template (fake gateway), campaigns started on chosen contacts, the webhook shapes the ingest takes,
 * and the reads the assertions make. Used by tests only.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";

import type { Database } from "@/db";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import type { StatusToApply } from "@/db/queries/webhook-ingest";
import { campaignRecipients, campaigns, contacts, messages, messageStatusEvents, phoneNumbers, templates } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { statusesBefore } from "@/lib/whatsapp/inbound";

import { startCampaign, type CampaignActor, type LifecycleOptions } from "./lifecycle";

/** The business number of the fake-gateway setup (connection conn-a, WABA waba-a). */
export const FAKE_NUMBER = "pn-campaign-a";

/** A demo user as the campaign services take them (all connections). */
export async function campaignActor(db: Database, email: string): Promise<CampaignActor> {
  const row = await findUserByEmail(db, email);
  if (!row) throw new Error(`no user ${email}: seed the demo users first`);
  return { id: row.id, name: row.name, email: row.email, role: row.role, connections: ALL_CONNECTIONS };
}

/** Users, two connections, FAKE_NUMBER and its approved UTILITY template `order_notice` (body {{1}}): the marketer and the agent. */
export async function seedFakeGatewaySetup(db: Database): Promise<{ marketer: CampaignActor; agent: CampaignActor }> {
  await seedDemoUsers(db);
  await insertTwoConnections(db);
  await db.insert(phoneNumbers).values({ id: FAKE_NUMBER, wabaId: "waba-a", connectionId: "conn-a" });
  await db.insert(templates).values({
    id: "t-notice",
    wabaId: "waba-a",
    name: "order_notice",
    language: "en_US",
    category: "UTILITY",
    status: "APPROVED",
    components: [{ type: "BODY", text: "Hello {{1}}, your order is ready." }],
  });
  return { marketer: await campaignActor(db, "marketer@demo.test"), agent: await campaignActor(db, "agent@demo.test") };
}

let customerSequence = 0;

/** `count` new customers with numbers (+1 415 55x xxxx, unique in the process), consent unknown. */
export function newCustomers(count: number, prefix = "1415555"): Array<typeof contacts.$inferInsert & { waId: string; phoneNumber: string }> {
  return Array.from({ length: count }, () => {
    customerSequence += 1;
    const digits = `${prefix}${String(customerSequence).padStart(4, "0")}`;
    return { waId: digits, phoneNumber: digits, displayName: `Customer ${customerSequence}` };
  });
}

/** Contacts of their own for the extra rows (no number, opted out, …): each gets a unique wa_id. */
export function extraContacts(rows: Array<Partial<typeof contacts.$inferInsert>>): Array<typeof contacts.$inferInsert & { waId: string }> {
  return rows.map((row) => {
    customerSequence += 1;
    return { waId: `extra-${customerSequence}`, ...row };
  });
}

/** A draft campaign row as the builder would leave it. */
export async function insertCampaign(db: Database, values: Omit<typeof campaigns.$inferInsert, "name" | "audience"> & { name?: string }) {
  customerSequence += 1;
  const [campaign] = await db
    .insert(campaigns)
    .values({ name: `Spring ${customerSequence}`, audience: { kind: "tags", tagIds: [] }, ...values })
    .returning();
  return campaign!;
}

/** Lifecycle options whose audience is exactly the contacts with these wa_ids, and whose queue is the caller's. */
export function audienceOf(waIds: string[], queue: NonNullable<LifecycleOptions["queue"]>): LifecycleOptions {
  return { queue, audienceCondition: async () => inArray(contacts.waId, waIds) };
}

/**
 * A campaign on FAKE_NUMBER's `order_notice` (body {{1}} = the contact's name, fallback "there") with
 * `count` new customers (all with numbers) plus the extra contacts, started now.
 */
export async function startedCampaign(
  db: Database,
  marketer: CampaignActor,
  queue: NonNullable<LifecycleOptions["queue"]>,
  count: number,
  extra: Array<Partial<typeof contacts.$inferInsert>> = [],
) {
  const people = newCustomers(count);
  const all = [...people, ...extraContacts(extra)];
  await db.insert(contacts).values(all);
  const campaign = await insertCampaign(db, {
    phoneNumberId: FAKE_NUMBER,
    templateId: "t-notice",
    templateName: "order_notice",
    templateLanguage: "en_US",
    templateCategory: "UTILITY",
    mapping: { variables: { "body-1": { source: "field", field: "name", fallback: "there" } } },
    createdById: marketer.id,
  });
  const started = await startCampaign(db, marketer, campaign.id, {}, audienceOf(all.map((row) => row.waId), queue));
  return { campaignId: campaign.id, digits: people.map((person) => person.phoneNumber), started };
}

export const recipientsOf = (db: Database, campaignId: string) =>
  db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaignId)).orderBy(campaignRecipients.id);

export const campaignRow = async (db: Database, campaignId: string) => (await db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0]!;


/** One status of a message as the ingest takes it. */
export const statusOf = (wamid: string, status: StatusToApply["status"], recipientId: string, extra: Partial<StatusToApply> = {}): StatusToApply => ({
  wamid,
  status,
  at: new Date(),
  recipientId,
  errors: undefined,
  pricing: undefined,
  movesFrom: statusesBefore(status)!,
  ...extra,
});

/** Polls `probe` until it answers something other than undefined, at most `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The inbox waits this long for a status before it sends a message of unknown outcome again (lib/inbox/outbound.ts). */
export const RECONCILE_WAIT_SECONDS = 60;

/**
 * A send refused before it went out (a 5xx, or a worker killed while it waited for the limiter) has an
 * unknown outcome that no status will ever settle: the inbox sends it again once the reconcile window
 * has passed. Once every number the gateway took a message for (`taken`, the simulator's count) has
 * reported a status to the ingest — nothing that went out is still unheard of — the window is let pass
 * for the campaign's messages still unknown, as a minute of waiting would. Answers how many there were.
 */
export async function letReconcileWindowPass(db: Database, campaignId: string, taken: string[]): Promise<number> {
  if (taken.length === 0) return 0;
  const reported = await db
    .selectDistinct({ recipientId: messageStatusEvents.recipientId })
    .from(messageStatusEvents)
    .where(inArray(messageStatusEvents.recipientId, taken));
  if (reported.length < taken.length) return 0;
  const keys = db.select({ key: campaignRecipients.clientKey }).from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaignId));
  const aged = await db
    .update(messages)
    .set({ statusAt: sql`now() - ${`${RECONCILE_WAIT_SECONDS + 1} seconds`}::interval` })
    .where(and(inArray(messages.clientKey, keys), eq(messages.status, "pending"), isNull(messages.wamid), isNotNull(messages.errorTitle)))
    .returning({ id: messages.id });
  return aged.length;
}
