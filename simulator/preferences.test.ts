import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import type { ReceivedWebhook } from "./test/harness";
import { control, gateway, setupTestSimulator, sign, waitFor } from "./test/harness";
import type { AnyBody } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
const MAYA = "14155550123";
const { lucia, oliver } = SEED.usernames;
const env = setupTestSimulator();

const preferences = (body: Record<string, unknown>) => control(env.sim.url, "preferences", { phone_number_id: PHONE, ...body });
const changeOf = (hook: ReceivedWebhook | undefined) => hook?.body.entry[0]?.changes[0] as { field: string; value: Record<string, AnyBody> } | undefined;
const marketing = { type: "template", template: { name: "welcome_offer", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: "Maya" }] }, { type: "button", sub_type: "copy_code", index: 0, parameters: [{ type: "coupon_code", coupon_code: "WELCOME10" }] }] } };
const utility = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
const send = (message: Record<string, unknown>, to = MAYA, phone: string = PHONE, connection?: string) =>
  gateway(env.sim.url, `${phone}/messages`, { body: { messaging_product: "whatsapp", to, ...message }, connection });
const statusesFor = (wamid: string): Array<Record<string, AnyBody>> =>
  env.receiver.received.flatMap((hook) => (changeOf(hook)?.value.statuses ?? []) as Array<Record<string, AnyBody>>).filter((status) => status.id === wamid);
/** The message's statuses once the last one expected has arrived. */
const statusesUntil = (wamid: string, last: "failed" | "read" | "sent") =>
  waitFor(() => (statusesFor(wamid).some((status) => status.status === last) ? statusesFor(wamid) : undefined));

describe("marketing opt-outs (user_preferences)", () => {
  it("delivers Meta's user_preferences change, signed, for a customer known by number", async () => {
    const answer = await preferences({ from: MAYA, value: "stop" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ customer: { wa_id: MAYA, user_id: null }, value: "stop", destination: env.receiver.url });
    const hook = env.receiver.received[0];
    expect(hook?.headers["x-hub-signature-256"]).toBe(sign(hook?.raw ?? ""));
    expect(hook?.body.entry[0]?.id).toBe(SEED.wabas.lumen);
    expect(changeOf(hook)).toEqual({
      field: "user_preferences",
      value: {
        messaging_product: "whatsapp",
        metadata: { display_phone_number: "15550104821", phone_number_id: PHONE },
        contacts: [{ profile: { name: "Maya Thompson" }, wa_id: MAYA }],
        user_preferences: [{ wa_id: MAYA, detail: "User requested to stop marketing messages", category: "marketing_messages", value: "stop", timestamp: expect.any(Number) }],
      },
    });
    const { now_unix } = (await control(env.sim.url, "clock")).body;
    expect(Math.abs(changeOf(hook)?.value.user_preferences[0].timestamp - now_unix)).toBeLessThanOrEqual(1);
  });

  it("names username customers by user_id (and wa_id when the number is known)", async () => {
    await preferences({ user_id: lucia.userId, value: "stop" });
    await preferences({ from: oliver.waId, value: "resume" });
    const [luciaHook, oliverHook] = env.receiver.received;
    expect(changeOf(luciaHook)?.value.contacts).toEqual([{ profile: { name: "Lucía Fernández", username: lucia.username }, user_id: lucia.userId }]);
    expect(changeOf(luciaHook)?.value.user_preferences[0]).toMatchObject({ user_id: lucia.userId, value: "stop" });
    expect(changeOf(luciaHook)?.value.user_preferences[0].wa_id).toBeUndefined();
    expect(changeOf(oliverHook)?.value.user_preferences[0]).toMatchObject({ wa_id: oliver.waId, user_id: oliver.userId, value: "resume", detail: "User requested to resume marketing messages" });
  });

  it("accepts a marketing template to a customer who stopped, then fails it with 131050; utility still goes, and resume lifts it", async () => {
    await preferences({ from: MAYA, value: "stop" });
    const stopped = await send(marketing);
    expect(stopped.status).toBe(200);
    expect(stopped.body.messages[0]).toMatchObject({ id: expect.stringMatching(/^wamid\./), message_status: "accepted" });
    const delivered = await send(utility);
    const failed = await statusesUntil(stopped.body.messages[0].id, "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      status: "failed", recipient_id: MAYA,
      errors: [{ code: 131050, title: "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business." }],
    });
    expect((await statusesUntil(delivered.body.messages[0].id, "read")).map((status) => status.status)).toEqual(["sent", "delivered", "read"]);

    await preferences({ from: MAYA, value: "resume" });
    const resumed = await send(marketing);
    expect((await statusesUntil(resumed.body.messages[0].id, "read")).map((status) => status.status)).toEqual(["sent", "delivered", "read"]);
  });

  it("keeps the preference per business account and per customer identity", async () => {
    await preferences({ user_id: lucia.userId, value: "stop" });
    const toUserId = await send(marketing, lucia.userId);
    const otherCustomer = await send(marketing, "14155550177");
    const harbor = await send(marketing, MAYA, SEED.phoneNumbers.harbor, SEED.connections.harbor);
    expect(harbor.status).toBe(200);
    expect((await statusesUntil(toUserId.body.messages[0].id, "failed"))[0]).toMatchObject({ recipient_user_id: lucia.userId, errors: [{ code: 131050 }] });
    expect((await statusesUntil(otherCustomer.body.messages[0].id, "sent")).map((status) => status.status)).not.toContain("failed");
    expect((await statusesUntil(harbor.body.messages[0].id, "sent")).map((status) => status.status)).not.toContain("failed");
    const state = (await control(env.sim.url, "state")).body;
    expect(state.marketing_preferences).toEqual([{ waba_id: SEED.wabas.lumen, customer_id: lucia.userId, value: "stop" }]);
  });

  it("refuses a call without a customer, with an unknown number or a wrong value", async () => {
    expect((await preferences({ value: "stop" })).body.error.message).toContain("from or user_id is required");
    expect((await preferences({ from: MAYA, value: "pause" })).status).toBe(400);
    expect((await control(env.sim.url, "preferences", { phone_number_id: "1", from: MAYA, value: "stop" })).status).toBe(404);
  });
});
