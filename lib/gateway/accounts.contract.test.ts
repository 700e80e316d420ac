/** Account discovery against the local simulator: businesses → owned WABAs → phone numbers, per connection. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { type GatewayClient, createGatewayClient } from "./client";
import { GraphError, MatonError } from "./errors";
import { jsonResponse, scriptedFetch, type SimState, simControl } from "./test-helpers";

let sim: RunningSimulator;
let control: ReturnType<typeof simControl>;
let client: GatewayClient;
let state: SimState;

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null });
  control = simControl(sim.url);
  client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false, retry: { baseDelayMs: 20, maxDelayMs: 100 } });
});

afterAll(async () => {
  await sim?.close();
});

beforeEach(async () => {
  await control.reset();
  state = await control.state();
});

describe("accounts", () => {
  it("walks each connection's businesses to its WABAs and their phone numbers", async () => {
    for (const connection of state.connections.filter((c) => c.status === "ACTIVE")) {
      const options = { connectionId: connection.connection_id };
      const businesses = await client.accounts.listBusinesses(options);
      expect(businesses).toHaveLength(1);
      expect(businesses[0]).toMatchObject({ id: expect.any(String), name: expect.any(String) });
      const wabas = await client.accounts.listOwnedWabas(businesses[0]!.id, options);
      expect(wabas.map((waba) => waba.id)).toEqual(connection.wabas.map((waba) => waba.id));
      expect(wabas[0]).toMatchObject({ name: expect.any(String), timezone_id: expect.any(String), message_template_namespace: expect.any(String) });
      const numbers = await client.phoneNumbers.listPhoneNumbers(wabas[0]!.id, options);
      expect(numbers.map((number) => number.id)).toEqual(connection.wabas[0]!.phone_numbers.map((number) => number.id));
    }
  });

  it("sends the connection in Maton-Connection", async () => {
    const harbor = state.connections[1]!.connection_id;
    await client.accounts.listBusinesses({ connectionId: harbor });
    const { requests } = (await (await fetch(`${sim.url}/_sim/requests?limit=1`)).json()) as { requests: { path: string; connection: string }[] };
    expect(requests[0]).toMatchObject({ path: expect.stringContaining("/me/businesses"), connection: harbor });
  });

  it("reports another connection's business as Graph's 100/33", async () => {
    const [lumen, harbor] = state.connections;
    const [harborBusiness] = await client.accounts.listBusinesses({ connectionId: harbor!.connection_id });
    const error = await caught(client.accounts.listOwnedWabas(harborBusiness!.id, { connectionId: lumen!.connection_id }));
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).code).toBe(100);
    expect((error as GraphError).subcode).toBe(33);
  });

  it("reports a wrong key as Maton's 401", async () => {
    const wrong = createGatewayClient({ apiKey: "wrong-key", gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
    const error = await caught(wrong.accounts.listBusinesses());
    expect(error).toBeInstanceOf(MatonError);
    expect((error as MatonError).status).toBe(401);
  });
});

describe("paging", () => {
  it("follows the after cursor while paging.next is present", async () => {
    const page = (ids: string[], after?: string, next = true) =>
      jsonResponse({ data: ids.map((id) => ({ id, name: `Business ${id}` })), paging: { cursors: { before: "b", after }, ...(next ? { next: "https://graph/next" } : {}) } });
    const scripted = scriptedFetch([page(["1", "2"], "c1"), page(["3"], "c2", false)]);
    const paged = createGatewayClient({ apiKey: "k", gatewayUrl: "http://gw", ctrlUrl: "http://ctrl", limiter: false, fetch: scripted.fetch });
    const businesses = await paged.accounts.listBusinesses({ pageSize: 2 });
    expect(businesses.map((business) => business.id)).toEqual(["1", "2", "3"]);
    expect(scripted.calls).toHaveLength(2);
    const second = new URL(scripted.calls[1]!.url);
    expect(second.pathname).toBe("/whatsapp-business/v21.0/me/businesses");
    expect(second.searchParams.get("after")).toBe("c1");
    expect(second.searchParams.get("limit")).toBe("2");
    expect(second.searchParams.get("fields")).toBe("id,name");
  });
});
