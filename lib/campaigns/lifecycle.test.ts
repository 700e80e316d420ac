/**
 * A campaign's life around its sending, on both databases: the start fixes exactly who the plan
 * showed, scheduling and the sweep that starts what is due (or fails what cannot start), the sweep
 * picking up a sending campaign nobody attends, the actual cost from status webhooks' pricing beside
 * the estimate, the outbound events of a start and an end, and the audit of every step.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { insertPendingOutbound, recordOutboundSent } from "@/db/queries/outbound-messages";
import { findOrStartConversation } from "@/db/queries/start-conversation";
import { findUserByEmail } from "@/db/queries/users";
import {
  auditLog,
  campaignRecipients,
  campaigns,
  contacts,
  contactTagLinks,
  contactTags,
  conversations,
  outboundEvents,
  phoneNumbers,
  priceRates,
  templates,
  webhookDeliveries,
} from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import type { JobContext } from "@/lib/jobs/engine";
import { createEndpoint } from "@/lib/outbound-webhooks/service";
import { receiveWebhook } from "@/lib/webhooks/ingest";
import { delivery, messagesValue, unix } from "@/lib/webhooks/test-payloads";
import { statusesBefore } from "@/lib/whatsapp/inbound";

import { createCampaign, getCampaign, type CampaignInput } from "./drafts";
import { campaignSweepJob, sweepCampaigns, UNATTENDED_AFTER_MS } from "./jobs";
import { cancelCampaign, endCampaignIfDone, pauseCampaign, resumeCampaign, retryFailed, startCampaign, type CampaignActor } from "./lifecycle";
import { planCampaign } from "./plan";

vi.mock("@/auth", () => ({ auth: async () => null }));

const NUMBER = "pn-life-a";
const WABA = "waba-a";
const publicResolver = { allowPrivate: false, resolve: async () => [{ address: "93.184.215.14", family: 4 as const }] };

/** An event as recorded for receivers. */
interface CampaignEvent {
  type: string;
  timestamp: string;
  data: { campaign: Record<string, unknown> & { counts: Record<string, number> } };
}

