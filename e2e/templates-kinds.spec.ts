import { expect, test } from "@playwright/test";

import { screenshot } from "./fixtures/screenshot";
import { signIn } from "./fixtures/users";

const unique = (prefix: string) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1000)}`;

test("a carousel template is listed and previewed, marked as not sendable from the dashboard", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/templates?q=roast_carousel");
  const row = page.getByRole("row").filter({ hasText: "roast_carousel" });
  await expect(row.getByText("Can't be sent from the dashboard yet")).toBeVisible();
  await expect(row.getByText("Carousel", { exact: true })).toBeVisible();
  await row.getByRole("link", { name: /roast_carousel/ }).first().click();
  const preview = page.getByRole("figure", { name: "Message preview" });
  await expect(preview.getByRole("group", { name: "First card" })).toBeVisible();
  await expect(preview.getByText(/\+1 more card/)).toBeVisible();
  await screenshot(page, "template-carousel");
});

test("a marketer creates a template with named variables", async ({ page }) => {
  const name = unique("pickup_ready");
  await signIn(page, "marketer");
  await page.goto("/templates/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("radio", { name: "Named ({{first_name}})" }).check();
  await page.getByLabel("Body", { exact: true }).fill("Hi {{first_name}}, your {{item}} is ready at the counter. See you soon!");
  await page.getByLabel("Example for {{first_name}}").fill("Maya");
  await page.getByLabel("Example for {{item}}").fill("flat white");
  const preview = page.getByRole("figure", { name: "Message preview" });
  await expect(preview).toContainText("Hi Maya, your flat white is ready at the counter.");
  await page.getByLabel("Body", { exact: true }).fill("Hi {{first_name}}, your {{1}} is ready at the counter. See you soon!");
  await expect(page.getByText("Named and numbered variables cannot be mixed in one template.")).toBeVisible();
  await page.getByLabel("Body", { exact: true }).fill("Hi {{first_name}}, your {{item}} is ready at the counter. See you soon!");
  await expect(page.getByText("Ready to submit: no problems found.")).toBeVisible();
  await screenshot(page, "template-editor-named");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("Named variables")).toBeVisible();
});
