import { expect, test } from "@playwright/test";

import {
  addUser,
  chooseFirstPassword,
  openUserActions,
  openUsersAsAdmin,
  signInWith,
  uniqueEmail,
} from "./fixtures/team";
import { demoUsers } from "./fixtures/users";
import { screenshot } from "./fixtures/screenshot";
import { chooseOption } from "./fixtures/ui";

// These tests never create a second enabled admin, so admin@demo.test stays the only one.

// Each scenario signs in several times (bcrypt ~250 ms each) on a 2-core machine shared with other suites.
test.describe.configure({ timeout: 90_000 });

test("the only admin cannot demote or disable themself", async ({ browser }) => {
  const admin = await openUsersAsAdmin(browser);
  await openUserActions(admin, demoUsers.admin.email);
  await admin.getByRole("menuitem", { name: "Change role…" }).click();
  const dialog = admin.getByRole("dialog", { name: "Change role" });
  await chooseOption(admin, dialog.getByRole("combobox", { name: "Role" }), "Marketer");
  await dialog.getByRole("button", { name: "Change role" }).click();
  await expect(dialog.getByText("You are the only enabled admin. Make someone else an admin before you change the role.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await openUserActions(admin, demoUsers.admin.email);
  await admin.getByRole("menuitem", { name: "Disable…" }).click();
  const confirm = admin.getByRole("alertdialog", { name: "Disable your own account?" });
  await confirm.getByRole("button", { name: "Disable user" }).click();
  await expect(confirm.getByText(/You are the only enabled admin/)).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();

  const row = admin.getByTestId(`user-row-${demoUsers.admin.email}`);
  await expect(row.getByText("Admin", { exact: true })).toBeVisible();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await admin.context().close();
});

test("an admin adds a marketer who must change the password, then disables them mid-session; the audit log shows each step", async ({
  browser,
}) => {
  const admin = await openUsersAsAdmin(browser);
  const email = uniqueEmail("marketer");
  const oneTimePassword = await addUser(admin, { name: "Mara Market", email, role: "Marketer" });
  const row = admin.getByTestId(`user-row-${email}`);
  await expect(row.getByText("Marketer", { exact: true })).toBeVisible();
  await expect(row.getByText("Password pending")).toBeVisible();
  await expect(row.getByText("Never")).toBeVisible();
  await screenshot(admin, "team-users");

  // The marketer signs in with the one-time password and must choose their own first.
  const marketer = await (await browser.newContext()).newPage();
  await signInWith(marketer, email, oneTimePassword);
  await expect(marketer.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
  await expect(marketer.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await screenshot(marketer, "team-first-password");
  await marketer.goto("/templates");
  await expect(marketer.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
  await chooseFirstPassword(marketer, oneTimePassword, "mara-own-password-2026");

  const nav = marketer.getByRole("navigation", { name: "Main" });
  for (const name of ["Inbox", "Templates", "Media", "Profile", "Settings"]) await expect(nav.getByRole("link", { name })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Connections" })).toHaveCount(0);
  await expect(marketer.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible();

  // The admin disables them; the marketer's open session is refused on the next request.
  await admin.reload();
  await openUserActions(admin, email);
  await admin.getByRole("menuitem", { name: "Disable…" }).click();
  const confirm = admin.getByRole("alertdialog", { name: "Disable Mara Market?" });
  await screenshot(admin, "team-disable-confirm", { fullPage: false });
  await confirm.getByRole("button", { name: "Disable user" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();

  await marketer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
  await expect(marketer).toHaveURL(/\/login/);
  await signInWith(marketer, email, "mara-own-password-2026");
  await expect(marketer.getByText("This account is disabled. Ask an administrator to re-enable it.")).toBeVisible();
  await marketer.context().close();

  // Every step is in the audit log.
  await admin.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(admin.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const entries = admin.getByRole("table", { name: "Audit log entries" });
  const entryFor = (action: string, actor: string) =>
    entries.getByRole("row").filter({ hasText: action }).filter({ hasText: actor }).filter({ hasText: email });
  await expect(entryFor("Created user", demoUsers.admin.email)).toHaveCount(1);
  // With the one-time password, then again with their own (a new password starts a new session).
  await expect(entryFor("Signed in", email)).toHaveCount(2);
  await expect(entryFor("Changed own password", email)).toHaveCount(1);
  await expect(entryFor("Disabled user", demoUsers.admin.email)).toHaveCount(1);
  await screenshot(admin, "team-audit");

  // Filtering by the marketer as actor keeps only what they did, in the URL.
  await chooseOption(admin, admin.getByRole("combobox", { name: "User" }), new RegExp(email));
  await expect(admin).toHaveURL(/[?&]user=[0-9a-f-]{36}/);
  await expect(entries.getByRole("row")).toHaveCount(4); // header + two sign-ins + password change
  await chooseOption(admin, admin.getByRole("combobox", { name: "Action" }), "Signed in");
  await expect(admin).toHaveURL(/action=user\.signed_in/);
  await expect(entries.getByRole("row")).toHaveCount(3);
  await expect(admin.getByRole("button", { name: /edit|delete/i })).toHaveCount(0);
  await admin.context().close();
});

test("an admin re-enables a user and changes their role; a taken email is refused at the field", async ({ browser }) => {
  const admin = await openUsersAsAdmin(browser);
  const email = uniqueEmail("agent");
  await addUser(admin, { name: "Abe Agent", email, role: "Agent" });

  await admin.getByRole("button", { name: "Add user" }).click();
  const dialog = admin.getByRole("dialog", { name: "Add a user" });
  await dialog.getByLabel("Name").fill("Copy Cat");
  await dialog.getByLabel("Email").fill(email.toUpperCase());
  await dialog.getByRole("radio", { name: /Type a password/ }).check();
  await dialog.getByLabel("Password", { exact: true }).fill("short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("A password needs at least 12 characters.")).toBeVisible();
  await dialog.getByLabel("Password", { exact: true }).fill("long-enough-password");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("A user with this email already exists.")).toBeVisible();
  await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await screenshot(admin, "team-add-user-error", { fullPage: false });
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const row = admin.getByTestId(`user-row-${email}`);
  await openUserActions(admin, email);
  await admin.getByRole("menuitem", { name: "Change role…" }).click();
  const roleDialog = admin.getByRole("dialog", { name: "Change role" });
  await chooseOption(admin, roleDialog.getByRole("combobox", { name: "Role" }), "Marketer");
  await roleDialog.getByRole("button", { name: "Change role" }).click();
  await expect(row.getByText("Marketer", { exact: true })).toBeVisible();

  await openUserActions(admin, email);
  await admin.getByRole("menuitem", { name: "Disable…" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Disable user" }).click();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  await openUserActions(admin, email);
  await admin.getByRole("menuitem", { name: "Enable" }).click();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();

  await admin.goto("/settings/audit?action=user.role_changed");
  await expect(
    admin.getByRole("table", { name: "Audit log entries" }).getByRole("row").filter({ hasText: email }).filter({ hasText: "agent" }),
  ).toHaveCount(1);
  await admin.context().close();
});
