import { expect, test } from "@playwright/test";

import { addUser, chooseFirstPassword, openUsersAsAdmin, signInWith, uniqueEmail } from "./fixtures/team";
import { screenshot } from "./fixtures/screenshot";
import { afterServerAction, carrying } from "./fixtures/server-actions";

// Each scenario signs in several times (bcrypt ~250 ms each) on a 2-core machine shared with other suites.
test.describe.configure({ timeout: 90_000 });

test("a user changes their own name and password; a wrong current password is refused", async ({ browser }) => {
  const admin = await openUsersAsAdmin(browser);
  const email = uniqueEmail("account");
  const oneTimePassword = await addUser(admin, { name: "Ada Account", email, role: "Agent" });
  await admin.context().close();

  const page = await (await browser.newContext()).newPage();
  await signInWith(page, email, oneTimePassword);
  // The one-time password cannot be kept as the new one.
  await page.getByLabel("One-time password").fill(oneTimePassword);
  await page.getByLabel("New password", { exact: true }).fill(oneTimePassword);
  await page.getByLabel("Repeat the new password").fill(oneTimePassword);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("The new password must differ from the current one.")).toBeVisible();
  await chooseFirstPassword(page, oneTimePassword, "first-own-password");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();

  // Name: too long is named at the field; a good one shows in the header menu.
  await page.getByLabel("Name").fill("x".repeat(101));
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("A name has at most 100 characters.")).toBeVisible();
  await page.getByLabel("Name").fill("Ada Renamed");
  await afterServerAction(page, () => page.getByRole("button", { name: "Save name" }).click(), carrying("Ada Renamed"));
  await expect(page.getByText("Your name is saved.")).toBeVisible();
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menu").getByText("Ada Renamed")).toBeVisible();
  await page.keyboard.press("Escape");

  // Password: the wrong current one is refused at its field and nothing changes.
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("second-own-password");
  await page.getByLabel("Repeat the new password").fill("second-own-password");
  await afterServerAction(page, () => page.getByRole("button", { name: "Change password" }).click(), carrying("second-own-password"));
  await expect(page.getByText("The current password is not correct.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("A password needs at least 12 characters.")).toBeVisible();
  await screenshot(page, "account-errors");

  // Another browser signed in as the same user before the change.
  const other = await (await browser.newContext()).newPage();
  await signInWith(other, email, "first-own-password");
  await expect(other).toHaveURL(/\/inbox$/);

  await page.getByLabel("Current password").fill("first-own-password");
  await page.getByLabel("New password", { exact: true }).fill("second-own-password");
  await page.getByLabel("Repeat the new password").fill("second-own-password");
  await afterServerAction(page, () => page.getByRole("button", { name: "Change password" }).click(), carrying("second-own-password"));
  await expect(page.getByText("Your password is changed.")).toBeVisible();

  // This browser stays signed in; the other one's session ended with the change.
  await page.goto("/inbox");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await other.goto("/inbox");
  await expect(other).toHaveURL(/\/login/);
  await other.context().close();

  // The old password no longer works; the new one does.
  await page.context().clearCookies();
  await signInWith(page, email, "first-own-password");
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await signInWith(page, email, "second-own-password");
  await expect(page).toHaveURL(/\/inbox$/);
  await page.context().close();
});
