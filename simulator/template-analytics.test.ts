import { describe, expect, it } from "vitest";
import type { GraphRequest } from "./graph/context";
import { recordTemplateButtonReply, recordTemplateSend, recordTemplateStatus, templateAnalytics } from "./graph/template-analytics";
import { resolveOptions } from "./options";
import { SEED } from "./seed";
import { Simulator } from "./sim";
import { control, gateway, setupTestSimulator } from "./test/harness";

const WABA = SEED.wabas.lumen;
const DAY = 86_400;
const env = setupTestSimulator({ receiver: false });

const seconds = (ms: number) => Math.floor(ms / 1000);
const analytics = (query: Record<string, string>, connection?: string) =>
  gateway(env.sim.url, `${WABA}/template_analytics?${new URLSearchParams({ granularity: "DAILY", ...query })}`, { connection });

async function templateIds(waba: string, connection?: string): Promise<string[]> {
  const list = await gateway(env.sim.url, `${waba}/message_templates?limit=100`, { connection });
  return (list.body.data as Array<{ id: string }>).map((template) => template.id);
}

describe("template analytics over HTTP", () => {
  it("answers a day's data point per template and day, the range rounded out to whole UTC days", async () => {
    const now = Date.parse((await control(env.sim.url, "state")).body.now as string);
    const [first, second] = await templateIds(WABA);
    const answer = await analytics({ start: String(seconds(now) - 2 * DAY + 5), end: String(seconds(now)), template_ids: JSON.stringify([first, second]), metric_types: '["SENT","READ"]' });
    expect(answer.status).toBe(200);
    const [entry] = answer.body.data;
    expect(entry).toMatchObject({ granularity: "DAILY", product_type: "cloud_api" });
    const points = entry.data_points as Array<Record<string, unknown>>;
    // From the start's day to the day after `now` (ceiled): three days for each of the two templates.
    expect(points).toHaveLength(6);
    const dayStart = Math.floor((seconds(now) - 2 * DAY + 5) / DAY) * DAY;
    expect(points[0]).toEqual({ template_id: first, start: dayStart, end: dayStart + DAY, sent: 0, read: 0 });
    expect(points.every((point) => !("delivered" in point) && !("clicked" in point))).toBe(true);
    expect(answer.body.paging.cursors).toBeDefined();
  });

  it("refuses more than 10 ids, a start over 90 days back, an unknown template and a missing parameter (error 100)", async () => {
    const now = Date.parse((await control(env.sim.url, "state")).body.now as string);
    const ids = await templateIds(WABA);
    const end = String(seconds(now));
    const eleven = Array.from({ length: 11 }, (_, index) => String(9_000 + index));
    const tooMany = await analytics({ start: String(seconds(now) - DAY), end, template_ids: JSON.stringify(eleven) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 100 });
    expect(tooMany.body.error.error_data.details).toMatch(/at most 10/);

    const old = await analytics({ start: String(seconds(now) - 91 * DAY), end, template_ids: JSON.stringify([ids[0]]) });
    expect(old.body.error).toMatchObject({ code: 100, message: "(#100) Invalid parameter" });
    expect(old.body.error.error_data.details).toMatch(/start/);

    const harbors = await templateIds(SEED.wabas.harbor, SEED.connections.harbor);
    const foreign = await analytics({ start: String(seconds(now) - DAY), end, template_ids: JSON.stringify([harbors[0]]) });
    expect(foreign.body.error).toMatchObject({ code: 100 });
    expect(foreign.body.error.error_data.details).toContain(harbors[0]);

    const missing = await analytics({ start: String(seconds(now) - DAY), end });
    expect(missing.body.error.error_data.details).toMatch(/template_ids/);
  });

  it("routes by Maton-Connection like the other template edges: another connection's WABA does not exist", async () => {
    const now = Date.parse((await control(env.sim.url, "state")).body.now as string);
    const ids = await templateIds(WABA);
    const answer = await analytics({ start: String(seconds(now) - DAY), end: String(seconds(now)), template_ids: JSON.stringify([ids[0]]) }, SEED.connections.harbor);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe("template analytics figures", () => {
  it("counts what the simulator sent and reported: sent, delivered, read on the day each happened, quick-reply clicks by button", () => {
    const sim = new Simulator(resolveOptions({}));
    const template = [...sim.state.templates.values()].find((candidate) => candidate.wabaId === WABA)!;
    const other = [...sim.state.templates.values()].find((candidate) => candidate.wabaId === WABA && candidate.id !== template.id)!;
    const waba = sim.state.wabas.get(WABA)!;
    const ask = (ids: string[]) => {
      const now = sim.clock.now();
      const query = new URLSearchParams({ start: String(seconds(now) - 2 * DAY), end: String(seconds(now)), granularity: "DAILY", template_ids: JSON.stringify(ids) });
      const reply = templateAnalytics({ sim, query, method: "GET", segments: [WABA, "template_analytics"] } as unknown as GraphRequest, waba);
      return (reply.body as { data: Array<{ data_points: Array<{ template_id: string; sent: number; delivered: number; read: number; clicked: Array<{ type: string; button_content: string; count: number }> }> }> }).data[0]!.data_points;
    };

    // Yesterday: three sends of the template (read, delivered, failed) and one of the other one (only sent).
    sim.clock.advance(-DAY);
    recordTemplateSend(sim, { wamid: "w1", wabaId: WABA, templateId: template.id });
    recordTemplateSend(sim, { wamid: "w2", wabaId: WABA, templateId: template.id });
    recordTemplateSend(sim, { wamid: "w3", wabaId: WABA, templateId: template.id });
    recordTemplateSend(sim, { wamid: "w4", wabaId: WABA, templateId: other.id });
    for (const status of ["sent", "delivered", "read"] as const) recordTemplateStatus(sim, "w1", status);
    recordTemplateStatus(sim, "w2", "delivered");
    recordTemplateStatus(sim, "w3", "failed");
    recordTemplateStatus(sim, "w4", "sent");
    recordTemplateStatus(sim, "not-a-template", "read");
    // Today: the first one's customer taps "Yes" twice and "Stop" once.
    sim.clock.advance(DAY);
    recordTemplateButtonReply(sim, { contextId: "w1", text: "Yes" });
    recordTemplateButtonReply(sim, { contextId: "w1", text: "Yes" });
    recordTemplateButtonReply(sim, { contextId: "w2", text: "Stop" });
    recordTemplateButtonReply(sim, { contextId: "unknown", text: "Yes" });

    const points = ask([template.id, other.id]);
    const sum = (id: string, metric: "sent" | "delivered" | "read") => points.filter((point) => point.template_id === id).reduce((total, point) => total + point[metric], 0);
    expect([sum(template.id, "sent"), sum(template.id, "delivered"), sum(template.id, "read")]).toEqual([2, 2, 1]);
    expect([sum(other.id, "sent"), sum(other.id, "delivered"), sum(other.id, "read")]).toEqual([1, 0, 0]);
    const clicks = points.filter((point) => point.template_id === template.id).flatMap((point) => point.clicked);
    expect(clicks).toEqual(
      expect.arrayContaining([
        { type: "quick_reply_button", button_content: "Yes", count: 2 },
        { type: "quick_reply_button", button_content: "Stop", count: 1 },
      ]),
    );
    expect(clicks).toHaveLength(2);

    // A reset replaces the state, and forgets the figures with it.
    sim.reset();
    expect(ask([template.id]).every((point) => point.sent === 0 && point.clicked.length === 0)).toBe(true);
  });
});
