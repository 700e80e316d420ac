import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

import { submitSignIn } from "./fixtures/server-actions";
import { demoUsers, signIn, type DemoRole } from "./fixtures/users";

const sidebarByRole: Record<DemoRole, { visible: string[]; hidden: string[] }> = {
  admin: { visible: ["Inbox", "Analytics", "Templates", "Media", "Profile", "Connections", "Settings"], hidden: [] },
  // Every role has settings of its own (API tokens).
  marketer: { visible: ["Inbox", "Analytics", "Templates", "Media", "Profile", "Settings"], hidden: ["Connections"] },
  agent: { visible: ["Inbox", "Analytics", "Templates", "Media", "Profile", "Settings"], hidden: ["Connections"] },
};

for (const role of Object.keys(sidebarByRole) as DemoRole[]) {
  test(`${role} signs in and sees the sections the role may use`, async ({ page }) => {
    await signIn(page, role);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of sidebarByRole[role].visible) {
      await expect(nav.getByRole("link", { name })).toBeVisible();
    }
    for (const name of sidebarByRole[role].hidden) {
      await expect(nav.getByRole("link", { name })).toHaveCount(0);
    }
    await expect(nav.getByRole("link", { name: "Inbox" })).toHaveAttribute("aria-current", "page");
    await page.getByRole("button", { name: "Account menu" }).click();
    await expect(page.getByText(demoUsers[role].email)).toBeVisible();
  });
}

test("a wrong password is refused with a generic message and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(demoUsers.agent.email);
  await page.getByLabel("Password").fill("not-the-password");
  await submitSignIn(page);
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Email")).toHaveValue(demoUsers.agent.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@demo.test");
  await page.getByLabel("Password").fill("whatever-password");
  await submitSignIn(page);
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
});

test("empty fields are named before anything is sent", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
});

test("a signed-out visitor is sent to sign in and then back to the page asked for", async ({ page }) => {
  await page.goto("/templates");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ftemplates$/);
  await signIn(page, "marketer", { landing: "/templates" });
  await expect(page.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible();
});

test("the session cookie is httpOnly and same-site", async ({ page, context }) => {
  await signIn(page, "agent");
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "agent");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Finbox$/);
});

test("the sign-in page and the dashboard shell have no accessibility violations", async ({ page }) => {
  await page.goto("/login");
  const login = await new AxeBuilder({ page }).analyze();
  expect(login.violations).toEqual([]);
  await signIn(page, "admin");
  const shell = await new AxeBuilder({ page }).analyze();
  expect(shell.violations).toEqual([]);
});
