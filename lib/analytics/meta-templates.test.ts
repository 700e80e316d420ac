/**
 * Meta's template figures for the period's templates, on both databases, over a scripted gateway:
 * ten ids per call at the lowest priority, the period clipped to Meta's 90 days, data points summed per
 * template, and one account's Graph error told as a problem while the other's figures still come.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import type { AnalyticsQuery } from "@/db/queries/analytics-filters";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import { contacts, conversations, messages, phoneNumbers, templates } from "@/db/schema";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";
import { createGatewayClient } from "@/lib/gateway/client";
import type { GatewayPriority } from "@/lib/gateway/limiter";
import { graphErrorBody, jsonResponse, scriptedFetch, type RecordedCall } from "@/lib/gateway/test-helpers";
import { inEnglish } from "@/lib/i18n/translators";

import { metaTemplatesReport } from "./meta-templates";
import type { AnalyticsRequest } from "./types";
import type { ResolvedRange } from "./views";

const NOW = new Date("2026-03-31T12:00:00Z");
const RANGE: ResolvedRange = { preset: "custom", from: "2025-12-01", to: "2026-03-31", start: "2025-12-01T00:00:00.000Z", end: "2026-04-01T00:00:00.000Z", timeZone: "UTC", days: 121 };
const A_IDS = Array.from({ length: 11 }, (_, index) => `tpl-a-${index}`);

function request(filters: Partial<AnalyticsQuery> = {}): AnalyticsRequest {
  const query: AnalyticsQuery = {
    start: new Date(RANGE.start), end: new Date(RANGE.end), timeZone: "UTC", scope: ALL_CONNECTIONS,
    phoneNumberId: null, agentId: null, labelId: null, campaignId: null, ...filters,
  };
  return { query, range: RANGE, viewAll: true, userId: "00000000-0000-4000-8000-000000000001", now: NOW };
}

/** waba-a: 11 templates each sent once in March; waba-b: one template. */
async function insertFixture(handle: DatabaseHandle) {
  const db = handle.db;
  await insertTwoConnections(db);
  await db.insert(phoneNumbers).values([
    { id: "pn-a", wabaId: "waba-a", connectionId: "conn-a" },
    { id: "pn-b", wabaId: "waba-b", connectionId: "conn-b" },
  ]);
  await db.insert(templates).values([
    ...A_IDS.map((id, index) => ({ id, wabaId: "waba-a", name: `offer_${String(index).padStart(2, "0")}`, language: "en_US", category: "MARKETING", status: "APPROVED", components: [] })),
    { id: "tpl-b-0", wabaId: "waba-b", name: "receipt", language: "es", category: "UTILITY", status: "APPROVED", components: [] },
  ]);
  await db.insert(contacts).values([{ waId: "15550001001" }, { waId: "15550001002" }]);
  await db.insert(conversations).values([
    { id: "00000000-0000-4000-8000-0000000dd001", phoneNumberId: "pn-a", waId: "15550001001" },
    { id: "00000000-0000-4000-8000-0000000dd002", phoneNumberId: "pn-b", waId: "15550001002" },
  ]);
  const send = (conversationId: string, name: string, language: string, n: number) => ({
    conversationId, wamid: `wamid.meta${n}`, direction: "outbound" as const, type: "template", status: "delivered" as const,
    content: { template: { name, language: { code: language } } }, sentAt: new Date(Date.parse("2026-03-10T10:00:00Z") + n * 60_000),
  });
  await db.insert(messages).values([
    ...A_IDS.map((_, index) => send("00000000-0000-4000-8000-0000000dd001", `offer_${String(index).padStart(2, "0")}`, "en_US", index)),
    send("00000000-0000-4000-8000-0000000dd002", "receipt", "es", 99),
  ]);
}

