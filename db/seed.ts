import type { Database } from "./client";
import { replaceConnectionAccess } from "./queries/connection-access";
import { countUsers, insertUser } from "./queries/users";
import {
  cannedResponses,
  connections,
  contactAttributeDefinitions,
  contacts,
  contactTagLinks,
  contactTags,
  contactConsentEvents,
  conversationLabels,
  segments,
  type User,
} from "./schema";

export const DEMO_PASSWORD = "demo-pass-1234";

/** bcrypt of DEMO_PASSWORD (cost 12), made once: a published password gains nothing from a fresh salt. */
export const DEMO_PASSWORD_HASH = "$2b$12$VIn4nF0xqDK/yyW/r0kmEemxj624incWII3BRCnUMy3be/BR6KRzG";

/**
 * The coffee roaster (Lumen Coffee Roasters) of the demo: the simulator always lists this connection
 * under this fixed id (simulator/seed.ts, SEED.connections.lumen), beside the dental clinic's.
 */
export const DEMO_COFFEE_ROASTER_CONNECTION_ID = "3f6c2a9e-1b4d-4c8a-9e2f-7a5b1c0d9e01";

export interface DemoUser {
  email: string;
  name: string;
  role: User["role"];
  /** Where they work in the demo: every connection, or only the listed ones. */
  demoAccess: "all" | { connectionIds: readonly string[] };
  /** The same in words, for the logins the demo prints. */
  demoAccessNote: string;
}

export const DEMO_USERS: ReadonlyArray<DemoUser> = [
  { email: "admin@demo.test", name: "Ada Admin", role: "admin", demoAccess: "all", demoAccessNote: "all connections" },
  { email: "marketer@demo.test", name: "Mia Marketer", role: "marketer", demoAccess: "all", demoAccessNote: "all connections" },
  {
    email: "agent@demo.test",
    name: "Sam Agent",
    role: "agent",
    demoAccess: { connectionIds: [DEMO_COFFEE_ROASTER_CONNECTION_ID] },
    demoAccessNote: "coffee roaster only",
  },
];

/**
 * Creates the three demo users; existing ones are left as they are. Every one works in all
 * connections, unless `demoAccess` (the demo itself): then the agent works only in the coffee
 * roaster's connection, to show access by connection.
 */
export async function seedDemoUsers(db: Database, options: { onlyIfEmpty?: boolean; demoAccess?: boolean } = {}): Promise<number> {
  if (options.onlyIfEmpty && (await countUsers(db)) > 0) return 0;
  let created = 0;
  for (const user of DEMO_USERS) {
    const listed = options.demoAccess && user.demoAccess !== "all" ? user.demoAccess.connectionIds : undefined;
    await db.transaction(async (tx) => {
      const inserted = await insertUser(tx, {
        email: user.email,
        name: user.name,
        role: user.role,
        passwordHash: DEMO_PASSWORD_HASH,
        allConnections: listed === undefined,
      });
      if (!inserted) return;
      created += 1;
      if (listed) {
        await ensureDemoConnections(tx, listed);
        await replaceConnectionAccess(tx, inserted.id, { all: false, connectionIds: listed });
      }
    });
  }
  return created;
}

/**
 * A grant needs its connection's row, and the seed runs before the first sync mirrors the
 * simulator's connections. The row written here is what that sync writes first for a listed ACTIVE
 * connection (its id and status); the sync then fills in the rest. A row already there is left alone.
 */
async function ensureDemoConnections(tx: Database, ids: readonly string[]): Promise<void> {
  await tx
    .insert(connections)
    .values(ids.map((id) => ({ id, status: "ACTIVE" })))
    .onConflictDoNothing({ target: connections.id });
}

/**
 * Outside demo mode the first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD on an empty database;
 * the caller hashes the password (the boot, in instrumentation.ts).
 */
