/**
 * The contact actions and the dashboard's contact routes as the browser calls them: the session and
 * the role are checked on the server, refusals come back in words with their code and field, and the
 * services do the work.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { findUserByEmail } from "@/db/queries/users";
import { contacts, conversations, phoneNumbers } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";

import { GET as getContactRoute } from "@/app/api/contacts/[contactId]/route";
import { GET as getAttributesRoute } from "@/app/api/contacts/attributes/route";
import { GET as getTagsRoute } from "@/app/api/contacts/tags/route";

import {
  addContactNoteAction,
  bulkDeleteContactsAction,
  bulkTagContactsAction,
  contactDeletionSummaryAction,
  createAttributeAction,
  createContactAction,
  createTagAction,
  deleteContactAction,
  setContactTagsAction,
  updateContactAction,
} from "./contacts";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => revalidated.push(path) }));

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

describe.each(testDatabases)("contact actions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  let customers = 0;

  const signInAs = async (role: "admin" | "marketer" | "agent") => {
    const user = (await findUserByEmail(db(), `${role}@demo.test`))!;
    session.current = { userId: user.id, sessionId: (await startSession(db(), { userId: user.id })).id };
    return user;
  };
  /** A customer with a conversation on the number (conn-a's "pn-actions-a" unless told). */
  const customer = async (phoneNumberId = "pn-actions-a", assigneeId: string | null = null) => {
    const waId = `4477008${String((customers += 1)).padStart(5, "0")}`;
    const [row] = await db().insert(contacts).values({ waId, phoneNumber: waId }).returning();
    await db().insert(conversations).values({ phoneNumberId, waId, assigneeId });
    return row!;
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    await seedDemoUsers(db());
    await insertTwoConnections(db());
    await db()
      .insert(phoneNumbers)
      .values([
        { id: "pn-actions-a", wabaId: "waba-a", connectionId: "conn-a" },
        { id: "pn-actions-b", wabaId: "waba-b", connectionId: "conn-b" },
      ]);
    for (const role of ["agent", "marketer"] as const) {
      await replaceConnectionAccess(db(), (await findUserByEmail(db(), `${role}@demo.test`))!.id, { all: false, connectionIds: ["conn-a"] });
    }
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
    revalidated.length = 0;
  });

  it("refuses every kind of action without a session", async () => {
    expect((await createContactAction({ phone: "+447400123456" })).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await updateContactAction({ contactId: UNKNOWN_ID, displayName: "x" })).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await createAttributeAction({ key: "x", name: "X", type: "text" })).serverError?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses an agent what only those who manage contacts may do, before any input is used", async () => {
    await signInAs("agent");
    const mine = await customer();
    for (const result of [
      await createContactAction({ phone: "+447400123456" }),
      await createTagAction({ name: "Agents", colour: "red" }),
      await bulkTagContactsAction({ selection: { filter: {} }, tagIds: [UNKNOWN_ID], mode: "add" }),
      await deleteContactAction({ contactId: mine.id }),
      await bulkDeleteContactsAction({ ids: [mine.id] }),
      await contactDeletionSummaryAction({ contactId: mine.id }),
      await createAttributeAction({ key: "tier", name: "Tier", type: "text" }),
    ]) {
      expect(result.serverError).toMatchObject({ code: "FORBIDDEN", message: "Your role (Agent) does not allow this." });
    }
    expect(await db().select().from(contacts)).toHaveLength(1);
  });

  it("refuses a marketer the attribute definitions (admins only)", async () => {
    await signInAs("marketer");
    expect((await createAttributeAction({ key: "tier", name: "Tier", type: "text" })).serverError?.code).toBe("FORBIDDEN");
  });

  it("lets an agent change a customer they talk with, not another, and answers another connection's as not found", async () => {
    const agent = await signInAs("agent");
    const theirs = await customer("pn-actions-a", agent.id);
    const result = await updateContactAction({ contactId: theirs.id, displayName: "Nadia" });
    expect(result.serverError).toBeUndefined();
    expect(result.data).toMatchObject({ id: theirs.id, displayName: "Nadia", can: { edit: true, manage: false } });
    expect(revalidated).toEqual(["/contacts", `/contacts/${theirs.id}`]);

    const notTheirs = await customer();
    expect((await updateContactAction({ contactId: notTheirs.id, displayName: "Mine" })).serverError).toMatchObject({ code: "FORBIDDEN" });
    expect((await setContactTagsAction({ contactId: notTheirs.id, add: [] })).serverError).toMatchObject({ code: "FORBIDDEN" });
    expect((await addContactNoteAction({ contactId: notTheirs.id, body: "hi" })).serverError).toMatchObject({ code: "FORBIDDEN" });

    const elsewhere = await customer("pn-actions-b");
    expect((await updateContactAction({ contactId: elsewhere.id, displayName: "Hidden" })).serverError).toEqual({
      code: "NOT_FOUND",
      message: "This contact does not exist, or you do not have access to it.",
    });
  });

  it("answers bad input at its field, in words", async () => {
    await signInAs("marketer");
    expect((await createContactAction({ phone: "   " })).validationErrors).toMatchObject({ phone: { _errors: ["Enter the customer's phone number."] } });
    expect((await createContactAction({ phone: "+44 12" })).serverError).toMatchObject({ code: "INVALID_INPUT", field: "phone", message: "This phone number is too short." });
    expect((await createTagAction({ name: "x".repeat(41), colour: "red" })).validationErrors).toMatchObject({
      name: { _errors: ["A tag name can be at most 40 characters."] },
    });
    const theirs = await customer();
    expect((await updateContactAction({ contactId: theirs.id, attributes: { missing_key: "x" } })).serverError).toMatchObject({
      code: "INVALID_INPUT",
      field: "attributes.missing_key",
      message: 'There is no attribute with the key "missing_key".',
    });
  });

  it("creates a contact and a tag for a marketer, and a known number is a conflict on the phone field", async () => {
    await signInAs("marketer");
    const created = await createContactAction({ phone: "07400 123456", defaultCountry: "GB", displayName: "Olu" });
    expect(created.data).toMatchObject({ phoneNumber: "447400123456", displayName: "Olu", can: { edit: true, manage: true } });
    expect((await createContactAction({ phone: "+44 7400 123456" })).serverError).toEqual({
      code: "CONFLICT",
      field: "phone",
      message: "A contact with this phone number already exists.",
    });
    const tag = await createTagAction({ name: "Leads", colour: "green" });
    expect(tag.data).toMatchObject({ name: "Leads", colour: "green", contactCount: 0 });
    expect((await createTagAction({ name: "leads", colour: "red" })).serverError).toMatchObject({ code: "CONFLICT", field: "name" });
    expect((await bulkTagContactsAction({ selection: { ids: [created.data!.id] }, tagIds: [tag.data!.id], mode: "add" })).data).toEqual({ affected: 1 });
  });

  describe("routes", () => {
    const contactRoute = (contactId: string) =>
      getContactRoute(new Request(`http://127.0.0.1/api/contacts/${contactId}`), { params: Promise.resolve({ contactId }) });

    it("refuse a request without a session with 401", async () => {
      const theirs = await customer();
      for (const response of [await contactRoute(theirs.id), await getTagsRoute(new Request("http://127.0.0.1/api/contacts/tags")), await getAttributesRoute(new Request("http://127.0.0.1/api/contacts/attributes"))]) {
        expect(response.status).toBe(401);
        expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
      }
    });

    it("answer a contact's detail, and 404 for another connection's, a missing one or a malformed id", async () => {
      await signInAs("agent");
      const visible = await customer();
      const response = await contactRoute(visible.id);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: visible.id, waId: visible.waId, conversations: [{ phoneNumberId: "pn-actions-a" }], can: { edit: false, manage: false } });
      const elsewhere = await customer("pn-actions-b");
      for (const id of [elsewhere.id, UNKNOWN_ID, "not-an-id"]) {
        const missing = await contactRoute(id);
        expect(missing.status).toBe(404);
        expect(await missing.json()).toEqual({ error: { code: "NOT_FOUND", message: "This contact does not exist, or you do not have access to it." } });
      }
    });

    it("list the tags with their counts and the attribute definitions to everyone signed in", async () => {
      await signInAs("agent");
      const tags = await getTagsRoute(new Request("http://127.0.0.1/api/contacts/tags"));
      expect(tags.status).toBe(200);
      expect(await tags.json()).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Leads", contactCount: 1 })]));
      const attributes = await getAttributesRoute(new Request("http://127.0.0.1/api/contacts/attributes"));
      expect(attributes.status).toBe(200);
      expect(Array.isArray(await attributes.json())).toBe(true);
    });
  });
});
