import { expect, test } from "@playwright/test";

import { escapeRegExp, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import {
  addUser,
  chooseAccess,
  chooseFirstPassword,
  openUserActions,
  openUsersAsAdmin,
  signInWith,
  uniqueEmail,
} from "./fixtures/team";

/** The dental clinic's number in the simulator's seed (its other connection is the coffee roaster's). */
const DENTAL_CLINIC_NUMBER = "113224466880011";

// Each scenario signs in several times (bcrypt ~250 ms each) on a 2-core machine shared with other suites.
test.describe.configure({ timeout: 90_000 });

test("an admin gives a new agent one connection; the agent sees only its conversations, and the other's are not found", async ({
  browser,
  request,
}) => {
  const tag = uniqueCustomerNumber().slice(-7);
  const coffeeCustomer = `Roast Fan ${tag}`;
  const dentalPatient = `Molar Patient ${tag}`;
  await customerWrites(request, { type: "text", text: { body: "Is the Ethiopia back in stock?" } }, { from: uniqueCustomerNumber(), name: coffeeCustomer });
  await customerWrites(
    request,
    { type: "text", text: { body: "Can I move my cleaning to Friday?" } },
    { from: uniqueCustomerNumber(), name: dentalPatient, phoneNumberId: DENTAL_CLINIC_NUMBER },
  );

  const admin = await openUsersAsAdmin(browser);
  const email = uniqueEmail("coffee-agent");
  const oneTimePassword = await addUser(admin, { name: "Cora Coffee", email, role: "Agent", access: "none" });
  const row = admin.getByTestId(`user-row-${email}`);
  await expect(row.getByText("No access", { exact: true })).toBeVisible();

  await openUserActions(admin, email);
  await admin.getByRole("menuitem", { name: "Edit access…" }).click();
  const dialog = admin.getByRole("dialog", { name: "Edit access" });
  await dialog.getByRole("radio", { name: /^Chosen connections/ }).check();
  await dialog.getByRole("checkbox", { name: "Lumen Coffee Roasters", exact: true }).check();
  await expect(dialog.getByRole("checkbox", { name: "Harbor Dental Clinic", exact: true })).not.toBeChecked();
  await screenshot(admin, "users-edit-access");
  await dialog.getByRole("button", { name: "Save access" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByText("Lumen Coffee Roasters", { exact: true })).toBeVisible();
  await expect(row.getByText("No access", { exact: true })).toHaveCount(0);
  await screenshot(admin, "users-access-column");

  // The admin works in every connection: the dental clinic's conversation is theirs to open.
  await openConversation(admin, dentalPatient);
  const dentalConversationUrl = admin.url();
  await admin.context().close();

  const agent = await (await browser.newContext()).newPage();
  await signInWith(agent, email, oneTimePassword);
  await chooseFirstPassword(agent, oneTimePassword, "cora-own-password-2026");
  await agent.goto(`/inbox?status=all&q=${tag}`);
  await expect(agent.getByRole("link", { name: new RegExp(`^${escapeRegExp(coffeeCustomer)}`) })).toBeVisible();
  // The list has answered (the coffee customer is in it): the dental patient, matching the same search, is not.
  await expect(agent.getByRole("link", { name: new RegExp(`^${escapeRegExp(dentalPatient)}`) })).toHaveCount(0);

  await agent.goto(dentalConversationUrl);
  await expect(agent.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(agent.getByText("Can I move my cleaning to Friday?")).toHaveCount(0);
  await agent.context().close();
});

test("an agent given no connection is told what it means when created, and on signing in", async ({ browser }) => {
  const admin = await openUsersAsAdmin(browser);
  const email = uniqueEmail("unplaced-agent");
  await admin.getByRole("button", { name: "Add user" }).click();
  const form = admin.getByRole("dialog", { name: "Add a user" });
  await form.getByLabel("Name").fill("Nico Nowhere");
  await form.getByLabel("Email").fill(email);
  await chooseAccess(form, "none");
  await expect(form.getByText("Nico Nowhere can sign in but will see no conversations, templates or media until you give access.")).toBeVisible();
  await form.getByRole("button", { name: "Create user" }).click();
  const created = admin.getByRole("dialog", { name: "Nico Nowhere can now sign in" });
  const oneTimePassword = (await created.getByTestId("one-time-password").textContent())?.trim() ?? "";
  await created.getByRole("button", { name: "Done" }).click();
  await expect(admin.getByTestId(`user-row-${email}`).getByText("No access", { exact: true })).toBeVisible();
  await admin.context().close();

  const agent = await (await browser.newContext()).newPage();
  await signInWith(agent, email, oneTimePassword);
  await chooseFirstPassword(agent, oneTimePassword, "nico-own-password-2026");
  await expect(agent.getByText("You don't have access to any WhatsApp account yet.")).toBeVisible();
  await screenshot(agent, "inbox-no-connection-access");
  await agent.context().close();
});
