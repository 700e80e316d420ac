/**
 * The campaigns' routes for the dashboard on both databases: session, role and connection refusals;
 * the list and the detail with skipped recipients by reason; recipients page by page with filters;
 * failures grouped by error with the table's explanation; the CSV export.
 */
import { parse } from "csv-parse/sync";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { NUMBER, OTHER_NUMBER, seedBusinesses, userOf, type Role } from "@/app/api/v1/_operations/resources-test-setup";
import type { DatabaseHandle } from "@/db/client";
import { findConnectionScope } from "@/db/queries/connection-access";
import { campaignRecipients, campaigns, contacts, templates } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";
import { startCampaign, type CampaignActor } from "@/lib/campaigns/lifecycle";
import type { CampaignView, FailureGroup, RecipientView } from "@/lib/campaigns/types";

import { GET as detailRoute } from "./[campaignId]/route";
import { GET as exportRoute } from "./[campaignId]/export/route";
import { GET as failuresRoute } from "./[campaignId]/failures/route";
import { GET as planRoute } from "./[campaignId]/plan/route";
import { GET as recipientsRoute } from "./[campaignId]/recipients/route";
import { GET as listRoute } from "./route";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

const routeParams = (campaignId: string) => ({ params: Promise.resolve({ campaignId }) });
const request = (path: string, query: Record<string, string> = {}) => new Request(`http://127.0.0.1/api/campaigns${path}?${new URLSearchParams(query)}`);

interface RecipientPage {
  items: RecipientView[];
  nextCursor: string | null;
}

/**
 * The audience of the started campaign: each contact lands on one skip rule or is eligible. The two
 * "Same Number" contacts hold one number (the second written with Brazil's trunk 0): whichever is fixed
 * first is sent to, the other is the duplicate. The names of the first four are what a spreadsheet would run.
 */
const AUDIENCE = [
  { waId: "5511999990001", phoneNumber: "5511999990001", displayName: '=HYPERLINK("http://evil.test","x")', consent: "opted_in", attributes: { city: "Leeds" } },
  { waId: "5511999990002", phoneNumber: "5511999990002", displayName: "+SUM(1,2)", consent: "opted_in", attributes: { city: "York" } },
  { waId: "5511999990003", phoneNumber: "5511999990003", displayName: "-2+3", consent: "opted_in", attributes: { city: "Bath" } },
  { waId: "5511999990004", phoneNumber: "5511999990004", displayName: "@cmd", consent: "opted_in", attributes: { city: "Hull" } },
  { waId: "5511999990005", phoneNumber: "5511999990005", displayName: "Plain Person", consent: "opted_in", attributes: { city: "Ely" } },
  { waId: "5511999990006", phoneNumber: "5511999990006", displayName: "Opted Out", consent: "opted_out", attributes: { city: "Ely" } },
  { waId: "5511999990007", phoneNumber: "5511999990007", displayName: "Never Asked", consent: "unknown", attributes: { city: "Ely" } },
  { waId: "5511999990008", phoneNumber: "12", displayName: "Short Number", consent: "opted_in", attributes: { city: "Ely" } },
  { waId: "5511999990009", phoneNumber: "5511999990009", displayName: "Same Number A", consent: "opted_in", attributes: { city: "Ely" } },
  { waId: "55011999990009", phoneNumber: "55011999990009", displayName: "Same Number B", consent: "opted_in", attributes: { city: "Ely" } },
  { waId: "5511999990010", phoneNumber: "5511999990010", displayName: "No City", consent: "opted_in", attributes: {} },
  { waId: "5511999990011", phoneNumber: null, displayName: "No Number", consent: "opted_in", attributes: { city: "Ely" } },
] as const;

