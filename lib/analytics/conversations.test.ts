import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS, type ConnectionScope } from "@/db/queries/connection-access";
import { insertNote } from "@/db/queries/conversation-notes";
import { assignConversation } from "@/db/queries/conversations";
import { insertPendingOutbound, recordOutboundFailure, recordOutboundSent } from "@/db/queries/outbound-messages";
import { findConversationId } from "@/db/queries/start-conversation";
import { ingestDelivery, type MessageToStore } from "@/db/queries/webhook-ingest";
import { businessHours, campaignRecipients, campaigns, conversationLabelLinks, conversationLabels, conversations, phoneNumbers, users } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { insertTwoConnections } from "@/db/test-connections";
import { emptyRecords, statusesBefore } from "@/lib/whatsapp/inbound";

import { conversationsReport } from "./conversations";
import { datesOfRange } from "./range";
import type { AnalyticsRequest } from "./types";

/*
 * One fixture, hand-counted, in São Paulo (UTC−3, no DST): the range is Monday 2 – Wednesday 4 June 2025
 * there, i.e. 2025-06-02T03:00Z – 2025-06-05T03:00Z. Local times below; UTC = local + 3 h.
 *
 * C0 pn-a unassigned: customer wrote Sun 1 Jun 10:00 (before the range: open at its start), resolved Mon 11:00 → 25 h.
 * C1 pn-a, label "VIP", Ana: customer Mon 22:30 (UTC already Tuesday), Ana replies 22:40 (FRT 10 min), resolved Tue 09:00 (10 h 30).
 * C2 pn-b (hours Mon–Fri 09–18 São Paulo; conn-b), campaign, Bruno: customer Tue 08:00, Bruno replies 09:30
 *    (FRT 30 open minutes), resolved Wed 10:00 (9 h Tue + 1 h Wed open = 10 h).
 * C3 pn-a unassigned: customer Wed 14:00 and 14:05, Ana's note 14:06 (not a message), Bruno's send fails 14:10
 *    (counted as a message, not a reply), answered from the WhatsApp Business app 15:00 (FRT 1 h). Still open.
 * C4 pn-a: customer Thu 5 Jun 01:00 (after the range).
 */
const TZ = "America/Sao_Paulo";
const local = (iso: string) => new Date(`${iso}-03:00`);
const HOUR = 3600;

