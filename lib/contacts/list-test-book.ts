/**
 * For the contact list's tests: a small book of contacts whose every filter result can be counted by
 * hand, on two businesses (the agent and the marketer work in conn-a only).
 */
import { eq } from "drizzle-orm";

import type { Database } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { contactAttributeDefinitions, contacts, contactTagLinks, contactTags, conversations } from "@/db/schema";
import { NUMBER, OTHER_NUMBER, seedBusinesses } from "@/app/api/v1/_operations/resources-test-setup";

import type { ContactActor } from "./access";

export { NUMBER, OTHER_NUMBER };

/** The instant the filters are asked at. */
export const NOW = new Date();
const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

export interface Book {
  admin: ContactActor;
  marketer: ContactActor;
  agent: ContactActor;
  tags: { vip: string; wholesale: string; lisbon: string };
  ids: Record<"ana" | "bruno" | "carla" | "diego" | "eva", string>;
}

async function actor(db: Database, role: "admin" | "marketer" | "agent"): Promise<ContactActor> {
  const user = (await findUserByEmail(db, `${role}@demo.test`))!;
  return { id: user.id, name: user.name, email: user.email, role, connections: role === "admin" ? { all: true } : { all: false, connectionIds: ["conn-a"] } };
}

/**
 * Ana (Lisbon, 5 orders, Pro, VIP, opted in, wrote an hour ago on NUMBER), Bruno (Porto, 2, Basic,
 * VIP, wrote 3 days ago on NUMBER), Carla "50%_off" (lisbon, 10, not VIP, opted out, wrote 2 hours ago
 * on OTHER_NUMBER only), Diego (nothing, never written to), Eva (display name over "Eve"; orders held
 * as the text "12", opted in, wrote 40 days ago on NUMBER), and a deleted contact no list shows.
 */
export async function seedBook(db: Database): Promise<Book> {
  await seedBusinesses(db);
  await db.insert(contactAttributeDefinitions).values([
    { key: "city", name: "City", type: "text", position: 0 },
    { key: "orders", name: "Orders", type: "number", position: 1 },
    { key: "birthday", name: "Birthday", type: "date", position: 2 },
    { key: "vip", name: "VIP", type: "boolean", position: 3 },
    { key: "plan", name: "Plan", type: "choice", options: ["Basic", "Pro"], position: 4 },
  ]);
  const tagRows = await db
    .insert(contactTags)
    .values([
      { name: "VIP", colour: "violet" },
      { name: "Wholesale", colour: "amber" },
      { name: "Lisbon", colour: "blue" },
    ])
    .returning();
  const tag = (name: string) => tagRows.find((row) => row.name === name)!.id;
  const rows = await db
    .insert(contacts)
    .values([
      {
        waId: "351911000001",
        phoneNumber: "351911000001",
        profileName: "Ana Lima",
        attributes: { city: "Lisbon", orders: 5, birthday: "1990-05-01", vip: true, plan: "Pro" },
        consent: "opted_in",
        consentSource: "form",
        consentAt: ago(10 * HOUR),
      },
      { waId: "351911000002", phoneNumber: "351911000002", profileName: "Bruno Costa", attributes: { city: "Porto", orders: 2, birthday: "1995-01-01", plan: "Basic" } },
      { waId: "351911000003", phoneNumber: "351911000003", username: "carla_x", profileName: "Carla 50%_off", attributes: { city: "lisbon", orders: 10, vip: false }, consent: "opted_out", consentSource: "keyword" },
      { waId: "351911000004", phoneNumber: "351911000004", profileName: "Diego" },
      { waId: "351911000005", phoneNumber: "351911000005", displayName: "Eva", profileName: "Eve", attributes: { orders: "12" }, consent: "opted_in", consentSource: "import" },
      { waId: "deleted:0f7e2b1c", displayName: null, profileName: null, deletedAt: ago(HOUR) },
    ])
    .returning({ id: contacts.id, waId: contacts.waId });
  const id = (waId: string) => rows.find((row) => row.waId === waId)!.id;
  const ids = { ana: id("351911000001"), bruno: id("351911000002"), carla: id("351911000003"), diego: id("351911000004"), eva: id("351911000005") };
  await db.insert(contactTagLinks).values([
    { contactId: ids.ana, tagId: tag("VIP") },
    { contactId: ids.ana, tagId: tag("Lisbon") },
    { contactId: ids.bruno, tagId: tag("VIP") },
    { contactId: ids.carla, tagId: tag("Wholesale") },
    { contactId: ids.eva, tagId: tag("Lisbon") },
  ]);
  // The trigger on conversations moves each contact's last inbound and last message times.
  await db.insert(conversations).values([
    { phoneNumberId: NUMBER, waId: "351911000001", lastInboundAt: ago(HOUR), lastMessageAt: ago(HOUR) },
    { phoneNumberId: NUMBER, waId: "351911000002", lastInboundAt: ago(72 * HOUR), lastMessageAt: ago(70 * HOUR) },
    { phoneNumberId: OTHER_NUMBER, waId: "351911000003", lastInboundAt: ago(2 * HOUR), lastMessageAt: ago(2 * HOUR) },
    { phoneNumberId: NUMBER, waId: "351911000005", lastInboundAt: ago(40 * 24 * HOUR), lastMessageAt: ago(40 * 24 * HOUR) },
    { phoneNumberId: NUMBER, waId: "deleted:0f7e2b1c", lastInboundAt: ago(HOUR), lastMessageAt: ago(HOUR) },
  ]);
  const [check] = await db.select({ lastInboundAt: contacts.lastInboundAt }).from(contacts).where(eq(contacts.waId, "351911000001"));
  if (!check?.lastInboundAt) throw new Error("the conversations trigger did not move the contact's times");
  return {
    admin: await actor(db, "admin"),
    marketer: await actor(db, "marketer"),
    agent: await actor(db, "agent"),
    tags: { vip: tag("VIP"), wholesale: tag("Wholesale"), lisbon: tag("Lisbon") },
    ids,
  };
}
