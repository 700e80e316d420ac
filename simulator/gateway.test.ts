import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import { control, gateway, KEY, setupTestSimulator, startTestSimulator } from "./test/harness";

const env = setupTestSimulator({ receiver: false });

describe("gateway: Maton key, app name and connection routing", () => {
  it("refuses a missing or wrong key with a Maton-shaped 401", async () => {
    const missing = await gateway(env.sim.url, SEED.phoneNumbers.lumenUs, { key: null });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ type: "MatonError", code: 401 });
    const wrong = await gateway(env.sim.url, SEED.phoneNumbers.lumenUs, { key: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/Invalid API key/);
  });

  it("refuses a path without the whatsapp-business app prefix", async () => {
    const response = await fetch(`${env.sim.url}/slack/v21.0/${SEED.phoneNumbers.lumenUs}`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("MatonError");
    expect(body.error.message).toMatch(/Invalid app name/);
  });

  it("uses the oldest ACTIVE connection when Maton-Connection is left out", async () => {
    const lumen = await gateway(env.sim.url, SEED.phoneNumbers.lumenUs);
    expect(lumen.status).toBe(200);
    expect(lumen.body).toMatchObject({ id: SEED.phoneNumbers.lumenUs, display_phone_number: "+1 555-010-4821", platform_type: "CLOUD_API" });
    const harbor = await gateway(env.sim.url, SEED.phoneNumbers.harbor);
    expect(harbor.status).toBe(400);
  });

  it("answers Meta's error 100/33 for an object of another connection", async () => {
    const answer = await gateway(env.sim.url, SEED.phoneNumbers.lumenUs, { connection: SEED.connections.harbor });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(answer.body.error.message).toContain(`Object with ID '${SEED.phoneNumbers.lumenUs}' does not exist`);
    expect(typeof answer.body.error.fbtrace_id).toBe("string");
    const own = await gateway(env.sim.url, `${SEED.wabas.harbor}/phone_numbers`, { connection: SEED.connections.harbor });
    expect(own.status).toBe(200);
    expect(own.body.data).toHaveLength(1);
  });

  it("refuses an unknown connection id and a connection that is not ACTIVE", async () => {
    const unknown = await gateway(env.sim.url, SEED.phoneNumbers.lumenUs, { connection: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.type).toBe("MatonError");
    const created = await fetch(`${env.sim.url}/connections`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" }, body: JSON.stringify({ app: "whatsapp-business" }) });
    const { connection } = (await created.json()) as { connection: { connection_id: string } };
    const pending = await gateway(env.sim.url, SEED.phoneNumbers.lumenUs, { connection: connection.connection_id });
    expect(pending.status).toBe(400);
    expect(pending.body.error.message).toMatch(/not active/);
  });

  it("logs each gateway call with its Maton-Connection header for /_sim/requests", async () => {
    await gateway(env.sim.url, `${SEED.wabas.harbor}/message_templates?limit=2`, { connection: SEED.connections.harbor });
    const { body } = await control(env.sim.url, "requests?limit=1");
    expect(body.requests[0]).toMatchObject({ method: "GET", connection: SEED.connections.harbor, status: 200 });
    expect(body.requests[0].path).toContain("/message_templates?limit=2");
  });

  it("answers unknown edges and methods like Graph", async () => {
    const edge = await gateway(env.sim.url, `${SEED.phoneNumbers.lumenUs}/nonsense`);
    expect(edge.status).toBe(400);
    expect(edge.body.error.message).toContain("nonexisting field (nonsense)");
    const remove = await gateway(env.sim.url, SEED.phoneNumbers.lumenUs, { method: "DELETE" });
    expect(remove.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe("gateway: rate limit and injected faults", () => {
  it("answers the 11th request within a second with 429 and Retry-After", async () => {
    const limited = await startTestSimulator({ rateLimitPerSecond: 10 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let index = 0; index < 11; index += 1) {
        const answer = await gateway(limited.url, SEED.phoneNumbers.lumenUs);
        statuses.push(answer.status);
        if (answer.status === 429) {
          retryAfter = answer.headers.get("retry-after");
          expect(answer.body.error).toMatchObject({ type: "MatonError", code: 429 });
        }
      }
      expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
      expect(statuses[10]).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 1050));
      expect((await gateway(limited.url, SEED.phoneNumbers.lumenUs)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("injects 429s and 5xx by share, and clears them", async () => {
    expect((await control(env.sim.url, "faults", { rate_429: 1 })).body.faults.rate_429).toBe(1);
    const throttled = await gateway(env.sim.url, SEED.phoneNumbers.lumenUs);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("1");
    await control(env.sim.url, "faults", { rate_429: 0, rate_5xx: 1 });
    const failing = await gateway(env.sim.url, SEED.phoneNumbers.lumenUs);
    expect(failing.status).toBe(503);
    expect(failing.body.error.code).toBe(2);
    await control(env.sim.url, "faults", undefined, "DELETE");
    expect((await gateway(env.sim.url, SEED.phoneNumbers.lumenUs)).status).toBe(200);
    expect((await control(env.sim.url, "faults", { rate_5xx: 2 })).status).toBe(400);
  });
});
