import { expect, test } from "@playwright/test";

import { screenshot } from "./fixtures/screenshot";

test("a developer reads the API reference, rendered from the OpenAPI document under the page's CSP", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (entry) => {
    if (entry.type() === "error" && /Content Security Policy|Refused to (load|execute)/i.test(entry.text())) refused.push(entry.text());
  });
  const response = await page.goto("/docs/api");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "WhatsApp Business dashboard API" }).first()).toBeVisible();
  const sidebar = page.getByRole("navigation", { name: /Sidebar/ });
  await expect(sidebar.getByText("List business phone numbers")).toBeVisible();
  // A tag opens on click and lists its operations.
  await sidebar.getByText("Messages", { exact: true }).click();
  await expect(sidebar.getByText("Send a message into a conversation")).toBeVisible();
  await screenshot(page, "api-reference");
  // Only Scalar's one probe of `new Function` may be refused; its scripts and styles load.
  expect(refused.filter((text) => !/unsafe-eval|'eval'/i.test(text))).toEqual([]);
});
