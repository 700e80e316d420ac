/**
 * The costs report on both databases, against one hand-counted fixture: messages priced through the
 * status path (and a price that changes afterwards), a price table with one unknown rate, the reader in
 * Tokyo (UTC+9, so local days are not UTC days), a number, a label, a campaign and a connection scope,
 * and the month's forecast at a fixed now. Also: analytics_country agrees with libphonenumber-js.
 */
import { eq, sql } from "drizzle-orm";
import { parsePhoneNumberFromString, isSupportedCountry } from "libphonenumber-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import type { AnalyticsQuery } from "@/db/queries/analytics-filters";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { applyStatus } from "@/db/queries/webhook-ingest";
import { rowsOf } from "@/db/rows";
import {
  campaignRecipients,
  campaigns,
  contacts,
  conversationLabelLinks,
  conversationLabels,
  conversations,
  messages,
  phoneNumbers,
  priceRates,
} from "@/db/schema";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { AuthorizationError } from "@/lib/auth/session";

import { costsReport, forecast, monthOf } from "./costs";
import type { AnalyticsRequest } from "./types";

vi.mock("@/auth", () => ({ auth: async () => null }));

const NUMBER_A = "pn-cost-a";
const NUMBER_B = "pn-cost-b";
const TZ = "Asia/Tokyo";
/** 2025-03-20 21:00 in Tokyo: day 20 of March's 31. */
const NOW = new Date("2025-03-20T12:00:00Z");

const CUSTOMER = {
  us: "14155552671",
  ca: "16042345678",
  gb: "447400123456",
  br: "5511987654321",
  in: "919876543210",
  userId: "US.13491208655302741918",
} as const;

type Pricing = { category: string; type?: string; billable: boolean };
const marketing: Pricing = { category: "marketing", type: "regular", billable: true };

/** Tokyo's 2025-03-10 … 2025-03-16 (inclusive). */
function request(filters: Partial<Pick<AnalyticsQuery, "phoneNumberId" | "labelId" | "campaignId" | "scope" | "agentId">> = {}, overrides: Partial<AnalyticsRequest> = {}): AnalyticsRequest {
  const start = "2025-03-09T15:00:00.000Z";
  const end = "2025-03-16T15:00:00.000Z";
  return {
    query: {
      start: new Date(start),
      end: new Date(end),
      timeZone: TZ,
      scope: ALL_CONNECTIONS,
      phoneNumberId: null,
      agentId: null,
      labelId: null,
      campaignId: null,
      ...filters,
    },
    range: { preset: "custom", from: "2025-03-10", to: "2025-03-16", start, end, timeZone: TZ, days: 7 },
    viewAll: true,
    userId: "00000000-0000-4000-8000-000000000001",
    now: NOW,
    ...overrides,
  };
}

const day = (date: string, charged: number, free: number) => ({ date, charged, free });
const emptyWeek = ["10", "11", "12", "13", "14", "15", "16"].map((d) => day(`2025-03-${d}`, 0, 0));
/** The week with these dates' counts. */
const week = (counts: Record<string, [number, number]>) =>
  emptyWeek.map((row) => (counts[row.date] ? day(row.date, ...counts[row.date]!) : row));

