import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "./seed";
import type { WebhookReceiver } from "./test/harness";
import { control, gateway, setupTestSimulator, sign, startReceiver, startTestSimulator, waitFor } from "./test/harness";
import type { AnyBody } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
let override: WebhookReceiver;

// Registered before the shared setup: after-hooks run as a stack, so the simulator is reset (and closed) first.
beforeAll(async () => {
  override = await startReceiver("override-token");
});
afterAll(() => override.close());
afterEach(() => {
  env.receiver.answer(200);
  override.received.length = 0;
});
/** `env.receiver` stands for the dashboard's webhook route. */
const env = setupTestSimulator();

const inbound = (body: Record<string, unknown>) => control(env.sim.url, "inbound", { phone_number_id: PHONE, from: "14155550177", ...body });
const messageOf = (hook: { body: { entry: Array<{ changes: Array<{ value: Record<string, AnyBody> }> }> } }) => hook.body.entry[0]?.changes[0]?.value.messages?.[0];

describe("inbound webhooks", () => {
  it("delivers a signed inbound message shaped like Meta's and answers its wamid", async () => {
    const answer = await inbound({ name: "Daniel Okafor", type: "text", text: { body: "Is the shop open today?" } });
    expect(answer.status).toBe(200);
    const hook = env.receiver.received[0];
    expect(hook).toBeDefined();
    if (!hook) return;
    expect(hook.headers["x-hub-signature-256"]).toBe(sign(hook.raw));
    expect(hook.headers["x-hub-signature-256"]).not.toBe(sign(hook.raw, "another-secret"));
    expect(hook.body).toMatchObject({ object: "whatsapp_business_account", entry: [{ id: SEED.wabas.lumen, changes: [{ field: "messages" }] }] });
    const value = hook.body.entry[0]?.changes[0]?.value;
    expect(value).toMatchObject({ messaging_product: "whatsapp", metadata: { phone_number_id: PHONE }, contacts: [{ profile: { name: "Daniel Okafor" }, wa_id: "14155550177" }] });
    expect(messageOf(hook)).toMatchObject({ from: "14155550177", id: answer.body.wamid, type: "text", text: { body: "Is the shop open today?" } });
    expect(messageOf(hook).timestamp).toMatch(/^\d+$/);
  });

  it("produces every inbound type of the contract", async () => {
    const samples: Array<Record<string, unknown>> = [
      { type: "image", image: { caption: "Photo" } },
      { type: "video", video: {} },
      { type: "audio", audio: { voice: true, mime_type: "audio/ogg" } },
      { type: "document", document: { caption: "Invoice" } },
      { type: "sticker", sticker: {} },
      { type: "location", location: { latitude: 48.85, longitude: 2.35, name: "Louvre" } },
      { type: "contacts", contacts: [{ name: { formatted_name: "Ana Lima", first_name: "Ana" }, phones: [{ phone: "+55 11 91234 5678", wa_id: "5511912345678", type: "CELL" }] }] },
      { type: "interactive", interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes" } } },
      { type: "interactive", interactive: { type: "list_reply", list_reply: { id: "espresso", title: "Espresso", description: "Double shot" } } },
      { type: "button", button: { payload: "Stop promotions", text: "Stop promotions" } },
      { type: "reaction", reaction: { message_id: "wamid.HBgLMTQxNTU1NTAxNzcVAgARGBQxMjM0NTY3ODkwQUJDREVGMDEyMwA=", emoji: "❤️" } },
      { type: "order", order: { catalog_id: "887766", product_items: [{ product_retailer_id: "beans-1kg", quantity: 2, item_price: 24, currency: "USD" }], text: "For Friday" } },
      { type: "system", system: { body: "Daniel changed their phone number", type: "user_changed_number", wa_id: "14155550188" } },
      { type: "unsupported" },
      { type: "text", text: { body: "About this ad" }, referral: { source_url: "https://fb.me/ad", source_type: "ad", source_id: "1234", headline: "Spring sale" }, context: { from: "15550104821", id: "wamid.HBgLMTQxNTU1NTAxNzcVAgARGBQxMjM0NTY3ODkwQUJDREVGMDEyMwA=" } },
    ];
    for (const sample of samples) expect((await inbound(sample)).status, JSON.stringify(sample)).toBe(200);
    const messages = env.receiver.received.map(messageOf);
    expect(messages.map((message) => message.type)).toEqual(samples.map((sample) => sample.type));
    for (const kind of ["image", "video", "audio", "document", "sticker"]) {
      const media = messages.find((message) => message.type === kind)[kind];
      expect(media.id, kind).toMatch(/^\d+$/);
      expect(media.sha256, kind).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(messages.find((message) => message.type === "unsupported").errors[0].code).toBe(131051);
    expect(messages[messages.length - 1]).toMatchObject({ referral: { source_type: "ad" }, context: { from: "15550104821" } });
    expect((await inbound({ type: "text" })).status).toBe(400);
    expect((await control(env.sim.url, "inbound", { phone_number_id: "1", from: "14155550177", type: "text", text: { body: "x" } })).status).toBe(404);
  });
});

describe("loose payloads, edits, revokes and 2026 message types", () => {
  const ORIGINAL = "wamid.HBgLMTQxNTU1NTAxNzcVAgASGBQzQTRGRjY0RjhCMzhCNEQ2NjlBOQA=";
  const windowOpen = async () => (await control(env.sim.url, "state")).body.service_windows.some((window: AnyBody) => window.wa_id === "14155550177" && window.open);
  const freeForm = () => gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", to: "14155550177", type: "text", text: { body: "Hi" } } });

  it("sends the timestamp as a number when asked, as some real deliveries do", async () => {
    await inbound({ type: "text", text: { body: "number" }, timestamp_as: "number", timestamp: 1767225600 });
    await inbound({ type: "text", text: { body: "string" }, timestamp_as: "string", timestamp: 1767225600 });
    const [asNumber, asString] = env.receiver.received.map(messageOf);
    expect(asNumber.timestamp).toBe(1767225600);
    expect(asString.timestamp).toBe("1767225600");
    expect(env.receiver.received[0]?.raw).toContain('"timestamp":1767225600');
    expect((await inbound({ type: "text", text: { body: "x" }, timestamp_as: "date" })).status).toBe(400);
  });

  it("stores and forwards contact cards exactly as given, without validating them", async () => {
    const contacts = [{
      name: { formatted_name: "Tía Rosa" },
      emails: [{ email: "not an address", type: "HOME" }],
      birthday: "--05-17",
      phones: [{ phone: "call me maybe" }],
      addresses: [{ street: 42 }],
      org: { company: "" },
      urls: [{ url: "lumen coffee" }],
    }, { name: { first_name: "No formatted name" } }];
    expect((await inbound({ type: "contacts", contacts })).status).toBe(200);
    expect(env.receiver.received.map(messageOf)[0].contacts).toEqual(contacts);
  });

  it("delivers edits and revokes as Meta does, without opening the service window", async () => {
    const edit = { original_message_id: ORIGINAL, message: { type: "text", text: { body: "new text" } } };
    expect((await inbound({ type: "edit", edit })).status).toBe(200);
    expect((await inbound({ type: "revoke", revoke: { original_message_id: ORIGINAL } })).status).toBe(200);
    const [edited, revoked] = env.receiver.received.map(messageOf);
    expect(edited).toMatchObject({ from: "14155550177", type: "edit", edit });
    expect(edited.text).toBeUndefined();
    expect(revoked).toMatchObject({ type: "revoke", revoke: { original_message_id: ORIGINAL } });
    expect(await windowOpen()).toBe(false);
    const refused = await freeForm();
    expect(refused.status).toBe(200);
    const statusIn = (hook: { body: { entry: Array<{ changes: Array<{ value: Record<string, AnyBody> }> }> } }) => hook.body.entry[0]?.changes[0]?.value.statuses?.[0];
    const failed = await env.receiver.waitFor((hook) => statusIn(hook)?.id === refused.body.messages[0].id);
    expect(statusIn(failed)).toMatchObject({ status: "failed", errors: [{ code: 131047 }] });

    expect((await inbound({ type: "edit", edit: { message: { type: "text", text: { body: "x" } } } })).body.error.message).toContain("edit.original_message_id");
    expect((await inbound({ type: "edit", edit: { original_message_id: ORIGINAL } })).body.error.message).toContain("edit.message");
    expect((await inbound({ type: "revoke" })).status).toBe(400);
  });

  it("keeps system messages from opening the window", async () => {
    await inbound({ type: "system", system: { body: "User changed their user id", type: "user_changed_user_id" } });
    expect(await windowOpen()).toBe(false);
  });

  it("delivers request_welcome with no object, and it opens the window", async () => {
    const answer = await inbound({ type: "request_welcome" });
    expect(answer.status).toBe(200);
    const message = env.receiver.received.map(messageOf)[0];
    expect(Object.keys(message).sort()).toEqual(["from", "id", "timestamp", "type"]);
    expect(message.type).toBe("request_welcome");
    expect(await windowOpen()).toBe(true);
    expect((await freeForm()).status).toBe(200);
  });

  it("delivers a flow's nfm_reply as given, and it opens the window", async () => {
    const interactive = { type: "nfm_reply", nfm_reply: { name: "flow", body: "Sent", response_json: JSON.stringify({ flow_token: "booking-42", date: "2026-12-01" }) } };
    expect((await inbound({ type: "interactive", interactive, context: { from: "15550104821", id: ORIGINAL } })).status).toBe(200);
    expect(env.receiver.received.map(messageOf)[0]).toMatchObject({ type: "interactive", interactive, context: { id: ORIGINAL } });
    expect(await windowOpen()).toBe(true);
  });
});

describe("delivery: retries, refusal, faults", () => {
  it("retries a refused delivery with backoff until the target accepts, and says so in /_sim/webhooks", async () => {
    env.receiver.answer(500);
    const refused = await inbound({ type: "text", text: { body: "anyone there?" } });
    expect(refused.status).toBe(502);
    expect(refused.body.wamid).toMatch(/^wamid\./);
    expect(refused.body.error).toBe("HTTP 500");
    await new Promise((resolve) => setTimeout(resolve, 80));
    env.receiver.answer(200);
    const hook = await env.receiver.waitFor((candidate) => messageOf(candidate)?.id === refused.body.wamid, 3000);
    expect(hook.headers["x-hub-signature-256"]).toBe(sign(hook.raw));
    const record = (await control(env.sim.url, "webhooks?limit=1&payload=0")).body.deliveries[0];
    expect(record).toMatchObject({ state: "delivered", destinationKind: "default", signatureMode: "app-secret", field: "messages", lastStatus: 200 });
    expect(record.attempts).toBeGreaterThanOrEqual(2);
  });

  it("gives up after maxAttempts", async () => {
    env.receiver.answer(503);
    await inbound({ type: "text", text: { body: "hello?" } });
    const record = await waitFor(async () => {
      const latest = (await control(env.sim.url, "webhooks?limit=1&payload=0")).body.deliveries[0];
      return latest.state === "failed" ? latest : undefined;
    }, 3000);
    expect(record.attempts).toBe(4);
  });

  it("duplicates deliveries when asked to", async () => {
    await control(env.sim.url, "faults", { duplicate_webhooks: 1 });
    const { body } = await inbound({ type: "text", text: { body: "twice" } });
    await waitFor(() => (env.receiver.received.filter((hook) => messageOf(hook)?.id === body.wamid).length === 2 ? true : undefined));
  });
});

describe("webhook overrides through subscribed_apps", () => {
  it("verifies the override with Meta's handshake, then routes message webhooks there and template webhooks to the default", async () => {
    const subscribe = await gateway(env.sim.url, `${SEED.wabas.lumen}/subscribed_apps`, { body: { override_callback_uri: override.url, verify_token: "override-token" } });
    expect(subscribe.body).toEqual({ success: true });
    expect(override.handshakes[0]?.get("hub.mode")).toBe("subscribe");
    expect(override.handshakes[0]?.get("hub.challenge")).toBeTruthy();
    const listed = await gateway(env.sim.url, `${SEED.wabas.lumen}/subscribed_apps`);
    expect(listed.body.data[0]).toMatchObject({ whatsapp_business_api_data: { name: "Maton" }, override_callback_uri: override.url });

    const { body } = await inbound({ type: "text", text: { body: "to the override" } });
    expect(override.received.map(messageOf).map((message) => message.id)).toEqual([body.wamid]);
    expect(override.received[0]?.headers["x-hub-signature-256"]).toBe(sign(override.received[0]?.raw ?? ""));
    const sent = await gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", to: "14155550177", type: "text", text: { body: "Yes" } } });
    await override.waitFor((hook) => JSON.stringify(hook.body).includes(`"status":"read"`) && JSON.stringify(hook.body).includes(sent.body.messages[0].id));

    const template = await gateway(env.sim.url, `${SEED.wabas.lumen}/message_templates`, { body: { name: "override_check", language: "en_US", category: "UTILITY", components: [{ type: "BODY", text: "Thanks for visiting us today" }] } });
    await env.receiver.waitFor((hook) => hook.body.entry[0]?.changes[0]?.field === "message_template_status_update");
    expect(override.received.some((hook) => hook.body.entry[0]?.changes[0]?.field !== "messages")).toBe(false);
    expect(env.receiver.received.some((hook) => hook.body.entry[0]?.changes[0]?.field === "messages")).toBe(false);
    expect(template.status).toBe(200);

    expect((await gateway(env.sim.url, `${SEED.wabas.lumen}/subscribed_apps`, { method: "DELETE" })).body).toEqual({ success: true });
    expect((await gateway(env.sim.url, `${SEED.wabas.lumen}/subscribed_apps`)).body.data).toEqual([]);
  });

  it("refuses an override whose handshake fails, with Meta's 2200", async () => {
    const wrong = await gateway(env.sim.url, `${SEED.wabas.lumen}/subscribed_apps`, { body: { override_callback_uri: override.url, verify_token: "wrong" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe(2200);
    expect(wrong.body.error.message).toContain("403");
    const down = await gateway(env.sim.url, `${SEED.wabas.lumen}/subscribed_apps`, { body: { override_callback_uri: "http://127.0.0.1:9/hook", verify_token: "x" } });
    expect(down.body.error.code).toBe(2200);
    expect((await gateway(env.sim.url, `${SEED.wabas.lumen}/subscribed_apps`)).body.data[0].override_callback_uri).toBeUndefined();
  });

  it("signs override deliveries with a secret the dashboard does not know in Maton mode", async () => {
    const maton = await startTestSimulator({ webhookUrl: env.receiver.url, overrideSigning: "maton" });
    try {
      await gateway(maton.url, `${SEED.wabas.lumen}/subscribed_apps`, { body: { override_callback_uri: override.url, verify_token: "override-token" } });
      await control(maton.url, "inbound", { phone_number_id: PHONE, from: "14155550177", type: "text", text: { body: "hi" } });
      const hook = override.received[0];
      expect(hook?.headers["x-hub-signature-256"]).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(hook?.headers["x-hub-signature-256"]).not.toBe(sign(hook?.raw ?? ""));
      expect((await control(maton.url, "webhooks?limit=1")).body.deliveries[0].signatureMode).toBe("maton");
    } finally {
      await maton.close();
    }
  });

  it("records deliveries without sending when the default callback is Maton's own", async () => {
    const recorded = await startTestSimulator({ webhookUrl: null });
    try {
      const answer = await control(recorded.url, "inbound", { phone_number_id: PHONE, from: "14155550177", type: "text", text: { body: "hi" } });
      expect(answer.status).toBe(200);
      const record = (await control(recorded.url, "webhooks?limit=1")).body.deliveries[0];
      expect(record).toMatchObject({ state: "recorded", destination: null, field: "messages" });
      expect(record.payload.entry[0].changes[0].value.messages[0].id).toBe(answer.body.wamid);
    } finally {
      await recorded.close();
    }
  });
});