export async function createInitialAdmin(db: Database, admin: { email: string; passwordHash: string }): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const created = await insertUser(db, {
    email: admin.email,
    name: "Administrator",
    role: "admin",
    passwordHash: admin.passwordHash,
  });
  return created !== undefined;
}

/** The demo's customer book: who the simulator's customers are to the coffee roaster, and a few imported ones. */
const DEMO_TAGS = [
  { name: "VIP", colour: "violet" },
  { name: "Wholesale", colour: "teal" },
  { name: "Newsletter", colour: "blue" },
  { name: "Berlin pop-up", colour: "amber" },
] as const;

const DEMO_ATTRIBUTES = [
  { key: "city", name: "City", type: "text", options: [], position: 0 },
  { key: "plan", name: "Subscription plan", type: "choice", options: ["None", "Monthly", "Quarterly", "Yearly"], position: 1 },
  { key: "last_order_on", name: "Last order", type: "date", options: [], position: 2 },
  { key: "lifetime_orders", name: "Orders so far", type: "number", options: [], position: 3 },
] as const;

type DemoTag = (typeof DEMO_TAGS)[number]["name"];

interface DemoContact {
  phone: string;
  /** Only for customers who never wrote: the simulator's customers bring their WhatsApp names themselves. */
  displayName?: string;
  tags: DemoTag[];
  attributes: Record<string, string | number>;
  optedIn?: boolean;
}

const DEMO_CONTACTS: DemoContact[] = [
  // The simulator's customers (scripts/demo.ts): their names arrive with their messages.
  { phone: "14155550123", tags: ["VIP", "Newsletter"], attributes: { city: "San Francisco", plan: "Monthly", last_order_on: "2026-11-28", lifetime_orders: 14 }, optedIn: true },
  { phone: "14155550177", tags: [], attributes: { city: "San Francisco" } },
  { phone: "4915112345678", tags: ["Wholesale", "Berlin pop-up"], attributes: { city: "Berlin", lifetime_orders: 3 } },
  { phone: "919812345678", tags: ["Wholesale"], attributes: { city: "Pune", plan: "Quarterly", lifetime_orders: 6 } },
  { phone: "447700900461", tags: ["Newsletter"], attributes: { city: "Leeds", plan: "Yearly", last_order_on: "2026-10-02", lifetime_orders: 9 }, optedIn: true },
  // Customers imported from the shop's mailing list, who have not written on WhatsApp yet.
  { phone: "14155550188", displayName: "Grace Liu", tags: ["Newsletter"], attributes: { city: "Oakland", plan: "Monthly", lifetime_orders: 21 }, optedIn: true },
  { phone: "12125550142", displayName: "Marcus Reed", tags: ["VIP"], attributes: { city: "New York", plan: "Yearly", lifetime_orders: 32 }, optedIn: true },
  { phone: "13105550119", displayName: "Sofia Alvarez", tags: ["Newsletter"], attributes: { city: "Los Angeles", plan: "None", lifetime_orders: 1 } },
  { phone: "4930123456789", displayName: "Lena Hoffmann", tags: ["Berlin pop-up", "Newsletter"], attributes: { city: "Berlin", lifetime_orders: 2 }, optedIn: true },
  { phone: "4917612345678", displayName: "Felix Braun", tags: ["Berlin pop-up"], attributes: { city: "Berlin" } },
  { phone: "447911123456", displayName: "Hannah Clarke", tags: ["VIP", "Newsletter"], attributes: { city: "London", plan: "Quarterly", last_order_on: "2026-11-30", lifetime_orders: 18 }, optedIn: true },
  { phone: "34612345678", displayName: "Javier Moreno", tags: ["Wholesale"], attributes: { city: "Madrid", lifetime_orders: 5 } },
  { phone: "5511987654321", displayName: "Beatriz Souza", tags: ["Newsletter"], attributes: { city: "São Paulo", plan: "Monthly", lifetime_orders: 7 }, optedIn: true },
  { phone: "8613812345678", displayName: "王芳", tags: ["Wholesale"], attributes: { city: "上海", lifetime_orders: 4 } },
  { phone: "971501234567", displayName: "ليلى حسن", tags: ["VIP"], attributes: { city: "Dubai", plan: "Yearly", lifetime_orders: 11 }, optedIn: true },
  { phone: "61412345699", displayName: "Chloe Wilson", tags: [], attributes: { city: "Sydney", plan: "None" } },
];

