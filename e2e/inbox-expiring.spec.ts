import { expect, test } from "@playwright/test";

import { escapeRegExp, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test("a conversation whose customer wrote 23 hours ago is counted and listed under Expiring soon with its time left", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Expiring Customer ${from.slice(-5)}`;
  const twentyThreeHoursAgo = Math.floor(Date.now() / 1000) - 23 * 3600;
  await customerWrites(request, { type: "text", text: { body: "Is the offer still on?" }, timestamp: String(twentyThreeHoursAgo) }, { from, name });
  await signIn(page, "agent");
  await page.goto(`/inbox?q=${encodeURIComponent(name)}`);
  const row = page.getByRole("link", { name: new RegExp(`^${escapeRegExp(name)}`) });
  await expect(row).toBeVisible();

  // The count beside the filters (other tests' conversations may be expiring too) applies the filter.
  const count = page.getByRole("button", { name: /^\d+ expiring soon$/ });
  await expect(count).toBeVisible();
  await expect(count).toHaveAttribute("aria-pressed", "false");
  await count.click();
  await expect(page).toHaveURL(/window=expiring/);
  await expect(count).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("combobox", { name: "24-hour window" })).toHaveText("Expiring soon");

  await expect(row).toBeVisible();
  // About an hour left: "closes in 1 h 0 min" or, on a slow run, "closes in 59 min".
  await expect(row.getByText(/^closes in (1 h \d+|\d+) min$/)).toBeVisible();
  await screenshot(page, "inbox-expiring-soon");

  // A reply takes it off the list: the customer is no longer waiting.
  await row.click();
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill("Yes, until Friday.");
  await composer.press("Enter");
  await expect(page.getByRole("link", { name: new RegExp(`^${escapeRegExp(name)}`) })).toHaveCount(0);
});
