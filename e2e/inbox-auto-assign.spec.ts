import { expect, type Page, test } from "@playwright/test";

import { linkNewNumber } from "./fixtures/connections";
import { uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { addUser, chooseFirstPassword, signInWith, uniqueEmail } from "./fixtures/team";
import { signIn } from "./fixtures/users";

/** The assignee the conversation list names for the customer's conversation on the number, once it has one (the list is live). */
async function expectAssignee(page: Page, phoneNumberId: string, customerName: string, agentName: string) {
  await page.goto(`/inbox?status=all&number=${encodeURIComponent(phoneNumberId)}&q=${encodeURIComponent(customerName)}`);
  const row = page.getByRole("link", { name: new RegExp(`^${customerName}`) });
  await expect(row).toHaveAccessibleName(new RegExp(`assigned to ${agentName}`), { timeout: 30_000 });
}

test("new conversations alternate between two available agents and skip one who is away", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const ada = { name: `Ada Turn ${tag}`, email: uniqueEmail("ada-turn") };
  const bo = { name: `Bo Turn ${tag}`, email: uniqueEmail("bo-turn") };

  await signIn(page, "admin");
  const phoneNumberId = await linkNewNumber(page);
  await page.goto("/settings/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  const adaPassword = await addUser(page, { ...ada, role: "Agent" });
  await addUser(page, { ...bo, role: "Agent" });

  await page.goto(`/settings/inbox?number=${encodeURIComponent(phoneNumberId)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Auto-assignment" })).toBeVisible();
  await page.getByRole("switch", { name: "Assign new conversations automatically" }).click();
  await expect(page.getByRole("switch", { name: "Assign new conversations automatically" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("checkbox", { name: ada.name }).check();
  await page.getByRole("checkbox", { name: bo.name }).check();
  await page.getByRole("button", { name: "Save auto-assignment" }).click();
  await expect(page.getByText("Auto-assignment saved")).toBeVisible();
  await screenshot(page, "settings-inbox");

  // Four customers write, one after another: the turn goes Ada, Bo, Ada, Bo (by name).
  const expected = [ada, bo, ada, bo];
  for (const [i, agent] of expected.entries()) {
    const customerName = `Turn Customer ${tag} ${i + 1}`;
    await customerWrites(page.request, { type: "text", text: { body: "Hello, anyone there?" } }, { from: uniqueCustomerNumber(), name: customerName, phoneNumberId });
    await expectAssignee(page, phoneNumberId, customerName, agent.name);
  }

  // Ada, whose turn is next, goes away: the next conversation goes to Bo.
  const adaContext = await browser.newContext();
  const adaPage = await adaContext.newPage();
  await signInWith(adaPage, ada.email, adaPassword);
  await chooseFirstPassword(adaPage, adaPassword, `ada-${tag}-new-password`);
  await adaPage.getByRole("button", { name: "Availability: Available" }).click();
  await adaPage.getByRole("menuitem", { name: "Away" }).click();
  await expect(adaPage.getByRole("button", { name: "Availability: Away" })).toBeVisible();
  await adaContext.close();

  // The settings page shows her away, live.
  await page.goto(`/settings/inbox?number=${encodeURIComponent(phoneNumberId)}`);
  await expect(page.getByRole("listitem").filter({ hasText: ada.name }).getByText("Away", { exact: true })).toBeVisible();

  const lastCustomer = `Turn Customer ${tag} 5`;
  await customerWrites(page.request, { type: "text", text: { body: "Me too" } }, { from: uniqueCustomerNumber(), name: lastCustomer, phoneNumberId });
  await expectAssignee(page, phoneNumberId, lastCustomer, bo.name);
});
