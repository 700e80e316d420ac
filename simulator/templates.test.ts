import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import { control, gateway, setupTestSimulator, sign } from "./test/harness";

const WABA = SEED.wabas.lumen;
const env = setupTestSimulator({ simulator: { templateReviewMs: 150 } });

const definition = (name: string, body = "Hi {{1}}, your table for {{2}} is booked. See you soon!", extra: Record<string, unknown> = {}) => ({
  name, language: "en_US", category: "UTILITY",
  components: [{ type: "BODY", text: body, example: { body_text: [["Maya", "two"]] } }],
  ...extra,
});
const create = (body: unknown) => gateway(env.sim.url, `${WABA}/message_templates`, { body });
const statusUpdate = (name: string) =>
  env.receiver.waitFor((hook) => hook.body.entry[0]?.changes[0]?.field === "message_template_status_update" && hook.body.entry[0]?.changes[0]?.value.message_template_name === name);

describe("template lifecycle", () => {
  it("creates PENDING, approves after the review delay and announces it by a signed webhook", async () => {
    const created = await create(definition("table_booked"));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: "PENDING", category: "UTILITY" });
    const hook = await statusUpdate("table_booked");
    expect(hook.headers["x-hub-signature-256"]).toBe(sign(hook.raw));
    expect(hook.body.entry[0]?.id).toBe(WABA);
    expect(hook.body.entry[0]?.changes[0]?.value).toMatchObject({ event: "APPROVED", message_template_id: Number(created.body.id), message_template_language: "en_US" });
    const fetched = await gateway(env.sim.url, created.body.id);
    expect(fetched.body.status).toBe("APPROVED");
    await control(env.sim.url, "inbound", { phone_number_id: SEED.phoneNumbers.lumenUs, from: "14155550123", type: "text", text: { body: "hi" } });
    const sent = await gateway(env.sim.url, `${SEED.phoneNumbers.lumenUs}/messages`, { body: { messaging_product: "whatsapp", to: "14155550123", type: "template", template: { name: "table_booked", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: "Maya" }, { type: "text", text: "two" }] }] } } });
    expect(sent.status).toBe(200);
  });

  it("rejects by the documented rule, with a reason", async () => {
    await create(definition("please_reject_me"));
    const rejected = await statusUpdate("please_reject_me");
    expect(rejected.body.entry[0]?.changes[0]?.value).toMatchObject({ event: "REJECTED", reason: "INVALID_FORMAT" });
    await create(definition("big_deal", "Hi {{1}}, get 50% off your order for {{2}} today only at our shop!"));
    expect((await statusUpdate("big_deal")).body.entry[0]?.changes[0]?.value.reason).toBe("INCORRECT_CATEGORY");
    const list = await gateway(env.sim.url, `${WABA}/message_templates?name=big_deal`);
    expect(list.body.data[0]).toMatchObject({ status: "REJECTED", rejected_reason: "INCORRECT_CATEGORY" });
  });

  it("decides on demand through /_sim/templates/{id}/decide", async () => {
    const pending = (await gateway(env.sim.url, `${WABA}/message_templates?status=PENDING`)).body.data[0];
    expect(pending.name).toBe("appointment_reminder");
    const decided = await control(env.sim.url, `templates/${pending.id}/decide`, { status: "REJECTED", reason: "PROMOTIONAL" });
    expect(decided.body.template).toMatchObject({ status: "REJECTED", rejected_reason: "PROMOTIONAL" });
    expect((await statusUpdate("appointment_reminder")).body.entry[0]?.changes[0]?.value).toMatchObject({ event: "REJECTED", reason: "PROMOTIONAL" });
  });

  it("applies Meta's create rules with error 100 and the reason", async () => {
    const badName = await create(definition("Table Booked"));
    expect(badName.body.error).toMatchObject({ code: 100, error_user_title: "Invalid template name" });
    const duplicate = await create({ ...definition("order_confirmation"), language: "en_US" });
    expect(duplicate.body.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    const leading = await create(definition("leading_var", "{{1}} is waiting for you at the counter {{2}} today"));
    expect(leading.body.error.error_user_msg).toMatch(/start or end/);
    const adjacent = await create(definition("adjacent_vars", "Hello there {{1}} {{2}} is the booking you asked for"));
    expect(adjacent.body.error.error_user_title).toBe("Adjacent variables");
    const malformed = await create(definition("malformed_var", "Hello {{ 1 }} and welcome to the shop, {{2}}!"));
    expect(malformed.body.error.error_user_title).toBe("Invalid variable format");
    const dense = await create(definition("dense_vars", "Hi {{1}}, ok {{2}}."));
    expect(dense.body.error.error_user_title).toMatch(/Too many variables/);
    const noExample = await create({ ...definition("no_example"), components: [{ type: "BODY", text: "Hello {{1}}, welcome to our shop today!" }] });
    expect(noExample.body.error.error_user_title).toBe("Missing variable examples");
    const buttons = await create({ ...definition("bad_buttons"), components: [{ type: "BODY", text: "Hello there, friend" }, { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "A" }, { type: "URL", text: "Go", url: "https://x.example.com" }, { type: "QUICK_REPLY", text: "B" }] }] });
    expect(buttons.body.error.error_user_title).toBe("Buttons not grouped");
    const footer = await create({ ...definition("long_footer"), components: [{ type: "BODY", text: "Hello there, friend" }, { type: "FOOTER", text: "f".repeat(61) }] });
    expect(footer.body.error.error_user_title).toBe("Invalid footer");
  });

  it("edits a template back into review and deletes by name or hsm_id", async () => {
    const approved = (await gateway(env.sim.url, `${WABA}/message_templates?name=payment_reminder`)).body.data[0];
    const edited = await gateway(env.sim.url, approved.id, { body: { components: [{ type: "BODY", text: "Hi {{1}}, your invoice of {{2}} is due soon. Thanks!", example: { body_text: [["Jo", "$4"]] } }] } });
    expect(edited.body).toEqual({ success: true });
    expect((await gateway(env.sim.url, approved.id)).body.status).toBe("PENDING");
    await statusUpdate("payment_reminder");
    const spanish = (await gateway(env.sim.url, `${WABA}/message_templates?name=order_confirmation&language=es_ES`)).body.data[0];
    expect((await gateway(env.sim.url, `${WABA}/message_templates?name=order_confirmation&hsm_id=${spanish.id}`, { method: "DELETE" })).body).toEqual({ success: true });
    expect((await gateway(env.sim.url, `${WABA}/message_templates?name=order_confirmation`)).body.data).toHaveLength(1);
    await gateway(env.sim.url, `${WABA}/message_templates?name=order_confirmation`, { method: "DELETE" });
    expect((await gateway(env.sim.url, `${WABA}/message_templates?name=order_confirmation`)).body.data).toHaveLength(0);
    const missing = await gateway(env.sim.url, `${WABA}/message_templates?name=order_confirmation`, { method: "DELETE" });
    expect(missing.body.error.code).toBe(100);
  });
});

