import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";

import { expect, type Page, test } from "@playwright/test";

import { SIM_URL } from "./fixtures/simulator";
import { submitSignIn } from "./fixtures/server-actions";
import { signIn } from "./fixtures/users";
import { screenshot } from "./fixtures/screenshot";

interface SimRequest {
  method: string;
  path: string;
  connection: string | null;
}

async function simState(page: Page) {
  const response = await page.request.get(`${SIM_URL}/_sim/state`);
  return (await response.json()) as { connections: { connection_id: string; status: string; url: string; wabas: { id: string }[] }[] };
}

async function simRequests(page: Page): Promise<SimRequest[]> {
  const response = await page.request.get(`${SIM_URL}/_sim/requests?limit=1000`);
  return ((await response.json()) as { requests: SimRequest[] }).requests;
}

/**
 * Links an account as an admin does: the button opens Maton's connect page in a new tab, the admin
 * decides there, and the dashboard (never reloaded) follows. Returns the connection's id.
 */
async function linkAccount(page: Page, decision: "Authorize" | "Deny"): Promise<string> {
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  const popupPromise = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Link a WhatsApp Business account" }).first().click();
  const popup = await popupPromise;
  await popup.waitForURL(/\/connect\?session_token=/);
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Waiting for authorisation…")).toBeVisible();
  await expect(dialog.getByRole("link", { name: "Open Maton to authorise" })).toHaveAttribute("target", "_blank");
  if (decision === "Authorize") await screenshot(page, "connections-waiting", { fullPage: false });
  await expect(popup.getByRole("heading", { name: "Connect WhatsApp Business" })).toBeVisible();
  await popup.getByRole("button", { name: decision }).click();
  const note = await popup.getByText(/^Connection [0-9a-f-]{36}/).textContent();
  await popup.close();
  const id = /Connection ([0-9a-f-]{36})/.exec(note ?? "")?.[1];
  expect(id).toBeTruthy();
  return id!;
}

async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
}

const cardOf = (page: Page, connectionId: string) => page.getByRole("region").filter({ hasText: connectionId });

test.describe("connection manager", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/connections");
    await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  });

  test("an admin links an account in Maton's tab and sees it ACTIVE with its number, without a reload", async ({ page }) => {
    await expect(page.getByRole("region", { name: "Maton status" }).getByText("Maton key accepted")).toBeVisible();
    const id = await linkAccount(page, "Authorize");
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading", { name: /New Business \d+ is linked/ })).toBeVisible();
    await expect(dialog.getByText(/\+1 555-020-\d{4}/)).toBeVisible();
    await dialog.getByRole("button", { name: "Done" }).click();
    const card = cardOf(page, id);
    await expect(card.getByText("Active", { exact: true })).toBeVisible();
    await expect(card.getByRole("list", { name: /Phone numbers of New Business/ }).getByText(/\+1 555-020-\d{4}/)).toBeVisible();
    await expect(card.getByText("High quality")).toBeVisible();
    await expectNotReloaded(page);
    await screenshot(page, "connections-linked");
  });

  test("a denied authorisation shows the connection as failed", async ({ page }) => {
    const id = await linkAccount(page, "Deny");
    await expect(page.getByRole("dialog").getByRole("heading", { name: "The account was not linked" })).toBeVisible();
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();
    await expect(cardOf(page, id).getByText("Failed", { exact: true })).toBeVisible();
    await expectNotReloaded(page);
  });

  test("a pending link can be reopened later, or cancelled (deleted at Maton)", async ({ page }) => {
    const popupPromise = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Link a WhatsApp Business account" }).first().click();
    const popup = await popupPromise;
    await popup.waitForURL(/\/connect\?session_token=/);
    const sessionToken = new URL(popup.url()).searchParams.get("session_token");
    await popup.close();
    await page.getByRole("dialog").getByRole("button", { name: "Close, keep waiting" }).click();
    // Tests beside this one link accounts too: this link is the one Maton opened this tab for, not the newest pending card.
    const mine = (await simState(page)).connections.find((connection) => new URL(connection.url).searchParams.get("session_token") === sessionToken);
    expect(mine, `the connection of session ${sessionToken}`).toBeDefined();
    const id = mine!.connection_id;
    const pending = cardOf(page, id);
    await expect(pending).toHaveAttribute("data-status", "PENDING");
    await expect(pending.getByText("Waiting for authorisation", { exact: true })).toBeVisible();
    await pending.getByRole("button", { name: "Actions for New WhatsApp Business account" }).click();
    await expect(page.getByRole("menuitem", { name: "Reopen link" })).toHaveAttribute("href", new RegExp(`/connect\\?session_token=${sessionToken}$`));
    await page.getByRole("menuitem", { name: "Cancel link" }).click();
    await expect(page.getByText("The pending link was cancelled.")).toBeVisible();
    await expect.poll(async () => (await simState(page)).connections.some((c) => c.connection_id === id)).toBe(false);
    await page.getByText(/Unlinked connections \(\d+\)/).click();
    await expect(cardOf(page, id)).toHaveAttribute("data-status", "UNLINKED");
    await expect(cardOf(page, id).locator('[data-slot="badge"]', { hasText: "Unlinked" })).toBeVisible();
  });
});

