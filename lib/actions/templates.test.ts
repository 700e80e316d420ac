/** The template manager's actions and sync on a real database, against the in-process simulator. */
import { eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findUserByEmail } from "@/db/queries/users";
import { connections, liveEvents, phoneNumbers, templates, users, wabas } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { openTestSessions } from "@/db/test-sessions";
import { syncAccounts } from "@/lib/accounts/sync";
import { simControl } from "@/lib/gateway/test-helpers";
import { translateMessage, type Translate } from "@/lib/i18n/translatable";
import { syncTemplates } from "@/lib/templates/sync";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { draftFromTemplate, emptyDraftButton, emptyTemplateDraft, type TemplateDraft } from "@/lib/whatsapp/template-draft";
import { unsendableReason } from "@/lib/whatsapp/template-kinds";
import { templateParameterFormat } from "@/lib/whatsapp/templates";
import en from "@/messages/en.json";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { createTemplateAction, deleteTemplateAction, syncTemplatesAction, updateTemplateAction } from "./templates";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: `test-session-${session.userId}`, expires: "" } : null) }));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const gatewayBox = vi.hoisted(() => ({ client: undefined as unknown as import("@/lib/gateway").GatewayClient }));
vi.mock("@/lib/gateway/server", () => ({ gateway: () => gatewayBox.client }));

const LUMEN_WABA = "102290129340398";
// The editor's problems come back as catalog messages, put into words in the browser: read here in English.
const english = createTranslator({ locale: "en", messages: en }) as unknown as Translate;
type Result = Awaited<ReturnType<typeof createTemplateAction>>;
const problemsOf = (result: Result) =>
  Object.fromEntries((result.data && !result.data.ok ? result.data.problems : []).map((problem) => [problem.field, translateMessage(english, problem.message)]));
let sim: RunningSimulator;
let control: ReturnType<typeof simControl>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null, templateReviewMs: 60_000 });
  control = simControl(sim.url);
  const { createGatewayClient } = await import("@/lib/gateway");
  gatewayBox.client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
});
afterAll(async () => {
  await sim?.close();
});

const draft = (changes: Partial<TemplateDraft> = {}): TemplateDraft => ({
  ...emptyTemplateDraft(),
  name: "autumn_news",
  category: "MARKETING",
  body: { text: "Hi {{1}}, our autumn roasts are here: try {{2}} this week.", examples: ["Ana", "Guji"] },
  buttons: [{ ...emptyDraftButton("QUICK_REPLY"), text: "Tell me more" }],
  ...changes,
});

