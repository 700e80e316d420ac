import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";

import { uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

// A delivery goes through the job engine to a receiver in this process; the machine is shared, so be patient.
test.setTimeout(90_000);

interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A team's system listening for the dashboard's webhooks: records every request and answers 200. */
async function startReceiver() {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/${randomUUID().slice(0, 8)}`,
    received,
    /** The requests whose JSON body is an event of this type. */
    ofType: (type: string) => received.filter((request) => (JSON.parse(request.body) as { type?: string }).type === type),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What the receiving system does first: check the signature with the secret it was given. */
function verifiedPayload(secret: string, request: ReceivedRequest): { type: string; data: unknown } {
  const header = (name: string) => String(request.headers[name] ?? "");
  return new Webhook(secret).verify(request.body, {
    "webhook-id": header("webhook-id"),
    "webhook-timestamp": header("webhook-timestamp"),
    "webhook-signature": header("webhook-signature"),
  }) as { type: string; data: unknown };
}

test("an admin adds an endpoint, sends a test event, and a customer's message is delivered signed", async ({ page, context, request }) => {
  const receiver = await startReceiver();
  try {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signIn(page, "admin");
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { level: 2, name: "From WhatsApp" })).toBeVisible();
    const outbound = page.getByRole("region", { name: "To your systems" });
    await expect(outbound).toBeVisible();

    // Add the endpoint: the URL, a description, one event.
    await outbound.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add endpoint" });
    await dialog.getByLabel("Endpoint URL").fill(receiver.url);
    await dialog.getByLabel("Description").fill("Order system (e2e)");
    await dialog.getByRole("checkbox", { name: "message.received" }).check();
    await dialog.getByRole("button", { name: "Add endpoint" }).click();

    // The secret, once, copied as a person would.
    const created = page.getByRole("dialog", { name: "Endpoint added" });
    await expect(created.getByText("it is shown only this once")).toBeVisible();
    await expect(created.getByRole("heading", { name: "Verify signatures" })).toBeVisible();
    await expect(created.locator("code", { hasText: "webhook-signature" })).toBeVisible();
    await created.getByRole("button", { name: "Copy secret" }).click();
    await expect(created.getByRole("button", { name: "Copied" })).toBeVisible();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await expect(created.getByTestId("signing-secret")).toHaveText(secret);
    await screenshot(page, "outbound-webhooks-secret", { fullPage: false });
    await created.getByRole("button", { name: "Done" }).click();
    await expect(created).toBeHidden();

    // Listed, then opened.
    const endpointLink = outbound.getByRole("link", { name: receiver.url, exact: true });
    await expect(endpointLink).toBeVisible();
    await screenshot(page, "outbound-webhooks-list");
    await endpointLink.click();
    await expect(page).toHaveURL(/\/settings\/webhooks\/endpoints\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: receiver.url })).toBeVisible();

    // A test event: listed at the top as succeeded with the receiver's 200, received once, signed.
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event sent")).toBeVisible();
    const testRow = page.getByRole("row").filter({ hasText: "webhook.test" });
    await expect(testRow.getByText("Succeeded")).toBeVisible({ timeout: 30_000 });
    await expect(testRow.getByText(/^200 in \d+ ms$/)).toBeVisible();
    await expect.poll(() => receiver.ofType("webhook.test").length).toBe(1);
    const [testRequest] = receiver.ofType("webhook.test");
    expect(testRequest!.headers["user-agent"]).toBe("WhatsApp-Business-Dashboard-Webhooks/1");
    expect(verifiedPayload(secret, testRequest!).type).toBe("webhook.test");
    // A wrong secret does not verify: the check above means something.
    expect(() => verifiedPayload(`whsec_${Buffer.alloc(32, 7).toString("base64")}`, testRequest!)).toThrow();

    // Its details: the payload as sent.
    await testRow.getByRole("button", { name: /^Show details of delivery / }).click();
    await expect(page.getByText("Payload", { exact: true })).toBeVisible();
    await screenshot(page, "outbound-webhooks-endpoint");

    // A customer writes: a message.received delivery, received signed and listed as succeeded.
    const body = `Where is my order? ${randomUUID().slice(0, 8)}`;
    const wamid = await customerWrites(request, { type: "text", text: { body } }, { from: uniqueCustomerNumber() });
    await expect.poll(() => receiver.ofType("message.received").filter((received) => received.body.includes(wamid)).length, { timeout: 30_000 }).toBe(1);
    const messageRequest = receiver.ofType("message.received").find((received) => received.body.includes(wamid))!;
    expect(verifiedPayload(secret, messageRequest).type).toBe("message.received");
    expect(messageRequest.body).toContain(body);
    // The list only follows pending deliveries by itself: this one was sent meanwhile, so the page is read again.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("row").filter({ hasText: "message.received" }).filter({ hasText: "Succeeded" }).first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  } finally {
    await receiver.close();
  }
});

test("a marketer cannot open an endpoint's page nor read its deliveries", async ({ page }) => {
  await signIn(page, "marketer");
  const endpointId = randomUUID();
  const response = await page.goto(`/settings/webhooks/endpoints/${endpointId}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  const deliveries = await page.request.get(`/api/settings/webhook-endpoints/${endpointId}/deliveries`);
  expect(deliveries.status()).toBe(403);
  expect(await deliveries.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
});
