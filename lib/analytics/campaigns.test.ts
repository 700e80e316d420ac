/**
 * The campaigns report against a hand-counted fixture, on both databases: which campaigns a period
 * covers, each one's funnel and reply rate, and what it cost as WhatsApp billed it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import type { AnalyticsQuery } from "@/db/queries/analytics-filters";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { campaignRecipients, campaigns, contacts, conversations, messages, phoneNumbers, priceRates } from "@/db/schema";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";

import { campaignsReport } from "./campaigns";
import type { AnalyticsRequest } from "./types";
import type { ResolvedRange } from "./views";

// The campaign services sit beside session checks this report does not use.
vi.mock("@/auth", () => ({ auth: async () => null }));

const RANGE: ResolvedRange = {
  preset: "custom",
  from: "2026-03-01",
  to: "2026-03-31",
  start: "2026-03-01T00:00:00.000Z",
  end: "2026-04-01T00:00:00.000Z",
  timeZone: "UTC",
  days: 31,
};
const id = (n: number) => `00000000-0000-4000-8000-00000000c${String(n).padStart(3, "0")}`;
const conversationId = (n: number) => `00000000-0000-4000-8000-0000000cc${String(n).padStart(3, "0")}`;

function request(filters: Partial<AnalyticsQuery> = {}): AnalyticsRequest {
  const query: AnalyticsQuery = {
    start: new Date(RANGE.start),
    end: new Date(RANGE.end),
    timeZone: "UTC",
    scope: ALL_CONNECTIONS,
    phoneNumberId: null,
    agentId: null,
    labelId: null,
    campaignId: null,
    ...filters,
  };
  return { query, range: RANGE, viewAll: true, userId: id(999), now: new Date("2026-04-02T00:00:00Z") };
}

const campaign = (n: number, values: { name: string; phoneNumberId: string; status: "draft" | "scheduled" | "sending" | "finished"; startedAt: Date | null }) => ({
  id: id(n),
  templateName: "promo",
  templateLanguage: "en_US",
  templateCategory: "MARKETING",
  audience: { kind: "tags", tagIds: [] },
  ...values,
});

/**
 * Hand count. Spring (pn-a, started March 5): r1 read and replied, r2 delivered (both billed marketing in
 * US at 0.025 USD), r3 failed, r4 skipped, r5 sent (no pricing yet) → recipients 4, sent 3, delivered 2,
 * read 1, replied 1, failed 1, reply rate 1/2, cost 0.05 USD. Autumn (pn-b, started March 20): r6 delivered,
 * billed marketing in BR (no rate) → recipients 1, sent 1, delivered 1, reply rate 0, cost unknown for 1.
 * Winter started in February, Draft and Later (scheduled) never started: not in March's report.
 */
