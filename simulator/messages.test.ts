import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import { control, gateway, setupTestSimulator, sign } from "./test/harness";
import type { AnyBody } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
const MAYA = "14155550123";
const env = setupTestSimulator();

const send = (message: Record<string, unknown>, to = MAYA) =>
  gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", to, ...message } });
const openWindow = (from = MAYA) => control(env.sim.url, "inbound", { phone_number_id: PHONE, from, type: "text", text: { body: "Hi there" } });

/** Every status the receiver got for one wamid, in arrival order. */
const statusesOf = (wamid: string): Array<Record<string, AnyBody>> =>
  env.receiver.received.flatMap((hook) => ((hook.body.entry[0]?.changes[0]?.value.statuses ?? []) as Array<Record<string, AnyBody>>).filter((status) => status.id === wamid));
const failedStatus = async (wamid: string) => {
  await env.receiver.waitFor((hook) => JSON.stringify(hook.body).includes(wamid) && JSON.stringify(hook.body).includes('"status":"failed"'));
  return statusesOf(wamid).find((status) => status.status === "failed") as Record<string, AnyBody>;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe("the 24-hour customer-service window", () => {
  it("accepts free-form outside the window, then fails it with a 131047 status only; opens on inbound, closes 24 h later while templates still work", async () => {
    const before = await send({ type: "text", text: { body: "Hello" } });
    expect(before.status).toBe(200);
    expect(before.body.messages[0].id).toMatch(/^wamid\./);
    expect(before.body.messages[0].message_status).toBeUndefined();
    const failed = await failedStatus(before.body.messages[0].id);
    expect(failed).toEqual({
      id: before.body.messages[0].id, status: "failed", timestamp: expect.stringMatching(/^\d+$/), recipient_id: MAYA,
      errors: [{
        code: 131047, title: "Re-engagement message", message: "Re-engagement message",
        error_data: { details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
        href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
      }],
    });
    await settle();
    expect(statusesOf(before.body.messages[0].id).map((status) => status.status)).toEqual(["failed"]);

    expect((await openWindow()).status).toBe(200);
    const inside = await send({ type: "text", text: { body: "Hello" } });
    expect(inside.status).toBe(200);
    expect(inside.body.contacts[0]).toEqual({ input: MAYA, wa_id: MAYA });
    expect(inside.body.messages[0].id).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);

    await control(env.sim.url, "clock", { advance_seconds: 24 * 3600 + 1 });
    const after = await send({ type: "text", text: { body: "Hello again" } });
    expect(after.status).toBe(200);
    expect((await failedStatus(after.body.messages[0].id)).errors[0].code).toBe(131047);

    const template = await send({ type: "template", template: { name: "hello_world", language: { code: "en_US" } } });
    expect(template.status).toBe(200);
    expect(template.body.messages[0].message_status).toBe("accepted");
    await env.receiver.waitFor((hook) => JSON.stringify(hook.body).includes(template.body.messages[0].id) && JSON.stringify(hook.body).includes('"status":"read"'));
  });

  it("answers 131047 synchronously (HTTP 400) after {window_error:\"sync\"}, until async or a reset of the faults", async () => {
    const switched = await control(env.sim.url, "faults", { window_error: "sync" });
    expect(switched.body.faults.window_error).toBe("sync");
    const refused = await send({ type: "text", text: { body: "Hello" } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      message: "(#131047) Re-engagement message", type: "OAuthException", code: 131047,
      error_data: { messaging_product: "whatsapp", details: expect.stringMatching(/more than 24 hours/) }, fbtrace_id: expect.any(String),
    });
    // Invalid sends are still refused for what is wrong with them first.
    expect((await send({ type: "text", text: { body: "" } })).body.error.code).toBe(100);

    await control(env.sim.url, "faults", { window_error: "async" });
    expect((await send({ type: "text", text: { body: "Hello" } })).status).toBe(200);
    await control(env.sim.url, "faults", { window_error: "sync" });
    expect((await control(env.sim.url, "faults", undefined, "DELETE")).body.faults.window_error).toBe("async");
    expect((await send({ type: "text", text: { body: "Hello" } })).status).toBe(200);
    await control(env.sim.url, "faults", { window_error: "sync" });
    await control(env.sim.url, "reset", {});
    expect((await control(env.sim.url, "faults")).body.faults.window_error).toBe("async");
    expect((await control(env.sim.url, "faults", { window_error: "later" })).status).toBe(400);
  });

  it("keeps windows per business number", async () => {
    await openWindow();
    const other = await gateway(env.sim.url, `${SEED.phoneNumbers.lumenUk}/messages`, { body: { messaging_product: "whatsapp", to: MAYA, type: "text", text: { body: "Hi" } } });
    expect(other.status).toBe(200);
    expect((await failedStatus(other.body.messages[0].id)).errors[0].code).toBe(131047);
  });
});

describe("status webhooks after an accepted send", () => {
  it("delivers sent → delivered → read, signed, with per-message pricing on sent and delivered and no conversation", async () => {
    await openWindow();
    const { body } = await send({ type: "text", text: { body: "Your order is ready" } });
    const wamid = body.messages[0].id as string;
    const statusOf = (name: string) => env.receiver.waitFor((hook) => JSON.stringify(hook.body).includes(wamid) && JSON.stringify(hook.body).includes(`"status":"${name}"`));
    const [sent, delivered, read] = await Promise.all([statusOf("sent"), statusOf("delivered"), statusOf("read")]);
    for (const hook of [sent, delivered, read]) expect(hook.headers["x-hub-signature-256"]).toBe(sign(hook.raw));
    const value = sent.body.entry[0]?.changes[0]?.value as { statuses: Array<Record<string, AnyBody>>; metadata: Record<string, string> };
    expect(sent.body.entry[0]?.id).toBe(SEED.wabas.lumen);
    expect(value.metadata).toEqual({ display_phone_number: "15550104821", phone_number_id: PHONE });
    const pricing = { billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" };
    expect(value.statuses[0]).toEqual({ id: wamid, status: "sent", timestamp: expect.stringMatching(/^\d+$/), recipient_id: MAYA, pricing });
    const statusIn = (hook: typeof sent) => (hook.body.entry[0]?.changes[0]?.value as { statuses: Array<Record<string, AnyBody>> }).statuses[0];
    expect(statusIn(delivered)).toMatchObject({ status: "delivered", pricing });
    expect(statusIn(read)?.pricing).toBeUndefined();
    for (const hook of [sent, delivered, read]) expect(statusIn(hook)?.conversation).toBeUndefined();
  });

  it("accepts a send to a number not on WhatsApp, then reports failed with 131026", async () => {
    const { status, body } = await send({ type: "template", template: { name: "hello_world", language: { code: "en_US" } } }, "99912345678");
    expect(status).toBe(200);
    const failed = await env.receiver.waitFor((hook) => JSON.stringify(hook.body).includes('"status":"failed"'));
    const entry = (failed.body.entry[0]?.changes[0]?.value as { statuses: Array<Record<string, AnyBody>> }).statuses[0];
    expect(entry).toMatchObject({ id: body.messages[0].id, status: "failed", errors: [{ code: 131026, title: "Message undeliverable" }] });
  });
});

const text = (value: string) => ({ type: "text", text: value });
const TEMPLATES = {
  utility: { type: "template", template: { name: "hello_world", language: { code: "en_US" } } },
  marketing: { type: "template", template: { name: "welcome_offer", language: { code: "en_US" }, components: [{ type: "body", parameters: [text("Maya")] }, { type: "button", sub_type: "copy_code", index: 0, parameters: [{ type: "coupon_code", coupon_code: "WELCOME10" }] }] } },
  authentication: { type: "template", template: { name: "login_code", language: { code: "en_US" }, components: [{ type: "body", parameters: [text("482913")] }, { type: "button", sub_type: "url", index: "0", parameters: [text("482913")] }] } },
};

/** Sends, then answers the `pricing` of the message's sent status. */
async function pricingOf(message: Record<string, unknown>, to = MAYA): Promise<Record<string, unknown>> {
  const answer = await send(message, to);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const wamid = answer.body.messages[0].id as string;
  const hook = await env.receiver.waitFor((candidate) => JSON.stringify(candidate.body).includes(wamid) && JSON.stringify(candidate.body).includes('"status":"sent"'));
  return (hook.body.entry[0]?.changes[0]?.value as { statuses: Array<{ pricing: Record<string, unknown> }> }).statuses[0]?.pricing ?? {};
}

describe("per-message pricing (PMP) on status webhooks", () => {
  it("bills templates outside the window and marketing or authentication always; service and utility are free inside it", async () => {
    expect(await pricingOf(TEMPLATES.utility)).toEqual({ billable: true, pricing_model: "PMP", type: "regular", category: "utility" });
    await openWindow();
    expect(await pricingOf(TEMPLATES.utility)).toEqual({ billable: false, pricing_model: "PMP", type: "free_customer_service", category: "utility" });
    expect(await pricingOf({ type: "text", text: { body: "Hi" } })).toEqual({ billable: false, pricing_model: "PMP", type: "free_customer_service", category: "service" });
    expect(await pricingOf(TEMPLATES.marketing)).toEqual({ billable: true, pricing_model: "PMP", type: "regular", category: "marketing" });
    expect(await pricingOf(TEMPLATES.authentication)).toEqual({ billable: true, pricing_model: "PMP", type: "regular", category: "authentication" });
    await control(env.sim.url, "clock", { advance_seconds: 24 * 3600 + 1 });
    expect(await pricingOf(TEMPLATES.utility)).toMatchObject({ billable: true, type: "regular" });
  });

  it("makes every message free for 72 hours after a click-to-WhatsApp referral (a free entry point)", async () => {
    const referral = { source_url: "https://fb.me/ad", source_type: "ad", source_id: "1234", headline: "Spring sale" };
    await control(env.sim.url, "inbound", { phone_number_id: PHONE, from: MAYA, type: "text", text: { body: "About this ad" }, referral });
    const free = { billable: false, pricing_model: "PMP", type: "free_entry_point", category: "referral_conversion" };
    expect(await pricingOf({ type: "text", text: { body: "Thanks for your interest" } })).toEqual(free);
    expect(await pricingOf(TEMPLATES.marketing)).toEqual(free);
    await control(env.sim.url, "clock", { advance_seconds: 48 * 3600 });
    await openWindow();
    expect(await pricingOf(TEMPLATES.marketing)).toEqual(free);
    await control(env.sim.url, "clock", { advance_seconds: 24 * 3600 });
    expect(await pricingOf(TEMPLATES.marketing)).toMatchObject({ billable: true, type: "regular", category: "marketing" });
  });
});

describe("message validation like the Cloud API", () => {
  it("names the field of a missing or invalid parameter (code 100)", async () => {
    await openWindow();
    const noProduct = await gateway(env.sim.url, `${PHONE}/messages`, { body: { to: MAYA, type: "text", text: { body: "x" } } });
    expect(noProduct.body.error.code).toBe(100);
    expect(noProduct.body.error.message).toContain("messaging_product");
    const long = await send({ type: "text", text: { body: "x".repeat(4097) } });
    expect(long.body.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining("text['body']") } });
    const caption = await send({ type: "image", image: { link: "https://cdn.example.com/a.jpg", caption: "c".repeat(1025) } });
    expect(caption.body.error.error_data.details).toContain("image['caption']");
    const noName = await send({ type: "contacts", contacts: [{ name: {} }] });
    expect(noName.body.error.error_data.details).toContain("formatted_name");
  });

  it("enforces interactive button and list limits", async () => {
    await openWindow();
    const reply = (id: string, title = id) => ({ type: "reply", reply: { id, title } });
    const buttons = (list: unknown[]) => send({ type: "interactive", interactive: { type: "button", body: { text: "Pick one" }, action: { buttons: list } } });
    expect((await buttons([reply("a"), reply("b"), reply("c")])).status).toBe(200);
    expect((await buttons([reply("a"), reply("b"), reply("c"), reply("d")])).body.error.error_data.details).toMatch(/between 1 and 3/);
    expect((await buttons([reply("a", "x".repeat(21))])).body.error.error_data.details).toMatch(/at most 20/);
    expect((await buttons([reply("a", "One"), reply("a", "Two")])).body.error.error_data.details).toMatch(/unique/);
    const rows = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index}`, title: `Row ${index}` }));
    const list = (sections: unknown[]) => send({ type: "interactive", interactive: { type: "list", body: { text: "Menu" }, action: { button: "Open menu", sections } } });
    expect((await list([{ title: "Coffee", rows: rows(5, "c") }, { title: "Tea", rows: rows(5, "t") }])).status).toBe(200);
    expect((await list([{ title: "Coffee", rows: rows(6, "c") }, { title: "Tea", rows: rows(5, "t") }])).body.error.error_data.details).toMatch(/at most 10 rows/);
    expect((await list([{ rows: rows(2, "c") }, { title: "Tea", rows: rows(2, "t") }])).body.error.error_data.details).toContain("['sections'][0]['title']");
    expect((await list([{ title: "Coffee", rows: [{ id: "r", title: "x".repeat(25) }] }])).body.error.error_data.details).toMatch(/at most 24/);
    expect((await list([{ title: "Coffee", rows: [{ id: "r", title: "ok", description: "d".repeat(73) }] }])).body.error.error_data.details).toMatch(/at most 72/);
  });

  it("accepts every free-form type inside the window", async () => {
    await openWindow();
    const context = { message_id: "wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTRGRjY0RjhCMzhCNEQ2NjlBOQA=" };
    const messages = [
      { type: "text", text: { body: "Hi", preview_url: true }, context },
      { type: "image", image: { id: "1480000000000001", caption: "Our logo" } },
      { type: "document", document: { id: "1480000000000002", filename: "prices.pdf" } },
      { type: "video", video: { link: "https://cdn.example.com/v.mp4" } },
      { type: "audio", audio: { link: "https://cdn.example.com/a.mp3" } },
      { type: "sticker", sticker: { link: "https://cdn.example.com/s.webp" } },
      { type: "location", location: { latitude: 52.52, longitude: 13.405, name: "Shop", address: "Main St 1" } },
      { type: "contacts", contacts: [{ name: { formatted_name: "Maya T" }, phones: [{ phone: "+14155550123", type: "CELL" }] }] },
      { type: "reaction", reaction: { message_id: context.message_id, emoji: "👍" } },
      { type: "reaction", reaction: { message_id: context.message_id, emoji: "" } },
    ];
    for (const message of messages) expect((await send(message)).status, JSON.stringify(message)).toBe(200);
    expect((await gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", status: "read", message_id: context.message_id } })).body).toEqual({ success: true });
  });

  it("refuses an unknown media id with 131053", async () => {
    await openWindow();
    const answer = await send({ type: "image", image: { id: "1999999999999999" } });
    expect(answer.body.error.code).toBe(131053);
  });
});

describe("template sends", () => {
  const template = (name: string, code: string, components?: unknown[]) => send({ type: "template", template: { name, language: { code }, components } });

  it("checks existence, language and status", async () => {
    const missing = await template("order_confirmation", "fr_FR");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 132001, error_data: { details: "template name (order_confirmation) does not exist in fr_FR" } });
    expect((await template("loyalty_points", "en_US", [{ type: "body", parameters: [text("a"), text("b"), text("c")] }])).body.error.code).toBe(132015);
    expect((await template("feedback_survey", "en_US")).body.error.code).toBe(132016);
    expect((await template("appointment_reminder", "en_US")).body.error.code).toBe(132001);
    expect((await template("flash_discount", "en_US")).body.error.code).toBe(132001);
  });

  it("counts parameters per component and checks formats and hydrated length", async () => {
    const full = [
      { type: "header", parameters: [text("#4512")] },
      { type: "body", parameters: [text("Maya"), { type: "currency", currency: { fallback_value: "$12.00", code: "USD", amount_1000: 12000 } }, { type: "date_time", date_time: { fallback_value: "Friday" } }] },
      { type: "button", sub_type: "url", index: "0", parameters: [text("4512")] },
    ];
    expect((await template("order_confirmation", "en_US", full)).status).toBe(200);
    const short = await template("order_confirmation", "en_US", [full[0], { type: "body", parameters: [text("Maya")] }, full[2]]);
    expect(short.body.error).toMatchObject({ code: 132000 });
    expect(short.body.error.error_data.details).toContain("body: number of localizable_params (1) does not match the expected number of params (3)");
    const noButton = await template("order_confirmation", "en_US", [full[0], full[1]]);
    expect(noButton.body.error.code).toBe(132000);
    const tooLong = await template("order_confirmation", "en_US", [full[0], { type: "body", parameters: [text("x".repeat(1000)), text("b"), text("c")] }, full[2]]);
    expect(tooLong.body.error.code).toBe(132005);
    const wrongHeader = await template("spring_sale", "en_US", [{ type: "header", parameters: [text("oops")] }, { type: "body", parameters: [text("a"), text("b"), text("c")] }]);
    expect(wrongHeader.body.error.code).toBe(132012);
    const image = await template("spring_sale", "en_US", [{ type: "header", parameters: [{ type: "image", image: { id: "1480000000000001" } }] }, { type: "body", parameters: [text("a"), text("b"), text("c")] }]);
    expect(image.status).toBe(200);
    const code = await template("welcome_offer", "en_US", [{ type: "body", parameters: [text("Arjun")] }, { type: "button", sub_type: "copy_code", index: 0, parameters: [{ type: "coupon_code", coupon_code: "WELCOME10" }] }]);
    expect(code.status).toBe(200);
    const otp = await template("login_code", "en_US", [{ type: "body", parameters: [text("482913")] }, { type: "button", sub_type: "url", index: "0", parameters: [text("482913")] }]);
    expect(otp.status).toBe(200);
  });
});