describe("template events (/_sim/template-event)", () => {
  const templateNamed = async (name: string) => (await gateway(env.sim.url, `${WABA}/message_templates?name=${name}`)).body.data[0];
  const event = (templateId: string, name: string, reason?: string) => control(env.sim.url, "template-event", { template_id: templateId, event: name, ...(reason ? { reason } : {}) });
  const updates = () => env.receiver.received.filter((hook) => hook.body.entry[0]?.changes[0]?.field === "message_template_status_update");
  const lastUpdate = () => updates().at(-1)?.body.entry[0]?.changes[0];
  const sendHelloWorld = () => gateway(env.sim.url, `${SEED.phoneNumbers.lumenUs}/messages`, { body: { messaging_product: "whatsapp", to: "14155550123", type: "template", template: { name: "hello_world", language: { code: "en_US" } } } });

  it("announces FLAGGED with the category and other_info, leaving the template APPROVED and sendable", async () => {
    const template = await templateNamed("hello_world");
    const answer = await event(template.id, "FLAGGED");
    expect(answer.status).toBe(200);
    expect(answer.body.template).toMatchObject({ id: template.id, status: "APPROVED", category: "UTILITY" });
    expect(lastUpdate()).toEqual({
      field: "message_template_status_update",
      value: {
        event: "FLAGGED", message_template_id: Number(template.id), message_template_name: "hello_world", message_template_language: "en_US",
        reason: "NONE", message_template_category: "UTILITY",
        other_info: { title: "FIRST_PAUSE", description: expect.stringContaining("hello_world") },
      },
    });
    expect(updates().at(-1)?.headers["x-hub-signature-256"]).toBe(sign(updates().at(-1)?.raw ?? ""));
    expect((await sendHelloWorld()).status).toBe(200);
    await event(template.id, "LOCKED");
    expect((await gateway(env.sim.url, template.id)).body.status).toBe("APPROVED");
  });

  it("moves the status as Meta would: PAUSED, then REINSTATED to APPROVED; DISABLED; ARCHIVED then UNARCHIVED", async () => {
    const template = await templateNamed("hello_world");
    await event(template.id, "PAUSED", "LOW_QUALITY");
    expect(lastUpdate()?.value).toMatchObject({ event: "PAUSED", reason: "LOW_QUALITY", other_info: { title: "FIRST_PAUSE" } });
    expect((await gateway(env.sim.url, template.id)).body.status).toBe("PAUSED");
    expect((await sendHelloWorld()).body.error.code).toBe(132015);

    await event(template.id, "REINSTATED");
    expect(lastUpdate()?.value).toMatchObject({ event: "REINSTATED", reason: "NONE", other_info: { title: "UNPAUSE" } });
    expect((await gateway(env.sim.url, template.id)).body.status).toBe("APPROVED");
    expect((await sendHelloWorld()).status).toBe(200);

    await event(template.id, "DISABLED");
    expect(lastUpdate()?.value).toMatchObject({ event: "DISABLED", disable_info: { disable_date: expect.any(Number) } });
    expect((await sendHelloWorld()).body.error.code).toBe(132016);

    await event(template.id, "ARCHIVED");
    expect((await gateway(env.sim.url, template.id)).body.status).toBe("ARCHIVED");
    await event(template.id, "UNARCHIVED");
    expect(lastUpdate()?.value.event).toBe("UNARCHIVED");
    expect((await gateway(env.sim.url, template.id)).body.status).toBe("APPROVED");
  });

  it("carries the category on review decisions too, and refuses unknown templates and events", async () => {
    await create(definition("category_check"));
    expect((await statusUpdate("category_check")).body.entry[0]?.changes[0]?.value).toMatchObject({ event: "APPROVED", reason: "NONE", message_template_category: "UTILITY" });
    expect((await event("1", "FLAGGED")).status).toBe(404);
    const template = await templateNamed("hello_world");
    expect((await event(template.id, "SNOOZED")).status).toBe(400);
  });
});