// Changing the default touches every parallel spec: one after the other, and Lumen is the default again at the end.
test.describe.serial("default connection and unlinking", () => {
  let id: string;
  let setDefaultRequest: { url: string; headers: Record<string, string>; body: string } | undefined;

  test("setting a default makes the next gateway request carry its Maton-Connection", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/connections");
    id = await linkAccount(page, "Authorize");
    await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
    const wabaId = (await simState(page)).connections.find((c) => c.connection_id === id)!.wabas[0]!.id;
    const card = cardOf(page, id);
    const name = (await card.getByRole("heading", { level: 3 }).textContent())!;

    const captured = page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined && (request.postData() ?? "").includes(id));
    await card.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Set as default" }).click();
    const request = await captured;
    setDefaultRequest = { url: request.url(), headers: await request.allHeaders(), body: request.postData() ?? "" };
    await expect(card.getByText("Default", { exact: true })).toBeVisible();
    // The health check then calls the gateway through the working connection, which is now this one.
    await expect(page.getByText(`Gateway answers for ${name}`)).toBeVisible();
    await expect
      .poll(async () => (await simRequests(page)).some((r) => r.path.startsWith(`/whatsapp-business/v21.0/${wabaId}?`) && r.connection === id))
      .toBe(true);

    const lumen = page.getByRole("region", { name: "Lumen Coffee Roasters" });
    await lumen.getByRole("button", { name: "Actions for Lumen Coffee Roasters" }).click();
    await page.getByRole("menuitem", { name: "Set as default" }).click();
    await expect(lumen.getByText("Default", { exact: true })).toBeVisible();
    await expect(page.getByText("Gateway answers for Lumen Coffee Roasters")).toBeVisible();
  });

  test("a marketer is refused on the server, by the page and by the action itself", async ({ page }) => {
    await signIn(page, "marketer");
    const response = await page.goto("/connections");
    expect(response?.status()).toBe(403);
    // Replays the admin's own "Set as default" server action with the marketer's session.
    expect(setDefaultRequest).toBeDefined();
    const { cookie: _adminCookie, "content-length": _length, ...headers } = setDefaultRequest!.headers;
    const replay = await page.request.post(setDefaultRequest!.url, { headers, data: setDefaultRequest!.body });
    const text = await replay.text();
    expect(text).toContain("FORBIDDEN");
    expect(text).toContain("does not allow this");
    await page.context().clearCookies();
    await signIn(page, "admin");
    await page.goto("/connections");
    await expect(page.getByRole("region", { name: "Lumen Coffee Roasters" }).getByText("Default", { exact: true })).toBeVisible();
    await expect(cardOf(page, id).getByText("Default", { exact: true })).toHaveCount(0);
  });

  test("unlinking asks first, deletes at Maton and keeps the connection's numbers, marked unlinked", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/connections");
    const card = cardOf(page, id);
    const name = (await card.getByRole("heading", { level: 3 }).textContent())!;
    await card.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Unlink…" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Unlink ${name}?` });
    await expect(confirm).toContainText("stops sending and receiving messages here");
    await expect(confirm).toContainText("are kept, marked unlinked");
    await screenshot(page, "connections-unlink-confirm", { fullPage: false });
    await confirm.getByRole("button", { name: "Unlink" }).click();
    await expect(page.getByText(`${name} was unlinked. Its history is kept.`)).toBeVisible();
    await expect.poll(async () => (await simState(page)).connections.some((c) => c.connection_id === id)).toBe(false);
    await page.getByText(/Unlinked connections \(\d+\)/).click();
    await expect(card).toHaveAttribute("data-status", "UNLINKED");
    await expect(card.locator('[data-slot="badge"]', { hasText: "Unlinked" })).toBeVisible();
    await screenshot(page, "connections-unlinked");
    await expect(card.getByText(/\+1 555-020-\d{4}/)).toBeVisible();
  });
});

// A second dashboard on its own port and data folder, given a key Maton refuses.
test.describe("with a wrong Maton key", () => {
  const port = Number(process.env.E2E_WRONG_KEY_PORT ?? Number(process.env.E2E_APP_PORT ?? 3100) + 50);
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = `.data/e2e-wrong-key-${port}`;
  const admin = { email: "keeper@example.test", password: "wrong-key-admin-pass-1" };
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    rmSync(dataDir, { recursive: true, force: true });
    server = spawn("npx", ["next", "start", "--port", String(port), "--hostname", "127.0.0.1"], {
      env: {
        ...process.env,
        PORT: String(port),
        MATON_API_KEY: "wrong-key",
        MATON_GATEWAY_URL: SIM_URL,
        MATON_CTRL_URL: SIM_URL,
        AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
        AUTH_TRUST_HOST: "true",
        PGLITE_DIR: `${dataDir}/pglite`,
        MEDIA_DIR: `${dataDir}/media`,
        DATABASE_URL: "",
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
      },
      stdio: "ignore",
      detached: true,
    });
    const deadline = Date.now() + 80_000;
    for (;;) {
      try {
        if ((await fetch(`${baseURL}/api/health`)).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error("the wrong-key dashboard did not start");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  test.afterAll(() => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("the connections page says plainly that the key is missing or wrong", async ({ page }) => {
    await page.goto(`${baseURL}/login`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await submitSignIn(page);
    await expect(page).toHaveURL(/\/inbox$/);
    await page.goto(`${baseURL}/connections`);
    const alert = page.getByRole("alert").filter({ hasText: "The Maton API key is missing or wrong" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("Set MATON_API_KEY");
    await expect(page.getByRole("button", { name: "Link a WhatsApp Business account" })).toHaveCount(0);
    await screenshot(page, "connections-wrong-key");
  });
});
