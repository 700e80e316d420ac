import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";

import { screenshot } from "./fixtures/screenshot";
import { addUser, chooseFirstPassword, openUsersAsAdmin, signInWith, uniqueEmail } from "./fixtures/team";
import { chooseOption, untilHydrated } from "./fixtures/ui";

// Each scenario signs in twice (bcrypt) and changes a password on a machine shared with other suites.
test.describe.configure({ timeout: 90_000 });

/** A new agent with every connection, made by the admin, signed in with their own password. */
async function newAgent(browser: Browser, name: string): Promise<{ page: Page; email: string; admin: Page }> {
  const admin = await openUsersAsAdmin(browser);
  const email = uniqueEmail("tokens");
  const oneTimePassword = await addUser(admin, { name, email, role: "Agent", access: "all" });
  const page = await (await browser.newContext()).newPage();
  await signInWith(page, email, oneTimePassword);
  await chooseFirstPassword(page, oneTimePassword, "token-owner-password-2026");
  return { page, email, admin };
}

/** Opens Settings from the sidebar: an agent lands on their API tokens, the only settings page they may open. */
async function openApiTokens(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
}

/** Creates a token in the dialog and reads it from the field it is shown in, once. */
async function createToken(page: Page, name: string, expiry: string): Promise<string> {
  const open = page.getByRole("button", { name: "Create token" });
  await untilHydrated(open);
  await open.click();
  const dialog = page.getByRole("dialog", { name: "Create an API token" });
  await dialog.getByLabel("Name").fill(name);
  await chooseOption(page, dialog.getByRole("combobox", { name: "Expiry" }), expiry);
  await dialog.getByRole("button", { name: "Create token" }).click();

  const created = page.getByRole("dialog", { name: `Token “${name}” created` });
  await expect(created.getByText("Copy it now: you won't see it again")).toBeVisible();
  const token = await created.getByRole("textbox", { name: "New API token" }).inputValue();
  expect(token).toMatch(/^wbd_[A-Za-z0-9_-]{43}$/);
  await screenshot(page, "api-tokens-created", { fullPage: false });
  await created.getByRole("button", { name: "Done" }).click();
  await expect(created).toHaveCount(0);
  return token;
}

const phoneNumbers = (request: APIRequestContext, token: string) =>
  request.get("/api/v1/phone-numbers", { headers: { Authorization: `Bearer ${token}` } });

async function expectRefused(request: APIRequestContext, token: string) {
  const refused = await phoneNumbers(request, token);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  expect(await refused.json()).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
}

test("an agent creates an API token, calls the API with it, revokes it, and the API refuses it", async ({ browser, request }) => {
  const { page, admin } = await newAgent(browser, "Tina Tokens");
  await admin.context().close();

  await openApiTokens(page);
  // The only settings sections an agent may open: their tokens and their canned responses.
  const settingsNav = page.getByRole("navigation", { name: "Settings" });
  await expect(settingsNav.getByRole("link")).toHaveText(["API tokens", "Canned responses"]);
  await expect(page.getByRole("heading", { name: "No API tokens yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Read the API reference" })).toHaveAttribute("href", "/docs/api");
  await expect(page.getByRole("navigation", { name: "Whose tokens" })).toHaveCount(0);
  await screenshot(page, "api-tokens-empty");

  const token = await createToken(page, "Nightly export", "30 days");
  const row = page.getByRole("table", { name: "API tokens" }).getByRole("row").filter({ hasText: "Nightly export" });
  await expect(row.getByText(token.slice(0, 12))).toBeVisible();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(row.getByText("Never used")).toBeVisible();
  await screenshot(page, "api-tokens-list");

  const answer = await phoneNumbers(request, token);
  expect(answer.status()).toBe(200);
  expect(Array.isArray((await answer.json()).data)).toBe(true);

  await row.getByRole("button", { name: "Revoke Nightly export" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke “Nightly export”?" });
  await screenshot(page, "api-tokens-revoke-confirm", { fullPage: false });
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Revoke Nightly export" })).toHaveCount(0);

  await expectRefused(request, token);
  await page.context().close();
});

test("an admin sees another user's token among everyone's and revokes it", async ({ browser, request }) => {
  const { page: agent, email, admin } = await newAgent(browser, "Omar Owner");
  await openApiTokens(agent);
  const token = await createToken(agent, "CRM sync", "No expiry");
  expect((await phoneNumbers(request, token)).status()).toBe(200);
  await agent.context().close();

  await admin.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API tokens" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  const scope = admin.getByRole("navigation", { name: "Whose tokens" });
  await expect(scope.getByRole("link", { name: "Mine" })).toHaveAttribute("aria-current", "page");
  await scope.getByRole("link", { name: "Everyone" }).click();
  await expect(scope.getByRole("link", { name: "Everyone" })).toHaveAttribute("aria-current", "page");

  const table = admin.getByRole("table", { name: "API tokens" });
  await expect(table.getByRole("columnheader", { name: "Owner" })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: email });
  await expect(row.getByText("CRM sync")).toBeVisible();
  await expect(row.getByText("Omar Owner")).toBeVisible();
  await screenshot(admin, "api-tokens-everyone");

  await row.getByRole("button", { name: "Revoke CRM sync" }).click();
  const confirm = admin.getByRole("alertdialog", { name: "Revoke “CRM sync”?" });
  await expect(confirm.getByText(email)).toBeVisible();
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();

  await expectRefused(request, token);
  await admin.context().close();
});