describe.each(testDatabases)("conversations report on $name", (database) => {
  let handle: DatabaseHandle;
  const ids = { ana: "", bruno: "", label: "", campaign: "" };
  const conversation: Record<string, string> = {};

  const text = (body: string) => ({ type: "text", content: { text: { body } }, preview: { kind: "text", detail: body } });
  const delivered = (message: Omit<MessageToStore, "type" | "content" | "preview" | "replyToWamid" | "referralExpiresAt" | "revises">): MessageToStore => ({
    ...message,
    ...text("hello"),
    replyToWamid: undefined,
    referralExpiresAt: undefined,
    revises: undefined,
  });
  const customerWrites = (phoneNumberId: string, phone: string, at: Date, wamid: string) =>
    ingestDelivery(handle.db, {
      ...emptyRecords(),
      inbound: [delivered({ wamid, phoneNumberId, customer: { phone }, direction: "inbound", origin: undefined, sentAt: at, opensWindow: true })],
    });
  const fromBusinessApp = (phoneNumberId: string, phone: string, at: Date, wamid: string) =>
    ingestDelivery(handle.db, {
      ...emptyRecords(),
      inbound: [delivered({ wamid, phoneNumberId, customer: { phone }, direction: "outbound", origin: "business_app", sentAt: at, opensWindow: false })],
    });
  const agentSends = async (conversationId: string, senderId: string, at: Date, wamid: string, outcome: "sent" | "failed") => {
    const { message } = await insertPendingOutbound(handle.db, { conversationId, senderId, clientKey: `key-${wamid}`, now: at, ...text("on it") });
    if (outcome === "failed") {
      await recordOutboundFailure(handle.db, message.id, { code: 131026, title: "Message undeliverable", details: "", outcomeUnknown: false }, at);
      return;
    }
    await recordOutboundSent(handle.db, message.id, wamid, statusesBefore);
    await ingestDelivery(handle.db, {
      ...emptyRecords(),
      statuses: [{ wamid, status: "sent", at, recipientId: undefined, errors: undefined, pricing: undefined, movesFrom: statusesBefore("sent")! }],
    });
  };
  // The inbox's resolve sets updated_at to the clock; the fixture's resolutions happen at fixed times.
  const resolveAt = (conversationId: string, at: Date) =>
    handle.db.update(conversations).set({ status: "resolved", updatedAt: at }).where(eq(conversations.id, conversationId));
  const idOf = async (phoneNumberId: string, phone: string) => (await findConversationId(handle.db, phoneNumberId, phone))!;

  const request = (filters: Partial<AnalyticsRequest["query"]> = {}, viewAll = true): AnalyticsRequest => {
    const start = local("2025-06-02T00:00:00");
    const end = local("2025-06-05T00:00:00");
    const scope: ConnectionScope = ALL_CONNECTIONS;
    return {
      query: { start, end, timeZone: TZ, scope, phoneNumberId: null, agentId: null, labelId: null, campaignId: null, ...filters },
      range: { preset: "custom", from: "2025-06-02", to: "2025-06-04", start: start.toISOString(), end: end.toISOString(), timeZone: TZ, days: 3 },
      viewAll,
      userId: ids.ana,
      now: local("2025-06-06T12:00:00"),
    };
  };

  beforeAll(async () => {
    handle = await database.open();
    const { db } = handle;
    await insertTwoConnections(db);
    await db.insert(phoneNumbers).values([
      { id: "pn-a", wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+55 11 4000-0001", verifiedName: "Loja A" },
      { id: "pn-b", wabaId: "waba-b", connectionId: "conn-b", displayPhoneNumber: "+55 11 4000-0002", verifiedName: "Loja B" },
    ]);
    const weekday = [{ from: "09:00", to: "18:00" }];
    await db.insert(businessHours).values({
      phoneNumberId: "pn-b",
      timeZone: TZ,
      weekly: { "1": weekday, "2": weekday, "3": weekday, "4": weekday, "5": weekday, "6": [], "7": [] },
      holidays: [],
    });
    const people = await db
      .insert(users)
      .values([
        { email: "ana@x.test", name: "Ana", passwordHash: "x", role: "agent" },
        { email: "bruno@x.test", name: "Bruno", passwordHash: "x", role: "agent" },
      ])
      .returning();
    ids.ana = people[0]!.id;
    ids.bruno = people[1]!.id;

    // C0: before the range, resolved in it.
    await customerWrites("pn-a", "5511900000000", local("2025-06-01T10:00:00"), "w.c0.in");
    conversation.c0 = await idOf("pn-a", "5511900000000");
    // C1
    await customerWrites("pn-a", "5511911111111", local("2025-06-02T22:30:00"), "w.c1.in");
    conversation.c1 = await idOf("pn-a", "5511911111111");
    await assignConversation(db, conversation.c1, ids.ana);
    await agentSends(conversation.c1, ids.ana, local("2025-06-02T22:40:00"), "w.c1.out", "sent");
    await resolveAt(conversation.c0, local("2025-06-02T11:00:00"));
    await resolveAt(conversation.c1, local("2025-06-03T09:00:00"));
    // C2
    await customerWrites("pn-b", "5511922222222", local("2025-06-03T08:00:00"), "w.c2.in");
    conversation.c2 = await idOf("pn-b", "5511922222222");
    await assignConversation(db, conversation.c2, ids.bruno);
    await agentSends(conversation.c2, ids.bruno, local("2025-06-03T09:30:00"), "w.c2.out", "sent");
    await resolveAt(conversation.c2, local("2025-06-04T10:00:00"));
    // C3
    await customerWrites("pn-a", "5511933333333", local("2025-06-04T14:00:00"), "w.c3.in1");
    await customerWrites("pn-a", "5511933333333", local("2025-06-04T14:05:00"), "w.c3.in2");
    conversation.c3 = await idOf("pn-a", "5511933333333");
    await insertNote(db, { conversationId: conversation.c3, authorId: ids.ana, clientKey: "note-c3", note: { body: "checking", mentions: [] }, now: local("2025-06-04T14:06:00") });
    await agentSends(conversation.c3, ids.bruno, local("2025-06-04T14:10:00"), "w.c3.failed", "failed");
    await fromBusinessApp("pn-a", "5511933333333", local("2025-06-04T15:00:00"), "w.c3.app");
    // C4: after the range.
    await customerWrites("pn-a", "5511944444444", local("2025-06-05T01:00:00"), "w.c4.in");

    const [label] = await db.insert(conversationLabels).values({ name: "VIP", color: "blue" }).returning();
    ids.label = label!.id;
    await db.insert(conversationLabelLinks).values({ conversationId: conversation.c1, labelId: ids.label });
    const [campaign] = await db
      .insert(campaigns)
      .values({ name: "June", phoneNumberId: "pn-b", templateName: "promo", templateLanguage: "pt_BR", templateCategory: "MARKETING", audience: {} })
      .returning();
    ids.campaign = campaign!.id;
    await db.insert(campaignRecipients).values({ campaignId: ids.campaign, status: "sent", clientKey: "campaign-c2", conversationId: conversation.c2 });
  });
  afterAll(async () => {
    await handle.close();
  });

  it("counts messages, openings, resolutions and the backlog per local day", async () => {
    const report = await conversationsReport(handle.db, request());
    expect(report.days).toEqual([
      // C1's message at 22:30 is Monday here though Tuesday in UTC.
      { date: "2025-06-02", inbound: 1, outbound: 1, opened: 1, resolved: 1, backlog: 1 },
      { date: "2025-06-03", inbound: 1, outbound: 1, opened: 1, resolved: 1, backlog: 1 },
      { date: "2025-06-04", inbound: 2, outbound: 2, opened: 1, resolved: 1, backlog: 1 },
    ]);
    expect(report.totals).toEqual({
      inbound: 4,
      outbound: 4,
      opened: 3,
      resolved: 3,
      backlogAtEnd: 1,
      // First responses of C1, C2 (open minutes only), C3: 600, 1800, 3600.
      firstResponse: { count: 3, medianSeconds: 1800, p90Seconds: 3600 },
      // Resolutions of C0 (25 h), C1 (10 h 30), C2 (10 open hours).
      resolution: { count: 3, medianSeconds: 37_800, p90Seconds: 25 * HOUR },
    });
  });

  it("places messages on the hours of the week in the reader's zone", async () => {
    const { heatmap } = await conversationsReport(handle.db, request());
    expect(heatmap).toHaveLength(168);
    expect(heatmap[0]).toEqual({ weekday: 1, hour: 0, inbound: 0, outbound: 0 });
    expect(heatmap.filter((cell) => cell.inbound + cell.outbound > 0)).toEqual([
      { weekday: 1, hour: 22, inbound: 1, outbound: 1 },
      { weekday: 2, hour: 8, inbound: 1, outbound: 0 },
      { weekday: 2, hour: 9, inbound: 0, outbound: 1 },
      { weekday: 3, hour: 14, inbound: 2, outbound: 1 },
      { weekday: 3, hour: 15, inbound: 0, outbound: 1 },
    ]);
  });

  it("gives each agent, and nobody, their assigned, replied, resolved and durations", async () => {
    const { byAgent } = await conversationsReport(handle.db, request());
    const one = (seconds: number) => ({ count: 1, medianSeconds: seconds, p90Seconds: seconds });
    expect(byAgent).toEqual([
      { agentId: ids.ana, name: "Ana", assigned: 1, replied: 1, resolved: 1, firstResponse: one(600), resolution: one(37_800) },
      { agentId: ids.bruno, name: "Bruno", assigned: 1, replied: 1, resolved: 1, firstResponse: one(1800), resolution: one(10 * HOUR) },
      // C3 (answered from the app) and C0 (resolved, never answered, nobody assigned).
      { agentId: null, name: null, assigned: 1, replied: 1, resolved: 1, firstResponse: one(HOUR), resolution: one(25 * HOUR) },
    ]);
  });

  it("gives each number its durations, business hours counted where it has them", async () => {
    const { byNumber } = await conversationsReport(handle.db, request());
    expect(byNumber).toEqual([
      {
        phoneNumberId: "pn-a",
        displayPhoneNumber: "+55 11 4000-0001",
        verifiedName: "Loja A",
        businessHours: false,
        firstResponse: { count: 2, medianSeconds: 600, p90Seconds: HOUR },
        resolution: { count: 2, medianSeconds: 37_800, p90Seconds: 25 * HOUR },
      },
      {
        phoneNumberId: "pn-b",
        displayPhoneNumber: "+55 11 4000-0002",
        verifiedName: "Loja B",
        businessHours: true,
        firstResponse: { count: 1, medianSeconds: 1800, p90Seconds: 1800 },
        resolution: { count: 1, medianSeconds: 10 * HOUR, p90Seconds: 10 * HOUR },
      },
    ]);
  });

  it("narrows every figure to a number, or to the connections in scope", async () => {
    for (const narrowed of [request({ phoneNumberId: "pn-b" }), request({ scope: { all: false, connectionIds: ["conn-b"] } })]) {
      const report = await conversationsReport(handle.db, narrowed);
      expect(report.days.map((day) => [day.inbound, day.outbound, day.opened, day.resolved, day.backlog])).toEqual([
        [0, 0, 0, 0, 0],
        [1, 1, 1, 0, 1],
        [0, 0, 0, 1, 0],
      ]);
      expect(report.byAgent.map((row) => row.name)).toEqual(["Bruno"]);
      expect(report.byNumber.map((row) => row.phoneNumberId)).toEqual(["pn-b"]);
    }
  });

  it("narrows to an agent: their messages, episodes and row only (what an agent's own request sees)", async () => {
    for (const viewAll of [true, false]) {
      const report = await conversationsReport(handle.db, request({ agentId: ids.ana }, viewAll));
      // Inbound messages count for the assignee when they arrive: C1's came before Ana was assigned.
      expect(report.totals).toMatchObject({ inbound: 0, outbound: 1, opened: 1, resolved: 1, backlogAtEnd: 0 });
      expect(report.totals.firstResponse).toEqual({ count: 1, medianSeconds: 600, p90Seconds: 600 });
      expect(report.byAgent.map((row) => [row.agentId, row.assigned, row.replied, row.resolved])).toEqual([[ids.ana, 1, 1, 1]]);
    }
  });

  it("narrows to a label's or a campaign's conversations, counting their messages", async () => {
    const labelled = await conversationsReport(handle.db, request({ labelId: ids.label }));
    expect(labelled.totals).toMatchObject({ inbound: 1, outbound: 1, opened: 1, resolved: 1, backlogAtEnd: 0 });
    expect(labelled.heatmap.filter((cell) => cell.inbound + cell.outbound > 0)).toEqual([{ weekday: 1, hour: 22, inbound: 1, outbound: 1 }]);
    expect(labelled.byAgent.map((row) => row.name)).toEqual(["Ana"]);

    const campaign = await conversationsReport(handle.db, request({ campaignId: ids.campaign }));
    expect(campaign.totals).toMatchObject({ inbound: 1, outbound: 1, opened: 1, resolved: 1, backlogAtEnd: 0 });
    expect(campaign.totals.firstResponse).toEqual({ count: 1, medianSeconds: 1800, p90Seconds: 1800 });
    expect(campaign.days.map((day) => day.opened)).toEqual([0, 1, 0]);
  });
});

describe("datesOfRange", () => {
  it("lists every date from the first to the last, across a month's end", () => {
    expect(datesOfRange("2025-02-27", "2025-03-02")).toEqual(["2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02"]);
    expect(datesOfRange("2025-03-02", "2025-03-01")).toEqual([]);
  });
});
