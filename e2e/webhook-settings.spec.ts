import { expect, test } from "@playwright/test";

import { customerWrites } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test("an admin sees the callback to paste into Meta and the deliveries, and replays one", async ({ page, request }) => {
  await customerWrites(request, { type: "text", text: { body: "Checking the delivery log" } }, { from: "15550009001" });
  await signIn(page, "admin");
  await page.goto("/settings/webhooks");

  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expect(page.getByLabel("Callback URL", { exact: true })).toHaveValue(/\/api\/webhooks\/whatsapp$/);
  const token = page.getByLabel("Verify token", { exact: true });
  await expect(token).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Show verify token" }).click();
  await expect(token).toHaveAttribute("type", "text");
  await expect(page.getByText("Signatures checked")).toBeVisible();
  await expect(page.getByText("Linked accounts", { exact: true })).toBeVisible();

  const deliveries = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Checked by" }) });
  // Other tests' deliveries arrive meanwhile (template updates among them): replay a message's.
  const messageRow = deliveries.getByRole("row").filter({ hasText: "1 message" }).first();
  await expect(messageRow.getByText("Processed")).toBeVisible();
  await expect(messageRow.getByText("Signature")).toBeVisible();
  await messageRow.getByRole("button", { name: /^Replay delivery \d+$/ }).click();
  await expect(page.getByText(/Delivery \d+ replayed: (nothing new|1 duplicate)/)).toBeVisible();
});

test("a marketer cannot open the webhook settings", async ({ page }) => {
  await signIn(page, "marketer");
  const response = await page.goto("/settings/webhooks");
  expect(response?.status()).toBe(403);
});
