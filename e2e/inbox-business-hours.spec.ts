import { expect, test } from "@playwright/test";

import { linkNewNumber } from "./fixtures/connections";
import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test("outside business hours the customer gets the away message once per closed period", async ({ page }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const awayText = `We are closed today (${tag}); we answer tomorrow.`;
  // A holiday today, in the schedule's zone (UTC): closed all day.
  const today = new Date().toISOString().slice(0, 10);

  await signIn(page, "admin");
  const phoneNumberId = await linkNewNumber(page);
  await page.goto(`/settings/inbox?number=${encodeURIComponent(phoneNumberId)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(page.getByText("No business hours yet: the number counts as open.")).toBeVisible();

  await page.getByRole("combobox", { name: "Time zone" }).selectOption("UTC");
  await page.getByLabel("Holiday date").fill(today);
  await page.getByRole("button", { name: "Add holiday" }).click();
  await expect(page.getByRole("button", { name: `Remove holiday ${today}` })).toBeVisible();
  await page.getByRole("button", { name: "Save business hours" }).click();
  await expect(page.getByText("Business hours saved")).toBeVisible();
  await expect(page.getByText(/^Closed now/)).toBeVisible();

  await page.getByRole("switch", { name: "Away message" }).click();
  await page.getByLabel("Away message text").fill(awayText);
  await page.getByRole("button", { name: "Save automatic messages" }).click();
  await expect(page.getByText("Automatic messages saved")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Away message" })).toHaveAttribute("aria-checked", "true");
  await screenshot(page, "settings-inbox-business-hours", { fullPage: true });

  const customerName = `Closed Customer ${tag}`;
  const from = uniqueCustomerNumber();
  await customerWrites(page.request, { type: "text", text: { body: "Are you open?" } }, { from, name: customerName, phoneNumberId });
  await openConversation(page, customerName);
  const away = messageList(page).getByRole("listitem").filter({ hasText: awayText });
  await expect(away).toHaveCount(1);
  await expect(away.getByText("Automatic")).toBeVisible();

  // The same closed period: the second message gets no second away message.
  await customerWrites(page.request, { type: "text", text: { body: "Hello again?" } }, { from, name: customerName, phoneNumberId });
  await expect(messageList(page).getByText("Hello again?")).toBeVisible();
  await expect(away).toHaveCount(1);
  await screenshot(page, "inbox-away-message");
});
