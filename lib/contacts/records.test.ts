/**
 * A contact's record end to end on both databases: the detail, creating and changing a contact,
 * tags (one by one and in bulk by filter), attribute definitions, notes and the anonymising delete,
 * with who may do what.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import { ingestDelivery } from "@/db/queries/webhook-ingest";
import {
  auditLog,
  contactConsentEvents,
  contactNotes,
  contacts,
  contactTagLinks,
  conversations,
  liveEvents,
  messages,
  messageStatusEvents,
  phoneNumbers,
} from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { ActionError } from "@/lib/actions/errors";
import { NotFoundError } from "@/lib/auth/connection-access";
import { AuthorizationError } from "@/lib/auth/session";
import { sessionUserOf } from "@/lib/auth/session-user";
import { inbound } from "@/lib/webhooks/test-payloads";
import { recordsFromDelivery } from "@/lib/whatsapp/inbound";

import type { ContactActor } from "./access";
import { createAttributeDefinition, deleteAttributeDefinition, listAttributeDefinitions, updateAttributeDefinition } from "./attributes";
import { bulkDeleteContacts, deleteContact, deletionSummary } from "./deletion";
import { addNote, deleteNote, updateNote } from "./notes";
import { createContact, getContactDetail, updateContact } from "./records";
import { bulkTag, createTag, deleteTag, listTags, setContactTags, updateTag } from "./tags";

vi.mock("@/auth", () => ({ auth: async () => null }));

const NUMBER = "pn-records-a";
const OTHER_NUMBER = "pn-records-b";

/** What a refused call threw, for its class, code and field. */
async function refusal(call: Promise<unknown>): Promise<Error & { code?: string; field?: string; status?: number }> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, "the call was expected to be refused").toBeInstanceOf(Error);
  return error as Error & { code?: string; field?: string; status?: number };
}

