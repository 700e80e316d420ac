/**
 * Campaigns through the public API with tokens, on both databases: create (draft or scheduled), read
 * with counts, the idempotent steps of its life, its recipients, and the refusals, each at its field.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { campaignRecipients, campaigns, templates } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { seedBook, type Book } from "@/lib/contacts/list-test-book";

import { GET as getCampaign } from "../campaigns/[campaign_id]/route";
import { POST as cancelCampaign } from "../campaigns/[campaign_id]/cancel/route";
import { POST as pauseCampaign } from "../campaigns/[campaign_id]/pause/route";
import { GET as listRecipients } from "../campaigns/[campaign_id]/recipients/route";
import { POST as resumeCampaign } from "../campaigns/[campaign_id]/resume/route";
import { POST as startCampaign } from "../campaigns/[campaign_id]/start/route";
import { GET as listCampaigns, POST as createCampaign } from "../campaigns/route";
import { apiRequest, NUMBER, OTHER_NUMBER, routeParams, tokenOf, type Role } from "./resources-test-setup";

const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
// The API signs no one in: only its tokens count (next-auth itself does not load under Vitest).
vi.mock("@/auth", () => ({ auth: async () => null }));
// Sending is the job engine's: here only what is queued is seen.
const queued = vi.hoisted(() => ({ jobs: [] as unknown[] }));
vi.mock("@/lib/jobs", () => ({ jobEngine: async () => ({ send: async (_job: unknown, data: unknown) => (queued.jobs.push(data), "job-id") }) }));

type Problem = { status: number; code: string; detail: string; errors?: Array<{ field: string; detail: string }> };
type Campaign = {
  id: string;
  name: string;
  status: string;
  template: { name: string; language: string; category: string };
  audience: { tags?: string[]; segment_id?: string; label: string };
  variables: Record<string, unknown>;
  scheduled_at: string | null;
  counts: Record<"audience" | "eligible" | "skipped" | "pending" | "sent" | "delivered" | "read" | "replied" | "failed" | "cancelled", number>;
};
type Recipient = { id: string; contact_id: string | null; status: string; skip_reason: string | null; phone_number: string | null };
type Page<T> = { data: T[]; next_cursor: string | null; total?: number };

const UTILITY = { name: "order_update", language: "en_US" };
const MARKETING = { name: "spring_sale", language: "en_US" };

describe.each(testDatabases)("campaigns in the API on $name", (testDatabase) => {
  let book: Book;
  const tokens = new Map<Role, string>();

  const create = (json: unknown, role: Role = "marketer", headers: Record<string, string> = {}) =>
    createCampaign(apiRequest("/campaigns", { token: tokens.get(role), json, headers }), routeParams());
  const created = async (json: unknown) => {
    const response = await create(json);
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
    return (await response.json()) as Campaign;
  };
  const get = (id: string, role: Role = "marketer") => getCampaign(apiRequest(`/campaigns/${id}`, { token: tokens.get(role) }), routeParams({ campaign_id: id }));
  const list = (query = "", role: Role = "marketer") => listCampaigns(apiRequest(`/campaigns${query}`, { token: tokens.get(role) }), routeParams());
  const steps = { start: startCampaign, pause: pauseCampaign, resume: resumeCampaign, cancel: cancelCampaign };
  const step = (name: keyof typeof steps, id: string, role: Role = "marketer", json?: unknown) =>
    steps[name](apiRequest(`/campaigns/${id}/${name}`, { method: "POST", token: tokens.get(role), json }), routeParams({ campaign_id: id }));
  const recipients = (id: string, query = "", role: Role = "agent") =>
    listRecipients(apiRequest(`/campaigns/${id}/recipients${query}`, { token: tokens.get(role) }), routeParams({ campaign_id: id }));
  const campaignCount = async () => (await database.handle.db.select({ id: campaigns.id }).from(campaigns)).length;
  /** A campaign on VIP (Ana opted in, Bruno unknown consent) with the marketing template. */
  const vipSale = (name: string) => ({
    name,
    phone_number_id: NUMBER,
    template: MARKETING,
    audience: { tags: ["VIP"] },
    variables: { first_name: { field: "name", fallback: "there" }, "body-code": { value: "SPRING25" } },
  });

  beforeAll(async () => {
    database.handle = await testDatabase.open();
    const { db } = database.handle;
    book = await seedBook(db);
    await db.insert(templates).values([
      {
        id: "t-order",
        wabaId: "waba-a",
        ...UTILITY,
        category: "UTILITY",
        status: "APPROVED",
        parameterFormat: "POSITIONAL",
        components: [{ type: "BODY", text: "Hi {{1}}, order {{2}} is ready.", example: { body_text: [["Ana", "A-1"]] } }],
      },
      {
        id: "t-sale",
        wabaId: "waba-a",
        ...MARKETING,
        category: "MARKETING",
        status: "APPROVED",
        parameterFormat: "NAMED",
        components: [{ type: "BODY", text: "Hello {{first_name}}, use {{code}} today.", example: { body_text_named_params: [{ param_name: "first_name", example: "Ana" }, { param_name: "code", example: "X" }] } }],
      },
      { id: "t-pending", wabaId: "waba-a", name: "new_offer", language: "en_US", category: "MARKETING", status: "PENDING", components: [{ type: "BODY", text: "Offer" }] },
    ]);
    for (const role of ["admin", "marketer", "agent"] as const) tokens.set(role, await tokenOf(db, role));
  });
  afterAll(async () => {
    await database.handle.close();
  });
  beforeEach(() => {
    queued.jobs.length = 0;
  });

  it("creates a draft from tags by name or id, variables by key or bare number, once per Idempotency-Key", async () => {
    const body = {
      name: "Orders ready",
      phone_number_id: NUMBER,
      template: UTILITY,
      audience: { tags: ["vip", book.tags.lisbon] },
      variables: { "body-1": { field: "name", fallback: "there" }, "2": { attribute: "orders", fallback: "-" } },
    };
    const first = await create(body, "marketer", { "Idempotency-Key": "campaign-1" });
    expect(first.status).toBe(201);
    const campaign = (await first.json()) as Campaign;
    expect(campaign).toMatchObject({
      name: "Orders ready",
      status: "draft",
      phone_number_id: NUMBER,
      template: { ...UTILITY, category: "UTILITY" },
      variables: { "body-1": { field: "name", fallback: "there" }, "body-2": { attribute: "orders", fallback: "-" } },
      scheduled_at: null,
    });
    expect([...campaign.audience.tags!].sort()).toEqual([book.tags.vip, book.tags.lisbon].sort());
    expect(queued.jobs).toEqual([]);

    const replay = await create(body, "marketer", { "Idempotency-Key": "campaign-1" });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as Campaign).id).toBe(campaign.id);
    const fetched = await get(campaign.id, "agent");
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(campaign);
  });

  it("refuses, naming each field as written, and creates nothing", async () => {
    const before = await campaignCount();
    const refusal = async (json: unknown, status = 422) => {
      const response = await create(json);
      expect(response.status).toBe(status);
      return (await response.json()) as Problem;
    };
    const base = vipSale("Refused");

    expect(await refusal({ ...base, phone_number_id: OTHER_NUMBER })).toMatchObject({ code: "INVALID_INPUT", errors: [{ field: "phone_number_id" }] });
    expect(await refusal({ ...base, template: { name: "new_offer", language: "en_US" } })).toMatchObject({
      code: "INVALID_INPUT",
      errors: [{ field: "template.name", detail: "No approved template “new_offer” in en_US." }],
    });
    const both = await refusal({ ...base, audience: { tags: ["VIP", "Gold"] }, variables: { ...base.variables, nope: { value: "x" } } });
    expect(both.errors?.map((error) => error.field).sort()).toEqual(["audience.tags.1", "variables.nope"]);
    expect(both.errors?.find((error) => error.field === "variables.nope")?.detail).toBe("This template has no variable named “nope”.");

    const invalid = await refusal({ ...base, name: "", audience: { tags: [] }, variables: { "body-code": { value: "x", fallback: "y" } }, scheduled_at: "tomorrow" }, 400);
    expect(invalid.code).toBe("INVALID_REQUEST");
    expect(invalid.errors?.map((error) => error.field)).toEqual(expect.arrayContaining(["name", "audience.tags", "variables.body-code", "scheduled_at"]));

    expect(await campaignCount()).toBe(before);
  });

  it("lets agents read campaigns and recipients, but not create or change them (403)", async () => {
    const campaign = await created(vipSale("Agents look"));
    for (const response of [await create(vipSale("Agent's"), "agent"), await step("start", campaign.id, "agent"), await step("cancel", campaign.id, "agent")]) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await get(campaign.id, "agent")).status).toBe(200);
    expect((await list("", "agent")).status).toBe(200);
    expect((await recipients(campaign.id, "", "agent")).status).toBe(200);
    expect(((await (await get(campaign.id)).json()) as Campaign).status).toBe("draft");
  });

  it("starts once, snapshotting who is sent to and who is skipped; pause, resume and cancel answer the same when repeated", async () => {
    const campaign = await created(vipSale("VIP sale"));
    const started = await step("start", campaign.id);
    expect(started.status).toBe(200);
    const sending = (await started.json()) as Campaign;
    expect(sending.status).toBe("sending");
    // Ana is opted in; Bruno's consent is unknown, so a marketing template skips him.
    expect(sending.counts).toMatchObject({ eligible: 1, skipped: 1 });
    expect(queued.jobs.length).toBeGreaterThan(0);

    const again = await step("start", campaign.id);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Campaign).status).toBe("sending");
    expect(await database.handle.db.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaign.id))).toHaveLength(2);

    for (const [name, status] of [["pause", "paused"], ["pause", "paused"], ["resume", "sending"], ["resume", "sending"], ["cancel", "cancelled"], ["cancel", "cancelled"]] as const) {
      const response = await step(name, campaign.id);
      expect(response.status, name).toBe(200);
      expect(((await response.json()) as Campaign).status, name).toBe(status);
    }
    const late = await step("resume", campaign.id);
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: "CONFLICT" });
  });

  it("creates a scheduled campaign with scheduled_at, sending nothing before then", async () => {
    const at = new Date(Date.now() + 24 * 60 * 60 * 1000);
    at.setUTCMilliseconds(0);
    const campaign = await created({ ...vipSale("Tomorrow"), scheduled_at: at.toISOString() });
    expect(campaign.status).toBe("scheduled");
    expect(new Date(campaign.scheduled_at!).getTime()).toBe(at.getTime());
    const listed = (await (await list("?status=scheduled")).json()) as Page<Campaign>;
    expect(listed.data.map((item) => item.id)).toContain(campaign.id);
    expect(queued.jobs).toEqual([]);

    const before = await campaignCount();
    const past = await create({ ...vipSale("Yesterday"), scheduled_at: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    expect(await past.json()).toMatchObject({ errors: [{ field: "scheduled_at" }] });
    const nowhere = await create({ ...vipSale("Nowhere"), scheduled_at: at.toISOString(), time_zone: "Mars/Olympus" });
    expect(nowhere.status).toBe(422);
    expect(await nowhere.json()).toMatchObject({ errors: [{ field: "time_zone" }] });
    expect(await campaignCount()).toBe(before);
  });

  it("pages recipients by status with the cursor it gives, counts what they reached, and refuses other cursors", async () => {
    const campaign = await created({ ...vipSale("Pages"), template: UTILITY, variables: { "1": { field: "name", fallback: "there" }, "2": { value: "A-1" } } });
    expect((await step("start", campaign.id)).status).toBe(200);
    // What the dispatcher and the status webhooks would record for Ana.
    await database.handle.db
      .update(campaignRecipients)
      .set({ status: "delivered", sentAt: new Date(), deliveredAt: new Date() })
      .where(and(eq(campaignRecipients.campaignId, campaign.id), eq(campaignRecipients.contactId, book.ids.ana)));

    const first = (await (await recipients(campaign.id, "?limit=1")).json()) as Page<Recipient>;
    expect(first.data).toHaveLength(1);
    expect(first.next_cursor).not.toBeNull();
    const second = (await (await recipients(campaign.id, `?limit=1&cursor=${first.next_cursor}`)).json()) as Page<Recipient>;
    expect(second.data).toHaveLength(1);
    expect(new Set([...first.data, ...second.data].map((recipient) => recipient.contact_id))).toEqual(new Set([book.ids.ana, book.ids.bruno]));

    const delivered = (await (await recipients(campaign.id, "?status=delivered")).json()) as Page<Recipient>;
    expect(delivered.data).toMatchObject([{ contact_id: book.ids.ana, status: "delivered", phone_number: "+351911000001", skip_reason: null }]);
    const counts = ((await (await get(campaign.id)).json()) as Campaign).counts;
    expect(counts).toMatchObject({ eligible: 2, skipped: 0, delivered: 1 });

    const otherFilter = await recipients(campaign.id, `?limit=1&status=pending&cursor=${first.next_cursor}`);
    expect(otherFilter.status).toBe(400);
    expect(await otherFilter.json()).toMatchObject({ code: "INVALID_CURSOR", errors: [{ field: "cursor" }] });
    expect((await recipients(campaign.id, "?cursor=not-ours")).status).toBe(400);
    expect((await recipients(campaign.id, "?status=lost")).status).toBe(400);
  });

  it("answers 404 for a campaign that does not exist and 400 for an id that cannot be one", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await get(missing)).status).toBe(404);
    expect((await step("pause", missing)).status).toBe(404);
    const malformed = await get("42");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ errors: [{ field: "campaign_id" }] });
  });

  it("lists newest first in pages that do not overlap, filtered by status and name", async () => {
    const all = (await (await list("?limit=100")).json()) as Page<Campaign>;
    expect(all.total).toBe(all.data.length);
    expect(all.data.length).toBeGreaterThanOrEqual(3);
    const first = (await (await list("?limit=2")).json()) as Page<Campaign>;
    const second = (await (await list(`?limit=2&cursor=${first.next_cursor}`)).json()) as Page<Campaign>;
    expect([...first.data, ...second.data].map((item) => item.id)).toEqual(all.data.slice(0, 4).map((item) => item.id));
    const drafts = (await (await list("?status=draft&q=orders")).json()) as Page<Campaign>;
    expect(drafts.data.map((item) => item.name)).toEqual(["Orders ready"]);
    expect((await list(`?status=draft&cursor=${first.next_cursor}`)).status).toBe(400);
  });
});
