/**
 * The analytics routes' doors on both databases: session and role refusals, an agent held to their own
 * figures, the search checked before anything is counted (range, number, agent, label, campaign), the
 * reader's time zone, and each report's shape.
 *
 * Fixture (hand-counted): on the agent's and marketer's number, one conversation assigned to the agent
 * and one to the marketer, each with one inbound message and one reply from its assignee, an hour apart,
 * in the last few hours.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { conversationWith, HOUR, messageIn, NUMBER, OTHER_NUMBER, seedBusinesses, userOf, type Role } from "@/app/api/v1/_operations/resources-test-setup";
import type { DatabaseHandle } from "@/db/client";
import { campaigns, conversationLabels, users } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import type {
  AnalyticsOptions,
  CampaignsReport,
  ConversationsReport,
  CostsReport,
  MetaTemplatesReport,
  TemplatesReport,
  WindowsReport,
} from "@/lib/analytics/views";
import { startSession } from "@/lib/auth/sessions";

import { GET as campaignsRoute } from "./campaigns/route";
import { GET as conversationsRoute } from "./conversations/route";
import { GET as costsRoute } from "./costs/route";
import { GET as optionsRoute } from "./options/route";
import { GET as metaTemplatesRoute } from "./templates/meta/route";
import { GET as templatesRoute } from "./templates/route";
import { GET as windowsRoute } from "./windows/route";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
// Meta's figures: the fixture has no template, so nothing is asked; a gateway that answers nothing all the same.
vi.mock("@/lib/gateway/server", () => {
  const client: Record<string, unknown> = { templates: { templateAnalytics: async () => [] } };
  client.withPriority = () => client;
  return { gateway: () => client };
});

type Route = (request: Request) => Promise<Response>;
const ROUTES = {
  options: optionsRoute,
  conversations: conversationsRoute,
  windows: windowsRoute,
  templates: templatesRoute,
  "templates/meta": metaTemplatesRoute,
  campaigns: campaignsRoute,
  costs: costsRoute,
} satisfies Record<string, Route>;
type Section = keyof typeof ROUTES;

const ask = (section: Section, query: Record<string, string> = {}) =>
  ROUTES[section](new Request(`http://127.0.0.1/api/analytics/${section}?${new URLSearchParams(query)}`));
const json = async <T>(response: Response | Promise<Response>): Promise<T> => (await response).json() as Promise<T>;
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

describe.each(testDatabases)("the analytics routes on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const ids = { agent: "", marketer: "", label: "", ownCampaign: "", otherCampaign: "" };
  const db = () => handle.db;
  const signInAs = async (role: Role) => {
    const user = await userOf(db(), role);
    session.current = { userId: user.id, sessionId: (await startSession(db(), { userId: user.id })).id };
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    await seedBusinesses(db());
    ids.agent = (await userOf(db(), "agent")).id;
    ids.marketer = (await userOf(db(), "marketer")).id;
    for (const assigneeId of [ids.agent, ids.marketer]) {
      const conversation = await conversationWith(db(), { assigneeId, wroteAgo: 2 * HOUR });
      await messageIn(db(), conversation.id, { direction: "inbound", sentAt: new Date(Date.now() - 2 * HOUR) });
      await messageIn(db(), conversation.id, { direction: "outbound", senderId: assigneeId, status: "sent", sentAt: new Date(Date.now() - HOUR) });
    }
    ids.label = (await db().insert(conversationLabels).values({ name: "VIP", color: "blue" }).returning())[0]!.id;
    const campaign = (phoneNumberId: string, name: string) => ({
      name,
      phoneNumberId,
      templateName: "spring_sale",
      templateLanguage: "en_US",
      templateCategory: "MARKETING",
      audience: { kind: "tags", tagIds: [] },
      mapping: {},
    });
    ids.ownCampaign = (await db().insert(campaigns).values(campaign(NUMBER, "Ours")).returning())[0]!.id;
    ids.otherCampaign = (await db().insert(campaigns).values(campaign(OTHER_NUMBER, "Theirs")).returning())[0]!.id;
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
  });

  it("answers 401 without a session, on every route", async () => {
    for (const section of Object.keys(ROUTES) as Section[]) {
      const response = await ask(section);
      expect(response.status, section).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
  });

  it("answers 403 to an agent on templates, Meta's figures, campaigns and costs; 200 on their own reports", async () => {
    await signInAs("agent");
    for (const section of ["templates", "templates/meta", "campaigns", "costs"] as const) {
      const response = await ask(section);
      expect(response.status, section).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    }
    for (const section of ["options", "conversations", "windows"] as const) expect((await ask(section)).status, section).toBe(200);
  });

  it("gives an agent their own figures whatever agent they ask for", async () => {
    await signInAs("admin");
    const everyone = await json<ConversationsReport>(ask("conversations", { preset: "last7" }));
    expect([everyone.totals.inbound, everyone.totals.outbound]).toEqual([2, 2]);
    const agentsOwn = await json<ConversationsReport>(ask("conversations", { preset: "last7", agent: ids.agent }));
    expect([agentsOwn.totals.inbound, agentsOwn.totals.outbound]).toEqual([1, 1]);

    await signInAs("agent");
    const asked = await ask("conversations", { preset: "last7", agent: ids.marketer });
    expect(asked.status).toBe(200);
    const theirs = (await asked.json()) as ConversationsReport;
    expect(theirs.totals).toEqual(agentsOwn.totals);
    expect(theirs.byAgent.map((row) => row.agentId)).not.toContain(ids.marketer);
    const windows = await json<WindowsReport>(ask("windows", { preset: "last7", agent: ids.marketer }));
    expect(windows.byAgent.map((row) => row.agentId)).not.toContain(ids.marketer);
    // Not even a bad id is looked at: the filter is not theirs to set.
    expect((await ask("conversations", { agent: "someone" })).status).toBe(200);
  });

  it("refuses a bad range with 400, naming the field and the limit, before counting anything", async () => {
    await signInAs("marketer");
    const tooLong = await ask("conversations", { from: "2023-01-01", to: "2024-12-31" });
    expect(tooLong.status).toBe(400);
    const body = (await tooLong.json()) as { error: { message: string; field: string; code: string } };
    expect(body.error).toMatchObject({ field: "to", code: "INVALID_INPUT" });
    expect(body.error.message).toContain("366");
    for (const [query, field] of [
      [{ preset: "fortnight" }, "preset"],
      [{ from: "2024-02-30", to: "2024-03-01" }, "from"],
      [{ from: "2024-03-01" }, "to"],
      [{ from: "2024-03-02", to: "2024-03-01" }, "to"],
    ] as const) {
      const response = await ask("costs", query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { field } });
    }
  });

  it("refuses with 400 a number, agent, label or campaign the reader cannot filter by", async () => {
    await signInAs("marketer");
    for (const [query, field] of [
      [{ number: OTHER_NUMBER }, "number"],
      [{ number: "pn-nowhere" }, "number"],
      [{ agent: "not-a-user" }, "agent"],
      [{ agent: MISSING_ID }, "agent"],
      [{ label: MISSING_ID }, "label"],
      [{ label: "vip" }, "label"],
      [{ campaign: ids.otherCampaign }, "campaign"],
      [{ campaign: MISSING_ID }, "campaign"],
    ] as const) {
      const response = await ask("conversations", query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { field, code: "INVALID_INPUT" } });
    }
    const filtered = await ask("conversations", { number: NUMBER, agent: ids.agent, label: ids.label, campaign: ids.ownCampaign });
    expect(filtered.status).toBe(200);

    await signInAs("admin");
    expect((await ask("windows", { number: OTHER_NUMBER, campaign: ids.otherCampaign })).status).toBe(200);
  });

  it("counts days in the user's saved time zone, else the browser's, else UTC", async () => {
    await signInAs("admin");
    const zoneOf = async (tz: string) => (await json<ConversationsReport>(ask("conversations", { preset: "today", tz }))).range.timeZone;
    expect(await zoneOf("America/New_York")).toBe("America/New_York");
    expect(await zoneOf("Not/AZone")).toBe("UTC");
    await db().update(users).set({ timeZone: "Asia/Tokyo" }).where(eq(users.id, ids.agent));
    try {
      await signInAs("agent");
      expect(await zoneOf("America/New_York")).toBe("Asia/Tokyo");
    } finally {
      await db().update(users).set({ timeZone: null }).where(eq(users.id, ids.agent));
    }
  });

  it("answers each report in its shape", async () => {
    await signInAs("admin");
    const query = { preset: "last7" };
    const options = await json<AnalyticsOptions>(ask("options", { preset: "bogus" }));
    expect(options.viewAll).toBe(true);
    expect(options.numbers.map((number) => number.id).sort()).toEqual([NUMBER, OTHER_NUMBER]);
    expect(options.labels.map((label) => label.id)).toEqual([ids.label]);

    const conversations = await json<ConversationsReport>(ask("conversations", query));
    expect(conversations.range).toMatchObject({ preset: "last7", days: 7, timeZone: "UTC" });
    expect(conversations.days).toHaveLength(7);
    expect(conversations.heatmap).toHaveLength(168);
    expect(conversations.heatmap.reduce((sum, cell) => sum + cell.inbound, 0)).toBe(2);

    const windows = await json<WindowsReport>(ask("windows", query));
    expect(windows.days).toHaveLength(7);
    expect(windows.totals).toEqual(expect.objectContaining({ waits: expect.any(Number), missed: 0 }));
    expect(windows.missed).toEqual([]);

    expect(await json<TemplatesReport>(ask("templates", query))).toEqual({ range: conversations.range, rows: [] });
    const meta = await json<MetaTemplatesReport>(ask("templates/meta", query));
    expect(meta).toMatchObject({ range: conversations.range, rows: [] });
    expect(typeof meta.available).toBe("boolean");
    const campaignsReport = await json<CampaignsReport>(ask("campaigns", query));
    expect(campaignsReport.range).toEqual(conversations.range);
    expect(Array.isArray(campaignsReport.rows)).toBe(true);
    const costs = await json<CostsReport>(ask("costs", query));
    expect(costs.days).toHaveLength(7);
    expect(costs.charged).toHaveProperty("unknownCount");
    expect(costs.month.daysInMonth).toBeGreaterThanOrEqual(28);

    await signInAs("agent");
    const own = await json<AnalyticsOptions>(ask("options"));
    expect(own).toMatchObject({ viewAll: false, agents: [], campaigns: [] });
    expect(own.numbers.map((number) => number.id)).toEqual([NUMBER]);
  });
});
