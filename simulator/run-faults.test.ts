import { describe, expect, it } from "vitest";
import { KEY, control, gateway, setupTestSimulator, waitFor } from "./test/harness";
import type { AnyBody } from "./test/harness";
import { SEED } from "./seed";

const PHONE = SEED.phoneNumbers.lumenUs;
const UK_PHONE = SEED.phoneNumbers.lumenUk;
const MAYA = "14155550123";
const DANIEL = "14155550177";
const env = setupTestSimulator();

const HELLO = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
const send = (to: string, phone: string = PHONE) => gateway(env.sim.url, `${phone}/messages`, { body: { messaging_product: "whatsapp", to, ...HELLO } });
const faults = (body: Record<string, unknown>) => control(env.sim.url, "faults", body);
/** The statuses the receiver got for one recipient, oldest first. */
const statusesTo = (to: string): Array<Record<string, AnyBody>> =>
  env.receiver.received.flatMap((hook) => ((hook.body.entry[0]?.changes[0]?.value.statuses ?? []) as Array<Record<string, AnyBody>>).filter((status) => status.recipient_id === to));
const waitStatus = (to: string, status: string) => waitFor(() => statusesTo(to).find((entry) => entry.status === status));

describe("messages received per recipient (/_sim/state received, /_sim/received)", () => {
  it("counts each accepted send per number and recipient, not refused sends or read receipts, until a reset", async () => {
    expect((await send(MAYA)).status).toBe(200);
    expect((await send(`+${MAYA}`)).status).toBe(200);
    expect((await send(DANIEL, UK_PHONE)).status).toBe(200);
    // Accepted, then failed by a status: it was still sent once.
    expect((await send("9990001112")).status).toBe(200);
    await faults({ error_code: 131048, to: DANIEL });
    expect((await send(DANIEL)).status).toBe(400);
    const inbound = await control(env.sim.url, "inbound", { phone_number_id: PHONE, from: DANIEL, type: "text", text: { body: "hi" } });
    await gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", status: "read", message_id: inbound.body.wamid } });

    const expected = { [PHONE]: { [MAYA]: 2, "9990001112": 1 }, [UK_PHONE]: { [DANIEL]: 1 } };
    expect((await control(env.sim.url, "state")).body.received).toEqual(expected);
    const all = await control(env.sim.url, "received");
    expect(all.body).toEqual({
      received: expected,
      totals: { [PHONE]: { messages: 3, recipients: 2, more_than_once: 1 }, [UK_PHONE]: { messages: 1, recipients: 1, more_than_once: 0 } },
    });
    expect((await control(env.sim.url, `received?phone_number_id=${UK_PHONE}`)).body.received).toEqual({ [UK_PHONE]: { [DANIEL]: 1 } });

    await control(env.sim.url, "reset", {});
    expect((await control(env.sim.url, "state")).body.received).toEqual({});
    expect((await control(env.sim.url, "received")).body).toEqual({ received: {}, totals: {} });
  });
});

describe("the rate limit (/_sim/rate-limit, SIM_RATE_LIMIT_PER_SECOND)", () => {
  it("answers 429 with Retry-After over the budget set, lets more through once raised, and returns to the started value on reset", async () => {
    const started = (await control(env.sim.url, "rate-limit")).body;
    expect(started).toEqual({ per_second: 10_000, started_with: 10_000 });
    expect((await control(env.sim.url, "rate-limit", { per_second: 3 })).body).toEqual({ per_second: 3, started_with: 10_000 });
    expect((await control(env.sim.url, "state")).body.rate_limit).toEqual({ per_second: 3, started_with: 10_000 });
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await send(MAYA)).status);
    const over = await send(MAYA);
    expect(statuses).toEqual([200, 200, 200]);
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("1");
    expect(over.body.error).toEqual({ message: "Rate limit exceeded: at most 3 requests per second", type: "MatonError", code: 429 });
    // Refused calls deliver nothing.
    expect((await control(env.sim.url, "received")).body.totals[PHONE].messages).toBe(3);

    await control(env.sim.url, "rate-limit", { per_second: 50 });
    expect((await send(MAYA)).status).toBe(200);
    await control(env.sim.url, "reset", {});
    expect((await control(env.sim.url, "rate-limit")).body.per_second).toBe(10_000);
  });

  it("refuses a budget that is not a whole number from 1 to 100,000", async () => {
    for (const body of [{ per_second: 0 }, { per_second: 2.5 }, { per_second: "5" }, { per_second: 100_001 }, {}, { per_second: 5, burst: 2 }]) {
      const answer = await control(env.sim.url, "rate-limit", body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.message, JSON.stringify(body)).toEqual(expect.any(String));
    }
    expect((await control(env.sim.url, "rate-limit", { per_second: 0 })).body.error.message).toMatch(/per_second/);
    expect((await control(env.sim.url, "rate-limit")).body.per_second).toBe(10_000);
  });
});

