/**
 * Campaigns before they send, on both databases: the plan's counts per skip reason over a hand-built
 * audience read in several batches, the estimate from known and unknown rates, the preview by
 * position, drafts' and the price table's refusals, and a test send reaching the (fake) gateway.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findUserByEmail } from "@/db/queries/users";
import { campaigns, contactImportContacts, contactImports, contacts, contactTagLinks, contactTags, conversations, phoneNumbers, priceRates, templates } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import type { ContactActor } from "@/lib/contacts/access";
import type { SendContext } from "@/lib/inbox/outbound";

import { createCampaign, deleteCampaign, getCampaign, listCampaigns, sendTestMessage, updateCampaign, type CampaignInput } from "./drafts";
import { audienceLabel, audienceSize } from "./audience";
import { planCampaign, previewRecipient } from "./plan";
import { estimateCost, listRates, saveRates } from "./pricing";

// The services are called directly; session.ts (their refusals' type) must load without next-auth.
vi.mock("@/auth", () => ({ auth: async () => null }));

const NUMBER = "pn-plan-a";
const OTHER_NUMBER = "pn-plan-b";
const ALL = { all: true } as const;

const fakeGateway = { sendMessage: vi.fn(), listAllTemplates: vi.fn() };
const gateway = { gateway: { messages: { sendMessage: fakeGateway.sendMessage }, templates: { listAllTemplates: fakeGateway.listAllTemplates } } } as unknown as Omit<SendContext, "priority">;

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as { code: string; field?: string; status?: number });

describe.each(testDatabases)("campaign plan, drafts and pricing on $name", (database) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  let marketer: ContactActor;
  let agent: ContactActor;
  let vipTag: string;
  let input: CampaignInput;

  beforeAll(async () => {
    handle = await database.open();
    await seedDemoUsers(handle.db);
    const user = async (role: "marketer" | "agent"): Promise<ContactActor> => {
      const found = (await findUserByEmail(handle.db, `${role}@demo.test`))!;
      return { id: found.id, name: found.name, email: found.email, role, connections: ALL };
    };
    marketer = await user("marketer");
    agent = await user("agent");
    await insertTwoConnections(handle.db);
    await handle.db.insert(phoneNumbers).values([
      { id: NUMBER, wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555 0100" },
      { id: OTHER_NUMBER, wabaId: "waba-b", connectionId: "conn-b" },
    ]);
    const body = (text: string) => [{ type: "BODY", text }];
    await handle.db.insert(templates).values([
      { id: "t-sale", wabaId: "waba-a", name: "spring_sale", language: "en_US", category: "MARKETING", status: "APPROVED", components: body("Hi {{1}}, {{2}} off today.") },
      { id: "t-pending", wabaId: "waba-a", name: "draft_offer", language: "en_US", category: "MARKETING", status: "PENDING", components: body("Soon {{1}}") },
      { id: "t-other", wabaId: "waba-b", name: "other_sale", language: "en_US", category: "MARKETING", status: "APPROVED", components: body("Hello {{1}}") },
    ]);
    const [tag] = await handle.db.insert(contactTags).values({ name: "VIP" }).returning();
    vipTag = tag!.id;
    // One contact per outcome; an untagged one stays outside the audience.
    const people: Array<typeof contacts.$inferInsert> = [
      { waId: "351912345678", phoneNumber: "351912345678", displayName: "Ana", consent: "opted_in", attributes: { discount: "20%" } },
      { waId: "5511987654321", phoneNumber: "5511987654321", displayName: "Bruno", consent: "opted_in", attributes: { discount: "10%" } },
      { waId: "14155550101", phoneNumber: "14155550101", displayName: "Cy", consent: "opted_in", attributes: {} },
      { waId: "14155550102", phoneNumber: "14155550102", displayName: "Di", consent: "opted_out", attributes: { discount: "5%" } },
      { waId: "14155550103", phoneNumber: "14155550103", displayName: "Ed", consent: "unknown", attributes: { discount: "5%" } },
      { waId: "1555", phoneNumber: "1555", displayName: "Fay", consent: "opted_in", attributes: { discount: "5%" } },
      { waId: "US.100", phoneNumber: null, displayName: "Gus", consent: "opted_in", attributes: { discount: "5%" } },
      { waId: "US.200", phoneNumber: null, displayName: "Hal", consent: "opted_in", attributes: { discount: "15%" } },
      { waId: "14155550109", phoneNumber: "14155550109", displayName: "Outside", consent: "opted_in", attributes: { discount: "5%" } },
    ];
    const inserted = await handle.db.insert(contacts).values(people).returning({ id: contacts.id, waId: contacts.waId });
    await handle.db.insert(contactTagLinks).values(inserted.filter((row) => row.waId !== "14155550109").map((row) => ({ tagId: vipTag, contactId: row.id })));
    // Hal has written on the business number: reachable by conversation without a number.
    await handle.db.insert(conversations).values({ phoneNumberId: NUMBER, waId: "US.200", lastMessageAt: new Date() });
    await handle.db.insert(priceRates).values([
      { country: "PT", category: "marketing", currency: "USD", amount: "0.0500", source: "Meta rate card" },
      { country: "BR", category: "marketing", currency: "USD", amount: null, source: "" },
    ]);
    input = {
      name: "Spring sale",
      phoneNumberId: NUMBER,
      templateId: "t-sale",
      audience: { kind: "tags", tagIds: [vipTag] },
      mapping: { variables: { "body-1": { source: "field", field: "name", fallback: "there" }, "body-2": { source: "attribute", key: "discount" } } },
    };
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    fakeGateway.sendMessage.mockReset();
    fakeGateway.sendMessage.mockImplementation(async () => ({ messageId: `wamid.test-${Math.random()}`, waId: undefined, messageStatus: "accepted", response: {} }));
  });

  it("counts who is sent and who is skipped, by reason, over every batch, and estimates the cost of those sent", async () => {
    const plan = await planCampaign(db(), marketer, { phoneNumberId: NUMBER, templateId: "t-sale", audience: input.audience, mapping: input.mapping }, { batchSize: 3 });
    expect(plan.skipped).toEqual({ no_number: 1, invalid_number: 1, opted_out: 1, no_consent: 1, duplicate: 0, missing_variable: 1 });
    expect(plan.eligible).toBe(3);
    expect(plan.estimate).toEqual({
      currency: "USD",
      total: "0.05",
      unknownCount: 2,
      lines: [
        { category: "marketing", country: null, count: 1, currency: null, unitAmount: null, total: null },
        { category: "marketing", country: "BR", count: 1, currency: "USD", unitAmount: null, total: null },
        { category: "marketing", country: "PT", count: 1, currency: "USD", unitAmount: "0.05", total: "0.05" },
      ],
    });
    expect(plan.sample).toHaveLength(5);
    for (const entry of plan.sample.filter((candidate) => candidate.skipReason === null)) expect(entry.rendered?.body).toMatch(/^Hi \w+, \d+% off today\.$/);
  });

  it("previews each recipient once by position, in a stable order, and nobody past the end", async () => {
    const draft = { phoneNumberId: NUMBER, templateId: "t-sale", audience: input.audience, mapping: input.mapping };
    const seen = [];
    for (let index = 0; index < 8; index += 1) seen.push(await previewRecipient(db(), marketer, draft, index));
    expect(new Set(seen.map((entry) => entry.contactId)).size).toBe(8);
    expect((await previewRecipient(db(), marketer, draft, 2)).contactId).toBe(seen[2]!.contactId);
    const cy = seen.find((entry) => entry.name === "Cy")!;
    expect(cy).toMatchObject({ skipReason: "missing_variable", missing: ["body-2"], values: { body: ["Cy", ""] } });
    expect(seen.find((entry) => entry.name === "Hal")).toMatchObject({ skipReason: null, phoneNumber: null, rendered: { body: "Hi Hal, 15% off today." } });
    expect(await refusal(previewRecipient(db(), marketer, draft, 8))).toMatchObject({ code: "NOT_FOUND", field: "index" });
  });

  it("takes an import's audience from the contacts it recorded, once it has finished", async () => {
    const [running] = await handle.db
      .insert(contactImports)
      .values({ fileName: "spring.csv", fileSize: 10, sha256: "x", status: "running", columns: ["phone"], previewRows: [], totalRows: 2 })
      .returning();
    const two = await handle.db.select({ id: contacts.id }).from(contacts).where(inArray(contacts.waId, ["351912345678", "14155550109"]));
    await handle.db.insert(contactImportContacts).values(two.map((row) => ({ importId: running!.id, contactId: row.id })));
    const audience = { kind: "import" as const, importId: running!.id };
    expect(await refusal(audienceSize(db(), marketer, audience))).toMatchObject({ code: "INVALID_INPUT", field: "audience.importId" });
    await handle.db.update(contactImports).set({ status: "finished" }).where(eq(contactImports.id, running!.id));
    expect(await audienceSize(db(), marketer, audience)).toBe(2);
    expect(await audienceLabel(db(), audience)).toBe("spring.csv");
    expect(await audienceSize(db(), marketer, { kind: "tags", tagIds: [vipTag] })).toBe(8);
  });

  it("estimates with known and unknown rates, and gives no total across currencies", async () => {
    expect(await estimateCost(db(), [{ category: "MARKETING", country: "PT", count: 1000 }])).toMatchObject({ currency: "USD", total: "50.00", unknownCount: 0 });
    expect(await estimateCost(db(), [{ category: "UTILITY", country: "PT", count: 4 }])).toMatchObject({ currency: null, total: null, unknownCount: 4 });
    await handle.db.insert(priceRates).values({ country: "IN", category: "marketing", currency: "INR", amount: "0.7846" });
    const mixed = await estimateCost(db(), [
      { category: "MARKETING", country: "PT", count: 2 },
      { category: "MARKETING", country: "IN", count: 3 },
    ]);
    expect(mixed).toMatchObject({ currency: null, total: null, unknownCount: 0 });
    expect(mixed.lines.map((line) => line.total)).toEqual(["2.3538", "0.10"]);
    await handle.db.delete(priceRates).where(eq(priceRates.country, "IN"));
  });

  it("creates, changes and deletes a draft, audited, and refuses what it cannot send, at its field", async () => {
    const created = await createCampaign(db(), marketer, input);
    expect(created).toMatchObject({ status: "draft", name: "Spring sale", businessNumber: "+1 555 0100", template: { name: "spring_sale", category: "MARKETING" }, audienceLabel: "VIP", can: { manage: true } });
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "campaign.created", targetId: created.id });
    expect((await getCampaign(db(), agent, created.id)).can.manage).toBe(false);
    expect((await listCampaigns(db(), marketer, { q: "spring" })).map((view) => view.id)).toEqual([created.id]);
    expect((await planCampaign(db(), marketer, created.id)).eligible).toBe(3);

    expect(await refusal(createCampaign(db(), marketer, { ...input, templateId: "t-pending" }))).toMatchObject({ code: "TEMPLATE_NOT_APPROVED", field: "templateId" });
    expect(await refusal(createCampaign(db(), marketer, { ...input, templateId: "t-other" }))).toMatchObject({ code: "WRONG_NUMBER", field: "templateId" });
    expect(await refusal(createCampaign(db(), marketer, { ...input, name: "x".repeat(121) }))).toMatchObject({ code: "INVALID_INPUT", field: "name" });
    expect(await refusal(createCampaign(db(), marketer, { ...input, mapping: { variables: { "body-1": { source: "fixed", value: "Hi" } } } }))).toMatchObject({
      code: "INVALID_INPUT",
      field: "mapping.variables.body-2",
    });
    expect(await refusal(createCampaign(db(), marketer, { ...input, audience: { kind: "segment", segmentId: "00000000-0000-4000-8000-000000000000" } }))).toMatchObject({
      code: "NOT_FOUND",
      field: "audience.segmentId",
    });
    expect(await refusal(createCampaign(db(), agent, input))).toMatchObject({ status: 403 });
    expect(await refusal(updateCampaign(db(), agent, created.id, { name: "Mine" }))).toMatchObject({ status: 403 });
    expect(await listCampaigns(db(), marketer, {})).toHaveLength(1);

    const renamed = await updateCampaign(db(), marketer, created.id, { name: "Spring sale 2" });
    expect(renamed.name).toBe("Spring sale 2");
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "campaign.updated", details: { changed: ["name"] } });

    await handle.db.update(campaigns).set({ status: "scheduled" }).where(eq(campaigns.id, created.id));
    expect(await refusal(updateCampaign(db(), marketer, created.id, { name: "Late" }))).toMatchObject({ code: "CONFLICT" });
    expect(await refusal(deleteCampaign(db(), marketer, created.id))).toMatchObject({ code: "CONFLICT" });
    await handle.db.update(campaigns).set({ status: "draft" }).where(eq(campaigns.id, created.id));
    await deleteCampaign(db(), marketer, created.id);
    expect(await refusal(getCampaign(db(), marketer, created.id))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("sends a test of the template to the user's number with an eligible recipient's values, through the gateway", async () => {
    const created = await createCampaign(db(), marketer, input);
    const sent = await sendTestMessage(db(), marketer, created.id, { phone: "+1 415 555 0199" }, gateway);
    expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(1);
    const [from, payload] = fakeGateway.sendMessage.mock.calls[0]! as [string, { to: string; template: { name: string; components: Array<{ parameters: Array<{ text: string }> }> } }];
    expect(from).toBe(NUMBER);
    expect(payload).toMatchObject({ to: "14155550199", type: "template", template: { name: "spring_sale" } });
    expect(payload.template.components[0]!.parameters.every((parameter) => parameter.text !== "")).toBe(true);
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "campaign.test_sent", targetId: created.id, details: { messageId: sent.messageId } });

    // A fresh key each time: a second test is a second send.
    await sendTestMessage(db(), marketer, created.id, { phone: "+1 415 555 0199" }, gateway);
    expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(2);
    expect(await refusal(sendTestMessage(db(), marketer, created.id, { phone: "12" }, gateway))).toMatchObject({ code: "INVALID_INPUT", field: "phone" });
    expect(await refusal(sendTestMessage(db(), agent, created.id, { phone: "+14155550199" }, gateway))).toMatchObject({ status: 403 });
    expect(fakeGateway.sendMessage).toHaveBeenCalledTimes(2);
    await deleteCampaign(db(), marketer, created.id);
  });

  it("saves the price table as a whole, audited, and refuses agents and a bad amount at its field, changing nothing", async () => {
    const before = await listRates(db());
    expect(await refusal(saveRates(db(), agent, []))).toMatchObject({ status: 403 });
    const bad = await refusal(
      saveRates(db(), marketer, [
        { country: "PT", category: "marketing", currency: "usd", amount: "0.05", source: "", effectiveOn: null },
        { country: "ES", category: "marketing", currency: "EUR", amount: "0,06", source: "", effectiveOn: null },
      ]),
    );
    expect(bad).toMatchObject({ code: "INVALID_INPUT", field: "rates.1.amount" });
    expect(await listRates(db())).toEqual(before);

    const saved = await saveRates(db(), marketer, [
      { country: "pt", category: "MARKETING", currency: "usd", amount: "0.0625", source: "Meta rate card", effectiveOn: "2025-07-01" },
      { country: "ES", category: "utility", currency: "EUR", amount: null, source: "", effectiveOn: null },
    ]);
    expect(saved.map(({ country, category, currency, amount, effectiveOn }) => ({ country, category, currency, amount, effectiveOn }))).toEqual([
      { country: "ES", category: "utility", currency: "EUR", amount: null, effectiveOn: null },
      { country: "PT", category: "marketing", currency: "USD", amount: "0.0625", effectiveOn: "2025-07-01" },
    ]);
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "pricing.rates_saved", actorId: marketer.id, details: { rates: 2 } });
  });
});
