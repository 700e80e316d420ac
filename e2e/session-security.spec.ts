import { expect, test, type Browser, type Page } from "@playwright/test";

import { addUser, chooseFirstPassword, openUsersAsAdmin, signInWith, uniqueEmail } from "./fixtures/team";
import { screenshot } from "./fixtures/screenshot";
import { signIn } from "./fixtures/users";

// Some scenarios create their own user and sign in several times (bcrypt ~250 ms each).
test.describe.configure({ timeout: 90_000 });

/** A new browser (own cookie jar) on a page. */
async function newBrowserPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** A user of its own, signed in with a chosen password: "sign out everywhere" must not end other tests' sessions. */
async function newSignedInUser(browser: Browser, name: string): Promise<{ page: Page; email: string; password: string }> {
  const admin = await openUsersAsAdmin(browser);
  const email = uniqueEmail("sessions");
  const oneTimePassword = await addUser(admin, { name, email, role: "Agent" });
  await admin.context().close();
  const page = await newBrowserPage(browser);
  await signInWith(page, email, oneTimePassword);
  const password = "sessions-own-password";
  await chooseFirstPassword(page, oneTimePassword, password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  return { page, email, password };
}

/** Collects the page's Content-Security-Policy violations, as the console reports them and as events. */
async function watchPolicyViolations(page: Page): Promise<() => Promise<string[]>> {
  const reported: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) reported.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __policyViolations: seen });
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [
    ...reported,
    ...(await page.evaluate(() => (window as unknown as { __policyViolations?: string[] }).__policyViolations ?? [])),
  ];
}

test("a copied session cookie stops working once its browser signs out", async ({ browser, page, context }) => {
  await signIn(page, "agent");
  // Someone copies the cookie into another browser: it works there, for now.
  const copy = await browser.newContext();
  await copy.addCookies(await context.cookies());
  const thief = await copy.newPage();
  await thief.goto("/inbox");
  await expect(thief.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await thief.reload();
  await expect(thief).toHaveURL(/\/login/);
  await expect(thief.getByRole("button", { name: "Sign in" })).toBeVisible();
  // The API refuses the copy too.
  expect((await thief.request.get("/api/inbox/phone-numbers")).status()).toBe(401);
  await copy.close();
});

test("signing out everywhere from the account page ends the sessions of every browser", async ({ browser }) => {
  const { page, email, password } = await newSignedInUser(browser, "Sasha Sessions");
  const other = await newBrowserPage(browser);
  await signInWith(other, email, password);
  await expect(other.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.goto("/account");
  const browsers = page.getByRole("list", { name: "Signed-in browsers" });
  await expect(browsers.getByRole("listitem")).toHaveCount(2);
  await expect(browsers.getByText("This device")).toHaveCount(1);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Sign out everywhere?" });
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);

  await other.reload();
  await expect(other).toHaveURL(/\/login/);
  await expect(other.getByRole("button", { name: "Sign in" })).toBeVisible();

  // Signing in again works, with the same password.
  await signInWith(page, email, password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.context().close();
  await other.context().close();
});

test("the account page signs out one other browser and keeps this one", async ({ browser }) => {
  const { page, email, password } = await newSignedInUser(browser, "Kim Keep");
  const other = await newBrowserPage(browser);
  await signInWith(other, email, password);
  await expect(other.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.goto("/account");
  const browsers = page.getByRole("list", { name: "Signed-in browsers" });
  const otherItem = browsers.getByRole("listitem").filter({ hasNot: page.getByText("This device") });
  await otherItem.getByRole("button", { name: /^Sign out / }).click();
  await expect(page.getByText("That browser is signed out.")).toBeVisible();
  await expect(browsers.getByRole("listitem")).toHaveCount(1);

  await other.reload();
  await expect(other).toHaveURL(/\/login/);
  await page.goto("/inbox");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.context().close();
  await other.context().close();
});

test("pages carry a nonce-based Content-Security-Policy and work under it", async ({ page }) => {
  const violations = await watchPolicyViolations(page);
  const login = await page.goto("/login");
  expect(login?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await signIn(page, "agent");

  const response = await page.goto("/inbox");
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).not.toContain("'unsafe-eval'");
  // Each page its own nonce.
  expect(login?.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["permissions-policy"]).toContain("camera=()");

  // Next put the nonce on the page's inline scripts (the browser hides it from attributes, not from `.nonce`).
  // The client messages' JSON data blocks never run, so the policy does not apply to them.
  const inlineNonces = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src]):not([type="application/json"])')].map((script) => (script as HTMLScriptElement).nonce),
  );
  expect(inlineNonces.length).toBeGreaterThan(0);
  expect(new Set(inlineNonces)).toEqual(new Set([nonce]));

  // The page runs: its scripts hydrated it, so menus open and links navigate.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await page.goto("/templates");
  await expect(page.getByRole("heading", { level: 1, name: "Templates" })).toBeVisible();

  expect(await violations()).toEqual([]);
});

test("a mutating API call from another site is refused, and the dashboard's own goes through", async ({ page }) => {
  await signIn(page, "marketer");
  const attacker = { origin: "https://attacker.example" };
  // Uploads stream past the proxy: the route checks the origin itself.
  const upload = await page.request.post("/api/media/upload?phoneNumberId=1", {
    headers: { ...attacker, "content-type": "image/png", "x-file-name": "x.png" },
    data: Buffer.from("not really a picture"),
  });
  expect(upload.status()).toBe(403);
  expect(await upload.json()).toMatchObject({ error: { code: "CROSS_ORIGIN" } });
  // Every other API route: the proxy refuses before the route runs.
  const proxied = await page.request.post("/api/templates", { headers: attacker });
  expect(proxied.status()).toBe(403);
  expect(await proxied.json()).toMatchObject({ error: { code: "CROSS_ORIGIN" } });
  // From the dashboard's own origin the call reaches the route (which takes no POST).
  const own = await page.request.post("/api/templates", { headers: { origin: new URL(page.url()).origin } });
  expect(own.status()).toBe(405);
});

test("a forged X-Forwarded-For is not believed: the session records the connection's own address", async ({ browser }) => {
  const { page, email, password } = await newSignedInUser(browser, "Fay Forged");
  const forged = await (await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } })).newPage();
  await signInWith(forged, email, password);
  await expect(forged.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.goto("/account");
  const browsers = page.getByRole("list", { name: "Signed-in browsers" });
  await expect(browsers.getByRole("listitem")).toHaveCount(2);
  // No proxy is trusted here (TRUSTED_PROXIES is unset): both sessions come from the test's own address.
  await expect(browsers.getByText(/127\.0\.0\.1/)).toHaveCount(2);
  await expect(browsers.getByText(/203\.0\.113\.77/)).toHaveCount(0);
  await screenshot(page, "account-signed-in-browsers");
  await page.context().close();
  await forged.context().close();
});
