import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import type { ReceivedWebhook } from "./test/harness";
import { control, gateway, setupTestSimulator } from "./test/harness";
import type { AnyBody } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
const USER_ID = "US.13491208655302741918";
const { lucia, oliver } = SEED.usernames;
const env = setupTestSimulator();

const inbound = (body: Record<string, unknown>) => control(env.sim.url, "inbound", { phone_number_id: PHONE, type: "text", text: { body: "Hi" }, ...body });
const send = (to: string, message: Record<string, unknown> = { type: "text", text: { body: "Hello" } }) =>
  gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", to, ...message } });
const valueOf = (hook: ReceivedWebhook): Record<string, AnyBody> => hook.body.entry[0]?.changes[0]?.value ?? {};
const deliveredFor = (wamid: string) => env.receiver.waitFor((hook) => valueOf(hook).messages?.[0]?.id === wamid);
const statusFor = (wamid: string, status: string) => env.receiver.waitFor((hook) => valueOf(hook).statuses?.some((entry: AnyBody) => entry.id === wamid && entry.status === status));

describe("customers known by a username (business-scoped user id)", () => {
  it("delivers a username-only customer's message without a number: user_id and username in contacts, from_user_id on the message", async () => {
    const answer = await inbound({ user_id: USER_ID, username: "@maria.lopez", name: "María López" });
    expect(answer.status).toBe(200);
    const value = valueOf(await deliveredFor(answer.body.wamid));
    expect(value.contacts).toEqual([{ profile: { name: "María López", username: "@maria.lopez" }, user_id: USER_ID }]);
    expect(value.messages[0]).toMatchObject({ from_user_id: USER_ID, id: answer.body.wamid, type: "text" });
    expect(value.messages[0].from).toBeUndefined();
  });

  it("carries both identities when the number and the user id are known, and a username given without @ as given", async () => {
    const answer = await inbound({ from: "+52 1 55 1234 5678", user_id: "MX.88020417", username: "maria.lopez" });
    const value = valueOf(await deliveredFor(answer.body.wamid));
    expect(value.contacts).toEqual([{ profile: { name: "maria.lopez", username: "maria.lopez" }, wa_id: "5215512345678", user_id: "MX.88020417" }]);
    expect(value.messages[0]).toMatchObject({ from: "5215512345678", from_user_id: "MX.88020417" });
    // The same customer writing by number only: the simulator knows the user id and sends it too.
    const again = await inbound({ from: "5215512345678" });
    expect(valueOf(await deliveredFor(again.body.wamid)).contacts[0]).toMatchObject({ wa_id: "5215512345678", user_id: "MX.88020417" });
    const customers = (await control(env.sim.url, "state")).body.customers.filter((customer: AnyBody) => customer.user_id === "MX.88020417");
    expect(customers).toHaveLength(1);
  });

  it("refuses a customer without a number or user id, and malformed user ids, with a clear 400", async () => {
    const none = await inbound({});
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain("from or user_id is required");
    for (const userId of ["us.123", "US123", "USA.123", `US.${"1".repeat(129)}`, "US.12-34"]) {
      const answer = await inbound({ user_id: userId });
      expect(answer.status, userId).toBe(400);
      expect(answer.body.error.message).toContain("user_id");
    }
    expect((await inbound({ user_id: `US.${"1".repeat(128)}` })).status).toBe(200);
    expect((await inbound({ user_id: "US.ENT.11815799212886844830" })).status).toBe(200);
  });

  it("keeps the service window per customer identity and accepts sends addressed to the user id", async () => {
    // Outside the window: accepted, then a failed status carrying 131047, addressed the way the send was.
    const closed = await send(USER_ID);
    expect(closed.status).toBe(200);
    const refused = valueOf(await statusFor(closed.body.messages[0].id, "failed")).statuses[0];
    expect(refused).toMatchObject({ recipient_user_id: USER_ID, errors: [{ code: 131047 }] });

    await inbound({ user_id: USER_ID, username: "@maria.lopez" });
    const open = await send(USER_ID);
    expect(open.status).toBe(200);
    expect(open.body.contacts).toEqual([{ input: USER_ID, user_id: USER_ID }]);
    const wamid = open.body.messages[0].id as string;
    const sent = (await statusFor(wamid, "sent")) as ReceivedWebhook;
    const status = valueOf(sent).statuses[0];
    expect(status).toMatchObject({ id: wamid, status: "sent", recipient_user_id: USER_ID, pricing: { type: "free_customer_service" } });
    expect(status.recipient_id).toBeUndefined();
    expect(valueOf(await statusFor(wamid, "read")).statuses[0]).toMatchObject({ recipient_user_id: USER_ID });

    await control(env.sim.url, "clock", { advance_seconds: 24 * 3600 + 1 });
    const late = await send(USER_ID);
    expect(valueOf(await statusFor(late.body.messages[0].id, "failed")).statuses[0].errors[0].code).toBe(131047);
    await control(env.sim.url, "faults", { window_error: "sync" });
    expect((await send(USER_ID)).body.error.code).toBe(131047);
  });

  it("accepts Meta's `recipient` field for a user id, with `to` taking precedence", async () => {
    await inbound({ from: oliver.waId });
    const byRecipient = await gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", recipient: oliver.userId, type: "text", text: { body: "Hi" } } });
    expect(byRecipient.body.contacts).toEqual([{ input: oliver.userId, user_id: oliver.userId }]);
    const both = await gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", to: oliver.waId, recipient: oliver.userId, type: "text", text: { body: "Hi" } } });
    expect(both.body.contacts).toEqual([{ input: oliver.waId, wa_id: oliver.waId }]);
    const badRecipient = await gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", recipient: oliver.waId, type: "text", text: { body: "Hi" } } });
    expect(badRecipient.body.error.error_data.details).toContain("recipient");
    const badTo = await send("US-123");
    expect(badTo.body.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining("Param to") } });
  });

  it("names the recipient as the send did: recipient_id for the number, recipient_user_id for the user id", async () => {
    await inbound({ from: oliver.waId });
    const byNumber = await send(oliver.waId);
    expect(byNumber.body.contacts).toEqual([{ input: oliver.waId, wa_id: oliver.waId }]);
    const numberStatus = valueOf(await statusFor(byNumber.body.messages[0].id, "sent")).statuses[0];
    expect(numberStatus.recipient_id).toBe(oliver.waId);
    expect(numberStatus.recipient_user_id).toBeUndefined();
    // The window opened by the number is the customer's, so a send to the user id is inside it too.
    const byUserId = await send(oliver.userId);
    expect(byUserId.status).toBe(200);
    const userStatus = valueOf(await statusFor(byUserId.body.messages[0].id, "sent")).statuses[0];
    expect(userStatus.recipient_user_id).toBe(oliver.userId);
    expect(userStatus.recipient_id).toBeUndefined();
  });

  it("fails a template to an unknown user id with 131026, and refuses authentication templates to user ids (131062)", async () => {
    const unknown = await send("US.99999999", { type: "template", template: { name: "hello_world", language: { code: "en_US" } } });
    expect(unknown.status).toBe(200);
    const failed = valueOf(await statusFor(unknown.body.messages[0].id, "failed")).statuses[0];
    expect(failed).toMatchObject({ recipient_user_id: "US.99999999", errors: [{ code: 131026 }] });
    expect(failed.pricing).toBeUndefined();
    const otp = await send(lucia.userId, { type: "template", template: { name: "login_code", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: "482913" }] }, { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "482913" }] }] } });
    expect(otp.status).toBe(400);
    expect(otp.body.error.code).toBe(131062);
  });
});