/**
 * Tags, custom attributes, contacts and a segment for the demo, once (on a database without tags). The
 * customers who write in the demo are created before their messages arrive, as an import would have.
 */
export async function seedDemoContactBook(db: Database): Promise<boolean> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: contactTags.id }).from(contactTags).limit(1);
    if (existing.length > 0) return false;
    const tags = await tx.insert(contactTags).values(DEMO_TAGS.map((tag) => ({ ...tag }))).returning();
    const tagId = new Map(tags.map((tag) => [tag.name, tag.id]));
    await tx.insert(contactAttributeDefinitions).values(DEMO_ATTRIBUTES.map((attribute) => ({ ...attribute, options: [...attribute.options] })));
    const consentAt = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
    const rows = await tx
      .insert(contacts)
      .values(
        DEMO_CONTACTS.map((contact) => ({
          waId: contact.phone,
          phoneNumber: contact.phone,
          displayName: contact.displayName ?? null,
          attributes: contact.attributes,
          ...(contact.optedIn ? { consent: "opted_in" as const, consentSource: "import", consentAt } : {}),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: contacts.id, waId: contacts.waId });
    const idOf = new Map(rows.map((row) => [row.waId, row.id]));
    const links = DEMO_CONTACTS.flatMap((contact) =>
      idOf.has(contact.phone) ? contact.tags.map((tag) => ({ tagId: tagId.get(tag)!, contactId: idOf.get(contact.phone)! })) : [],
    );
    if (links.length > 0) await tx.insert(contactTagLinks).values(links);
    const consents = DEMO_CONTACTS.filter((contact) => contact.optedIn && idOf.has(contact.phone)).map((contact) => ({
      contactId: idOf.get(contact.phone)!,
      consent: "opted_in" as const,
      source: "import",
      detail: "mailing-list.csv",
      at: consentAt,
    }));
    if (consents.length > 0) await tx.insert(contactConsentEvents).values(consents);
    await tx.insert(segments).values({
      name: "Newsletter readers who said yes",
      definition: { tags: { all: [tagId.get("Newsletter")!] }, consent: ["opted_in"] },
    });
    return true;
  });
}

const DEMO_LABELS = [
  { name: "Order issue", color: "red" },
  { name: "Wholesale lead", color: "teal" },
  { name: "Feedback", color: "violet" },
  { name: "Follow up", color: "amber" },
] as const;

const DEMO_CANNED_RESPONSES = [
  { shortcut: "hello", body: "Hi {{contact.name}}, this is {{agent.name}} from Lumen Coffee Roasters. How can I help?" },
  { shortcut: "shipping", body: "Orders ship within *1 business day* from our roastery. You will get a tracking link as soon as it leaves." },
  { shortcut: "hours", body: "Our café is open Monday to Friday, 8:00–18:00, and Saturday 9:00–14:00." },
  { shortcut: "thanks", body: "Thank you, {{contact.name}}! Enjoy your coffee ☕" },
] as const;

/** Conversation labels and the team's canned responses for the demo, once (on a database without labels). */
export async function seedDemoInboxKit(db: Database): Promise<boolean> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: conversationLabels.id }).from(conversationLabels).limit(1);
    if (existing.length > 0) return false;
    await tx.insert(conversationLabels).values(DEMO_LABELS.map((label) => ({ ...label })));
    await tx.insert(cannedResponses).values(DEMO_CANNED_RESPONSES.map((response) => ({ ...response, ownerId: null }))).onConflictDoNothing();
    return true;
  });
}