describe.each(testDatabases)("contact records on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const actors = {} as Record<"admin" | "marketer" | "agent", ContactActor>;
  let customers = 0;

  /** A customer known by number; with `on`, a conversation with them on that business number (assigned as given). */
  async function customer(options: { on?: string; assigneeId?: string | null; name?: string; attributes?: Record<string, string | number | boolean> } = {}) {
    customers += 1;
    const waId = `4477009${String(customers).padStart(5, "0")}`;
    const [row] = await db()
      .insert(contacts)
      .values({ waId, phoneNumber: waId, profileName: options.name ?? `Customer ${customers}`, attributes: options.attributes ?? {} })
      .returning();
    let conversationId: string | undefined;
    if (options.on) {
      const [conversation] = await db()
        .insert(conversations)
        .values({ phoneNumberId: options.on, waId, assigneeId: options.assigneeId ?? null, lastInboundAt: new Date(), lastMessageAt: new Date() })
        .returning();
      conversationId = conversation!.id;
    }
    return { ...row!, conversationId };
  }

  const auditOf = async (action: string) => db().select().from(auditLog).where(eq(auditLog.action, action));
  const contactEvents = async (contactId: string) =>
    (await db().select().from(liveEvents).where(eq(liveEvents.kind, "contact.updated"))).filter((event) => event.payload.contactId === contactId);

  beforeAll(async () => {
    handle = await testDatabase.open();
    await seedDemoUsers(db());
    await insertTwoConnections(db());
    await db()
      .insert(phoneNumbers)
      .values([
        { id: NUMBER, wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555 0100" },
        { id: OTHER_NUMBER, wabaId: "waba-b", connectionId: "conn-b", displayPhoneNumber: "+1 555 0200" },
      ]);
    for (const role of ["admin", "marketer", "agent"] as const) {
      const user = (await findUserByEmail(db(), `${role}@demo.test`))!;
      if (role !== "admin") await replaceConnectionAccess(db(), user.id, { all: false, connectionIds: ["conn-a"] });
      actors[role] = await sessionUserOf(db(), (await findUserByEmail(db(), `${role}@demo.test`))!);
    }
  });
  afterAll(async () => {
    await handle.close();
  });

  describe("the record", () => {
    it("shows tags, notes with their authors, and the conversations the reader may see with number and assignee", async () => {
      const maya = await customer({ on: NUMBER, assigneeId: actors.agent.id, name: "Maya" });
      await db().insert(conversations).values({ phoneNumberId: OTHER_NUMBER, waId: maya.waId });
      const vip = await createTag(db(), actors.marketer, { name: "VIP record", colour: "violet" });
      await setContactTags(db(), actors.agent, maya.id, { add: [vip.id] });
      await addNote(db(), actors.agent, maya.id, "Prefers mornings");

      const detail = await getContactDetail(db(), actors.agent, maya.id);
      expect(detail).toMatchObject({
        id: maya.id,
        name: "Maya",
        phoneNumber: maya.waId,
        tags: [{ id: vip.id, name: "VIP record", colour: "violet" }],
        notes: [{ body: "Prefers mornings", author: { id: actors.agent.id, name: actors.agent.name }, editable: true }],
        consent: { state: "unknown", source: null, at: null },
        can: { edit: true, manage: false },
      });
      expect(detail.windowClosesAt).not.toBeNull();
      // The agent works in conn-a only: the conversation on conn-b's number is not theirs to see.
      expect(detail.conversations).toEqual([
        expect.objectContaining({ phoneNumberId: NUMBER, businessNumber: "+1 555 0100", status: "open", assignee: { id: actors.agent.id, name: actors.agent.name } }),
      ]);
      expect((await getContactDetail(db(), actors.admin, maya.id)).conversations).toHaveLength(2);
      expect((await getContactDetail(db(), actors.admin, maya.id)).notes[0]!.editable).toBe(true);
    });

    it("answers another connection's contact as not found, like a missing one", async () => {
      const elsewhere = await customer({ on: OTHER_NUMBER });
      expect(await refusal(getContactDetail(db(), actors.marketer, elsewhere.id))).toBeInstanceOf(NotFoundError);
      expect(await refusal(updateContact(db(), actors.marketer, elsewhere.id, { displayName: "X" }))).toBeInstanceOf(NotFoundError);
      expect(await refusal(getContactDetail(db(), actors.marketer, "00000000-0000-4000-8000-000000000000"))).toBeInstanceOf(NotFoundError);
      expect((await getContactDetail(db(), actors.admin, elsewhere.id)).id).toBe(elsewhere.id);
    });
  });

  describe("creating a contact", () => {
    it("creates one from a national number with its country, name, attributes and tags, audited without the number", async () => {
      await createAttributeDefinition(db(), actors.admin, { key: "city_created", name: "City", type: "text" });
      const tag = await createTag(db(), actors.marketer, { name: "Created by hand", colour: "green" });
      const detail = await createContact(db(), actors.marketer, {
        phone: "912 345 678",
        defaultCountry: "PT",
        displayName: "  Rui  ",
        attributes: { city_created: "Porto" },
        tagIds: [tag.id],
      });
      expect(detail).toMatchObject({ phoneNumber: "351912345678", waId: "351912345678", displayName: "Rui", attributes: { city_created: "Porto" }, tags: [{ id: tag.id }] });
      const [entry] = await auditOf("contact.created");
      expect(entry).toMatchObject({ actorId: actors.marketer.id, targetId: detail.id, details: { source: "dashboard", attributes: { city_created: "Porto" }, tags: ["Created by hand"] } });
      expect(JSON.stringify(entry!.details)).not.toContain("912345678");
      expect(await contactEvents(detail.id)).toHaveLength(1);

      const again = await refusal(createContact(db(), actors.admin, { phone: "+351 912 345 678" }));
      expect(again).toBeInstanceOf(ActionError);
      expect(again).toMatchObject({ code: "CONFLICT", field: "phone" });
    });

    it("records the consent given with it", async () => {
      const detail = await createContact(db(), actors.marketer, { phone: "+44 7400 123456", consent: { state: "opted_in", source: "form" } });
      expect(detail.consent).toMatchObject({ state: "opted_in", source: "form" });
      expect(await db().select().from(contactConsentEvents).where(eq(contactConsentEvents.contactId, detail.id))).toHaveLength(1);
    });

    it("refuses a bad number, a bad value and an agent, creating nothing", async () => {
      const before = (await db().select({ id: contacts.id }).from(contacts)).length;
      expect(await refusal(createContact(db(), actors.marketer, { phone: "12" }))).toMatchObject({ code: "INVALID_INPUT", field: "phone" });
      expect(await refusal(createContact(db(), actors.marketer, { phone: "0612345678" }))).toMatchObject({ code: "INVALID_INPUT", field: "phone" });
      expect(await refusal(createContact(db(), actors.marketer, { phone: "+44 7400 123457", attributes: { nope: "x" } }))).toMatchObject({ field: "attributes.nope" });
      const agent = await refusal(createContact(db(), actors.agent, { phone: "+44 7400 123458" }));
      expect(agent).toBeInstanceOf(AuthorizationError);
      expect(agent.status).toBe(403);
      expect((await db().select({ id: contacts.id }).from(contacts)).length).toBe(before);
    });
  });

  describe("changing a contact", () => {
    it("lets the agent who talks with the customer change the name and attributes, audited with the values", async () => {
      await createAttributeDefinition(db(), actors.admin, { key: "orders", name: "Orders", type: "number" });
      await createAttributeDefinition(db(), actors.admin, { key: "vip_since", name: "VIP since", type: "date" });
      const ana = await customer({ on: NUMBER, assigneeId: actors.agent.id, attributes: { vip_since: "2020-01-01" } });
      const detail = await updateContact(db(), actors.agent, ana.id, { displayName: "Ana (shop)", attributes: { orders: "42", vip_since: null } });
      expect(detail).toMatchObject({ displayName: "Ana (shop)", name: "Ana (shop)", attributes: { orders: 42 } });
      expect(detail.attributes).not.toHaveProperty("vip_since");
      const [entry] = (await auditOf("contact.updated")).filter((row) => row.targetId === ana.id);
      expect(entry).toMatchObject({ actorId: actors.agent.id, details: { fields: ["displayName", "attributes"], attributes: { orders: 42, vip_since: null } } });
      expect(JSON.stringify(entry!.details)).not.toContain(ana.waId);
      expect(await contactEvents(ana.id)).toHaveLength(1);
    });

    it("refuses a wrong value naming its attribute, changing nothing", async () => {
      const ben = await customer({ on: NUMBER, assigneeId: actors.agent.id });
      const wrong = await refusal(updateContact(db(), actors.agent, ben.id, { displayName: "Ben", attributes: { orders: "many" } }));
      expect(wrong).toMatchObject({ code: "INVALID_INPUT", field: "attributes.orders" });
      const tooLong = await refusal(updateContact(db(), actors.agent, ben.id, { displayName: "x".repeat(101) }));
      expect(tooLong).toMatchObject({ code: "INVALID_INPUT", field: "displayName" });
      expect((await getContactDetail(db(), actors.agent, ben.id)).displayName).toBeNull();
    });

    it("refuses an agent a customer they do not talk with (403), and lets a marketer change them", async () => {
      const stranger = await customer({ on: NUMBER });
      const refused = await refusal(updateContact(db(), actors.agent, stranger.id, { displayName: "Mine" }));
      expect(refused).toBeInstanceOf(AuthorizationError);
      expect(refused).toMatchObject({ status: 403 });
      expect((await refusal(setContactTags(db(), actors.agent, stranger.id, { add: [] }))).status).toBe(403);
      expect((await refusal(addNote(db(), actors.agent, stranger.id, "hello"))).status).toBe(403);
      expect((await getContactDetail(db(), actors.agent, stranger.id)).can.edit).toBe(false);
      expect((await updateContact(db(), actors.marketer, stranger.id, { displayName: "Theirs" })).displayName).toBe("Theirs");
    });
  });

  describe("tags", () => {
    it("keeps names unique whatever their case, within 40 characters, in the given colours; only managers change them", async () => {
      const tag = await createTag(db(), actors.marketer, { name: " Wholesale ", colour: "amber" });
      expect(tag).toMatchObject({ name: "Wholesale", colour: "amber", contactCount: 0 });
      expect(await refusal(createTag(db(), actors.admin, { name: "WHOLESALE", colour: "red" }))).toMatchObject({ code: "CONFLICT", field: "name" });
      expect(await refusal(createTag(db(), actors.admin, { name: "x".repeat(41), colour: "red" }))).toMatchObject({ code: "INVALID_INPUT", field: "name" });
      expect(await refusal(createTag(db(), actors.admin, { name: "Colourful", colour: "mauve" }))).toMatchObject({ code: "INVALID_INPUT", field: "colour" });
      expect((await refusal(createTag(db(), actors.agent, { name: "Agent's", colour: "red" }))).status).toBe(403);
      expect((await refusal(updateTag(db(), actors.agent, tag.id, { name: "Mine" }))).status).toBe(403);
      expect((await refusal(deleteTag(db(), actors.agent, tag.id))).status).toBe(403);

      const other = await createTag(db(), actors.marketer, { name: "Retail", colour: "blue" });
      expect(await refusal(updateTag(db(), actors.marketer, other.id, { name: "wholesale" }))).toMatchObject({ code: "CONFLICT", field: "name" });
      expect(await updateTag(db(), actors.marketer, other.id, { name: "Retail shops", colour: "teal" })).toMatchObject({ name: "Retail shops", colour: "teal" });
      expect((await auditOf("contact_tag.updated")).at(-1)!.details).toEqual({ before: { name: "Retail", colour: "blue" }, after: { name: "Retail shops", colour: "teal" } });
    });

    it("adds and removes existing tags on a contact, counts them, and deletes a tag from its contacts", async () => {
      const [one, two] = [await createTag(db(), actors.marketer, { name: "Tag one", colour: "gray" }), await createTag(db(), actors.marketer, { name: "Tag two", colour: "red" })];
      const carla = await customer({ on: NUMBER, assigneeId: actors.agent.id });
      expect((await setContactTags(db(), actors.agent, carla.id, { add: [one.id, two.id] })).map((tag) => tag.name)).toEqual(["Tag one", "Tag two"]);
      expect((await setContactTags(db(), actors.agent, carla.id, { remove: [one.id] })).map((tag) => tag.name)).toEqual(["Tag two"]);
      const changes = (await auditOf("contact.tags_changed")).filter((row) => row.targetId === carla.id).map((row) => row.details);
      expect(changes).toEqual([
        { added: expect.arrayContaining(["Tag one", "Tag two"]), removed: [] },
        { added: [], removed: ["Tag one"] },
      ]);
      // Unchanged: no audit entry, no event.
      await setContactTags(db(), actors.agent, carla.id, { add: [two.id] });
      expect((await auditOf("contact.tags_changed")).filter((row) => row.targetId === carla.id)).toHaveLength(2);
      expect(await refusal(setContactTags(db(), actors.agent, carla.id, { add: ["00000000-0000-4000-8000-000000000000"] }))).toMatchObject({ field: "add" });

      expect((await listTags(db())).find((tag) => tag.id === two.id)!.contactCount).toBe(1);
      await deleteTag(db(), actors.marketer, two.id);
      expect((await getContactDetail(db(), actors.agent, carla.id)).tags).toEqual([]);
      expect((await auditOf("contact_tag.deleted")).at(-1)).toMatchObject({ targetId: two.id, details: { name: "Tag two", contacts: 1 } });
    });

    it("tags every contact a filter matches in one go, and untags them, audited with the count and names", async () => {
      const bulk = await createTag(db(), actors.marketer, { name: "Bulk", colour: "pink" });
      const matching = [await customer({ on: NUMBER, name: "Bulkfilter One" }), await customer({ name: "Bulkfilter Two" }), await customer({ on: OTHER_NUMBER, name: "Bulkfilter Three" })];
      await customer({ on: NUMBER, name: "Someone else" });

      // The marketer sees conn-a's customers and those with no conversation: not the one on conn-b's number.
      expect(await bulkTag(db(), actors.marketer, { filter: { search: "bulkfilter" } }, [bulk.id], "add")).toEqual({ affected: 2 });
      const tagged = await db().select().from(contactTagLinks).where(eq(contactTagLinks.tagId, bulk.id));
      expect(tagged.map((link) => link.contactId).sort()).toEqual([matching[0]!.id, matching[1]!.id].sort());
      expect(await bulkTag(db(), actors.admin, { filter: { search: "bulkfilter" } }, [bulk.id], "add")).toEqual({ affected: 1 });
      expect((await auditOf("contacts.bulk_tagged")).at(-1)!.details).toMatchObject({ count: 1, tags: ["Bulk"] });

      expect(await bulkTag(db(), actors.admin, { ids: [matching[0]!.id] }, [bulk.id], "remove")).toEqual({ affected: 1 });
      expect(await bulkTag(db(), actors.admin, { filter: { search: "bulkfilter" } }, [bulk.id], "remove")).toEqual({ affected: 2 });
      expect((await auditOf("contacts.bulk_untagged")).at(-1)!.details).toMatchObject({ count: 2, tags: ["Bulk"] });
      expect((await refusal(bulkTag(db(), actors.agent, { filter: {} }, [bulk.id], "add"))).status).toBe(403);
    });
  });

  describe("attribute definitions", () => {
    it("checks keys, names and options, keeps keys unique, and is for admins only", async () => {
      const plan = await createAttributeDefinition(db(), actors.admin, { key: "plan", name: " Plan ", type: "choice", options: ["Free", " Pro "] });
      expect(plan).toMatchObject({ key: "plan", name: "Plan", type: "choice", options: ["Free", "Pro"] });
      expect(await refusal(createAttributeDefinition(db(), actors.admin, { key: "plan", name: "Again", type: "text" }))).toMatchObject({ code: "CONFLICT", field: "key" });
      expect(await refusal(createAttributeDefinition(db(), actors.admin, { key: "Plan-2", name: "Bad", type: "text" }))).toMatchObject({ field: "key" });
      expect(await refusal(createAttributeDefinition(db(), actors.admin, { key: "tier", name: "Tier", type: "choice", options: [] }))).toMatchObject({ field: "options" });
      expect(await refusal(createAttributeDefinition(db(), actors.admin, { key: "tier", name: "Tier", type: "choice", options: ["A", "a"] }))).toMatchObject({ field: "options.1" });
      expect(await refusal(createAttributeDefinition(db(), actors.admin, { key: "tier", name: "x".repeat(61), type: "text" }))).toMatchObject({ field: "name" });
      expect(await refusal(createAttributeDefinition(db(), actors.admin, { key: "tier", name: "Tier", type: "colour" }))).toMatchObject({ field: "type" });
      expect((await refusal(createAttributeDefinition(db(), actors.marketer, { key: "tier", name: "Tier", type: "text" }))).status).toBe(403);
      expect((await listAttributeDefinitions(db())).map((definition) => definition.key)).toContain("plan");
    });

    it("refuses removing a choice option in use, and deleting a definition strips its values from every contact", async () => {
      const size = await createAttributeDefinition(db(), actors.admin, { key: "size", name: "Size", type: "choice", options: ["S", "M", "L"] });
      const holders = [await customer({ attributes: { size: "M", other: "kept" } }), await customer({ attributes: { size: "L" } })];
      expect(await refusal(updateAttributeDefinition(db(), actors.admin, size.id, { options: ["S", "L"] }))).toMatchObject({ code: "CONFLICT", field: "options" });
      expect(await updateAttributeDefinition(db(), actors.admin, size.id, { name: "T-shirt size", options: ["S", "M", "L", "XL"] })).toMatchObject({
        name: "T-shirt size",
        options: ["S", "M", "L", "XL"],
      });

      expect(await deleteAttributeDefinition(db(), actors.admin, size.id)).toEqual({ valuesRemoved: 2 });
      const rows = await db()
        .select({ attributes: contacts.attributes })
        .from(contacts)
        .where(
          inArray(
            contacts.id,
            holders.map((holder) => holder.id),
          ),
        );
      expect(rows.map((row) => row.attributes)).toEqual(expect.arrayContaining([{ other: "kept" }, {}]));
      expect((await auditOf("contact_attribute.deleted")).at(-1)!.details).toMatchObject({ key: "size", valuesRemoved: 2 });
      expect(await refusal(deleteAttributeDefinition(db(), actors.admin, size.id))).toBeInstanceOf(NotFoundError);
    });
  });

  describe("notes", () => {
    it("are written by those who may edit, changed by their author, deleted by the author or a manager", async () => {
      const dora = await customer({ on: NUMBER, assigneeId: actors.agent.id });
      const note = await addNote(db(), actors.agent, dora.id, "  Called about the refund  ");
      expect(note).toMatchObject({ body: "Called about the refund", author: { id: actors.agent.id }, editable: true });
      expect(await refusal(addNote(db(), actors.agent, dora.id, "   "))).toMatchObject({ code: "INVALID_INPUT", field: "body" });
      expect(await refusal(addNote(db(), actors.agent, dora.id, "x".repeat(5001)))).toMatchObject({ field: "body" });
      expect((await updateNote(db(), actors.agent, note.id, "Refund sent")).body).toBe("Refund sent");

      const marketersNote = await addNote(db(), actors.marketer, dora.id, "Offer a voucher");
      expect((await refusal(updateNote(db(), actors.agent, marketersNote.id, "No"))).status).toBe(403);
      expect((await refusal(deleteNote(db(), actors.agent, marketersNote.id))).status).toBe(403);
      await deleteNote(db(), actors.marketer, note.id);
      expect((await getContactDetail(db(), actors.agent, dora.id)).notes.map((view) => view.body)).toEqual(["Offer a voucher"]);
      expect((await auditOf("contact.note_added")).filter((row) => row.targetId === dora.id)).toHaveLength(2);
      expect((await auditOf("contact.note_deleted")).at(-1)).toMatchObject({ targetId: dora.id, details: { noteId: note.id } });
    });
  });

  describe("deleting a contact", () => {
    it("removes the personal data and keeps the conversations under an anonymised contact; the customer writing again is a new contact", async () => {
      const tag = await createTag(db(), actors.marketer, { name: "To forget", colour: "red" });
      const eve = await customer({ on: NUMBER, assigneeId: actors.agent.id, name: "Eve Private", attributes: { city: "Faro" } });
      await db().insert(conversations).values({ phoneNumberId: OTHER_NUMBER, waId: eve.waId });
      await setContactTags(db(), actors.marketer, eve.id, { add: [tag.id] });
      await addNote(db(), actors.marketer, eve.id, "Private note");
      await db().insert(contactConsentEvents).values({ contactId: eve.id, consent: "opted_out", source: "keyword", detail: "STOP", at: new Date() });
      const [sent] = await db()
        .insert(messages)
        .values([
          { conversationId: eve.conversationId!, wamid: `wamid.eve-in-${eve.waId}`, direction: "inbound", type: "text", content: { text: { body: "hi" } }, sentAt: new Date() },
          { conversationId: eve.conversationId!, wamid: `wamid.eve-out-${eve.waId}`, direction: "outbound", type: "text", content: { text: { body: "hello" } }, sentAt: new Date(), status: "sent" },
        ])
        .returning();
      await db().insert(messageStatusEvents).values({ wamid: `wamid.eve-out-${eve.waId}`, status: "delivered", at: new Date(), recipientId: eve.waId });

      expect((await refusal(deletionSummary(db(), actors.agent, eve.id))).status).toBe(403);
      expect((await refusal(deleteContact(db(), actors.agent, eve.id))).status).toBe(403);
      expect(await deletionSummary(db(), actors.marketer, eve.id)).toEqual({ conversations: 2, messages: 2 });
      expect(await deleteContact(db(), actors.admin, eve.id)).toEqual({ conversationsKept: 2, messagesKept: 2 });

      expect(await db().select().from(contacts).where(eq(contacts.waId, eve.waId))).toEqual([]);
      expect(await db().select().from(contactTagLinks).where(eq(contactTagLinks.contactId, eve.id))).toEqual([]);
      expect(await db().select().from(contactNotes).where(eq(contactNotes.contactId, eve.id))).toEqual([]);
      expect(await db().select().from(contactConsentEvents).where(eq(contactConsentEvents.contactId, eve.id))).toEqual([]);
      expect((await db().select().from(messageStatusEvents).where(eq(messageStatusEvents.wamid, `wamid.eve-out-${eve.waId}`)))[0]!.recipientId).toBeNull();

      const [moved] = await db().select().from(conversations).where(eq(conversations.id, eve.conversationId!));
      expect(moved!.waId).toMatch(/^deleted:[0-9a-f-]{36}$/);
      const eves = await db().select().from(conversations).where(eq(conversations.waId, moved!.waId));
      expect(eves.map((conversation) => conversation.phoneNumberId).sort()).toEqual([NUMBER, OTHER_NUMBER].sort());
      const [anonymised] = await db().select().from(contacts).where(eq(contacts.waId, eves[0]!.waId));
      expect(anonymised).toMatchObject({ phoneNumber: null, userId: null, username: null, profileName: null, displayName: null, attributes: {}, consent: "unknown" });
      expect(anonymised!.deletedAt).toBeInstanceOf(Date);
      expect(await db().select({ id: messages.id }).from(messages).where(eq(messages.conversationId, eve.conversationId!))).toHaveLength(2);
      expect(sent).toBeDefined();
      expect(await refusal(getContactDetail(db(), actors.admin, anonymised!.id))).toBeInstanceOf(NotFoundError);

      const [entry] = await auditOf("contact.deleted");
      expect(entry).toMatchObject({ actorId: actors.admin.id, targetId: eve.id, details: { conversationsKept: 2, messagesKept: 2 } });
      expect(JSON.stringify(entry!.details)).not.toMatch(/Eve|Faro|4477009/);

      // The same customer writes again: a new contact, a new conversation; the old one stays anonymised.
      await ingestDelivery(db(), recordsFromDelivery(inbound(eve.waId, "text", { body: "Me again" }, { phoneNumberId: NUMBER, name: "Eve" }), new Date()));
      const [again] = await db().select().from(contacts).where(eq(contacts.waId, eve.waId));
      expect(again).toBeDefined();
      expect(again!.id).not.toBe(eve.id);
      expect(await db().select().from(conversations).where(and(eq(conversations.waId, eve.waId), eq(conversations.phoneNumberId, NUMBER)))).toHaveLength(1);
      expect((await db().select().from(conversations).where(eq(conversations.id, eve.conversationId!)))[0]!.waId).toMatch(/^deleted:/);
    });

    it("deletes many at once, each with an anonymised contact of its own, skipping ones out of sight", async () => {
      const twins = [await customer({ on: NUMBER }), await customer({ on: NUMBER }), await customer()];
      const hidden = await customer({ on: OTHER_NUMBER });
      expect((await refusal(bulkDeleteContacts(db(), actors.agent, { ids: [twins[0]!.id] }))).status).toBe(403);
      expect(await refusal(bulkDeleteContacts(db(), actors.marketer, { ids: Array.from({ length: 1001 }, () => crypto.randomUUID()) }))).toMatchObject({ field: "ids" });
      expect(await bulkDeleteContacts(db(), actors.marketer, { ids: [...twins.map((twin) => twin.id), hidden.id] })).toEqual({ deleted: 3 });
      const moved = await db()
        .select()
        .from(conversations)
        .where(
          inArray(
            conversations.id,
            twins.flatMap((twin) => (twin.conversationId ? [twin.conversationId] : [])),
          ),
        );
      expect(moved).toHaveLength(2);
      expect(new Set(moved.map((conversation) => conversation.waId)).size).toBe(2);
      expect(await db().select().from(contacts).where(eq(contacts.id, hidden.id))).toHaveLength(1);
      expect((await auditOf("contacts.bulk_deleted")).at(-1)!.details).toMatchObject({ count: 3, conversationsKept: 2 });
    });
  });
});