describe.each(testDatabases)("the campaigns' routes on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  let started: string;
  let draft: string;
  let elsewhere: string;

  const db = () => handle.db;
  const signInAs = async (role: Role) => {
    const user = await userOf(db(), role);
    session.current = { userId: user.id, sessionId: (await startSession(db(), { userId: user.id })).id };
  };
  const json = async <T>(response: Response | Promise<Response>): Promise<T> => (await response).json() as Promise<T>;
  const recipients = (campaignId: string, query: Record<string, string> = {}) => recipientsRoute(request(`/${campaignId}/recipients`, query), routeParams(campaignId));
  const contactIdOf = async (waId: string) => (await db().select({ id: contacts.id }).from(contacts).where(eq(contacts.waId, waId)))[0]!.id;
  /** Moves a recipient as the dispatch and the status webhooks would have. */
  const recipientBecomes = async (campaignId: string, waId: string, values: Partial<typeof campaignRecipients.$inferInsert>) =>
    db()
      .update(campaignRecipients)
      .set(values)
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.contactId, await contactIdOf(waId))));

  const newCampaign = (values: Partial<typeof campaigns.$inferInsert> & { name: string }) =>
    db()
      .insert(campaigns)
      .values({
        phoneNumberId: NUMBER,
        templateId: "t-spring",
        templateName: "spring_sale",
        templateLanguage: "en_US",
        templateCategory: "MARKETING",
        audience: { kind: "tags", tagIds: [] },
        mapping: { variables: { "body-1": { source: "attribute", key: "city" } } },
        ...values,
      })
      .returning()
      .then((rows) => rows[0]!.id);

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    await seedBusinesses(db());
    await db().insert(templates).values({
      id: "t-spring",
      wabaId: "waba-a",
      name: "spring_sale",
      language: "en_US",
      category: "MARKETING",
      status: "APPROVED",
      components: [{ type: "BODY", text: "Spring sale in {{1}} this week." }],
    });
    await db().insert(contacts).values(AUDIENCE.map((row) => ({ ...row })));
    const marketer = await userOf(db(), "marketer");
    const actor: CampaignActor = { id: marketer.id, name: marketer.name, email: marketer.email, role: "marketer", connections: await findConnectionScope(db(), marketer.id) };

    started = await newCampaign({ name: "Promoção de verão", createdById: marketer.id });
    const waIds = AUDIENCE.map((row) => row.waId as string);
    await startCampaign(db(), actor, started, {}, { queue: async () => undefined, audienceCondition: async () => inArray(contacts.waId, waIds) });
    await recipientBecomes(started, AUDIENCE[0].waId, { status: "failed", errorCode: 131026, errorTitle: "Message undeliverable", failedAt: new Date() });
    await recipientBecomes(started, AUDIENCE[1].waId, { status: "failed", errorCode: 131000, errorTitle: "Something went wrong", failedAt: new Date() });
    await recipientBecomes(started, AUDIENCE[2].waId, { status: "failed", errorCode: 131026, errorTitle: "Message undeliverable", failedAt: new Date() });
    await recipientBecomes(started, AUDIENCE[3].waId, { status: "delivered", sentAt: new Date(), deliveredAt: new Date() });

    draft = await newCampaign({ name: "Autumn draft", createdById: marketer.id });
    elsewhere = await newCampaign({ name: "Other business", phoneNumberId: OTHER_NUMBER, templateId: null, status: "finished", startedAt: new Date() });
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
  });

  it("answers 401 without a session, on every route", async () => {
    const params = routeParams(started);
    for (const response of [
      await listRoute(request("")),
      await detailRoute(request(`/${started}`), params),
      await recipients(started),
      await failuresRoute(request(`/${started}/failures`), params),
      await exportRoute(request(`/${started}/export`), params),
      await planRoute(request(`/${draft}/plan`), routeParams(draft)),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
  });

  it("lets agents read results (403 only where managing is needed: the plan)", async () => {
    await signInAs("agent");
    expect((await detailRoute(request(`/${started}`), routeParams(started))).status).toBe(200);
    expect((await recipients(started)).status).toBe(200);
    const plan = await planRoute(request(`/${draft}/plan`), routeParams(draft));
    expect(plan.status).toBe(403);
    expect(await plan.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("answers 404 for another connection's campaign (and a malformed id) to a user limited to theirs; the admin sees it", async () => {
    await signInAs("marketer");
    const params = routeParams(elsewhere);
    for (const response of [
      await detailRoute(request(`/${elsewhere}`), params),
      await recipients(elsewhere),
      await failuresRoute(request(`/${elsewhere}/failures`), params),
      await exportRoute(request(`/${elsewhere}/export`), params),
      await recipients("not-a-campaign"),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND", message: "This campaign does not exist." } });
    }
    expect((await json<CampaignView[]>(listRoute(request("")))).map((view) => view.name).sort()).toEqual(["Autumn draft", "Promoção de verão"]);

    await signInAs("admin");
    expect((await detailRoute(request(`/${elsewhere}`), params)).status).toBe(200);
    expect((await json<CampaignView[]>(listRoute(request("")))).map((view) => view.name)).toContain("Other business");
  });

  it("shows a started campaign's skipped recipients by reason; null for a draft, in the list and the detail", async () => {
    await signInAs("agent");
    const view = await json<CampaignView>(detailRoute(request(`/${started}`), routeParams(started)));
    expect(view.counts).toMatchObject({ audience: 12, eligible: 6, skipped: 6, pending: 2, sent: 1, delivered: 1, failed: 3 });
    expect(view.skippedByReason).toEqual({ opted_out: 1, no_consent: 1, invalid_number: 1, missing_variable: 1, duplicate: 1, no_number: 1 });

    const list = await json<CampaignView[]>(listRoute(request("")));
    expect(list.find((item) => item.id === started)!.skippedByReason).toEqual(view.skippedByReason);
    expect(list.find((item) => item.id === draft)!.skippedByReason).toBeNull();
    expect((await json<CampaignView>(detailRoute(request(`/${draft}`), routeParams(draft)))).skippedByReason).toBeNull();
    const sending = await json<CampaignView[]>(listRoute(request("", { status: "sending" })));
    expect(sending.map((item) => item.id)).toEqual([started]);
    expect((await listRoute(request("", { status: "bored" }))).status).toBe(400);
  });

  it("pages the recipients in a stable order, filtered by status and by skip reason", async () => {
    await signInAs("agent");
    const seen: RecipientView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: RecipientPage = await json<RecipientPage>(recipients(started, { limit: "4", ...(cursor ? { cursor } : {}) }));
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(12);
    expect(new Set(seen.map((item) => item.id)).size).toBe(12);
    expect(seen.map((item) => item.id)).toEqual([...seen.map((item) => item.id)].sort((a, b) => a - b));

    const duplicate = await json<RecipientPage>(recipients(started, { status: "skipped", reason: "duplicate" }));
    expect(duplicate.items.map((item) => [item.name?.replace(/ [AB]$/, ""), item.status, item.skipReason, item.phoneNumber])).toEqual([["Same Number", "skipped", "duplicate", "5511999990009"]]);
    expect(duplicate.nextCursor).toBeNull();
    const skipped = await json<RecipientPage>(recipients(started, { status: "skipped" }));
    expect(skipped.items.map((item) => item.skipReason).sort()).toEqual(["duplicate", "invalid_number", "missing_variable", "no_consent", "no_number", "opted_out"]);

    const failed = await json<RecipientPage>(recipients(started, { status: "failed" }));
    // Recipients are fixed in contact order, so the failures come in any order of these names.
    expect(Object.fromEntries(failed.items.map((item) => [item.name, item.error]))).toEqual({
      [AUDIENCE[0].displayName]: { code: 131026, title: "Message undeliverable", explanationKey: "codes.131026", retrySafe: false },
      [AUDIENCE[1].displayName]: { code: 131000, title: "Something went wrong", explanationKey: "codes.131000", retrySafe: true },
      [AUDIENCE[2].displayName]: { code: 131026, title: "Message undeliverable", explanationKey: "codes.131026", retrySafe: false },
    });
    const delivered = (await json<RecipientPage>(recipients(started, { status: "delivered" }))).items;
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ name: "@cmd", phoneNumber: "5511999990004", error: null, sentAt: expect.stringMatching(/Z$/), deliveredAt: expect.stringMatching(/Z$/) });
  });

  it("refuses a bad page parameter with 400 naming it", async () => {
    await signInAs("agent");
    for (const [query, field] of [
      [{ status: "bored" }, "status"],
      [{ status: "skipped", reason: "sleepy" }, "reason"],
      [{ cursor: "abc" }, "cursor"],
      [{ limit: "0" }, "limit"],
      [{ limit: "201" }, "limit"],
    ] as const) {
      const response = await recipients(started, query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "INVALID_INPUT", field } });
    }
  });

  it("groups failures by error code with the table's explanation and whether retrying is safe", async () => {
    await signInAs("agent");
    const response = await failuresRoute(request(`/${started}/failures`), routeParams(started));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual<FailureGroup[]>([
      { code: 131026, title: "Message undeliverable", explanationKey: "codes.131026", retrySafe: false, count: 2 },
      { code: 131000, title: "Something went wrong", explanationKey: "codes.131000", retrySafe: true, count: 1 },
    ]);
    expect(await json(failuresRoute(request(`/${draft}/failures`), routeParams(draft)))).toEqual([]);
  });

  it("exports every recipient as CSV: a header row, one row each, formulas neutralised, named after the campaign", async () => {
    await signInAs("agent");
    const response = await exportRoute(request(`/${started}/export`), routeParams(started));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Promo__o de ver_o-recipients.csv"; filename*=UTF-8''${encodeURIComponent("Promoção de verão-recipients.csv")}`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parse(new TextDecoder().decode(bytes)) as string[][];
    expect(header).toEqual(["Name", "Phone number", "Status", "Skipped because", "Error code", "Error", "Sent at", "Delivered at", "Read at", "Replied at", "Failed at", "Conversation"]);
    expect(rows).toHaveLength(AUDIENCE.length);
    const byName = (name: string) => rows.find((row) => row[0] === name)!;
    expect(byName(`'=HYPERLINK("http://evil.test","x")`).slice(0, 6)).toEqual([`'=HYPERLINK("http://evil.test","x")`, "+5511999990001", "Failed", "", "131026", "Message undeliverable"]);
    expect(byName("'+SUM(1,2)").slice(1, 5)).toEqual(["+5511999990002", "Failed", "", "131000"]);
    expect(byName("'-2+3")).toBeDefined();
    expect(byName("'@cmd").slice(1, 3)).toEqual(["+5511999990004", "Delivered"]);
    expect(byName("Plain Person").slice(1, 3)).toEqual(["+5511999990005", "Waiting"]);
    expect(rows.filter((row) => row[0]!.startsWith("Same Number")).map((row) => row.slice(1, 4)).sort()).toEqual([
      ["+5511999990009", "Skipped", "Duplicate"],
      ["+5511999990009", "Waiting", ""],
    ]);
    expect(byName("No Number").slice(1, 4)).toEqual(["", "Skipped", "No phone number"]);
    // Nothing else a spreadsheet would run is left anywhere in the file.
    expect(rows.flat().filter((cell) => /^[=+\-@]/.test(cell) && !/^\+\d+$/.test(cell))).toEqual([]);
  });
});