describe.each(testDatabases)("template actions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const signInAs = async (email: string) => {
    session.userId = (await findUserByEmail(db(), email))!.id;
  };
  const simTemplates = async () => (await control.state()) as unknown as { templates: Array<{ id: string; name: string; language: string; status: string; waba_id: string }> };
  const mirror = () => db().select().from(templates).where(eq(templates.wabaId, LUMEN_WABA));

  beforeAll(async () => {
    handle = await testDatabase.open();
    await seedDemoUsers(handle.db);
    // These tests work on numbers of every connection (some of no known connection): everyone may see them all.
    await handle.db.update(users).set({ allConnections: true });
    await openTestSessions(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    database.handle = handle;
    await control.reset();
    await db().update(users).set({ selectedConnectionId: null });
    for (const table of [templates, phoneNumbers, wabas, connections]) await db().delete(table);
    await syncAccounts(db(), gatewayBox.client);
    await syncTemplates(db(), { wabaId: LUMEN_WABA }, gatewayBox.client);
  });

  it("syncs every template of the WABA, and marks status changes and templates gone at Meta with live events", async () => {
    const rows = await mirror();
    expect(rows).toHaveLength((await simTemplates()).templates.filter((t) => t.waba_id === LUMEN_WABA).length);
    const pending = rows.find((row) => row.name === "appointment_reminder")!;
    expect(pending.status).toBe("PENDING");
    await control.decideTemplate(pending.id, "APPROVED");
    const hello = rows.find((row) => row.name === "hello_world")!;
    await gatewayBox.client.templates.deleteTemplate(LUMEN_WABA, { name: "hello_world" });
    const before = (await db().select().from(liveEvents)).length;
    const result = await syncTemplates(db(), { wabaId: LUMEN_WABA }, gatewayBox.client);
    expect(result.statusChanges).toEqual(
      expect.arrayContaining([
        { templateId: pending.id, status: "APPROVED" },
        { templateId: hello.id, status: "DELETED" },
      ]),
    );
    expect(result.gone).toEqual([hello.id]);
    const events = (await db().select().from(liveEvents)).slice(before);
    // The event names its WABA and that one's connection, so only users of that connection receive it.
    expect(events.map((event) => event.payload)).toContainEqual({ templateId: pending.id, wabaId: LUMEN_WABA, connectionId: expect.any(String), status: "APPROVED" });
    // A second sync with nothing new changes nothing.
    expect((await syncTemplates(db(), { wabaId: LUMEN_WABA }, gatewayBox.client)).statusChanges).toEqual([]);
  });

  it("lets a marketer create a template: sent to Meta, mirrored PENDING, audited", async () => {
    await signInAs("marketer@demo.test");
    const result = await createTemplateAction({ wabaId: LUMEN_WABA, draft: draft() });
    expect(result.data?.ok).toBe(true);
    if (!result.data?.ok) return;
    expect(result.data.template).toMatchObject({ name: "autumn_news", language: "en_US", status: "PENDING", category: "MARKETING" });
    expect((await simTemplates()).templates.some((t) => t.name === "autumn_news")).toBe(true);
    const id = result.data.template.id;
    expect((await mirror()).find((row) => row.id === id)).toMatchObject({ status: "PENDING" });
    const [entry] = await latestAuditEntries(db(), 1);
    expect(entry).toMatchObject({ action: "template.created", targetId: result.data.template.id });
  });

  it("refuses a draft that breaks the rules at its fields, and sends nothing", async () => {
    await signInAs("marketer@demo.test");
    const result = await createTemplateAction({
      wabaId: LUMEN_WABA,
      draft: draft({ name: "hello_world", body: { text: "{{1}} is here {{3}}", examples: ["a"] }, footer: "x".repeat(61) }),
    });
    expect(result.data).toMatchObject({ ok: false, refusal: null });
    const problems = problemsOf(result);
    expect(problems.name).toMatch(/already exists in en_US/);
    expect(problems["body.text"]).toMatch(/numbered in order|start or end/);
    expect(problems.footer).toMatch(/at most 60 characters \(now 61\)/);
    expect((await simTemplates()).templates.filter((t) => t.name === "hello_world" && t.waba_id === LUMEN_WABA)).toHaveLength(1);
  });

  it("shows Meta's refusal at the field it concerns", async () => {
    await signInAs("marketer@demo.test");
    // Meta knows the name, the mirror does not yet: the lint passes and Meta refuses.
    await db().delete(templates).where(eq(templates.name, "spring_sale"));
    const result = await createTemplateAction({ wabaId: LUMEN_WABA, draft: draft({ name: "spring_sale" }) });
    expect(result.data).toMatchObject({ ok: false, problems: [{ field: "name" }] });
    expect(problemsOf(result).name).toMatch(/Already Exists/);
  });

  it("edits as Meta allows: an approved template goes back to review and keeps its category", async () => {
    await signInAs("admin@demo.test");
    const approved = (await mirror()).find((row) => row.name === "hello_world")!;
    const edited = { ...emptyTemplateDraft(), name: "ignored", language: "xx", category: "UTILITY" as const, body: { text: "Hello there, welcome to Lumen Coffee!", examples: [] } };
    const locked = await updateTemplateAction({ templateId: approved.id, draft: { ...edited, category: "MARKETING" } });
    expect(locked.data).toMatchObject({ ok: false, problems: [{ field: "category" }] });
    expect(problemsOf(locked).category).toBe("An approved template keeps its category: create a new template for another category.");
    const result = await updateTemplateAction({ templateId: approved.id, draft: edited });
    expect(result.data).toMatchObject({ ok: true, template: { id: approved.id, name: "hello_world", language: "en_US", status: "PENDING" } });
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "template.updated", targetId: approved.id });
    const again = await updateTemplateAction({ templateId: approved.id, draft: edited });
    expect(again.serverError?.message).toBe("This template cannot be edited now. It is in review: wait for Meta's decision before editing.");
  });

  it("deletes every language of a name, audited", async () => {
    await signInAs("marketer@demo.test");
    const result = await deleteTemplateAction({ wabaId: LUMEN_WABA, name: "order_confirmation" });
    expect(result.data).toEqual({ name: "order_confirmation", languages: ["en_US", "es_ES"] });
    expect((await mirror()).filter((row) => row.name === "order_confirmation")).toEqual([]);
    expect((await simTemplates()).templates.filter((t) => t.name === "order_confirmation" && t.waba_id === LUMEN_WABA)).toEqual([]);
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "template.deleted", details: { languages: ["en_US", "es_ES"] } });
  });

  it("lets an agent sync and read, but refuses create, edit and delete on the server, changing nothing", async () => {
    await signInAs("agent@demo.test");
    const count = (await simTemplates()).templates.filter((t) => t.waba_id === LUMEN_WABA).length;
    expect((await syncTemplatesAction({ wabaId: LUMEN_WABA })).data).toMatchObject({ fetched: count });
    const approved = (await mirror()).find((row) => row.name === "hello_world")!;
    const refusals = [
      await createTemplateAction({ wabaId: LUMEN_WABA, draft: draft() }),
      await updateTemplateAction({ templateId: approved.id, draft: draft() }),
      await deleteTemplateAction({ wabaId: LUMEN_WABA, name: "hello_world" }),
    ];
    for (const refused of refusals) expect(refused.serverError).toMatchObject({ code: "FORBIDDEN", message: "Your role (Agent) does not allow this." });
    expect((await simTemplates()).templates.filter((t) => t.waba_id === LUMEN_WABA)).toHaveLength(count);
    expect(await mirror()).toHaveLength(count);
  });

  it("keeps each template's kind of variables through the mirror, which stores only its components", async () => {
    const listed = await gatewayBox.client.templates.listAllTemplates(LUMEN_WABA);
    expect(listed.some((template) => template.parameter_format === "NAMED")).toBe(true);
    const rows = await mirror();
    for (const template of listed) {
      const row = rows.find((entry) => entry.id === template.id)!;
      expect([template.name, templateParameterFormat({ components: row.components })]).toEqual([template.name, template.parameter_format ?? "POSITIONAL"]);
    }
  });

  it("creates a template with named variables: parameter_format NAMED at Meta, named in the mirror", async () => {
    await signInAs("marketer@demo.test");
    const named = draft({
      name: "pickup_ready",
      category: "UTILITY",
      parameterFormat: "NAMED",
      header: { format: "TEXT", text: "Order {{order_id}}", example: "4821", handle: "" },
      body: {
        text: "Hi {{first_name}}, your order {{order_id}} is ready for pickup at our {{store}} shop today.",
        examples: [],
        namedExamples: { first_name: "Ana", order_id: "4821", store: "Main St" },
      },
    });
    const result = await createTemplateAction({ wabaId: LUMEN_WABA, draft: named });
    expect(result.data).toMatchObject({ ok: true });
    if (!result.data?.ok) return;
    const createdId = result.data.template.id;
    const atMeta = (await gatewayBox.client.templates.listAllTemplates(LUMEN_WABA)).find((template) => template.id === createdId)!;
    expect(atMeta.parameter_format).toBe("NAMED");
    expect(atMeta.components.find((component) => component.type === "BODY")?.example).toEqual({
      body_text_named_params: [
        { param_name: "first_name", example: "Ana" },
        { param_name: "order_id", example: "4821" },
        { param_name: "store", example: "Main St" },
      ],
    });
    const row = (await mirror()).find((entry) => entry.id === createdId)!;
    expect(templateParameterFormat(row)).toBe("NAMED");
    expect(draftFromTemplate(row).parameterFormat).toBe("NAMED");
  });

  it("edits an approved named template and it stays named, whatever kind the browser claims", async () => {
    await signInAs("marketer@demo.test");
    const listed = await gatewayBox.client.templates.listAllTemplates(LUMEN_WABA);
    const target = listed.find((template) => template.parameter_format === "NAMED" && template.status === "APPROVED" && !unsendableReason(template))!;
    const row = (await mirror()).find((entry) => entry.id === target.id)!;
    const current = draftFromTemplate(row);
    const edited: TemplateDraft = { ...current, parameterFormat: "POSITIONAL", footer: "Questions? Just reply to this message." };
    const result = await updateTemplateAction({ templateId: target.id, draft: edited });
    expect(result.data).toMatchObject({ ok: true, template: { id: target.id, status: "PENDING" } });
    const after = (await gatewayBox.client.templates.listAllTemplates(LUMEN_WABA)).find((template) => template.id === target.id)!;
    expect(after.parameter_format).toBe("NAMED");
    expect(templateParameterFormat((await mirror()).find((entry) => entry.id === target.id)!)).toBe("NAMED");
  });

  it("refuses to edit a template the editor cannot hold (carousel, offer, catalog, flow), sending nothing", async () => {
    await signInAs("admin@demo.test");
    const rows = (await mirror()).filter((row) => row.status === "APPROVED" && unsendableReason(row));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const result = await updateTemplateAction({ templateId: row.id, draft: draftFromTemplate(row) });
      expect(result.serverError).toMatchObject({ code: "NOT_EDITABLE", message: `This template (${unsendableReason(row)}) can't be edited from the dashboard yet: use WhatsApp Manager.` });
    }
    const atMeta = (await simTemplates()).templates.filter((t) => rows.some((row) => row.id === t.id));
    expect(atMeta.every((t) => t.status === "APPROVED")).toBe(true);
  });

  it("refuses an account outside the working connection", async () => {
    await signInAs("marketer@demo.test");
    const result = await createTemplateAction({ wabaId: "109876543210987", draft: draft() });
    expect(result.serverError).toMatchObject({ field: "wabaId", code: "NOT_FOUND" });
  });
});
