import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import { control, gateway, KEY, setupTestSimulator } from "./test/harness";
import type { AnyBody } from "./test/harness";

const env = setupTestSimulator({ receiver: false });

const ctrl = async (path: string, method = "GET", body?: unknown, key: string | null = KEY) => {
  const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${env.sim.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, AnyBody> };
};
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

async function decide(url: string, decision: "authorize" | "deny") {
  const token = new URL(url).searchParams.get("session_token") ?? "";
  const page = await fetch(url);
  const html = await page.text();
  expect(html).toContain("<h1>Connect WhatsApp Business</h1>");
  expect(html).toMatch(/<button[^>]*value="authorize"[^>]*>Authorize<\/button>/);
  expect(html).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/);
  const result = await fetch(`${env.sim.url}/connect`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ session_token: token, decision }).toString() });
  return result.text();
}

describe("control plane", () => {
  it("lists seeded ACTIVE connections oldest first with Maton's fields", async () => {
    const { body } = await ctrl("/connections?app=whatsapp-business&status=ACTIVE");
    expect(body.connections.map((connection: { connection_id: string }) => connection.connection_id)).toEqual([SEED.connections.lumen, SEED.connections.harbor]);
    expect(body.connections[0]).toMatchObject({ status: "ACTIVE", app: "whatsapp-business", metadata: {} });
    expect(body.connections[0].creation_time).toMatch(ISO_MICROS);
    expect(body.connections[0].last_updated_time).toMatch(ISO_MICROS);
    expect((await ctrl("/connections", "GET", undefined, null)).status).toBe(401);
  });

  it("creates a PENDING connection whose connect page authorizes it with a fresh WABA", async () => {
    const created = await ctrl("/connections", "POST", { app: "whatsapp-business" });
    expect(created.body.connection).toMatchObject({ status: "PENDING" });
    expect(created.body.connection.url).toMatch(/\/connect\?session_token=/);
    const id = created.body.connection.connection_id as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const result = await decide(created.body.connection.url, "authorize");
    expect(result).toContain("<h1>Connection authorized</h1>");
    expect((await ctrl(`/connections/${id}`)).body.connection.status).toBe("ACTIVE");
    const state = await control(env.sim.url, "state");
    const linked = state.body.connections.find((connection: { connection_id: string }) => connection.connection_id === id);
    const phoneId = linked.wabas[0].phone_numbers[0].id as string;
    expect((await gateway(env.sim.url, phoneId, { connection: id })).status).toBe(200);
    const templates = await gateway(env.sim.url, `${linked.wabas[0].id}/message_templates`, { connection: id });
    expect(templates.body.data.length).toBeGreaterThanOrEqual(3);
    expect((await gateway(env.sim.url, phoneId)).body.error.error_subcode).toBe(33);
  });

  it("turns a denied connection FAILED, deletes connections, and refuses a wrong app", async () => {
    const created = await ctrl("/connections", "POST", { app: "whatsapp-business" });
    expect(await decide(created.body.connection.url, "deny")).toContain("<h1>Connection denied</h1>");
    const id = created.body.connection.connection_id as string;
    expect((await ctrl(`/connections/${id}`)).body.connection.status).toBe("FAILED");
    expect((await ctrl(`/connections/${id}`, "DELETE")).status).toBe(200);
    expect((await ctrl(`/connections/${id}`)).status).toBe(404);
    expect((await ctrl("/connections", "POST", { app: "slack" })).status).toBe(400);
    expect((await fetch(`${env.sim.url}/connect?session_token=nope`)).status).toBe(404);
  });
});

describe("phone numbers and business profile", () => {
  it("lists the WABA's numbers with the contract's fields", async () => {
    const { body } = await gateway(env.sim.url, `${SEED.wabas.lumen}/phone_numbers`);
    expect(body.data.map((phone: { display_phone_number: string }) => phone.display_phone_number)).toEqual(["+1 555-010-4821", "+44 20 7946 0321"]);
    expect(body.data[1]).toMatchObject({ quality_rating: "YELLOW", code_verification_status: "VERIFIED", throughput: { level: "STANDARD" }, messaging_limit_tier: "TIER_250" });
  });

  it("reads and validates the business profile", async () => {
    const path = `${SEED.phoneNumbers.lumenUs}/whatsapp_business_profile`;
    const read = await gateway(env.sim.url, `${path}?fields=about,websites,vertical`);
    expect(read.body.data[0]).toMatchObject({ messaging_product: "whatsapp", vertical: "RESTAURANT", websites: ["https://lumen-coffee.example.com"] });
    const update = (fields: Record<string, unknown>) => gateway(env.sim.url, path, { body: { messaging_product: "whatsapp", ...fields } });
    expect((await update({ about: "Open daily", websites: ["https://a.example.com", "http://b.example.com"], vertical: "RETAIL" })).body).toEqual({ success: true });
    expect((await gateway(env.sim.url, `${path}?fields=about,vertical`)).body.data[0]).toMatchObject({ about: "Open daily", vertical: "RETAIL" });
    expect((await update({ about: "a".repeat(140) })).body.error.error_data.details).toContain("about");
    expect((await update({ about: "" })).body.error.error_data.details).toContain("about");
    expect((await update({ email: "not-an-email" })).body.error.error_data.details).toContain("email");
    expect((await update({ websites: ["https://a.example.com", "https://b.example.com", "https://c.example.com"] })).body.error.error_data.details).toContain("websites");
    expect((await update({ websites: ["ftp://a.example.com"] })).body.error.error_data.details).toContain("websites[0]");
    expect((await update({ vertical: "SPACE" })).body.error.error_data.details).toContain("vertical");
    expect((await update({ description: "d".repeat(513) })).body.error.error_data.details).toContain("description");
    expect((await update({ address: "a".repeat(257) })).body.error.error_data.details).toContain("address");
  });
});

describe("/_sim control API", () => {
  it("describes the state, moves the clock and resets to the seed", async () => {
    const state = await control(env.sim.url, "state");
    expect(state.body.connections[0].wabas[0]).toMatchObject({ id: SEED.wabas.lumen, phone_numbers: [{ id: SEED.phoneNumbers.lumenUs, display_phone_number: "+1 555-010-4821" }, { id: SEED.phoneNumbers.lumenUk }] });
    expect(state.body.customers).toHaveLength(8);
    const before = Date.parse(state.body.now);
    const moved = await control(env.sim.url, "clock", { advance_seconds: 3600 });
    expect(Date.parse(moved.body.now) - before).toBeGreaterThanOrEqual(3600 * 1000);

    await ctrl("/connections", "POST", { app: "whatsapp-business" });
    await gateway(env.sim.url, `${SEED.wabas.lumen}/message_templates?name=hello_world`, { method: "DELETE" });
    await control(env.sim.url, "faults", { latency_ms: 5 });
    await control(env.sim.url, "reset", {});
    const after = await control(env.sim.url, "state");
    expect(after.body.connections).toHaveLength(2);
    expect(after.body.faults.latency_ms).toBe(0);
    expect(Math.abs(Date.parse(after.body.now) - Date.now())).toBeLessThan(5000);
    expect(after.body.templates.filter((template: { name: string }) => template.name === "hello_world")).toHaveLength(2);
    expect((await control(env.sim.url, "requests")).body.requests).toEqual([]);
    expect((await control(env.sim.url, "nowhere")).status).toBe(404);
  });
});