describe.each(testDatabases)("campaign lifecycle on $name", (database) => {
  let handle: DatabaseHandle;
  let marketer: CampaignActor;
  let agent: CampaignActor;
  let input: CampaignInput;
  let seq = 0;
  const db = () => handle.db;

  /** Jobs the lifecycle and the sweep queued, by name and campaign. */
  const queued: Array<{ job: string; campaignId: string }> = [];
  const send = (async (job: { name: string }, data: { campaignId: string }) => {
    queued.push({ job: job.name, campaignId: data.campaignId });
    return null;
  }) as unknown as JobContext["send"];
  const queue = async (campaignId: string) => queued.push({ job: "campaigns.dispatch", campaignId });

  const draft = async () => (await createCampaign(db(), marketer, { ...input, name: `Spring ${(seq += 1)}` })).id;
  const campaignRow = async (id: string) => (await db().select().from(campaigns).where(eq(campaigns.id, id)))[0]!;
  const recipientsOf = (id: string) => db().select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, id)).orderBy(asc(campaignRecipients.id));
  const audits = (id: string) =>
    db()
      .select({ action: auditLog.action, actorId: auditLog.actorId, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "campaign"), eq(auditLog.targetId, id)))
      .orderBy(asc(auditLog.id));

  beforeAll(async () => {
    handle = await database.open();
    await seedDemoUsers(handle.db);
    const user = async (role: "marketer" | "agent"): Promise<CampaignActor> => {
      const found = (await findUserByEmail(handle.db, `${role}@demo.test`))!;
      return { id: found.id, name: found.name, email: found.email, role, connections: { all: true } };
    };
    marketer = await user("marketer");
    agent = await user("agent");
    await insertTwoConnections(handle.db);
    await handle.db.insert(phoneNumbers).values({ id: NUMBER, wabaId: WABA, connectionId: "conn-a", displayPhoneNumber: "+1 555 0100" });
    await handle.db.insert(templates).values({
      id: "t-life",
      wabaId: WABA,
      name: "spring_sale",
      language: "en_US",
      category: "MARKETING",
      status: "APPROVED",
      components: [{ type: "BODY", text: "Hi {{1}}, {{2}} off today." }],
    });
    const [tag] = await handle.db.insert(contactTags).values({ name: "Spring" }).returning();
    // One contact per outcome, in the audience; "Outside" (untagged) has a conversation on the number too.
    const people: Array<typeof contacts.$inferInsert> = [
      { waId: "351912345678", phoneNumber: "351912345678", displayName: "Ana", consent: "opted_in", attributes: { discount: "20%" } },
      { waId: "5511987654321", phoneNumber: "5511987654321", displayName: "Bruno", consent: "opted_in", attributes: { discount: "10%" } },
      { waId: "14155550101", phoneNumber: "14155550101", displayName: "Cy", consent: "opted_in", attributes: {} },
      { waId: "14155550102", phoneNumber: "14155550102", displayName: "Di", consent: "opted_out", attributes: { discount: "5%" } },
      { waId: "14155550103", phoneNumber: "14155550103", displayName: "Ed", consent: "unknown", attributes: { discount: "5%" } },
      { waId: "US.100", phoneNumber: null, displayName: "Gus", consent: "opted_in", attributes: { discount: "5%" } },
      { waId: "US.200", phoneNumber: null, displayName: "Hal", consent: "opted_in", attributes: { discount: "15%" } },
      { waId: "14155550109", phoneNumber: "14155550109", displayName: "Outside", consent: "opted_in", attributes: { discount: "5%" } },
    ];
    const inserted = await handle.db.insert(contacts).values(people).returning({ id: contacts.id, waId: contacts.waId });
    await handle.db.insert(contactTagLinks).values(inserted.filter((row) => row.waId !== "14155550109").map((row) => ({ tagId: tag!.id, contactId: row.id })));
    await handle.db.insert(conversations).values([
      { phoneNumberId: NUMBER, waId: "14155550109", lastMessageAt: new Date() },
      { phoneNumberId: NUMBER, waId: "US.200", lastMessageAt: new Date() },
    ]);
    await handle.db.insert(priceRates).values([
      { country: "PT", category: "marketing", currency: "USD", amount: "0.0500", source: "Meta rate card" },
      { country: "BR", category: "marketing", currency: "USD", amount: "0.0625", source: "Meta rate card" },
    ]);
    input = {
      name: "Spring",
      phoneNumberId: NUMBER,
      templateId: "t-life",
      audience: { kind: "tags", tagIds: [tag!.id] },
      mapping: { variables: { "body-1": { source: "field", field: "name", fallback: "there" }, "body-2": { source: "attribute", key: "discount" } } },
    };
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    queued.length = 0;
  });

  it("fixes at the start exactly the recipients the plan showed, each with its own conversation when it has one", async () => {
    const id = await draft();
    const plan = await planCampaign(db(), marketer, id);
    const started = await startCampaign(db(), marketer, id, {}, { queue });
    expect(started).toEqual({ status: "sending", eligible: 3, skipped: 4 });
    expect(plan.eligible).toBe(3);

    const rows = await recipientsOf(id);
    const named = await db().select({ id: contacts.id, name: contacts.displayName }).from(contacts);
    const nameOf = new Map(named.map((row) => [row.id, row.name]));
    const byName = Object.fromEntries(rows.map((row) => [nameOf.get(row.contactId!)!, row]));
    expect(Object.keys(byName).sort()).toEqual(["Ana", "Bruno", "Cy", "Di", "Ed", "Gus", "Hal"]);
    const skipped = Object.fromEntries(Object.entries(plan.skipped).filter(([, count]) => count > 0));
    const fixedSkipped: Record<string, number> = {};
    for (const row of rows) if (row.skipReason) fixedSkipped[row.skipReason] = (fixedSkipped[row.skipReason] ?? 0) + 1;
    expect(fixedSkipped).toEqual(skipped);
    expect(rows.filter((row) => row.status === "pending")).toHaveLength(plan.eligible);
    // The sample the review showed is what was fixed, values included.
    for (const preview of plan.sample) {
      const row = rows.find((candidate) => candidate.contactId === preview.contactId)!;
      expect(row.skipReason).toBe(preview.skipReason);
      if (!preview.skipReason) expect(row.values).toEqual(preview.values);
    }
    expect(byName.Ana).toMatchObject({ status: "pending", phoneNumber: "351912345678", country: "PT", values: { body: ["Ana", "20%"] } });
    // Only Hal (no number) is written to in his conversation; nobody gets someone else's.
    const hal = (await db().select().from(conversations).where(eq(conversations.waId, "US.200")))[0]!;
    expect(byName.Hal).toMatchObject({ status: "pending", phoneNumber: null, conversationId: hal.id });
    expect(rows.filter((row) => row.conversationId !== null)).toHaveLength(1);
    expect(queued).toEqual([{ job: "campaigns.dispatch", campaignId: id }]);
    // The estimate kept is the plan's.
    expect((await campaignRow(id)).estimate).toEqual(plan.estimate);
  });

  it("schedules with its time and zone, audited; the sweep starts it only once it is due, and queues its dispatch", async () => {
    const id = await draft();
    const at = new Date(Date.now() + 60 * 60_000);
    expect(await startCampaign(db(), marketer, id, { scheduledAt: at, timeZone: "America/Sao_Paulo" }, { queue })).toEqual({ status: "scheduled", eligible: 0, skipped: 0 });
    expect(await campaignRow(id)).toMatchObject({ status: "scheduled", scheduledAt: at, timeZone: "America/Sao_Paulo", startedAt: null });
    expect(queued).toEqual([]);
    expect(await recipientsOf(id)).toHaveLength(0);
    expect((await audits(id)).at(-1)).toEqual({
      action: "campaign.scheduled",
      actorId: marketer.id,
      details: { scheduledAt: at.toISOString(), timeZone: "America/Sao_Paulo" },
    });
    // A second schedule is a conflict.
    await expect(startCampaign(db(), marketer, id, { scheduledAt: at }, { queue })).rejects.toMatchObject({ code: "CONFLICT" });

    expect((await sweepCampaigns(db(), send, new Date(at.getTime() - 1_000))).started).toBe(0);
    expect((await campaignRow(id)).status).toBe("scheduled");
    expect(await recipientsOf(id)).toHaveLength(0);

    expect((await sweepCampaigns(db(), send, at)).started).toBe(1);
    expect(await campaignRow(id)).toMatchObject({ status: "sending", startedAt: at });
    const rows = await recipientsOf(id);
    expect(rows.filter((row) => row.status === "pending")).toHaveLength(3);
    expect(queued).toContainEqual({ job: "campaigns.dispatch", campaignId: id });
    expect((await audits(id)).at(-1)).toMatchObject({ action: "campaign.started", actorId: null, details: { eligible: 3, skipped: 4, scheduledAt: at.toISOString() } });
    // Started once: the next sweep finds nothing due.
    expect((await sweepCampaigns(db(), send, new Date(at.getTime() + 1_000))).started).toBe(0);
    expect(await recipientsOf(id)).toHaveLength(rows.length);
  });

  it("starts a due scheduled campaign with the contacts its author could see, not every contact", async () => {
    const [tag] = await db().insert(contactTags).values({ name: "Limited audience" }).returning();
    const [visible, hidden] = await db()
      .insert(contacts)
      .values([
        { waId: "5511987650001", phoneNumber: "5511987650001", displayName: "Vis", consent: "opted_in", attributes: { discount: "5%" } },
        { waId: "5511987650002", phoneNumber: "5511987650002", displayName: "Hid", consent: "opted_in", attributes: { discount: "5%" } },
      ])
      .returning({ id: contacts.id, waId: contacts.waId });
    await db().insert(contactTagLinks).values([visible!, hidden!].map((row) => ({ tagId: tag!.id, contactId: row.id })));
    // "Hid" talks only with the other connection's number: a user limited to conn-a does not see them.
    await db().insert(phoneNumbers).values({ id: "pn-life-b", wabaId: "waba-b", connectionId: "conn-b", displayPhoneNumber: "+1 555 0200" });
    await db().insert(conversations).values({ phoneNumberId: "pn-life-b", waId: hidden!.waId, lastMessageAt: new Date() });
    const limited: CampaignActor = { ...marketer, connections: { all: false, connectionIds: ["conn-a"] } };
    await replaceConnectionAccess(db(), marketer.id, { all: false, connectionIds: ["conn-a"] });
    try {
      const { id } = await createCampaign(db(), limited, { ...input, name: "Limited", audience: { kind: "tags", tagIds: [tag!.id] } });
      const at = new Date(Date.now() + 60 * 60_000);
      await startCampaign(db(), limited, id, { scheduledAt: at }, { queue });
      expect((await sweepCampaigns(db(), send, at)).started).toBe(1);
      const rows = await recipientsOf(id);
      expect(rows.map((row) => row.contactId)).toEqual([visible!.id]);
    } finally {
      await replaceConnectionAccess(db(), marketer.id, { all: true, connectionIds: [] });
    }
  });

  it("refuses a schedule in the past (or in an unknown zone) at its field, changing nothing", async () => {
    const id = await draft();
    await expect(startCampaign(db(), marketer, id, { scheduledAt: new Date(Date.now() - 60_000) }, { queue })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "scheduledAt",
    });
    await expect(startCampaign(db(), marketer, id, { scheduledAt: new Date(Date.now() + 60_000), timeZone: "Mars/Olympus" }, { queue })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "timeZone",
    });
    await expect(startCampaign(db(), agent, id, { scheduledAt: new Date(Date.now() + 60_000) }, { queue })).rejects.toMatchObject({ status: 403 });
    expect(await campaignRow(id)).toMatchObject({ status: "draft", scheduledAt: null });
    expect((await audits(id)).map((entry) => entry.action)).toEqual(["campaign.created"]);
  });

  it("cancels a scheduled campaign, audited: the sweep never starts it", async () => {
    const id = await draft();
    const at = new Date(Date.now() + 60_000);
    await startCampaign(db(), marketer, id, { scheduledAt: at, timeZone: "UTC" }, { queue });
    await expect(cancelCampaign(db(), agent, id)).rejects.toMatchObject({ status: 403 });
    await cancelCampaign(db(), marketer, id);
    expect((await campaignRow(id)).status).toBe("cancelled");
    expect((await audits(id)).at(-1)).toEqual({ action: "campaign.cancelled", actorId: marketer.id, details: { cancelled: 0 } });
    await sweepCampaigns(db(), send, new Date(at.getTime() + 1_000));
    expect(await campaignRow(id)).toMatchObject({ status: "cancelled", startedAt: null });
    expect(await recipientsOf(id)).toHaveLength(0);
    await expect(cancelCampaign(db(), marketer, id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("fails a due scheduled campaign whose template is no longer approved, with the reason, instead of retrying it forever", async () => {
    const id = await draft();
    const at = new Date(Date.now() + 60_000);
    await startCampaign(db(), marketer, id, { scheduledAt: at }, { queue });
    await db().update(templates).set({ status: "PAUSED" }).where(eq(templates.id, "t-life"));
    try {
      const swept = await sweepCampaigns(db(), send, at);
      expect(swept).toMatchObject({ started: 0, failed: 1 });
    } finally {
      await db().update(templates).set({ status: "APPROVED" }).where(eq(templates.id, "t-life"));
    }
    expect(await campaignRow(id)).toMatchObject({ status: "failed", error: expect.stringContaining("no longer approved") });
    expect(await recipientsOf(id)).toHaveLength(0);
    expect((await audits(id)).at(-1)).toMatchObject({ action: "campaign.failed", actorId: null, details: { code: "CONFLICT", field: "templateId" } });
    expect(queued.filter((job) => job.campaignId === id)).toEqual([]);
  });

  it("queues a dispatch again for a sending campaign nobody attends, once, and not for an attended one", async () => {
    const unattended = await draft();
    const attended = await draft();
    await startCampaign(db(), marketer, unattended, {}, { queue });
    await startCampaign(db(), marketer, attended, {}, { queue });
    queued.length = 0;
    // No worker has looked at the first for longer than the limit; the second was looked at just now.
    await db()
      .update(campaigns)
      .set({ updatedAt: new Date(Date.now() - UNATTENDED_AFTER_MS - 5_000) })
      .where(eq(campaigns.id, unattended));
    await sweepCampaigns(db(), send);
    const dispatched = queued.filter((job) => job.job === "campaigns.dispatch").map((job) => job.campaignId);
    expect(dispatched).toContain(unattended);
    expect(dispatched).not.toContain(attended);
    // Taken: the next sweep leaves it to the dispatch just queued.
    queued.length = 0;
    await sweepCampaigns(db(), send);
    expect(queued.map((job) => job.campaignId)).not.toContain(unattended);
    expect(campaignSweepJob.name).toBe("campaigns.sweep");
  });

  it("counts the actual cost from the pricing status webhooks report, by category and country, beside the estimate", async () => {
    const id = await draft();
    await startCampaign(db(), marketer, id, {}, { queue });
    const pending = (await recipientsOf(id)).filter((row) => row.status === "pending");
    expect(pending.map((row) => row.country).sort()).toEqual(["BR", "PT", null]);
    // Each pending recipient's message, accepted by WhatsApp (as the dispatch leaves it).
    const wamids = new Map<string, string>();
    for (const row of pending) {
      const conversationId =
        row.conversationId ?? (await findOrStartConversation(db(), { phoneNumberId: NUMBER, customer: { phone: row.phoneNumber! } })).conversationId;
      const { message } = await insertPendingOutbound(db(), {
        conversationId,
        type: "template",
        content: { template: { name: "spring_sale" } },
        preview: { kind: "template", detail: "spring_sale" },
        senderId: null,
        clientKey: row.clientKey,
      });
      const wamid = `wamid.life-${row.id}`;
      await recordOutboundSent(db(), message.id, wamid, statusesBefore);
      await db().update(campaignRecipients).set({ status: "sent", messageId: message.id, conversationId, sentAt: new Date() }).where(eq(campaignRecipients.id, row.id));
      wamids.set(row.country ?? "none", wamid);
    }
    const regular = { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" };
    const statusOf = (wamid: string, status: string, pricing?: Record<string, unknown>) => ({
      id: wamid,
      status,
      timestamp: unix(new Date()),
      recipient_id: "351912345678",
      ...(pricing ? { pricing } : {}),
    });
    const receive = async (statuses: unknown[]) => {
      const payload = delivery(messagesValue({ statuses }, NUMBER), "messages", WABA);
      expect((await receiveWebhook(db(), { body: JSON.stringify(payload), payload, authenticatedBy: "signature" })).ok).toBe(true);
    };
    // Nothing billed yet: no status has told a price.
    expect((await getCampaign(db(), marketer, id)).actualCost).toMatchObject({ total: null, lines: [], unknownCount: 0 });
    await receive([
      statusOf(wamids.get("PT")!, "delivered", regular),
      statusOf(wamids.get("BR")!, "delivered", regular),
      // Hal's message inside his open window is free.
      statusOf(wamids.get("none")!, "delivered", { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" }),
    ]);
    // A later status repeats the price: the message is billed once.
    await receive([statusOf(wamids.get("PT")!, "read", regular)]);

    const view = await getCampaign(db(), marketer, id);
    expect(view.actualCost).toEqual({
      currency: "USD",
      total: "0.1125",
      unknownCount: 0,
      lines: [
        { category: "marketing", country: "BR", count: 1, currency: "USD", unitAmount: "0.0625", total: "0.0625" },
        { category: "marketing", country: "PT", count: 1, currency: "USD", unitAmount: "0.05", total: "0.05" },
      ],
    });
    // The estimate beside it counted Hal too, at a rate nobody keeps (no country).
    expect(view.estimate).toMatchObject({ currency: "USD", total: "0.1125", unknownCount: 1 });
  });

  it("records campaign.started and campaign.finished once each, with the campaign and its counts", async () => {
    const admin = (await findUserByEmail(db(), "admin@demo.test"))!;
    const { endpoint } = await createEndpoint(
      db(),
      { id: admin.id, email: admin.email },
      { url: "https://crm.example.com/hooks", description: "crm", events: ["campaign.started", "campaign.finished"] },
      publicResolver,
    );
    const id = await draft();
    const startedAt = new Date();
    await startCampaign(db(), marketer, id, {}, { queue, now: startedAt });
    await expect(startCampaign(db(), marketer, id, {}, { queue })).rejects.toMatchObject({ code: "CONFLICT" });
    // Every recipient settled, as the dispatch leaves them; then the end, seen by two workers.
    await db().update(campaignRecipients).set({ status: "sent", sentAt: new Date() }).where(and(eq(campaignRecipients.campaignId, id), eq(campaignRecipients.status, "pending")));
    expect(await endCampaignIfDone(db(), id)).toBe(true);
    expect(await endCampaignIfDone(db(), id)).toBe(false);

    const recorded = await db()
      .select({ type: webhookDeliveries.eventType, endpointId: webhookDeliveries.endpointId, payload: outboundEvents.payload })
      .from(webhookDeliveries)
      .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
      .where(inArray(webhookDeliveries.eventType, ["campaign.started", "campaign.finished"]));
    const ours = recorded.filter((row) => (row.payload as unknown as CampaignEvent).data.campaign.id === id);
    expect(ours.map((row) => [row.type, row.endpointId]).sort()).toEqual([
      ["campaign.finished", endpoint.id],
      ["campaign.started", endpoint.id],
    ]);
    const finishedAt = (await campaignRow(id)).finishedAt!;
    const template = { name: "spring_sale", language: "en_US", category: "MARKETING" };
    const started = ours.find((row) => row.type === "campaign.started")!.payload as unknown as CampaignEvent;
    expect(started).toEqual({
      type: "campaign.started",
      timestamp: startedAt.toISOString(),
      data: {
        campaign: {
          id,
          name: expect.stringMatching(/^Spring /),
          phone_number_id: NUMBER,
          template,
          status: "sending",
          started_at: startedAt.toISOString(),
          finished_at: null,
          counts: expect.objectContaining({ audience: 7, skipped: 4, pending: 3, sent: 0 }),
        },
      },
    });
    const finished = ours.find((row) => row.type === "campaign.finished")!.payload as unknown as CampaignEvent;
    expect(finished).toMatchObject({
      type: "campaign.finished",
      timestamp: finishedAt.toISOString(),
      data: { campaign: { id, status: "finished", started_at: startedAt.toISOString(), finished_at: finishedAt.toISOString(), template } },
    });
    expect(finished.data.campaign.counts).toMatchObject({ audience: 7, skipped: 4, pending: 0, sent: 3 });
  });

  it("audits every step with its actor: start, pause, resume, retry failed, cancel", async () => {
    const id = await draft();
    await startCampaign(db(), marketer, id, {}, { queue });
    await pauseCampaign(db(), marketer, id);
    await resumeCampaign(db(), marketer, id, { queue });
    // One recipient failed on a rate limit (safe to retry), one undeliverable (not).
    const [first, second] = (await recipientsOf(id)).filter((row) => row.status === "pending");
    await db().update(campaignRecipients).set({ status: "failed", errorCode: 429, errorTitle: "Rate limited", failedAt: new Date() }).where(eq(campaignRecipients.id, first!.id));
    await db().update(campaignRecipients).set({ status: "failed", errorCode: 131026, errorTitle: "Message undeliverable", failedAt: new Date() }).where(eq(campaignRecipients.id, second!.id));
    expect(await retryFailed(db(), marketer, id, { queue })).toEqual({ retried: 1 });
    await cancelCampaign(db(), marketer, id);

    const entries = await audits(id);
    expect(entries.map((entry) => entry.action)).toEqual(["campaign.created", "campaign.started", "campaign.paused", "campaign.resumed", "campaign.retried", "campaign.cancelled"]);
    expect(entries.every((entry) => entry.actorId === marketer.id)).toBe(true);
    expect(entries[1]!.details).toMatchObject({ eligible: 3, skipped: 4 });
    expect(entries[4]!.details).toEqual({ retried: 1, codes: [429] });
    expect(entries[5]!.details).toEqual({ cancelled: 2 });
    const rows = await recipientsOf(id);
    expect(rows.find((row) => row.id === first!.id)!.status).toBe("cancelled");
    expect(rows.find((row) => row.id === second!.id)).toMatchObject({ status: "failed", errorCode: 131026 });
  });
});