describe("seeded username customers", () => {
  it("seeds Lucía with a user id and username but no number, and Oliver with both", async () => {
    const { customers } = (await control(env.sim.url, "state")).body;
    expect(customers[0]).toMatchObject({ wa_id: "14155550123", name: "Maya Thompson" });
    expect(customers).toContainEqual({ id: lucia.userId, wa_id: null, user_id: lucia.userId, username: lucia.username, name: "Lucía Fernández" });
    expect(customers).toContainEqual({ id: oliver.waId, wa_id: oliver.waId, user_id: oliver.userId, username: oliver.username, name: "Oliver Bennett" });
  });

  it("lets the username-only customer write and be answered end to end", async () => {
    const answer = await inbound({ user_id: lucia.userId, type: "text", text: { body: "¿Tienen café de Colombia?" } });
    const value = valueOf(await deliveredFor(answer.body.wamid));
    expect(value.contacts).toEqual([{ profile: { name: "Lucía Fernández", username: lucia.username }, user_id: lucia.userId }]);
    expect(value.messages[0].from).toBeUndefined();
    const reply = await send(lucia.userId, { type: "text", text: { body: "¡Sí!" } });
    expect(reply.status).toBe(200);
    const windows = (await control(env.sim.url, "state")).body.service_windows;
    expect(windows).toContainEqual(expect.objectContaining({ phone_number_id: PHONE, customer_id: lucia.userId, wa_id: null, user_id: lucia.userId, open: true }));
  });

  it("adds the known user id and username when the customer with both writes by number", async () => {
    const answer = await inbound({ from: oliver.waId });
    const value = valueOf(await deliveredFor(answer.body.wamid));
    expect(value.contacts).toEqual([{ profile: { name: "Oliver Bennett", username: oliver.username }, wa_id: oliver.waId, user_id: oliver.userId }]);
    expect(value.messages[0]).toMatchObject({ from: oliver.waId, from_user_id: oliver.userId });
  });
});
