/** The template header sample upload action on a real database, against the in-process simulator. */
import { createFormatter, createTranslator } from "next-intl";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { users } from "@/db/schema";
import { openTestSessions } from "@/db/test-sessions";
import { syncAccounts } from "@/lib/accounts/sync";
import { simControl } from "@/lib/gateway/test-helpers";
import type { Locale } from "@/i18n/locales";
import { formatFileSize } from "@/lib/i18n/format";
import { translateMessage, type Translate } from "@/lib/i18n/translatable";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { draftCreateBody, emptyTemplateDraft } from "@/lib/whatsapp/template-draft";
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import { SEED } from "@/simulator/seed";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { createTemplateAction, uploadTemplateHeaderSampleAction } from "./templates";
import { HEADER_SAMPLE_UPLOAD_LIMIT, checkHeaderSample as checkSaid, headerSampleRuleText, type MediaHeaderFormat } from "./templates.schema";

const CATALOGS = { en, es, ar } as const;
/** The check as a reader of `locale` reads it: sizes written their way, the reason in their words. */
function readerOf(locale: keyof typeof CATALOGS & Locale) {
  const t = createTranslator({ locale, messages: CATALOGS[locale] }) as unknown as Translate;
  const format = createFormatter({ locale, timeZone: "UTC" });
  const size = (bytes: number) => formatFileSize(format, bytes);
  return {
    size,
    check: (kind: MediaHeaderFormat, file: { type: string; size: number }) => {
      const result = checkSaid(kind, file, size);
      return result.ok ? result : { ok: false, reason: translateMessage(t, result.reason) };
    },
    rule: (kind: MediaHeaderFormat) => translateMessage(t, headerSampleRuleText(kind, size)),
  };
}
const checkHeaderSample = readerOf("en").check;

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: `test-session-${session.userId}`, expires: "" } : null) }));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const gatewayBox = vi.hoisted(() => ({ client: undefined as unknown as import("@/lib/gateway").GatewayClient }));
vi.mock("@/lib/gateway/server", () => ({ gateway: () => gatewayBox.client }));

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const LUMEN_WABA = "102290129340398";

let sim: RunningSimulator;
let control: ReturnType<typeof simControl>;
let handle: DatabaseHandle;

const signInAs = async (email: string) => {
  session.userId = (await findUserByEmail(handle.db, email))!.id;
};

function sampleForm(file: Blob | string, fields: { wabaId?: string; format?: string; name?: string } = {}): FormData {
  const form = new FormData();
  form.set("wabaId", fields.wabaId ?? LUMEN_WABA);
  form.set("format", fields.format ?? "IMAGE");
  if (typeof file === "string") form.set("file", file);
  else form.set("file", file, fields.name ?? (file instanceof File ? file.name : "sample.png"));
  return form;
}

type LoggedRequest = { method: string; path: string; connection?: string };
let seen = 0;
/** The requests of the Resumable Upload API the simulator received since the test began, oldest first. */
async function uploadRequests(): Promise<LoggedRequest[]> {
  const response = await fetch(`${sim.url}/_sim/requests?limit=10000`);
  const { requests } = (await response.json()) as { requests: LoggedRequest[] };
  return requests
    .reverse()
    .slice(seen)
    .filter((request) => request.path.includes("app/uploads") || request.path.includes("upload:"));
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null, templateReviewMs: 60_000 });
  control = simControl(sim.url);
  const { createGatewayClient } = await import("@/lib/gateway");
  gatewayBox.client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
  handle = await testDatabases[0]!.open();
  database.handle = handle;
  await seedDemoUsers(handle.db);
  // These tests work on numbers of every connection (some of no known connection): everyone may see them all.
  await handle.db.update(users).set({ allConnections: true });
  await openTestSessions(handle.db);
});
afterAll(async () => {
  await handle?.close();
  await sim?.close();
});
beforeEach(async () => {
  await control.reset();
  await syncAccounts(handle.db, gatewayBox.client);
  seen = ((await (await fetch(`${sim.url}/_sim/requests?limit=10000`)).json()) as { requests: unknown[] }).requests.length;
});

