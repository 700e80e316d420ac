/** Campaign and pricing actions: the session and the role are checked before anything, and refusals name their field. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { auditLog, campaigns, contactTags, phoneNumbers, priceRates, templates } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";

import { cancelCampaignAction, createCampaignAction, deleteCampaignAction, sendTestAction, startCampaignAction } from "./campaigns";
import { saveRatesAction } from "./pricing";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

const SOME_ID = "00000000-0000-4000-8000-000000000000";

describe.each(testDatabases)("campaign and pricing actions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const signInAs = async (role: "admin" | "marketer" | "agent") => {
    const user = (await findUserByEmail(db(), `${role}@demo.test`))!;
    session.current = { userId: user.id, sessionId: (await startSession(db(), { userId: user.id })).id };
  };
  const draft = {
    name: "Agent's",
    phoneNumberId: "pn-act",
    templateId: "t-act",
    audience: { kind: "tags" as const, tagIds: [SOME_ID] },
    mapping: { variables: {} },
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
    await seedDemoUsers(handle.db);
    await insertTwoConnections(handle.db);
    await handle.db.insert(phoneNumbers).values({ id: "pn-act", wabaId: "waba-a", connectionId: "conn-a" });
    await handle.db.insert(templates).values({ id: "t-act", wabaId: "waba-a", name: "hello", language: "en", category: "UTILITY", status: "APPROVED", components: [{ type: "BODY", text: "Hello" }] });
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
  });

  it("refuses without a session, and refuses agents every campaign change and the price table, changing nothing", async () => {
    expect((await createCampaignAction(draft)).serverError?.code).toBe("UNAUTHENTICATED");
    await signInAs("agent");
    expect((await createCampaignAction(draft)).serverError?.code).toBe("FORBIDDEN");
    expect((await deleteCampaignAction({ campaignId: SOME_ID })).serverError?.code).toBe("FORBIDDEN");
    expect((await sendTestAction({ campaignId: SOME_ID, phone: "+14155550100" })).serverError?.code).toBe("FORBIDDEN");
    expect((await startCampaignAction({ campaignId: SOME_ID })).serverError?.code).toBe("FORBIDDEN");
    expect((await cancelCampaignAction({ campaignId: SOME_ID })).serverError?.code).toBe("FORBIDDEN");
    const rates = { rates: [{ country: "PT", category: "marketing", currency: "EUR", amount: "0.05", source: "", effectiveOn: null }] };
    expect((await saveRatesAction(rates)).serverError?.code).toBe("FORBIDDEN");
    expect(await db().select().from(campaigns)).toEqual([]);
    expect(await db().select().from(priceRates)).toEqual([]);
  });

  it("lets a marketer create a draft and answers a bad rate at its field in the reader's words", async () => {
    await signInAs("marketer");
    const created = await createCampaignAction({ ...draft, name: "Hello all", audience: { kind: "import", importId: SOME_ID } });
    expect(created.serverError).toMatchObject({ code: "NOT_FOUND", field: "audience.importId", message: "This import does not exist." });
    const bad = await saveRatesAction({ rates: [{ country: "PT", category: "marketing", currency: "EUR", amount: "-1", source: "", effectiveOn: null }] });
    expect(bad.serverError).toMatchObject({ code: "INVALID_INPUT", field: "rates.0.amount" });
    expect(bad.serverError?.message).toContain("6 decimals");
    expect(await db().select().from(priceRates)).toEqual([]);
  });

  it("deletes a draft for a marketer (audited), refuses agents, and keeps a campaign past its draft", async () => {
    const [tag] = await db().insert(contactTags).values({ name: `Spring ${testDatabase.name}` }).returning();
    const audience = { kind: "tags" as const, tagIds: [tag!.id] };
    await signInAs("marketer");
    const kept = (await createCampaignAction({ ...draft, name: "Spring draft", audience })).data!;
    const finished = (await createCampaignAction({ ...draft, name: "Spring sent", audience })).data!;
    await db().update(campaigns).set({ status: "finished" }).where(eq(campaigns.id, finished.id));
    const ids = async () => (await db().select({ id: campaigns.id }).from(campaigns)).map((row) => row.id).sort();

    await signInAs("agent");
    expect((await deleteCampaignAction({ campaignId: kept.id })).serverError?.code).toBe("FORBIDDEN");
    expect(await ids()).toEqual([kept.id, finished.id].sort());

    await signInAs("marketer");
    expect((await deleteCampaignAction({ campaignId: finished.id })).serverError).toMatchObject({ code: "CONFLICT", field: "campaignId" });
    expect((await deleteCampaignAction({ campaignId: kept.id })).serverError).toBeUndefined();
    expect(await ids()).toEqual([finished.id]);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.action, "campaign.deleted"), eq(auditLog.targetId, kept.id)));
    expect(audit).toHaveLength(1);
    expect((await deleteCampaignAction({ campaignId: kept.id })).serverError?.code).toBe("NOT_FOUND");
  });
});
