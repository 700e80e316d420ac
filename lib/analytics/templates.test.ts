/**
 * The templates report against a hand-counted fixture, on both databases: what each template's sends
 * became (sent, delivered, read, replied within 24 hours, failed by error), and every filter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import type { AnalyticsQuery } from "@/db/queries/analytics-filters";
import { ALL_CONNECTIONS } from "@/db/queries/connection-access";
import {
  campaignRecipients,
  campaigns,
  contacts,
  conversationLabelLinks,
  conversationLabels,
  conversations,
  messages,
  phoneNumbers,
  templates,
  users,
} from "@/db/schema";
import { insertTwoConnections } from "@/db/test-connections";
import { testDatabases } from "@/db/test-databases";

import { templateSends, templatesReport } from "./templates";
import type { AnalyticsRequest } from "./types";
import type { ResolvedRange } from "./views";

const T = Date.parse("2026-03-10T12:00:00Z");
const at = (hours: number) => new Date(T + hours * 3_600_000);
const RANGE: ResolvedRange = {
  preset: "custom",
  from: "2026-03-01",
  to: "2026-03-31",
  start: "2026-03-01T00:00:00.000Z",
  end: "2026-04-01T00:00:00.000Z",
  timeZone: "UTC",
  days: 31,
};

const ids = {
  alice: "00000000-0000-4000-8000-00000000a11c",
  bob: "00000000-0000-4000-8000-000000000b0b",
  label: "00000000-0000-4000-8000-0000000001ab",
  campaign: "00000000-0000-4000-8000-00000000ca01",
  conv: (n: number) => `00000000-0000-4000-8000-0000000c0${String(n).padStart(3, "0")}`,
};

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
  return { query, range: RANGE, viewAll: true, userId: ids.alice, now: at(100) };
}

type Status = "pending" | "sent" | "delivered" | "read" | "failed";
let serial = 0;
function template(conversation: number, name: string, language: string, sentAt: Date, status: Status, senderId: string | null, error?: [number, string]) {
  serial += 1;
  return {
    conversationId: ids.conv(conversation),
    wamid: `wamid.tpl${serial}`,
    direction: "outbound" as const,
    type: "template",
    content: { template: { name, language: { code: language } } },
    sentAt,
    status,
    senderId,
    errorCode: error?.[0] ?? null,
    errorTitle: error?.[1] ?? null,
  };
}
function inbound(conversation: number, sentAt: Date, type = "text") {
  serial += 1;
  return { conversationId: ids.conv(conversation), wamid: `wamid.in${serial}`, direction: "inbound" as const, type, content: { [type]: { body: "hi" } }, sentAt };
}

/**
 * Hand count (T = 2026-03-10 12:00 UTC; conversations 1, 2, 3, 5 on number pn-a of waba-a, 4 on pn-b of waba-b):
 * order_update/en_US: #1 read (c1, alice, customer writes at T+2h → replied), #2 delivered (c2, alice, customer
 *   at T+25h: too late), #3 sent (c3, bob, customer wrote only before), #8 delivered (c4 on pn-b, alice, only a
 *   system message after), #9 pending (c1, no sender), #10 read but in February → sent 4, delivered 3, read 1, replied 1.
 * promo/es: #4 failed 131049 (c5, bob; the customer writes after, but a failed send is no reply), #5 failed 131026
 *   (alice), #6 failed 131049 (alice), #7 read (c2, alice, customer at T+25h = 20 h later → replied)
 *   → sent 1, delivered 1, read 1, replied 1, failed 3 (131049 ×2, 131026 ×1).
 */
async function insertFixture(handle: DatabaseHandle) {
  const db = handle.db;
  await insertTwoConnections(db);
  await db.insert(phoneNumbers).values([
    { id: "pn-a", wabaId: "waba-a", connectionId: "conn-a", displayPhoneNumber: "+1 555 0100" },
    { id: "pn-b", wabaId: "waba-b", connectionId: "conn-b", displayPhoneNumber: "+1 555 0200" },
  ]);
  await db.insert(users).values([
    { id: ids.alice, email: "alice@tpl.test", name: "Alice", passwordHash: "x", role: "agent" },
    { id: ids.bob, email: "bob@tpl.test", name: "Bob", passwordHash: "x", role: "agent" },
  ]);
  await db.insert(templates).values([
    { id: "tpl-a-ou", wabaId: "waba-a", name: "order_update", language: "en_US", category: "UTILITY", status: "APPROVED", components: [] },
    { id: "tpl-a-promo", wabaId: "waba-a", name: "promo", language: "es", category: "MARKETING", status: "APPROVED", components: [] },
    { id: "tpl-b-ou", wabaId: "waba-b", name: "order_update", language: "en_US", category: "UTILITY", status: "APPROVED", components: [] },
  ]);
  await db.insert(contacts).values([1, 2, 3, 4, 5].map((n) => ({ waId: `1555000000${n}`, phoneNumber: `1555000000${n}` })));
  await db.insert(conversations).values(
    [1, 2, 3, 4, 5].map((n) => ({ id: ids.conv(n), phoneNumberId: n === 4 ? "pn-b" : "pn-a", waId: `1555000000${n}` })),
  );
  await db.insert(conversationLabels).values({ id: ids.label, name: "VIP", color: "blue" });
  await db.insert(conversationLabelLinks).values({ conversationId: ids.conv(1), labelId: ids.label });
  await db.insert(campaigns).values({
    id: ids.campaign, name: "Spring", phoneNumberId: "pn-a", templateName: "order_update", templateLanguage: "en_US",
    templateCategory: "UTILITY", audience: { kind: "tags", tagIds: [] }, status: "finished", startedAt: at(-1),
  });
  await db.insert(campaignRecipients).values({ campaignId: ids.campaign, status: "delivered", clientKey: "tpl-campaign-1", conversationId: ids.conv(2) });
  await db.insert(messages).values([
    inbound(3, at(-1)),
    template(1, "order_update", "en_US", at(0), "read", ids.alice),
    template(2, "order_update", "en_US", at(0), "delivered", ids.alice),
    template(3, "order_update", "en_US", at(0), "sent", ids.bob),
    template(5, "promo", "es", at(1), "failed", ids.bob, [131049, "Not delivered to maintain healthy ecosystem engagement"]),
    template(5, "promo", "es", at(3), "failed", ids.alice, [131026, "Message undeliverable"]),
    template(5, "promo", "es", at(4), "failed", ids.alice, [131049, "Not delivered to maintain healthy ecosystem engagement"]),
    template(2, "promo", "es", at(5), "read", ids.alice),
    template(4, "order_update", "en_US", at(0), "delivered", ids.alice),
    template(1, "order_update", "en_US", at(6), "pending", null),
    template(1, "order_update", "en_US", new Date("2026-02-20T10:00:00Z"), "read", ids.alice),
    { conversationId: ids.conv(1), wamid: "wamid.text1", direction: "outbound" as const, type: "text", content: { text: { body: "x" } }, sentAt: at(1), status: "read" as const, senderId: ids.alice },
    inbound(1, at(2)),
    inbound(5, at(2)),
    inbound(2, at(25)),
    inbound(4, at(1), "system"),
  ]);
}