describe("template listing", () => {
  it("pages with cursors and a next URL, and filters by status, category and fields", async () => {
    const first = await gateway(env.sim.url, `${WABA}/message_templates?limit=5`);
    expect(first.body.data).toHaveLength(5);
    expect(first.body.paging.cursors.after).toBeTruthy();
    const nextPath = (first.body.paging.next as string).split("/whatsapp-business/v21.0/")[1] ?? "";
    const second = await gateway(env.sim.url, nextPath);
    expect(second.body.data).toHaveLength(5);
    const third = await gateway(env.sim.url, `${WABA}/message_templates?limit=5&after=${second.body.paging.cursors.after}`);
    expect(third.body.data).toHaveLength(5);
    const fourth = await gateway(env.sim.url, `${WABA}/message_templates?limit=5&after=${third.body.paging.cursors.after}`);
    expect(fourth.body.data).toHaveLength(4);
    expect(fourth.body.paging.next).toBeUndefined();
    const back = await gateway(env.sim.url, `${WABA}/message_templates?limit=5&before=${second.body.paging.cursors.before}`);
    expect(back.body.data.map((t: { id: string }) => t.id)).toEqual(first.body.data.map((t: { id: string }) => t.id));
    const ids = new Set([...first.body.data, ...second.body.data, ...third.body.data, ...fourth.body.data].map((t: { id: string }) => t.id));
    expect(ids.size).toBe(19);
    const marketing = await gateway(env.sim.url, `${WABA}/message_templates?category=MARKETING&status=APPROVED&fields=name,status`);
    expect(marketing.body.data.map((t: { name: string }) => t.name).sort()).toEqual(["autumn_catalog", "espresso_offer", "how_to_video", "roast_carousel", "spring_sale", "welcome_offer"]);
    expect(Object.keys(marketing.body.data[0]).sort()).toEqual(["id", "name", "status"]);
  });

  it("keeps each WABA's templates to its own connection", async () => {
    const harborTemplate = (await gateway(env.sim.url, `${SEED.wabas.harbor}/message_templates?limit=1`, { connection: SEED.connections.harbor })).body.data[0];
    const crossed = await gateway(env.sim.url, harborTemplate.id, { connection: SEED.connections.lumen });
    expect(crossed.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