describe("uploadTemplateHeaderSampleAction", () => {
  it("uploads a marketer's PNG through the resumable upload API and answers the handle, which a template can use", async () => {
    await signInAs("marketer@demo.test");
    const result = await uploadTemplateHeaderSampleAction(sampleForm(new File([PNG], "spring.png", { type: "image/png" })));
    expect(result.serverError).toBeUndefined();
    expect(result.data).toMatchObject({ format: "IMAGE", fileName: "spring.png", size: PNG.length, type: "image/png" });
    expect(result.data?.handle).toMatch(/\S/);
    const requests = await uploadRequests();
    expect(requests.map((request) => request.method)).toEqual(["POST", "POST"]);
    expect(requests[0]!.path).toMatch(/app\/uploads\?.*file_type=image%2Fpng/);
    expect(requests[1]!.path).toMatch(/upload:/);
    expect(requests.map((request) => request.connection)).toEqual([SEED.connections.lumen, SEED.connections.lumen]);

    const draft = {
      ...emptyTemplateDraft(),
      name: "spring_photo",
      header: { format: "IMAGE" as const, text: "", example: "", handle: result.data!.handle },
      body: { text: "Our spring roast is here, come and taste it this week.", examples: [] },
    };
    expect(draftCreateBody(draft).components[0]).toEqual({ type: "HEADER", format: "IMAGE", example: { header_handle: [result.data!.handle] } });
    const created = await createTemplateAction({ wabaId: LUMEN_WABA, draft });
    expect(created.data).toMatchObject({ ok: true, template: { name: "spring_photo", status: "PENDING" } });
  });

  it("refuses a file of the wrong type, or too large, naming the limit, and sends nothing", async () => {
    await signInAs("marketer@demo.test");
    const wrongType = await uploadTemplateHeaderSampleAction(sampleForm(new File(["GIF89a"], "a.gif", { type: "image/gif" })));
    expect(wrongType.serverError).toMatchObject({ code: "INVALID", field: "header.handle", message: expect.stringMatching(/JPEG or PNG of at most 960 kB.*image\/gif/) });
    const pdfAsImage = await uploadTemplateHeaderSampleAction(sampleForm(new File(["%PDF-1.4"], "a.pdf", { type: "application/pdf" })));
    expect(pdfAsImage.serverError?.message).toMatch(/The image sample must be a JPEG or PNG/);

    const big = new File([new Uint8Array(HEADER_SAMPLE_UPLOAD_LIMIT + 1)], "big.png", { type: "image/png" });
    const tooLarge = await uploadTemplateHeaderSampleAction(sampleForm(big));
    expect(tooLarge.serverError).toMatchObject({ code: "INVALID", field: "header.handle", message: expect.stringMatching(/at most 960 kB.*Meta takes up to 5 MB/) });
    const bigVideo = new File([new Uint8Array(HEADER_SAMPLE_UPLOAD_LIMIT + 1)], "clip.mp4", { type: "video/mp4" });
    expect((await uploadTemplateHeaderSampleAction(sampleForm(bigVideo, { format: "VIDEO" }))).serverError?.message).toMatch(
      /video sample must be at most 960 kB.*Meta takes up to 16 MB/,
    );
    const empty = await uploadTemplateHeaderSampleAction(sampleForm(new File([], "empty.png", { type: "image/png" })));
    expect(empty.serverError?.message).toMatch(/empty/);
    const noFile = await uploadTemplateHeaderSampleAction(sampleForm("not a file"));
    expect(noFile.validationErrors).toBeDefined();
    const textHeader = await uploadTemplateHeaderSampleAction(sampleForm(new File([PNG], "a.png", { type: "image/png" }), { format: "TEXT" }));
    expect(textHeader.validationErrors).toBeDefined();
    const htmlAsPng = await uploadTemplateHeaderSampleAction(sampleForm(new File(["<!doctype html><script>alert(1)</script>"], "a.png", { type: "image/png" })));
    expect(htmlAsPng.serverError).toMatchObject({ code: "INVALID", field: "header.handle", message: "This file is not a PNG image: its content looks like HTML." });

    expect(await uploadRequests()).toEqual([]);
  });

  it("refuses an agent (FORBIDDEN), and sends nothing", async () => {
    await signInAs("agent@demo.test");
    const result = await uploadTemplateHeaderSampleAction(sampleForm(new File([PNG], "a.png", { type: "image/png" })));
    expect(result.serverError).toMatchObject({ code: "FORBIDDEN" });
    expect(result.data).toBeUndefined();
    expect(await uploadRequests()).toEqual([]);
  });

  it("refuses an account outside the working connection, and sends nothing", async () => {
    await signInAs("marketer@demo.test");
    const result = await uploadTemplateHeaderSampleAction(sampleForm(new File([PNG], "a.png", { type: "image/png" }), { wabaId: "109876543210987" }));
    expect(result.serverError).toMatchObject({ code: "NOT_FOUND", field: "wabaId" });
    expect(await uploadRequests()).toEqual([]);
  });
});

describe("checkHeaderSample", () => {
  it("takes each format's types up to the action's limit", () => {
    expect(checkHeaderSample("IMAGE", { type: "image/jpeg", size: 1000 })).toEqual({ ok: true });
    expect(checkHeaderSample("VIDEO", { type: "video/mp4", size: HEADER_SAMPLE_UPLOAD_LIMIT })).toEqual({ ok: true });
    expect(checkHeaderSample("DOCUMENT", { type: "application/pdf", size: 10 })).toEqual({ ok: true });
    expect(checkHeaderSample("DOCUMENT", { type: "application/msword", size: 10 })).toMatchObject({ ok: false, reason: expect.stringMatching(/PDF of at most 960 kB/) });
    expect(checkHeaderSample("VIDEO", { type: "video/3gpp", size: 10 })).toMatchObject({ ok: false, reason: expect.stringMatching(/MP4/) });
    expect(checkHeaderSample("IMAGE", { type: "", size: 10 })).toEqual({ ok: false, reason: "The image sample must be a JPEG or PNG of at most 960 kB (this file is of unknown type)." });
  });

  it("words the rule and the refusal in the reader's language, sizes written their way", () => {
    const spanish = readerOf("es");
    const arabic = readerOf("ar");
    for (const reader of [spanish, arabic]) {
      const limit = reader.size(HEADER_SAMPLE_UPLOAD_LIMIT);
      const refusal = reader.check("IMAGE", { type: "image/png", size: HEADER_SAMPLE_UPLOAD_LIMIT + 1 }) as { ok: false; reason: string };
      expect(refusal.reason).toContain(limit);
      expect(refusal.reason).toContain(reader.size(5 * 1024 * 1024));
      expect(refusal.reason).not.toMatch(/sample must be/);
      expect(reader.rule("IMAGE")).toContain(limit);
      expect(reader.rule("IMAGE")).not.toMatch(/of at most/);
    }
    // Arabic writes its own digits and units; the size is not the English one.
    expect(arabic.size(HEADER_SAMPLE_UPLOAD_LIMIT)).not.toBe(readerOf("en").size(HEADER_SAMPLE_UPLOAD_LIMIT));
  });
});
