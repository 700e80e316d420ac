/** The real client against the local simulator: media, templates, phone numbers, profile, webhooks, connections. */
import { createHash } from "node:crypto";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { type GatewayClient, createGatewayClient } from "./client";
import { GraphError, MatonError } from "./errors";
import { type SimState, simControl } from "./test-helpers";

let sim: RunningSimulator;
let control: ReturnType<typeof simControl>;
let client: GatewayClient;
let state: SimState;
let connectionId: string;
let wabaId: string;
let phoneNumberId: string;
let callbackServer: Server;
let callbackUrl: string;

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null, templateReviewMs: 600_000 });
  control = simControl(sim.url);
  client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, retry: { baseDelayMs: 20, maxDelayMs: 100 } });
  // Our webhook endpoint: answers Meta's GET handshake when the token matches.
  callbackServer = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const ok = url.searchParams.get("hub.verify_token") === "verify-me";
    res.writeHead(ok ? 200 : 403, { "content-type": "text/plain" });
    res.end(ok ? (url.searchParams.get("hub.challenge") ?? "") : "forbidden");
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, "127.0.0.1", resolve));
  callbackUrl = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/api/webhooks/whatsapp`;
});

afterAll(async () => {
  await sim?.close();
  await new Promise<void>((resolve) => callbackServer?.close(() => resolve()));
});

beforeEach(async () => {
  await control.reset();
  state = await control.state();
  const connection = state.connections.find((c) => c.status === "ACTIVE")!;
  connectionId = connection.connection_id;
  wabaId = connection.wabas[0]!.id;
  phoneNumberId = connection.wabas[0]!.phone_numbers[0]!.id;
});

describe("media", () => {
  it("uploads, looks up, downloads the same bytes (streamed) and deletes", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.4 an invoice for the contract test");
    const { id } = await client.media.uploadMedia(phoneNumberId, { file: new Blob([bytes]), mimeType: "application/pdf", filename: "invoice.pdf" }, { connectionId });
    const info = await client.media.getMedia(id, { phoneNumberId });
    expect(info).toMatchObject({ id, mime_type: "application/pdf", file_size: bytes.length });
    const download = await client.media.downloadMedia(id, { phoneNumberId, connectionId });
    const received = new Uint8Array(await new Response(download.body).arrayBuffer());
    expect(received).toEqual(bytes);
    expect(download.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    await expect(client.media.deleteMedia(id, { phoneNumberId })).resolves.toBe(true);
    const gone = await caught(client.media.getMedia(id));
    expect(gone).toBeInstanceOf(GraphError);
    expect((gone as GraphError).code).toBe(100);
  });

  it("reports Graph's 131053 when the file breaks the media rules (bypassing the client's own check)", async () => {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("file", new Blob([new Uint8Array(10)], { type: "image/gif" }), "a.gif");
    form.set("type", "image/gif");
    const error = (await caught(client.request({ plane: "graph", method: "POST", path: `${phoneNumberId}/media`, form }))) as GraphError;
    expect(error).toMatchObject({ code: 131053, title: "Media upload failed" });
  });
});

describe("templates", () => {
  it("pages with cursors and walks every page", async () => {
    const first = await client.templates.listTemplates(wabaId, { limit: 3 });
    expect(first.templates).toHaveLength(3);
    expect(first.paging.hasNext).toBe(true);
    const second = await client.templates.listTemplates(wabaId, { limit: 3, after: first.paging.after });
    expect(second.templates[0]!.id).not.toBe(first.templates[0]!.id);
    expect(second.paging.hasPrevious).toBe(true);
    const back = await client.templates.listTemplates(wabaId, { limit: 3, before: second.paging.before });
    expect(back.templates.map((t) => t.id)).toEqual(first.templates.map((t) => t.id));
    const all = await client.templates.listAllTemplates(wabaId, { pageSize: 4 });
    expect(all.length).toBe(state.templates.filter((t) => t.waba_id === wabaId).length);
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
  });

  it("filters by status, category, name and language", async () => {
    const approvedUtility = await client.templates.listAllTemplates(wabaId, { status: "APPROVED", category: "UTILITY" });
    expect(approvedUtility.length).toBeGreaterThan(0);
    expect(approvedUtility.every((t) => t.status === "APPROVED" && t.category === "UTILITY")).toBe(true);
    const spanish = await client.templates.listTemplates(wabaId, { name: "order_confirmation", language: "es_ES" });
    expect(spanish.templates.map((t) => `${t.name}/${t.language}`)).toEqual(["order_confirmation/es_ES"]);
  });

  it("creates, gets approved, edits and deletes by hsm_id and by name", async () => {
    const created = await client.templates.createTemplate(wabaId, {
      name: "contract_check",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hi {{1}}, your table is ready.", example: { body_text: [["Ana"]] } }],
    });
    expect(created).toMatchObject({ status: "PENDING", category: "UTILITY" });
    await control.decideTemplate(created.id, "APPROVED");
    const [approved] = (await client.templates.listTemplates(wabaId, { name: "contract_check" })).templates;
    expect(approved?.status).toBe("APPROVED");
    await expect(client.templates.editTemplate(created.id, { components: [{ type: "BODY", text: "Hello {{1}}, your table is ready now.", example: { body_text: [["Ana"]] } }] })).resolves.toBe(true);
    await client.templates.createTemplate(wabaId, { name: "contract_check", language: "de_DE", category: "UTILITY", components: [{ type: "BODY", text: "Hallo, Ihr Tisch ist bereit." }] });
    await expect(client.templates.deleteTemplate(wabaId, { name: "contract_check", hsmId: created.id })).resolves.toBe(true);
    expect((await client.templates.listTemplates(wabaId, { name: "contract_check" })).templates.map((t) => t.language)).toEqual(["de_DE"]);
    await expect(client.templates.deleteTemplate(wabaId, { name: "contract_check" })).resolves.toBe(true);
    expect((await client.templates.listTemplates(wabaId, { name: "contract_check" })).templates).toEqual([]);
  });

  it("passes Meta's refusal of a duplicate template through as a GraphError", async () => {
    const error = (await caught(client.templates.createTemplate(wabaId, { name: "hello_world", language: "en_US", category: "UTILITY", components: [{ type: "BODY", text: "Again" }] }))) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.graphTitle).toMatch(/Already Exists/);
  });
});

describe("phone numbers and profile", () => {
  it("gets one number and lists the WABA's", async () => {
    const number = await client.phoneNumbers.getPhoneNumber(phoneNumberId);
    expect(number).toMatchObject({ id: phoneNumberId, quality_rating: expect.any(String), messaging_limit_tier: expect.stringMatching(/^TIER_/) });
    const numbers = await client.phoneNumbers.listPhoneNumbers(wabaId);
    expect(numbers.map((n) => n.id).sort()).toEqual(state.connections[0]!.wabas[0]!.phone_numbers.map((n) => n.id).sort());
  });

  it("reads and updates the business profile", async () => {
    const before = await client.profile.getBusinessProfile(phoneNumberId);
    expect(before.about).toBeTruthy();
    await expect(client.profile.updateBusinessProfile(phoneNumberId, { about: "Fresh coffee daily", websites: ["https://lumen.example"], vertical: "RESTAURANT" })).resolves.toBe(true);
    expect(await client.profile.getBusinessProfile(phoneNumberId)).toMatchObject({ about: "Fresh coffee daily", websites: ["https://lumen.example"], vertical: "RESTAURANT" });
  });
});

describe("webhook overrides", () => {
  it("registers our callback on the WABA after the handshake, lists it and unsubscribes", async () => {
    await expect(client.webhooks.registerCallback(wabaId, { callbackUri: callbackUrl, verifyToken: "verify-me" })).resolves.toBe(true);
    expect((await client.webhooks.listSubscribedApps(wabaId))[0]?.override_callback_uri).toBe(callbackUrl);
    await expect(client.webhooks.unsubscribe(wabaId)).resolves.toBe(true);
    expect(await client.webhooks.listSubscribedApps(wabaId)).toEqual([]);
  });

  it("reports a failed handshake plainly", async () => {
    const error = (await caught(client.webhooks.registerCallback(wabaId, { callbackUri: callbackUrl, verifyToken: "wrong" }))) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.explanation.length).toBeGreaterThan(10);
  });

  it("registers a callback on one phone number", async () => {
    await expect(client.webhooks.registerPhoneNumberCallback(phoneNumberId, { callbackUri: callbackUrl, verifyToken: "verify-me" })).resolves.toBe(true);
    const number = (await control.state()).connections[0]!.wabas[0]!.phone_numbers.find((n) => n.id === phoneNumberId) as { override_callback_uri?: string };
    expect(number.override_callback_uri).toBe(callbackUrl);
  });
});

describe("connections (control plane)", () => {
  it("lists, creates, gets and deletes", async () => {
    const active = await client.connections.listConnections({ status: "ACTIVE" });
    expect(active.map((c) => c.connection_id)).toEqual(state.connections.filter((c) => c.status === "ACTIVE").map((c) => c.connection_id));
    const created = await client.connections.createConnection();
    expect(created).toMatchObject({ status: "PENDING", app: "whatsapp-business", url: expect.stringContaining("session_token=") });
    expect(await client.connections.getConnection(created.connection_id)).toMatchObject({ connection_id: created.connection_id });
    expect((await client.connections.listConnections()).some((c) => c.connection_id === created.connection_id)).toBe(true);
    await client.connections.deleteConnection(created.connection_id);
    const gone = (await caught(client.connections.getConnection(created.connection_id))) as MatonError;
    expect(gone).toBeInstanceOf(MatonError);
    expect(gone).toMatchObject({ status: 404, title: "Not found" });
  });

  it("routes by Maton-Connection: another account's number is only reachable with its connection", async () => {
    const other = state.connections.filter((c) => c.status === "ACTIVE")[1]!;
    const otherNumber = other.wabas[0]!.phone_numbers[0]!.id;
    await expect(client.phoneNumbers.getPhoneNumber(otherNumber, { connectionId: other.connection_id })).resolves.toMatchObject({ id: otherNumber });
    const error = (await caught(client.phoneNumbers.getPhoneNumber(otherNumber))) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.code).toBe(100);
  });
});
