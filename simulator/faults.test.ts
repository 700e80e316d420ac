import { describe, expect, it } from "vitest";
import { ERROR_CODES_HREF, ERROR_TABLE, injectableCodes } from "./errors";
import { SEED } from "./seed";
import type { AnyBody } from "./test/harness";
import { control, gateway, setupTestSimulator } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
const MAYA = "14155550123";
const DANIEL = "14155550177";
const env = setupTestSimulator();

const HELLO = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
const send = (to = MAYA, message: Record<string, unknown> = HELLO) =>
  gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", to, ...message } });
const arm = (fault: Record<string, unknown>) => control(env.sim.url, "faults", fault);
const statusesOf = (wamid: string): Array<Record<string, AnyBody>> =>
  env.receiver.received.flatMap((hook) => ((hook.body.entry[0]?.changes[0]?.value.statuses ?? []) as Array<Record<string, AnyBody>>).filter((status) => status.id === wamid));
const waitStatus = async (wamid: string, status: string) => {
  await env.receiver.waitFor((hook) => JSON.stringify(hook.body).includes(wamid) && JSON.stringify(hook.body).includes(`"status":"${status}"`));
  return statusesOf(wamid).find((entry) => entry.status === status) as Record<string, AnyBody>;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

const SYNC: Record<number, number> = {
  0: 401, 190: 401, 100: 400, 368: 403, 80007: 400, 130429: 400, 131030: 400, 131031: 400, 131048: 400, 131000: 500,
  131008: 400, 131009: 400, 131042: 400, 131056: 400, 131057: 400, 132000: 400, 132001: 404, 132005: 400, 132007: 400,
  132012: 400, 132015: 400, 132016: 400, 133010: 400,
};
const ASYNC = [131026, 131049, 131050, 130472, 131053];

describe("errors armed for the next sends (POST /_sim/faults {error_code, count?, to?})", () => {
  it("answers each synchronous code in Meta's Graph form with the contract's HTTP status", async () => {
    const byForm = (form: string) => injectableCodes().filter((entry) => entry.form === form).map((entry) => entry.code).sort((a, b) => a - b);
    expect(byForm("sync")).toEqual(Object.keys(SYNC).map(Number).sort((a, b) => a - b));
    expect(byForm("async")).toEqual([...ASYNC].sort((a, b) => a - b));
    expect(byForm("window")).toEqual([131047]);
    for (const [code, status] of Object.entries(SYNC).map(([code, status]) => [Number(code), status] as const)) {
      expect((await arm({ error_code: code })).status, String(code)).toBe(200);
      const answer = await send();
      expect(answer.status, String(code)).toBe(status);
      const { error } = answer.body;
      expect(error, String(code)).toMatchObject({ type: "OAuthException", code, error_data: { messaging_product: "whatsapp", details: expect.any(String) }, fbtrace_id: expect.any(String) });
      expect(Object.keys(error).sort()).toEqual(expect.arrayContaining(["message", "type", "code", "error_data", "fbtrace_id"]));
      if (code !== 0 && code !== 190) expect(error.message).toBe(`(#${code}) ${ERROR_TABLE[code]?.title}`);
      // One send only: the next one goes through.
      expect((await send()).status, String(code)).toBe(200);
    }
  });

  it("uses Meta's titles and forms for the codes the dashboard explains", async () => {
    const titles: Record<number, string> = {
      131048: "Spam rate limit hit", 131000: "Something went wrong", 131008: "Required parameter is missing", 131009: "Parameter value is not valid",
      131042: "Business eligibility payment issue", 131057: "Account in maintenance mode", 130429: "Rate limit hit", 131056: "(Business Account, Consumer Account) pair rate limit hit",
    };
    for (const [code, title] of Object.entries(titles)) {
      await arm({ error_code: Number(code) });
      expect((await send()).body.error.message).toBe(`(#${code}) ${title}`);
    }
    await arm({ error_code: 190 });
    expect((await send()).body.error).toMatchObject({ code: 190, error_subcode: 463, message: expect.stringMatching(/^Error validating access token/) });
    await arm({ error_code: 131057 });
    expect((await send()).body.error.error_data.details).toMatch(/^Business Account is in maintenance mode/);
  });

  it("accepts each asynchronous code with a wamid, then reports it as a single failed status", async () => {
    const titles: Record<number, string> = {
      131026: "Message undeliverable",
      131049: "This message was not delivered to maintain healthy ecosystem engagement.",
      131050: "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
      130472: "User's number is part of an experiment",
      131053: "Media upload error",
    };
    const wamids: Array<[number, string]> = [];
    for (const code of ASYNC) {
      await arm({ error_code: code });
      const answer = await send();
      expect(answer.status, String(code)).toBe(200);
      expect(answer.body.messages[0]).toMatchObject({ id: expect.stringMatching(/^wamid\./), message_status: "accepted" });
      wamids.push([code, answer.body.messages[0].id]);
    }
    for (const [code, wamid] of wamids) {
      const failed = await waitStatus(wamid, "failed");
      expect(failed.errors, String(code)).toEqual([{ code, title: titles[code], message: titles[code], error_data: { details: expect.any(String) }, href: ERROR_CODES_HREF }]);
      expect(failed.pricing).toBeUndefined();
    }
    await settle();
    for (const [, wamid] of wamids) expect(statusesOf(wamid).map((status) => status.status)).toEqual(["failed"]);
  });

  it("fails the next k sends, optionally only those to one customer, and shows what remains", async () => {
    const armed = await arm({ error_code: 131048, count: 2, to: `+${DANIEL}` });
    expect(armed.body.faults.send_errors).toEqual([{ error_code: 131048, form: "sync", title: "Spam rate limit hit", remaining: 2, to: `+${DANIEL}`, details: null }]);
    expect((await send(MAYA)).status).toBe(200);
    expect((await send(DANIEL)).body.error.code).toBe(131048);
    expect((await control(env.sim.url, "faults")).body.faults.send_errors[0].remaining).toBe(1);
    expect((await control(env.sim.url, "state")).body.faults.send_errors[0].remaining).toBe(1);
    expect((await send(DANIEL)).body.error.code).toBe(131048);
    expect((await control(env.sim.url, "faults")).body.faults.send_errors).toEqual([]);
    expect((await send(DANIEL)).status).toBe(200);
  });

  it("matches a customer by either identity, queues faults in order, and lets details be chosen", async () => {
    const { oliver } = SEED.usernames;
    await arm({ error_code: 131056, to: oliver.userId });
    await arm({ error_code: 100, details: "Param text['body'] is invalid." });
    expect((await send(oliver.waId)).body.error.code).toBe(131056);
    expect((await send(MAYA)).body.error).toMatchObject({ code: 100, error_data: { details: "Param text['body'] is invalid." } });
    expect((await send(MAYA)).status).toBe(200);
  });

  it("refuses synchronously before reading the send; an asynchronous error waits for a send that would be accepted", async () => {
    await arm({ error_code: 130429 });
    expect((await send(MAYA, { type: "template", template: { name: "no_such_template", language: { code: "en_US" } } })).body.error.code).toBe(130429);
    await arm({ error_code: 131049 });
    expect((await send(MAYA, { type: "template", template: { name: "no_such_template", language: { code: "en_US" } } })).body.error.code).toBe(132001);
    expect((await control(env.sim.url, "faults")).body.faults.send_errors[0].remaining).toBe(1);
    const accepted = await send();
    expect((await waitStatus(accepted.body.messages[0].id, "failed")).errors[0].code).toBe(131049);
    // Mark-as-read is not a send.
    await arm({ error_code: 131000 });
    const inbound = await control(env.sim.url, "inbound", { phone_number_id: PHONE, from: MAYA, type: "text", text: { body: "hi" } });
    expect((await gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", status: "read", message_id: inbound.body.wamid } })).body).toEqual({ success: true });
    expect((await send()).status).toBe(500);
  });

  it("gives an injected 131047 the window's form: a failed status by default, 400 after window_error sync", async () => {
    await arm({ error_code: 131047 });
    const accepted = await send();
    expect(accepted.status).toBe(200);
    expect((await waitStatus(accepted.body.messages[0].id, "failed")).errors[0]).toMatchObject({ code: 131047, title: "Re-engagement message" });
    await arm({ error_code: 131047, window_error: "sync" });
    const refused = await send();
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(131047);
  });

  it("refuses unknown codes and stray options with 400, and DELETE clears everything", async () => {
    for (const body of [{ error_code: 131051 }, { error_code: 12345 }, { error_code: "131048" }, { count: 2 }, { to: MAYA }, { error_code: 131048, count: 0 }, { media_download: "slow" }]) {
      const answer = await arm(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    expect((await arm({ error_code: 131051 })).body.error.message).toMatch(/error_code must be one of .*131048/);
    await arm({ error_code: 131048, count: 5 });
    await arm({ media_download: "expired", window_error: "sync" });
    const cleared = await control(env.sim.url, "faults", undefined, "DELETE");
    expect(cleared.body.faults).toEqual({
      rate_429: 0, rate_5xx: 0, latency_ms: 0, duplicate_webhooks: 0, reorder_webhooks: 0, window_error: "async", media_download: null,
      status_delay_ms: 0, send_errors: [], send_timeouts: [], send_lost_answers: [],
    });
    expect((await send()).status).toBe(200);
  });
});
