import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { insertUser } from "@/db/queries/users";
import { contactConsentEvents, contacts, conversations, phoneNumbers } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";
import { readOptOutKeywords } from "@/lib/contacts/keywords";

import { changeConsentAction, saveOptOutKeywordsAction } from "./contact-consent";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe.each(testDatabases)("consent actions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let contactId: string;
  let conversationId: string;
  const users: Record<"admin" | "marketer" | "agent", string> = { admin: "", marketer: "", agent: "" };

  const signInAs = async (role: keyof typeof users) => {
    session.current = { userId: users[role], sessionId: (await startSession(handle.db, { userId: users[role] })).id };
  };
  const consentRow = async () => (await handle.db.select({ consent: contacts.consent }).from(contacts).where(eq(contacts.id, contactId)))[0]!.consent;

  beforeAll(async () => {
    handle = await testDatabase.open();
    for (const role of ["admin", "marketer", "agent"] as const) {
      users[role] = (await insertUser(handle.db, { email: `${role}@consent.test`, name: `The ${role}`, role, passwordHash: "x" }))!.id;
      // Everyone sees the contact: what is refused below is changing it.
      await replaceConnectionAccess(handle.db, users[role], { all: true, connectionIds: [] });
    }
    await handle.db.insert(phoneNumbers).values({ id: "pn-consent", wabaId: "waba-consent", displayPhoneNumber: "+1 555 0100" });
    const [contact] = await handle.db.insert(contacts).values({ waId: "14155550199", phoneNumber: "14155550199", profileName: "Maya" }).returning();
    contactId = contact!.id;
    const [conversation] = await handle.db.insert(conversations).values({ phoneNumberId: "pn-consent", waId: "14155550199" }).returning();
    conversationId = conversation!.id;
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
  });

  it("refuses both actions without a session", async () => {
    expect((await changeConsentAction({ contactId, state: "opted_out" })).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await saveOptOutKeywordsAction({ keywords: { en: ["STOP"] } })).serverError?.code).toBe("UNAUTHENTICATED");
    expect(await consentRow()).toBe("unknown");
  });

  it("refuses an agent who does not talk with the customer, then lets them once the conversation is theirs", async () => {
    await signInAs("agent");
    const refused = await changeConsentAction({ contactId, state: "opted_out", note: "Asked in the shop" });
    expect(refused.serverError).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("customers you talk with") });
    expect(await consentRow()).toBe("unknown");

    await handle.db.update(conversations).set({ assigneeId: users.agent }).where(eq(conversations.id, conversationId));
    const changed = await changeConsentAction({ contactId, state: "opted_out", note: "Asked in the shop" });
    expect(changed.serverError).toBeUndefined();
    expect(changed.data).toMatchObject({ state: "opted_out", source: "agent" });
    expect(await handle.db.select().from(contactConsentEvents).where(eq(contactConsentEvents.contactId, contactId))).toEqual([
      expect.objectContaining({ consent: "opted_out", source: "agent", actorId: users.agent, detail: "Asked in the shop" }),
    ]);
  });

  it("answers a note over the limit, an unknown state and an unknown contact at their fields", async () => {
    await signInAs("marketer");
    const tooLong = await changeConsentAction({ contactId, state: "opted_in", note: "x".repeat(501) });
    expect(tooLong.validationErrors).toMatchObject({ note: { _errors: [expect.stringContaining("500")] } });
    const unknownState = await changeConsentAction({ contactId, state: "unknown" as "opted_in" });
    expect(unknownState.validationErrors).toMatchObject({ state: { _errors: ["Choose opted in or opted out."] } });
    const missing = await changeConsentAction({ contactId: "00000000-0000-4000-8000-000000000000", state: "opted_in" });
    expect(missing.serverError).toMatchObject({ code: "NOT_FOUND" });
    expect(await consentRow()).toBe("opted_out");
  });

  it.each(["agent", "marketer"] as const)("refuses a %s saving the opt-out keywords", async (role) => {
    await signInAs(role);
    const result = await saveOptOutKeywordsAction({ keywords: { en: ["QUIT"] } });
    expect(result.serverError).toMatchObject({ code: "FORBIDDEN" });
    expect(await readOptOutKeywords(handle.db)).not.toEqual({ en: ["QUIT"] });
  });

  it("lets an admin save the keywords, and names the keyword at fault", async () => {
    await signInAs("admin");
    const refused = await saveOptOutKeywordsAction({ keywords: { en: ["STOP", "x".repeat(41)] } });
    expect(refused.serverError).toMatchObject({ code: "INVALID_INPUT", field: "keywords.en.1", message: "A keyword can be at most 40 characters." });
    const saved = await saveOptOutKeywordsAction({ keywords: { en: ["STOP", " QUIT "], es: [] } });
    expect(saved.data).toEqual({ en: ["STOP", "QUIT"], es: [] });
    expect(await readOptOutKeywords(handle.db)).toEqual({ en: ["STOP", "QUIT"], es: [] });
  });
});