/** Meta's answer for waba-a: two days per template asked (sent 3 + 2, delivered 2 + 1, read 1 + 0, clicks 1 + 2); waba-b's account refuses. */
function meta(call: RecordedCall): Response {
  const url = new URL(call.url);
  if (url.pathname.includes("/waba-b/")) return jsonResponse(graphErrorBody(100, { message: "(#100) Invalid parameter", error_data: { details: "Param template_ids contains tpl-b-0" } }), 400);
  const ids = JSON.parse(url.searchParams.get("template_ids")!) as string[];
  const start = Number(url.searchParams.get("start"));
  return jsonResponse({
    data: [{
      granularity: "DAILY",
      product_type: "cloud_api",
      data_points: ids.flatMap((id) => [
        { template_id: id, start, end: start + 86_400, sent: 3, delivered: 2, read: 1, clicked: [{ type: "quick_reply_button", button_content: "Yes", count: 1 }] },
        { template_id: id, start: start + 86_400, end: start + 172_800, sent: 2, delivered: 1, read: 0, clicked: [{ type: "url_button", button_content: "Shop", count: 2 }] },
      ]),
    }],
    paging: { cursors: { before: "b", after: "a" } },
  });
}

function client() {
  const { fetch, calls } = scriptedFetch([meta]);
  const priorities: Array<GatewayPriority | undefined> = [];
  const gateway = createGatewayClient({
    apiKey: "key-meta", gatewayUrl: "http://gateway.test", ctrlUrl: "http://ctrl.test", fetch, retry: { maxAttempts: 1 },
    limiter: { acquire: (_signal, priority) => { priorities.push(priority); return Promise.resolve(); } },
  });
  return { gateway, calls, priorities };
}

describe.each(testDatabases)("Meta's template figures on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabase.open();
    await insertFixture(handle);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("asks each account ten ids at a time over Meta's last 90 days, sums the days, and tells a failing account as a problem", async () => {
    const { gateway, calls, priorities } = client();
    const report = await metaTemplatesReport(handle.db, request(), { gateway, t: inEnglish });

    const aCalls = calls.filter((call) => call.url.includes("/waba-a/template_analytics"));
    expect(aCalls.map((call) => (JSON.parse(new URL(call.url).searchParams.get("template_ids")!) as string[]).length).sort()).toEqual([1, 10]);
    const asked = new URL(aCalls[0]!.url).searchParams;
    // Clipped: 90 days before today (UTC) to now, not the period's December start.
    expect(asked.get("start")).toBe(String(Date.parse("2025-12-31T00:00:00Z") / 1000));
    expect(asked.get("end")).toBe(String(NOW.getTime() / 1000));
    expect(asked.get("granularity")).toBe("DAILY");
    expect(JSON.parse(asked.get("metric_types")!)).toEqual(["SENT", "DELIVERED", "READ", "CLICKED"]);
    expect(aCalls.every((call) => call.headers.get("maton-connection") === "conn-a")).toBe(true);
    expect(new Set(priorities)).toEqual(new Set(["background"]));

    expect(report.available).toBe(false);
    expect(report.rows).toHaveLength(11);
    expect(report.rows[0]).toEqual({ templateId: "tpl-a-0", name: "offer_00", language: "en_US", sent: 5, delivered: 3, read: 1, clicked: 3 });
    expect(report.rows.every((row) => row.sent === 5 && row.clicked === 3)).toBe(true);
    expect(report.problems).toEqual([{ wabaId: "waba-b", code: 100, message: "Param template_ids contains tpl-b-0", explanation: expect.stringMatching(/\S/) }]);
  });

  it("keeps to the number's account, and asks nothing for a period Meta no longer keeps", async () => {
    const { gateway, calls } = client();
    const onlyA = await metaTemplatesReport(handle.db, request({ phoneNumberId: "pn-a" }), { gateway, t: inEnglish });
    expect(onlyA).toMatchObject({ available: true, problems: [] });
    expect(calls.every((call) => call.url.includes("/waba-a/"))).toBe(true);

    const old = request({ start: new Date("2025-10-01T00:00:00Z"), end: new Date("2025-11-01T00:00:00Z") });
    const before = calls.length;
    expect(await metaTemplatesReport(handle.db, old, { gateway, t: inEnglish })).toEqual({ range: RANGE, available: true, problems: [], rows: [] });
    expect(calls.length).toBe(before);
  });
});
