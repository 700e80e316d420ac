import { expect, test, type Page } from "@playwright/test";

import { escapeRegExp, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { chooseOption } from "./fixtures/ui";
import { signIn } from "./fixtures/users";

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The customer's row in the list as it stands (filtered by the URL's search). */
const rowOf = (page: Page, name: string) => page.getByRole("link", { name: new RegExp(`^${escapeRegExp(name)}`) });

test("a snoozed conversation leaves the open list, waits under Snoozed and comes back, marked, when the customer writes", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Snooze Customer ${from.slice(-5)}`;
  // Written a minute ago by the dashboard's clock, whatever the simulator's clock says.
  await customerWrites(request, { type: "text", text: { body: "Can you check my order tomorrow?" }, timestamp: String(nowSeconds() - 60) }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);

  const snooze = page.getByRole("button", { name: "Snooze", exact: true });
  await snooze.click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: /^In 1 hour/ })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: /^Tomorrow 9:00/ })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: /^Next Monday 9:00/ })).toBeVisible();
  await screenshot(page, "inbox-snooze-menu");

  // The custom date and time, then back to the menu's presets.
  await menu.getByRole("menuitem", { name: "Pick a date and time…" }).click();
  const custom = page.getByRole("dialog", { name: "Snooze until a date and time" });
  await expect(custom.getByLabel("Date")).toBeVisible();
  await expect(custom.getByLabel("Time")).toHaveValue("09:00");
  await screenshot(page, "inbox-snooze-custom");
  await custom.getByRole("button", { name: "Cancel" }).click();
  await expect(custom).toBeHidden();

  await snooze.click();
  await page.getByRole("menu").getByRole("menuitem", { name: /^In 3 hours/ }).click();
  const snoozed = page.getByRole("button", { name: /^Snoozed until / });
  await expect(snoozed).toBeVisible();
  await screenshot(page, "inbox-snoozed-conversation");

  // Out of the open list (no conversation open, so nothing takes the mark away later).
  await page.goto(`/inbox?status=open&q=${encodeURIComponent(name)}`);
  await expect(page.getByText(`No conversation matches “${name}”.`)).toBeVisible();
  await expect(rowOf(page, name)).toHaveCount(0);

  // Under Snoozed, with its time.
  await chooseOption(page, page.getByRole("combobox", { name: "Status" }), "Snoozed");
  await expect(page).toHaveURL(/status=snoozed/);
  await expect(rowOf(page, name)).toBeVisible();
  await expect(rowOf(page, name).getByText(/^Snoozed until /)).toBeVisible();
  await screenshot(page, "inbox-snoozed-list");

  // Back to the open list, where it appears by itself when the customer writes.
  await chooseOption(page, page.getByRole("combobox", { name: "Status" }), /^Open$/);
  await expect(rowOf(page, name)).toHaveCount(0);
  await customerWrites(request, { type: "text", text: { body: "Actually, one more question" }, timestamp: String(nowSeconds() + 1) }, { from, name });
  await expect(rowOf(page, name)).toBeVisible();
  await expect(rowOf(page, name).getByText("Back from snooze")).toBeVisible();
  await expect(rowOf(page, name)).toHaveAccessibleName(/Back from snooze$/);
  await screenshot(page, "inbox-back-from-snooze");

  // Under Snoozed it is gone.
  await chooseOption(page, page.getByRole("combobox", { name: "Status" }), "Snoozed");
  await expect(rowOf(page, name)).toHaveCount(0);
});
