import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import type { AnyBody } from "./test/harness";
import { control, gateway, setupTestSimulator } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
const MAYA = "14155550123";
const env = setupTestSimulator();

const send = (message: Record<string, unknown>) =>
  gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", to: MAYA, ...message } });
const customerWrites = (body: Record<string, unknown> = { type: "text", text: { body: "Hi there" } }) =>
  control(env.sim.url, "inbound", { phone_number_id: PHONE, from: MAYA, ...body });
const interactive = (value: Record<string, unknown>) => send({ type: "interactive", interactive: value });
const ctaUrl = (overrides: Record<string, unknown> = {}, parameters: Record<string, unknown> = {}) => interactive({
  type: "cta_url",
  body: { text: "See today's roasts and order online." },
  action: { name: "cta_url", parameters: { display_text: "Open the shop", url: "https://shop.example.com/today", ...parameters } },
  ...overrides,
});
const locationRequest = (overrides: Record<string, unknown> = {}) => interactive({
  type: "location_request_message", body: { text: "Where should we deliver your order?" }, action: { name: "send_location" }, ...overrides,
});
const valueOf = (hook: { body: { entry: Array<{ changes: Array<{ value: Record<string, AnyBody> }> }> } }) => hook.body.entry[0]?.changes[0]?.value ?? {};

describe("interactive call-to-action URL buttons (cta_url)", () => {
  it("accepts Meta's shape with a header and footer, and is delivered like any message", async () => {
    await customerWrites();
    const answer = await ctaUrl({ header: { type: "text", text: "Fresh today" }, footer: { text: "Lumen Coffee" } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const wamid = answer.body.messages[0].id;
    await env.receiver.waitFor((hook) => valueOf(hook).statuses?.[0]?.id === wamid && valueOf(hook).statuses[0].status === "read");
    expect((await ctaUrl({ header: { type: "image", image: { id: "1480000000000001" } } })).status).toBe(200);
    expect((await ctaUrl({}, { url: "http://shop.example.com" })).status).toBe(200);
  });

  it("answers 131008 for a missing field, 131009 for a refused value and 100 for a wrong action name", async () => {
    await customerWrites();
    const noText = await ctaUrl({}, { display_text: undefined });
    expect(noText.body.error).toMatchObject({ code: 131008, message: "(#131008) Required parameter is missing", error_data: { details: expect.stringContaining("interactive['action']['parameters']['display_text']") } });
    expect((await ctaUrl({ body: undefined })).body.error.code).toBe(131008);
    expect((await ctaUrl({ action: { name: "cta_url" } })).body.error.error_data.details).toContain("interactive['action']['parameters']");
    const longText = await ctaUrl({}, { display_text: "x".repeat(21) });
    expect(longText.body.error).toMatchObject({ code: 131009, message: "(#131009) Parameter value is not valid", error_data: { details: expect.stringMatching(/display_text.*at most 20/) } });
    expect((await ctaUrl({}, { url: "ftp://shop.example.com" })).body.error).toMatchObject({ code: 131009, error_data: { details: expect.stringContaining("['url']") } });
    expect((await ctaUrl({}, { url: "not a url" })).body.error.code).toBe(131009);
    expect((await ctaUrl({ body: { text: "b".repeat(1025) } })).body.error).toMatchObject({ code: 131009, error_data: { details: expect.stringContaining("interactive['body']['text']") } });
    expect((await ctaUrl({ action: { name: "open_url", parameters: { display_text: "Go", url: "https://a.example.com" } } })).body.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining("interactive['action']['name']") } });
    expect((await ctaUrl({ footer: { text: "f".repeat(61) } })).body.error.code).toBe(100);
  });

  it("needs an open window (131047 as a failed status by default)", async () => {
    const answer = await ctaUrl();
    expect(answer.status).toBe(200);
    const failed = await env.receiver.waitFor((hook) => valueOf(hook).statuses?.[0]?.id === answer.body.messages[0].id);
    expect(valueOf(failed).statuses[0]).toMatchObject({ status: "failed", errors: [{ code: 131047 }] });
  });
});

describe("location requests (location_request_message)", () => {
  it("asks for the customer's location, and the customer answers with a location replying to it", async () => {
    await customerWrites();
    const request = await locationRequest();
    expect(request.status, JSON.stringify(request.body)).toBe(200);
    const wamid = request.body.messages[0].id as string;
    const location = { latitude: 52.5208, longitude: 13.4094, name: "Alexanderplatz", address: "10178 Berlin" };
    const answer = await customerWrites({ type: "location", location, context: { from: "15550104821", id: wamid } });
    expect(answer.status).toBe(200);
    const hook = await env.receiver.waitFor((candidate) => valueOf(candidate).messages?.[0]?.id === answer.body.wamid);
    expect(valueOf(hook).messages[0]).toMatchObject({ from: MAYA, type: "location", location, context: { from: "15550104821", id: wamid } });
  });

  it("refuses a missing body (131008), a long body (131009), a wrong action (100) and a header (100)", async () => {
    await customerWrites();
    expect((await locationRequest({ body: undefined })).body.error.code).toBe(131008);
    expect((await locationRequest({ body: { text: "x".repeat(1025) } })).body.error.code).toBe(131009);
    expect((await locationRequest({ action: undefined })).body.error.code).toBe(131008);
    expect((await locationRequest({ action: { name: "send_address" } })).body.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining("send_location") } });
    expect((await locationRequest({ header: { type: "text", text: "Hi" } })).body.error.code).toBe(100);
  });

  it("needs an open window, and the synchronous 131047 after window_error sync", async () => {
    await control(env.sim.url, "faults", { window_error: "sync" });
    const refused = await locationRequest();
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(131047);
  });
});

describe("typing indicators", () => {
  const typing = (messageId: string, indicator: unknown = { type: "text" }, phone: string = PHONE) =>
    gateway(env.sim.url, `${phone}/messages`, { body: { messaging_product: "whatsapp", status: "read", message_id: messageId, typing_indicator: indicator } });

  it("marks the customer's message read and shows typing…, recorded for tests", async () => {
    const inbound = await customerWrites();
    const answer = await typing(inbound.body.wamid);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ success: true });
    const listed = await control(env.sim.url, "typing");
    expect(listed.body.typing_indicators).toEqual([{ phone_number_id: PHONE, message_id: inbound.body.wamid, type: "text", at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);
    expect((await control(env.sim.url, "state")).body.typing_indicators).toEqual(listed.body.typing_indicators);
    await control(env.sim.url, "reset", {});
    expect((await control(env.sim.url, "typing")).body.typing_indicators).toEqual([]);
  });

  it("refuses an unknown message, a message of another number and an unknown indicator type with 100", async () => {
    const unknown = await typing("wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTRGRjY0RjhCMzhCNEQ2NjlBOQA=");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 100, message: "(#100) Invalid parameter", error_data: { details: expect.stringContaining("message_id") } });
    const inbound = await customerWrites();
    expect((await typing(inbound.body.wamid, { type: "text" }, SEED.phoneNumbers.lumenUk)).body.error.code).toBe(100);
    expect((await typing(inbound.body.wamid, { type: "audio" })).body.error.error_data.details).toContain("typing_indicator['type']");
    expect((await typing(inbound.body.wamid, "text")).body.error.code).toBe(100);
    expect((await control(env.sim.url, "typing")).body.typing_indicators).toEqual([]);
    // A plain mark-as-read still takes any wamid, as before.
    const read = await gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", status: "read", message_id: "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTRGRjY0RjhCMzhCNEQ2NjlBOQA=" } });
    expect(read.body).toEqual({ success: true });
  });
});