async function insertFixture(handle: DatabaseHandle) {
  const db = handle.db;
  await insertTwoConnections(db);
  await db.insert(phoneNumbers).values([
    { id: "pn-a", wabaId: "waba-a", connectionId: "conn-a" },
    { id: "pn-b", wabaId: "waba-b", connectionId: "conn-b" },
  ]);
  await db.insert(priceRates).values([
    { country: "US", category: "marketing", currency: "USD", amount: "0.025" },
    { country: "US", category: "utility", currency: "USD", amount: "0.004" },
  ]);
  await db.insert(campaigns).values([
    campaign(1, { name: "Spring", phoneNumberId: "pn-a", status: "finished", startedAt: new Date("2026-03-05T09:00:00Z") }),
    campaign(2, { name: "Autumn", phoneNumberId: "pn-b", status: "sending", startedAt: new Date("2026-03-20T09:00:00Z") }),
    campaign(3, { name: "Draft", phoneNumberId: "pn-a", status: "draft", startedAt: null }),
    campaign(4, { name: "Winter", phoneNumberId: "pn-a", status: "finished", startedAt: new Date("2026-02-10T09:00:00Z") }),
    campaign(5, { name: "Later", phoneNumberId: "pn-a", status: "scheduled", startedAt: null }),
  ]);
  await db.insert(contacts).values([1, 2, 3, 4, 5, 6].map((n) => ({ waId: `1555000100${n}`, phoneNumber: `1555000100${n}` })));
  await db.insert(conversations).values([1, 2, 3, 5, 6].map((n) => ({ id: conversationId(n), phoneNumberId: n === 6 ? "pn-b" : "pn-a", waId: `1555000100${n}` })));
  const marketing = (country: string) => ({ category: "marketing", type: "regular", billable: true, pricingModel: "PMP", country });
  const sent = (n: number, status: "sent" | "delivered" | "read" | "failed", pricing: Record<string, unknown> | null) => ({
    id: `00000000-0000-4000-8000-0000000ee${String(n).padStart(3, "0")}`,
    conversationId: conversationId(n),
    wamid: `wamid.camp${n}`,
    direction: "outbound" as const,
    type: "template",
    content: { template: { name: "promo", language: { code: "en_US" } } },
    sentAt: new Date("2026-03-05T09:01:00Z"),
    status,
    pricing,
  });
  await db.insert(messages).values([sent(1, "read", marketing("US")), sent(2, "delivered", marketing("US")), sent(3, "failed", null), sent(5, "sent", null), sent(6, "delivered", marketing("BR"))]);
  const recipient = (n: number, campaignN: number, values: Record<string, unknown>) => ({
    campaignId: id(campaignN),
    clientKey: `camp-report-${n}`,
    country: n === 6 ? "BR" : "US",
    ...(n === 4 ? {} : { messageId: `00000000-0000-4000-8000-0000000ee${String(n).padStart(3, "0")}`, conversationId: conversationId(n) }),
    ...values,
  });
  await db.insert(campaignRecipients).values([
    recipient(1, 1, { status: "read", repliedAt: new Date("2026-03-05T10:00:00Z") }),
    recipient(2, 1, { status: "delivered" }),
    recipient(3, 1, { status: "failed", errorCode: 131049 }),
    recipient(4, 1, { status: "skipped", skipReason: "opted_out" }),
    recipient(5, 1, { status: "sent" }),
    recipient(6, 2, { status: "delivered" }),
  ] as Array<typeof campaignRecipients.$inferInsert>);
}

describe.each(testDatabases)("campaigns report on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabase.open();
    await insertFixture(handle);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("compares the campaigns started in the period, newest first, with their funnels, reply rates and costs", async () => {
    const report = await campaignsReport(handle.db, request());
    expect(report.range).toEqual(RANGE);
    expect(report.rows).toEqual([
      {
        id: id(2), name: "Autumn", status: "sending", startedAt: "2026-03-20T09:00:00.000Z",
        recipients: 1, sent: 1, delivered: 1, read: 0, replied: 0, failed: 0, replyRate: 0,
        cost: { currency: null, total: null, unknownCount: 1, lines: [{ category: "marketing", country: "BR", count: 1, currency: null, unitAmount: null, total: null }] },
      },
      {
        id: id(1), name: "Spring", status: "finished", startedAt: "2026-03-05T09:00:00.000Z",
        recipients: 4, sent: 3, delivered: 2, read: 1, replied: 1, failed: 1, replyRate: 0.5,
        cost: { currency: "USD", total: "0.05", unknownCount: 0, lines: [{ category: "marketing", country: "US", count: 2, currency: "USD", unitAmount: "0.025", total: "0.05" }] },
      },
    ]);
  });

  it("keeps to a number, a connection, or the one campaign filtered on (whenever it started)", async () => {
    const names = async (filters: Partial<AnalyticsQuery>) => (await campaignsReport(handle.db, request(filters))).rows.map((row) => row.name);
    expect(await names({ phoneNumberId: "pn-a" })).toEqual(["Spring"]);
    expect(await names({ scope: { all: false, connectionIds: ["conn-b"] } })).toEqual(["Autumn"]);
    expect(await names({ campaignId: id(4) })).toEqual(["Winter"]);
    expect(await names({ campaignId: id(3) })).toEqual([]);
    expect(await names({ campaignId: id(4), phoneNumberId: "pn-b" })).toEqual([]);
    const winter = (await campaignsReport(handle.db, request({ campaignId: id(4) }))).rows[0]!;
    expect(winter).toMatchObject({ recipients: 0, sent: 0, replyRate: null, cost: { total: null, unknownCount: 0, lines: [] } });
  });
});
