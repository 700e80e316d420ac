import { describe, expect, it } from "vitest";

import { SEED } from "./seed";
import { control, gateway, setupTestSimulator } from "./test/harness";

const PHONE = SEED.phoneNumbers.lumenUs;
const WABA = SEED.wabas.lumen;
const CUSTOMER = "14155550177";
const env = setupTestSimulator();

describe("template analytics of a real send", () => {
  it("counts a template the gateway sent once its statuses went out: sent, delivered and read", async () => {
    const templates = await gateway(env.sim.url, `${WABA}/message_templates?name=hello_world`);
    const templateId = (templates.body.data as Array<{ id: string; language: string }>).find((template) => template.language === "en_US")!.id;
    const sent = await gateway(env.sim.url, `${PHONE}/messages`, {
      body: { messaging_product: "whatsapp", to: CUSTOMER, type: "template", template: { name: "hello_world", language: { code: "en_US" } } },
    });
    const wamid = sent.body.messages[0].id as string;
    await env.receiver.waitFor((hook) => JSON.stringify(hook.body).includes(wamid) && JSON.stringify(hook.body).includes('"status":"read"'));

    const now = Math.floor(Date.parse((await control(env.sim.url, "state")).body.now as string) / 1000);
    const answer = await gateway(
      env.sim.url,
      `${WABA}/template_analytics?${new URLSearchParams({ granularity: "DAILY", start: String(now - 86_400), end: String(now), template_ids: JSON.stringify([templateId]) })}`,
    );
    expect(answer.status).toBe(200);
    const points = answer.body.data[0].data_points as Array<{ sent: number; delivered: number; read: number }>;
    const total = points.reduce((sum, point) => ({ sent: sum.sent + point.sent, delivered: sum.delivered + point.delivered, read: sum.read + point.read }), { sent: 0, delivered: 0, read: 0 });
    expect(total).toEqual({ sent: 1, delivered: 1, read: 1 });
  });
});