describe("held answers (timeout_ms) and delayed statuses (status_delay_ms)", () => {
  it("holds the answer of an armed send past the client's timeout but delivers the message and its statuses", async () => {
    const armed = await faults({ timeout_ms: 60_000, to: `+${MAYA}` });
    expect(armed.body.faults.send_timeouts).toEqual([{ timeout_ms: 60_000, remaining: 1, to: `+${MAYA}` }]);
    // Another recipient's send is answered as usual.
    expect((await send(DANIEL)).status).toBe(200);

    const gave = await fetch(`${env.sim.url}/whatsapp-business/v21.0/${PHONE}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ messaging_product: "whatsapp", to: MAYA, ...HELLO }),
      signal: AbortSignal.timeout(300),
    }).then(() => "answered", (error: unknown) => (error instanceof Error ? error.name : "error"));
    expect(gave).toBe("TimeoutError");

    // The outcome the client did not learn: the message went out, once, and WhatsApp reports it.
    const sent = await waitStatus(MAYA, "sent");
    expect(sent.id).toMatch(/^wamid\./);
    await waitStatus(MAYA, "read");
    expect((await control(env.sim.url, "received")).body.received[PHONE]).toEqual({ [MAYA]: 1, [DANIEL]: 1 });
    expect((await control(env.sim.url, "faults")).body.faults.send_timeouts).toEqual([]);
    // Spent: the next send to her is answered.
    expect((await send(MAYA)).status).toBe(200);
  });

  it("answers a held send late with its wamid, after its statuses went out, for the next count sends", async () => {
    await faults({ timeout_ms: 500, count: 2 });
    const first = await send(MAYA);
    expect(first.status).toBe(200);
    const wamid = first.body.messages[0].id as string;
    // Held 500 ms while the sent status (20 ms after the send) was delivered: the answer came last.
    expect(statusesTo(MAYA).filter((status) => status.id === wamid).map((status) => status.status)).toContain("sent");
    expect((await control(env.sim.url, "faults")).body.faults.send_timeouts).toEqual([{ timeout_ms: 500, remaining: 1, to: null }]);
    const second = await send(DANIEL);
    expect(statusesTo(DANIEL).some((status) => status.id === second.body.messages[0].id && status.status === "sent")).toBe(true);
    expect((await control(env.sim.url, "faults")).body.faults.send_timeouts).toEqual([]);
  });

  it("answers an armed send with a 5xx after it went out: counted, its statuses delivered, the next send answered", async () => {
    const armed = await faults({ server_error_after_send: 502, to: MAYA });
    expect(armed.body.faults.send_lost_answers).toEqual([{ status: 502, remaining: 1, to: MAYA }]);
    const lost = await send(MAYA);
    expect(lost.status).toBe(502);
    expect(lost.body.error).toEqual({ message: expect.stringMatching(/answer was lost/), type: "MatonError", code: 502 });
    // The message went out all the same: WhatsApp reports it, and it counts as received.
    expect((await waitStatus(MAYA, "sent")).id).toMatch(/^wamid\./);
    expect((await control(env.sim.url, "received")).body.received[PHONE]).toEqual({ [MAYA]: 1 });
    expect((await control(env.sim.url, "faults")).body.faults.send_lost_answers).toEqual([]);
    expect((await send(MAYA)).status).toBe(200);
    for (const body of [{ server_error_after_send: 501 }, { server_error_after_send: 502, timeout_ms: 100 }, { server_error_after_send: 502, error_code: 131048 }]) {
      expect((await faults(body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it("does not spend a held answer on a send refused for its own reasons", async () => {
    await faults({ timeout_ms: 60_000 });
    const refused = await gateway(env.sim.url, `${PHONE}/messages`, { body: { messaging_product: "whatsapp", to: MAYA, type: "template", template: { name: "no_such_template", language: { code: "en_US" } } } });
    expect(refused.status).toBe(404);
    expect((await control(env.sim.url, "faults")).body.faults.send_timeouts[0].remaining).toBe(1);
  });

  it("delays the statuses of sends accepted while status_delay_ms is set, failed ones included", async () => {
    expect((await faults({ status_delay_ms: 400 })).body.faults.status_delay_ms).toBe(400);
    const late = await send(MAYA);
    const lateFailure = await send("9990001112");
    await faults({ status_delay_ms: 0 });
    const prompt = await send(DANIEL);
    // Sent after the delayed ones, DANIEL's whole sequence arrives before any of theirs.
    await waitStatus(DANIEL, "read");
    expect(statusesTo(DANIEL).map((status) => status.id)).toContain(prompt.body.messages[0].id);
    expect(statusesTo(MAYA)).toEqual([]);
    expect(statusesTo("9990001112")).toEqual([]);
    expect((await waitStatus(MAYA, "sent")).id).toBe(late.body.messages[0].id);
    await waitStatus(MAYA, "read");
    expect((await waitStatus("9990001112", "failed")).id).toBe(lateFailure.body.messages[0].id);
  });

  it("refuses ambiguous or out-of-range requests and clears both with DELETE", async () => {
    const refused: Array<[Record<string, unknown>, RegExp]> = [
      [{ timeout_ms: 5000, error_code: 131048 }, /separate requests/],
      [{ timeout_ms: 0 }, /timeout_ms/],
      [{ timeout_ms: 300_001 }, /timeout_ms/],
      [{ timeout_ms: 5000, details: "x" }, /details only goes with error_code/],
      [{ status_delay_ms: -1 }, /status_delay_ms/],
      [{ status_delay_ms: 600_001 }, /status_delay_ms/],
      [{ count: 2 }, /count and to only go with error_code, timeout_ms or server_error_after_send/],
    ];
    for (const [body, message] of refused) {
      const answer = await faults(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.message, JSON.stringify(body)).toMatch(message);
    }
    expect((await control(env.sim.url, "faults")).body.faults).toMatchObject({ status_delay_ms: 0, send_timeouts: [] });
    await faults({ timeout_ms: 60_000, count: 3, to: DANIEL });
    await faults({ status_delay_ms: 1000 });
    const cleared = await control(env.sim.url, "faults", undefined, "DELETE");
    expect(cleared.body.faults).toMatchObject({ status_delay_ms: 0, send_timeouts: [] });
    expect((await send(DANIEL)).status).toBe(200);
  });
});
