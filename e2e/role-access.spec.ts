import { expect, test } from "@playwright/test";

import { signIn, type DemoRole } from "./fixtures/users";

const refused: Array<{ role: DemoRole; path: string }> = [
  { role: "agent", path: "/connections" },
  { role: "agent", path: "/settings/users" },
  { role: "marketer", path: "/connections" },
  { role: "marketer", path: "/settings/webhooks" },
  { role: "marketer", path: "/settings/audit" },
];

for (const { role, path } of refused) {
  test(`${role} opening ${path} gets a clear 403 page`, async ({ page }) => {
    await signIn(page, role);
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await page.getByRole("link", { name: "Go to the inbox" }).click();
    await expect(page).toHaveURL(/\/inbox$/);
  });
}

test("an admin opens every section", async ({ page }) => {
  await signIn(page, "admin");
  for (const [path, heading] of [
    ["/connections", "Connections"],
    ["/settings/users", "Users"],
    ["/settings/webhooks", "Webhooks"],
    ["/settings/audit", "Audit log"],
    ["/settings/api-tokens", "API tokens"],
    ["/settings/inbox", "Inbox"],
    ["/settings/labels", "Labels"],
    ["/settings/canned-responses", "Canned responses"],
    ["/profile", "Business profile"],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
});

test("agent finds their API tokens under Settings, beside their canned responses, the only settings sections they may open", async ({ page }) => {
  await signIn(page, "agent");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText(["API tokens", "Canned responses"]);
});

test("marketer's Settings opens on pricing, with labels, their API tokens and canned responses beside it and nothing else", async ({ page }) => {
  await signIn(page, "marketer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings\/pricing$/);
  await expect(page.getByRole("heading", { level: 1, name: "Pricing" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText(["Pricing", "Labels", "API tokens", "Canned responses"]);
});

test("an admin's Settings opens on users, with every settings section", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  const settings = page.getByRole("navigation", { name: "Settings" });
  for (const name of ["Users", "Webhooks", "Audit log", "Contacts", "Inbox", "Pricing", "Labels", "API tokens", "Canned responses"]) {
    await expect(settings.getByRole("link", { name, exact: true })).toBeVisible();
  }
});

test("API routes refuse a request without a session", async ({ request }) => {
  const response = await request.get("/api/media/anything", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
});

test("the health check answers without a session", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { status: "ok", driver: expect.stringMatching(/^(pglite|postgres)$/) } });
});
