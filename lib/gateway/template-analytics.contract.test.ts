/** The real client's template analytics against the local simulator: ids chunked by ten, Meta's rules answered as Graph errors. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { type GatewayClient, createGatewayClient } from "./client";
import { GraphError } from "./errors";
import { simControl } from "./test-helpers";

const DAY_MS = 86_400_000;
let sim: RunningSimulator;
let client: GatewayClient;
let control: ReturnType<typeof simControl>;
let connectionId: string;
let otherConnectionId: string;
let wabaId: string;
let now: number;

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null, templateReviewMs: 600_000 });
  control = simControl(sim.url);
  client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, retry: { baseDelayMs: 20, maxDelayMs: 100 } });
});

afterAll(async () => {
  await sim?.close();
});

beforeEach(async () => {
  await control.reset();
  const state = await control.state();
  const [connection, other] = state.connections.filter((c) => c.status === "ACTIVE");
  connectionId = connection!.connection_id;
  otherConnectionId = other!.connection_id;
  wabaId = connection!.wabas[0]!.id;
  // `now` is in the state's JSON though the shared test type leaves it out.
  now = Date.parse((state as unknown as { now: string }).now);
});

describe("template analytics", () => {
  it("asks more than ten templates in chunks of ten and answers one point per template and day", async () => {
    const templates = await client.templates.listAllTemplates(wabaId, {}, { connectionId });
    const ids = templates.map((template) => template.id);
    expect(ids.length).toBeGreaterThan(10);
    const start = new Date(now - 2 * DAY_MS);
    const points = await client.templates.templateAnalytics(wabaId, { start, end: new Date(now), templateIds: ids }, { connectionId });
    const days = Math.ceil(now / DAY_MS) - Math.floor(start.getTime() / DAY_MS);
    expect(points).toHaveLength(ids.length * days);
    expect(new Set(points.map((point) => point.templateId))).toEqual(new Set(ids));
    expect(points[0]).toMatchObject({ sent: 0, delivered: 0, read: 0, clicked: [] });
  });

  it("reports Meta's refusals as Graph error 100: a start over 90 days back, an unknown id, another connection's account", async () => {
    const [template] = await client.templates.listAllTemplates(wabaId, {}, { connectionId });
    const old = await caught(client.templates.templateAnalytics(wabaId, { start: new Date(now - 100 * DAY_MS), end: new Date(now), templateIds: [template!.id] }, { connectionId }));
    expect(old).toBeInstanceOf(GraphError);
    expect((old as GraphError).code).toBe(100);
    expect((old as GraphError).details).toMatch(/start/);

    const unknown = await caught(client.templates.templateAnalytics(wabaId, { start: new Date(now - DAY_MS), end: new Date(now), templateIds: ["999"] }, { connectionId }));
    expect(unknown).toMatchObject({ code: 100 });

    const foreign = await caught(client.templates.templateAnalytics(wabaId, { start: new Date(now - DAY_MS), end: new Date(now), templateIds: [template!.id] }, { connectionId: otherConnectionId }));
    expect(foreign).toMatchObject({ code: 100, subcode: 33 });
  });
});
