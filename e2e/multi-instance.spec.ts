import { expect, test } from "@playwright/test";

import { signWebhookBody } from "../lib/webhooks/signature";
import { DEMO_APP_SECRET } from "../lib/whatsapp/demo";
import { INSTANCE_URLS } from "../playwright.config";
import { signIn } from "./fixtures/users";

test.skip(!process.env.TEST_DATABASE_URL, "needs a PostgreSQL server (TEST_DATABASE_URL)");

const [instanceA, instanceB] = INSTANCE_URLS;

test.use({ baseURL: instanceB });

test("a delivery received by one dashboard instance is announced live by another", async ({ page, request }) => {
  await signIn(page, "agent");
  await page.evaluate(() => {
    const received: string[] = [];
    (window as unknown as { received: string[] }).received = received;
    const source = new EventSource("/api/events");
    source.addEventListener("message.created", (event) => received.push((event as MessageEvent).data));
    return new Promise<void>((resolve) => source.addEventListener("open", () => resolve()));
  });

  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550104821", phone_number_id: "106540352242922" },
              contacts: [{ profile: { name: "Two Instances" }, wa_id: "15550002222" }],
              messages: [
                {
                  from: "15550002222",
                  id: `wamid.multi.${Date.now()}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: "text",
                  text: { body: "hello from instance A" },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const response = await request.post(`${instanceA}/api/webhooks/whatsapp`, {
    data: body,
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signWebhookBody(body, DEMO_APP_SECRET) },
  });
  expect(response.status()).toBe(200);

  await expect
    .poll(() => page.evaluate(() => (window as unknown as { received: string[] }).received.length))
    .toBeGreaterThan(0);
});
