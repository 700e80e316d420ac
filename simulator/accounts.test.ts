import { describe, expect, it } from "vitest";
import { SEED } from "./seed";
import { control, gateway, KEY, setupTestSimulator } from "./test/harness";

const env = setupTestSimulator({ receiver: false });

const { lumen, harbor } = SEED.connections;

async function authorizedConnection(): Promise<string> {
  const response = await fetch(`${env.sim.url}/connections`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ app: "whatsapp-business" }),
  });
  const { connection } = (await response.json()) as { connection: { connection_id: string; url: string } };
  const token = new URL(connection.url).searchParams.get("session_token") ?? "";
  await fetch(`${env.sim.url}/connect`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ session_token: token, decision: "authorize" }).toString() });
  return connection.connection_id;
}

describe("account discovery (GET /me/businesses, GET /{business_id}/owned_whatsapp_business_accounts)", () => {
  it("answers each seeded connection its own business, and the business its WABA", async () => {
    const mine = await gateway(env.sim.url, "me/businesses", { connection: lumen });
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([{ id: SEED.businesses.lumen, name: "Lumen Coffee Roasters Ltd." }]);
    expect(mine.body.paging.cursors.after).toEqual(expect.any(String));
    expect(mine.body.paging.next).toBeUndefined();

    const owned = await gateway(env.sim.url, `${SEED.businesses.lumen}/owned_whatsapp_business_accounts?fields=id,name,timezone_id,message_template_namespace`, { connection: lumen });
    expect(owned.status).toBe(200);
    expect(owned.body.data).toEqual([{ id: SEED.wabas.lumen, name: "Lumen Coffee Roasters", timezone_id: "1", message_template_namespace: expect.any(String) }]);

    const harborBusinesses = await gateway(env.sim.url, "me/businesses", { connection: harbor });
    expect(harborBusinesses.body.data.map((business: { id: string }) => business.id)).toEqual([SEED.businesses.harbor]);
  });

  it("uses the oldest ACTIVE connection when Maton-Connection is left out", async () => {
    const answer = await gateway(env.sim.url, "me/businesses");
    expect(answer.body.data[0].id).toBe(SEED.businesses.lumen);
  });

  it("refuses another connection's business with Graph's 100/33", async () => {
    const answer = await gateway(env.sim.url, `${SEED.businesses.harbor}/owned_whatsapp_business_accounts`, { connection: lumen });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 100, error_subcode: 33, type: "GraphMethodException" });
    const me = await gateway(env.sim.url, "me", { connection: lumen });
    expect(me.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const unknownEdge = await gateway(env.sim.url, "me/adaccounts", { connection: lumen });
    expect(unknownEdge.body.error.message).toContain("nonexisting field (adaccounts)");
  });

  it("gives a newly authorised connection a business that owns its new WABA", async () => {
    const id = await authorizedConnection();
    const businesses = await gateway(env.sim.url, "me/businesses", { connection: id });
    expect(businesses.body.data).toHaveLength(1);
    const businessId = businesses.body.data[0].id as string;
    expect(businessId).not.toBe(SEED.businesses.lumen);
    const owned = await gateway(env.sim.url, `${businessId}/owned_whatsapp_business_accounts`, { connection: id });
    const state = await control(env.sim.url, "state");
    const linked = state.body.connections.find((connection: { connection_id: string }) => connection.connection_id === id);
    expect(owned.body.data.map((waba: { id: string }) => waba.id)).toEqual([linked.wabas[0].id]);
    expect(linked.businesses).toEqual([{ id: businessId, name: expect.stringMatching(/^New Business/) }]);
    const numbers = await gateway(env.sim.url, `${owned.body.data[0].id}/phone_numbers`, { connection: id });
    expect(numbers.body.data).toHaveLength(1);
  });

  it("pages with limit and after, with next only while more follow", async () => {
    const first = await gateway(env.sim.url, "me/businesses?limit=1", { connection: lumen });
    expect(first.body.data).toHaveLength(1);
    expect(first.body.paging.next).toBeUndefined();
    const bad = await gateway(env.sim.url, "me/businesses?after=nope", { connection: lumen });
    expect(bad.body.error.code).toBe(100);
    const badLimit = await gateway(env.sim.url, "me/businesses?limit=0", { connection: lumen });
    expect(badLimit.body.error.code).toBe(100);
  });
});
