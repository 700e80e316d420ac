/** One contact in the public API (create, read, change, delete) through its route handlers, on both databases. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { auditLog, contacts, contactTags, conversations } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { serve } from "@/lib/api/serve";

import { DELETE as deleteContact, GET as getContact, PATCH as patchContact } from "../contacts/[contact_id]/route";
import { createContactOperation } from "./contacts";
import { apiRequest, conversationWith, OTHER_NUMBER, routeParams, seedBusinesses, tokenOf, userOf, type Role } from "./resources-test-setup";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("@/auth", () => ({ auth: async () => null }));

/** The POST /contacts route file is the list's; the operation is this file's. */
const postContact = serve(createContactOperation);

describe.each(testDatabases)("the API's contacts on $name", (testDatabase) => {
  const tokens = new Map<Role, string>();
  const db = () => database.handle.db;

  const create = (role: Role, json: unknown, headers: Record<string, string> = {}) => postContact(apiRequest("/contacts", { token: tokens.get(role), json, headers }), routeParams());
  const read = (role: Role, id: string) => getContact(apiRequest(`/contacts/${id}`, { token: tokens.get(role) }), routeParams({ contact_id: id }));
  const patch = (role: Role, id: string, json: unknown) => patchContact(apiRequest(`/contacts/${id}`, { method: "PATCH", token: tokens.get(role), json }), routeParams({ contact_id: id }));
  const remove = (role: Role, id: string) => deleteContact(apiRequest(`/contacts/${id}`, { method: "DELETE", token: tokens.get(role) }), routeParams({ contact_id: id }));
  const contactIdOf = async (waId: string) => (await db().select({ id: contacts.id }).from(contacts).where(eq(contacts.waId, waId)))[0]!.id;

  beforeAll(async () => {
    database.handle = await testDatabase.open();
    await seedBusinesses(db());
    for (const role of ["admin", "marketer", "agent"] as const) tokens.set(role, await tokenOf(db(), role));
    await db().insert(contactTags).values([{ name: "VIP", colour: "violet" }, { name: "Wholesale" }]);
  });
  afterAll(async () => {
    await database.handle.close();
  });

  it("creates a contact with tags by name and consent from a form (201), once per Idempotency-Key; a known number is 409 on phone", async () => {
    const body = { phone: "+44 7400 223344", display_name: "Ines", tags: ["vip"], consent: "opted_in", consent_source: "form" };
    const response = await create("marketer", body, { "Idempotency-Key": "contact-ines" });
    expect(response.status).toBe(201);
    const contact = await response.json();
    expect(contact).toMatchObject({
      name: "Ines",
      display_name: "Ines",
      phone_number: "+447400223344",
      tags: [{ name: "VIP", colour: "violet" }],
      attributes: {},
      consent: "opted_in",
      consent_source: "form",
    });
    expect(contact).not.toHaveProperty("wa_id");
    const replay = await create("marketer", body, { "Idempotency-Key": "contact-ines" });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(contact);

    const known = await create("admin", { phone: "00447400223344" });
    expect(known.status).toBe(409);
    expect(await known.json()).toMatchObject({ code: "CONFLICT", errors: [{ field: "phone", detail: "A contact with this phone number already exists." }] });
  });

  it("refuses an agent (403), an unknown tag and a bad number (422 at their fields)", async () => {
    expect((await create("agent", { phone: "+44 7400 223355" })).status).toBe(403);
    const unknownTag = await create("marketer", { phone: "+44 7400 223355", tags: ["VIP", "Nope"] });
    expect(unknownTag.status).toBe(422);
    expect(await unknownTag.json()).toMatchObject({ code: "INVALID_INPUT", errors: [{ field: "tags.1", detail: 'There is no tag "Nope" (by id or name).' }] });
    const badNumber = await create("marketer", { phone: "12345" });
    expect(badNumber.status).toBe(422);
    expect(await badNumber.json()).toMatchObject({ errors: [{ field: "phone" }] });
    expect(await db().select().from(contacts).where(eq(contacts.waId, "447400223355"))).toEqual([]);
  });

  it("reads a contact; another connection's or a missing one is 404", async () => {
    const conversation = await conversationWith(db(), { name: "Paulo" });
    const id = await contactIdOf(conversation.waId);
    const response = await read("agent", id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, name: "Paulo", profile_name: "Paulo", phone_number: `+${conversation.waId}`, consent: "unknown" });

    const elsewhere = await conversationWith(db(), { phoneNumberId: OTHER_NUMBER });
    const hiddenId = await contactIdOf(elsewhere.waId);
    expect((await read("marketer", hiddenId)).status).toBe(404);
    expect((await read("admin", hiddenId)).status).toBe(200);
    expect((await read("admin", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await read("admin", "not-a-uuid")).status).toBe(400);
  });

  it("changes name, attributes, tags and consent for an agent who talks with the customer; refuses one who does not (403) and 'unknown' consent", async () => {
    const agent = await userOf(db(), "agent");
    const mine = await contactIdOf((await conversationWith(db(), { assigneeId: agent.id })).waId);
    const response = await patch("agent", mine, { display_name: "Quinn", tags: { add: ["Wholesale"] }, consent: "opted_out" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ display_name: "Quinn", tags: [{ name: "Wholesale", colour: "gray" }], consent: "opted_out", consent_source: "api" });

    const unknown = await patch("agent", mine, { consent: "unknown" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errors: [{ field: "consent", detail: "Consent can be set to opted_in or opted_out only." }] });
    const noAttribute = await patch("agent", mine, { attributes: { shoe_size: 42 } });
    expect(noAttribute.status).toBe(422);
    expect(await noAttribute.json()).toMatchObject({ errors: [{ field: "attributes.shoe_size" }] });

    const notMine = await contactIdOf((await conversationWith(db())).waId);
    const refused = await patch("agent", notMine, { display_name: "Mine" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "FORBIDDEN" });
    expect((await patch("marketer", notMine, { display_name: "Theirs" })).status).toBe(200);
  });

  it("deletes a contact (204) keeping its conversation anonymised; agents are refused", async () => {
    const conversation = await conversationWith(db(), { name: "Rosa" });
    const id = await contactIdOf(conversation.waId);
    expect((await remove("agent", id)).status).toBe(403);
    const response = await remove("marketer", id);
    expect(response.status).toBe(204);
    expect((await read("marketer", id)).status).toBe(404);
    const [kept] = await db().select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(kept!.waId).toMatch(/^deleted:/);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "contact.deleted"));
    expect(entry).toMatchObject({ targetId: id, details: { conversationsKept: 1, messagesKept: 0 } });
    expect((await remove("marketer", id)).status).toBe(404);
  });
});