describe.each(testDatabases)("templates report on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabase.open();
    await insertFixture(handle);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const NOT_DELIVERED = "Not delivered to maintain healthy ecosystem engagement";

  it("counts each template's sends, deliveries, reads, replies within 24 hours and failures by error", async () => {
    const report = await templatesReport(handle.db, request());
    expect(report.range).toEqual(RANGE);
    expect(report.rows).toEqual([
      { name: "order_update", language: "en_US", category: "UTILITY", templateId: "tpl-a-ou", sent: 4, delivered: 3, read: 1, replied: 1, failed: 0, failures: [] },
      {
        name: "promo", language: "es", category: "MARKETING", templateId: "tpl-a-promo", sent: 1, delivered: 1, read: 1, replied: 1, failed: 3,
        failures: [
          { code: 131049, title: NOT_DELIVERED, count: 2 },
          { code: 131026, title: "Message undeliverable", count: 1 },
        ],
      },
    ]);
  });

  it("names each business account's own template for Meta's figures", async () => {
    const { byAccount } = await templateSends(handle.db, request());
    expect(byAccount).toEqual(
      expect.arrayContaining([
        { wabaId: "waba-a", name: "order_update", language: "en_US", templateId: "tpl-a-ou" },
        { wabaId: "waba-b", name: "order_update", language: "en_US", templateId: "tpl-b-ou" },
        { wabaId: "waba-a", name: "promo", language: "es", templateId: "tpl-a-promo" },
      ]),
    );
    expect(byAccount).toHaveLength(3);
  });

  it("filters by number (and its account's template id), by connection, by agent, by label and by campaign", async () => {
    const pnB = { name: "order_update", language: "en_US", category: "UTILITY", templateId: "tpl-b-ou", sent: 1, delivered: 1, read: 0, replied: 0, failed: 0, failures: [] };
    expect((await templatesReport(handle.db, request({ phoneNumberId: "pn-b" }))).rows).toEqual([pnB]);
    expect((await templatesReport(handle.db, request({ scope: { all: false, connectionIds: ["conn-b"] } }))).rows).toEqual([pnB]);

    const bob = (await templatesReport(handle.db, request({ agentId: ids.bob }))).rows;
    expect(bob.map(({ name, sent, delivered, failed, failures }) => ({ name, sent, delivered, failed, failures }))).toEqual([
      { name: "order_update", sent: 1, delivered: 0, failed: 0, failures: [] },
      { name: "promo", sent: 0, delivered: 0, failed: 1, failures: [{ code: 131049, title: NOT_DELIVERED, count: 1 }] },
    ]);

    const labelled = (await templatesReport(handle.db, request({ labelId: ids.label }))).rows;
    expect(labelled.map(({ name, sent, read, replied }) => ({ name, sent, read, replied }))).toEqual([{ name: "order_update", sent: 1, read: 1, replied: 1 }]);

    const campaign = (await templatesReport(handle.db, request({ campaignId: ids.campaign }))).rows;
    expect(campaign.map(({ name, sent, delivered, read, replied }) => ({ name, sent, delivered, read, replied }))).toEqual([
      { name: "order_update", sent: 1, delivered: 1, read: 0, replied: 0 },
      { name: "promo", sent: 1, delivered: 1, read: 1, replied: 1 },
    ]);
  });

  it("leaves out sends outside the period", async () => {
    const february = request({ start: new Date("2026-02-01T00:00:00Z"), end: new Date("2026-03-01T00:00:00Z") });
    expect((await templatesReport(handle.db, february)).rows.map(({ name, sent, read }) => ({ name, sent, read }))).toEqual([{ name: "order_update", sent: 1, read: 1 }]);
  });
});