describe.each(testDatabases)("costs report on $name", (database) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  let labelId: string;
  let campaignId: string;

  beforeAll(async () => {
    handle = await database.open();
    await insertTwoConnections(db());
    await db().insert(phoneNumbers).values([
      { id: NUMBER_A, wabaId: "waba-a", connectionId: "conn-a" },
      { id: NUMBER_B, wabaId: "waba-b", connectionId: "conn-b" },
    ]);
    await db().insert(contacts).values(Object.values(CUSTOMER).map((waId) => ({ waId })));
    const conversationOf = async (phoneNumberId: string, waId: string) =>
      (await db().insert(conversations).values({ phoneNumberId, waId }).returning({ id: conversations.id }))[0]!.id;
    const aUs = await conversationOf(NUMBER_A, CUSTOMER.us);
    const aCa = await conversationOf(NUMBER_A, CUSTOMER.ca);
    const aGb = await conversationOf(NUMBER_A, CUSTOMER.gb);
    const aBr = await conversationOf(NUMBER_A, CUSTOMER.br);
    const aIn = await conversationOf(NUMBER_A, CUSTOMER.in);
    const bGb = await conversationOf(NUMBER_B, CUSTOMER.gb);
    const bUserId = await conversationOf(NUMBER_B, CUSTOMER.userId);

    let sequence = 0;
    /** An outbound message WhatsApp accepted, sent at `sentAt`. */
    const sent = async (conversationId: string, sentAt: string) => {
      sequence += 1;
      const wamid = `wamid.cost-${sequence}`;
      const [row] = await db()
        .insert(messages)
        .values({ conversationId, wamid, direction: "outbound", type: "template", content: {}, sentAt: new Date(sentAt), status: "sent" })
        .returning({ id: messages.id });
      return { id: row!.id, wamid };
    };
    /** Its delivered status, telling the price, through the ingest's status application. */
    const delivered = async (message: { wamid: string }, pricing: Pricing) =>
      applyStatus(db(), {
        wamid: message.wamid,
        status: "delivered",
        at: NOW,
        recipientId: undefined,
        errors: undefined,
        pricing: { category: pricing.category, type: pricing.type, billable: pricing.billable, pricingModel: "PMP" },
        movesFrom: ["sent"],
      });
    /** A price set directly on the row (an import, a late status): the trigger counts it all the same. */
    const priced = async (message: { id: string }, pricing: Pricing) =>
      db().update(messages).set({ pricing }).where(eq(messages.id, message.id));

    // In the range (Tokyo's 10–16 March):
    const m1 = await sent(aUs, "2025-03-10T01:00:00Z"); // 10 Mar
    await delivered(m1, marketing);
    const m2 = await sent(aUs, "2025-03-10T14:59:00Z"); // 10 Mar, 23:59
    await delivered(m2, marketing);
    const m3 = await sent(aCa, "2025-03-11T15:30:00Z"); // 12 Mar, 00:30 (11 Mar in UTC)
    await delivered(m3, { category: "MARKETING", type: "regular", billable: true });
    // WhatsApp's later word on its price: utility, not marketing. It counts once, as utility.
    await priced(m3, { category: "utility", type: "regular", billable: true });
    await delivered(await sent(aUs, "2025-03-11T03:00:00Z"), { category: "marketing", billable: false }); // 11 Mar, free, no type
    await delivered(await sent(aUs, "2025-03-12T03:00:00Z"), { category: "service", type: "free_customer_service", billable: false }); // 12 Mar
    await delivered(await sent(aGb, "2025-03-13T00:00:00Z"), { category: "utility", type: "free_entry_point", billable: false }); // 13 Mar
    await delivered(await sent(aIn, "2025-03-14T00:00:00Z"), { category: "authentication", type: "regular", billable: true }); // 14 Mar, rate unknown
    const m8 = await sent(bGb, "2025-03-15T00:00:00Z"); // 15 Mar, number B
    await delivered(m8, marketing);
    await sent(aUs, "2025-03-15T02:00:00Z"); // no price told yet: not counted
    // In March but outside the range:
    await priced(await sent(aBr, "2025-03-09T14:00:00Z"), marketing); // 9 Mar, 23:00
    await priced(await sent(bUserId, "2025-03-16T16:00:00Z"), marketing); // 17 Mar, 01:00, a user id of the US
    await priced(await sent(aUs, "2025-03-25T00:00:00Z"), marketing); // after now
    // February in Tokyo (28 Feb, 23:00): not March.
    await priced(await sent(aUs, "2025-02-28T14:00:00Z"), marketing);

    await db().insert(priceRates).values([
      { country: "US", category: "marketing", currency: "USD", amount: "0.025" },
      { country: "GB", category: "marketing", currency: "USD", amount: "0.0529" },
      { country: "BR", category: "marketing", currency: "USD", amount: "0.0625" },
      { country: "CA", category: "utility", currency: "USD", amount: "0.004" },
      { country: "US", category: "service", currency: "USD", amount: "0.01" },
      { country: "IN", category: "authentication", currency: "USD", amount: null },
    ]);

    const [label] = await db().insert(conversationLabels).values({ name: "VIP", color: "green" }).returning();
    labelId = label!.id;
    await db().insert(conversationLabelLinks).values({ conversationId: aUs, labelId });
    const [campaign] = await db()
      .insert(campaigns)
      .values({ name: "Spring", phoneNumberId: NUMBER_A, templateName: "spring", templateLanguage: "en_US", templateCategory: "MARKETING", audience: { kind: "tags", tagIds: [] } })
      .returning();
    campaignId = campaign!.id;
    await db().insert(campaignRecipients).values([
      { campaignId, status: "delivered", clientKey: "cost-r1", messageId: m1.id, conversationId: aUs },
      { campaignId, status: "delivered", clientKey: "cost-r2", messageId: m8.id, conversationId: bGb },
    ]);
  });

  afterAll(async () => {
    await handle?.close();
  });

  it("prices the charged messages by category and country, an unknown rate counted and not guessed", async () => {
    const report = await costsReport(db(), request());
    expect(report.range.from).toBe("2025-03-10");
    expect(report.charged).toEqual({
      currency: "USD",
      total: "0.1069",
      unknownCount: 1,
      lines: [
        { category: "authentication", country: "IN", count: 1, currency: "USD", unitAmount: null, total: null },
        { category: "marketing", country: "GB", count: 1, currency: "USD", unitAmount: "0.0529", total: "0.0529" },
        { category: "marketing", country: "US", count: 2, currency: "USD", unitAmount: "0.025", total: "0.05" },
        { category: "utility", country: "CA", count: 1, currency: "USD", unitAmount: "0.004", total: "0.004" },
      ],
    });
    expect(report.saved).toEqual({
      currency: "USD",
      total: "0.035",
      unknownCount: 1,
      lines: [
        { category: "marketing", country: "US", count: 1, currency: "USD", unitAmount: "0.025", total: "0.025" },
        { category: "service", country: "US", count: 1, currency: "USD", unitAmount: "0.01", total: "0.01" },
        { category: "utility", country: "GB", count: 1, currency: null, unitAmount: null, total: null },
      ],
      byType: [
        { pricingType: "free", category: "marketing", count: 1 },
        { pricingType: "free_customer_service", category: "service", count: 1 },
        { pricingType: "free_entry_point", category: "utility", count: 1 },
      ],
    });
    expect(report.days).toEqual(week({ "2025-03-10": [2, 0], "2025-03-11": [0, 1], "2025-03-12": [1, 1], "2025-03-13": [0, 1], "2025-03-14": [1, 0], "2025-03-15": [1, 0] }));
  });

  it("forecasts the month of the range's end from what it cost so far, up to now", async () => {
    const { month } = await costsReport(db(), request());
    // 9 Mar (BR), 10 Mar ×2, 15 Mar (GB) and 17 Mar (the US user id) at marketing rates, 12 Mar (CA) utility, 14 Mar unknown; not 25 Mar nor February.
    expect(month).toMatchObject({ month: "2025-03", currency: "USD", daysElapsed: 20, daysInMonth: 31, forecastTotal: "0.30132" });
    expect(month.charged).toMatchObject({ currency: "USD", total: "0.1944", unknownCount: 1 });
    expect(month.charged.lines.map((line) => [line.category, line.country, line.count])).toEqual([
      ["authentication", "IN", 1],
      ["marketing", "BR", 1],
      ["marketing", "GB", 1],
      ["marketing", "US", 3],
      ["utility", "CA", 1],
    ]);
    // Once the month is over, its whole cost is the forecast.
    const after = await costsReport(db(), request({}, { now: new Date("2025-04-02T00:00:00Z") }));
    expect(after.month).toMatchObject({ daysElapsed: 31, daysInMonth: 31, forecastTotal: "0.2194" });
    expect(after.month.charged.total).toBe("0.2194");
  });

  it("filters by business number, and by the reader's connections", async () => {
    const report = await costsReport(db(), request({ phoneNumberId: NUMBER_B }));
    expect(report.charged).toMatchObject({ currency: "USD", total: "0.0529", unknownCount: 0 });
    expect(report.saved).toEqual({ currency: null, total: null, unknownCount: 0, lines: [], byType: [] });
    expect(report.days).toEqual(week({ "2025-03-15": [1, 0] }));
    expect(report.month).toMatchObject({ forecastTotal: "0.120745", charged: { total: "0.0779" } });

    const scoped = await costsReport(db(), request({ scope: { all: false, connectionIds: ["conn-b"] } }));
    expect(scoped.charged.total).toBe("0.0529");
    expect(scoped.month.charged.total).toBe("0.0779");
  });

  it("filters by label: the priced messages of the labelled conversations", async () => {
    const report = await costsReport(db(), request({ labelId }));
    expect(report.charged).toMatchObject({ currency: "USD", total: "0.05", unknownCount: 0 });
    expect(report.charged.lines).toHaveLength(1);
    expect(report.saved).toMatchObject({ total: "0.035", unknownCount: 0 });
    expect(report.saved.byType).toEqual([
      { pricingType: "free", category: "marketing", count: 1 },
      { pricingType: "free_customer_service", category: "service", count: 1 },
    ]);
    expect(report.days).toEqual(week({ "2025-03-10": [2, 0], "2025-03-11": [0, 1], "2025-03-12": [0, 1] }));
    expect(report.month).toMatchObject({ forecastTotal: "0.0775", charged: { total: "0.05" } });
  });

  it("filters by campaign: its own sends, and with a label too, those in labelled conversations", async () => {
    const report = await costsReport(db(), request({ campaignId }));
    expect(report.charged.lines.map((line) => [line.category, line.country, line.count])).toEqual([
      ["marketing", "GB", 1],
      ["marketing", "US", 1],
    ]);
    expect(report.charged.total).toBe("0.0779");
    expect(report.saved.byType).toEqual([]);
    expect(report.days).toEqual(week({ "2025-03-10": [1, 0], "2025-03-15": [1, 0] }));
    expect(report.month.charged.total).toBe("0.0779");

    const both = await costsReport(db(), request({ campaignId, labelId }));
    expect(both.charged.total).toBe("0.025");
  });

  it("ignores the agent filter, and refuses a reader without everyone's figures", async () => {
    const report = await costsReport(db(), request({ agentId: "00000000-0000-4000-8000-000000000002" }));
    expect(report.charged.total).toBe("0.1069");
    await expect(costsReport(db(), request({}, { viewAll: false }))).rejects.toBeInstanceOf(AuthorizationError);
  });

  it("finds the customer's country as libphonenumber-js does", async () => {
    const numbers = [
      "14155552671", // US
      "16042345678", // CA (604, Vancouver)
      "18765550123", // JM (876)
      "447400123456", // GB (the table is by calling code: ranges of +44 that Guernsey, Jersey or the Isle of Man use read as GB)
      "5511987654321", // BR
      "919876543210", // IN
      "79123456789", // RU
      "77012345678", // KZ
      "999123456", // no such calling code
    ];
    for (const digits of numbers) {
      const expected = parsePhoneNumberFromString(`+${digits}`)?.country ?? null;
      const result = await db().execute(sql`select analytics_country(${digits}) as country`);
      expect([digits, rowsOf<{ country: string | null }>(result)[0]!.country]).toEqual([digits, expected]);
    }
    expect(parsePhoneNumberFromString("+999123456")?.country).toBeUndefined();
    // A business-scoped user id carries its country before the dot.
    const userId = await db().execute(sql`select analytics_country(${CUSTOMER.userId}) as country`);
    expect(rowsOf<{ country: string | null }>(userId)[0]!.country).toBe("US");
    expect(isSupportedCountry("US")).toBe(true);
  });
});

describe("the month of a range's end", () => {
  it("starts and ends at the reader's midnights and counts today as elapsed", () => {
    const month = monthOf("2025-03-16", "America/New_York", new Date("2025-03-20T03:30:00Z"));
    // 19 Mar, 23:30 in New York (EDT since 9 Mar).
    expect(month).toEqual({
      label: "2025-03",
      start: new Date("2025-03-01T05:00:00Z"),
      until: new Date("2025-03-20T03:30:00Z"),
      daysInMonth: 31,
      daysElapsed: 19,
    });
    expect(monthOf("2024-02-10", "UTC", new Date("2024-01-31T00:00:00Z"))).toMatchObject({ daysInMonth: 29, daysElapsed: 0 });
    expect(monthOf("2024-12-31", "UTC", new Date("2025-01-01T00:00:00Z"))).toMatchObject({ label: "2024-12", daysElapsed: 31 });
  });

  it("forecasts at the month's pace, rounded to the millionth, or not at all without a total", () => {
    expect(forecast("0.1944", 20, 31)).toBe("0.30132");
    expect(forecast("1.00", 3, 31)).toBe("10.333333");
    expect(forecast("2.00", 3, 31)).toBe("20.666667");
    expect(forecast(null, 20, 31)).toBeNull();
    expect(forecast("1.00", 0, 31)).toBeNull();
  });
});
