import { readFile } from "node:fs/promises";

import { expect, test, type Page } from "@playwright/test";

import { uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites, SEEDED } from "./fixtures/simulator";
import { untilHydrated } from "./fixtures/ui";
import { signIn } from "./fixtures/users";

const HOUR = 3600;

/** The open tab's panel (named after its tab) once its figures have loaded (no skeleton left). */
async function loadedPanel(page: Page, tab: string) {
  const panel = page.getByRole("tabpanel", { name: tab, exact: true });
  await expect(panel).toBeVisible();
  await expect(panel.locator('[aria-busy="true"]')).toHaveCount(0);
  return panel;
}

test("an admin narrows the figures, follows a missed window to its conversation and exports a chart", async ({ page, request }) => {
  // A customer who wrote 26 hours ago and got no reply: their window closed 2 hours ago.
  const customerName = `Missed ${Date.now()}`;
  await customerWrites(
    request,
    { type: "text", text: { body: "Is anyone there?" }, timestamp: Math.floor(Date.now() / 1000) - 26 * HOUR },
    { from: uniqueCustomerNumber(), name: customerName },
  );

  await signIn(page, "admin");
  await page.goto("/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  const tabs = page.getByRole("tablist", { name: "Reports" });
  for (const name of ["Conversations", "24-hour window", "Templates", "Campaigns", "Costs"]) {
    await expect(tabs.getByRole("tab", { name, exact: true })).toBeVisible();
  }
  await loadedPanel(page, "Conversations");
  await screenshot(page, "analytics-conversations");

  // The range and a number, both kept in the URL.
  const range = page.getByLabel("Range", { exact: true });
  await untilHydrated(range);
  await range.selectOption("last7");
  await expect(page).toHaveURL(/[?&]preset=last7(&|$)/);
  await page.getByLabel("Number", { exact: true }).selectOption(SEEDED.lumenUs.phoneNumberId);
  await expect(page).toHaveURL(new RegExp(`[?&]number=${SEEDED.lumenUs.phoneNumberId}(&|$)`));
  await expect(page).toHaveURL(/[?&]preset=last7(&|$)/);

  // The missed window, and its conversation one click away.
  await tabs.getByRole("tab", { name: "24-hour window", exact: true }).click();
  await expect(page).toHaveURL(/[?&]tab=windows(&|$)/);
  const panel = await loadedPanel(page, "24-hour window");
  const missed = panel.getByRole("link", { name: customerName });
  await expect(missed).toBeVisible();
  await screenshot(page, "analytics-windows");
  await missed.click();
  await expect(page).toHaveURL(/\/inbox\/[^/?]+$/);
  await expect(page.getByRole("heading", { name: customerName, level: 2 }).first()).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/analytics\?.*tab=windows/);
  const windowsPanel = await loadedPanel(page, "24-hour window");

  // A chart's numbers as a CSV file named after the chart and the range.
  const perDay = windowsPanel.locator("figure").filter({ hasText: "Missed windows per day" });
  const downloading = page.waitForEvent("download");
  await perDay.getByRole("button", { name: /Export CSV/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^missed-windows-per-day-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("Day,Missed windows,Waits");

  // The same chart as a table, captioned with its title.
  await perDay.getByRole("tab", { name: "Table", exact: true }).click();
  await expect(perDay.getByRole("table", { name: "Missed windows per day" })).toBeVisible();

  for (const [name, shot] of [
    ["Templates", "analytics-templates"],
    ["Campaigns", "analytics-campaigns"],
    ["Costs", "analytics-costs"],
  ] as const) {
    await tabs.getByRole("tab", { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]tab=${name.toLowerCase()}(&|$)`));
    await loadedPanel(page, name);
    await screenshot(page, shot);
  }
});

test("an agent sees only their own figures, and no templates, campaigns or costs", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByText("Your own figures")).toBeVisible();
  await expect(page.getByLabel("Range", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Agent", { exact: true })).toHaveCount(0);

  const tabs = page.getByRole("tablist", { name: "Reports" });
  await expect(tabs.getByRole("tab", { name: "Conversations", exact: true })).toBeVisible();
  await expect(tabs.getByRole("tab", { name: "24-hour window", exact: true })).toBeVisible();
  for (const name of ["Templates", "Campaigns", "Costs"]) {
    await expect(tabs.getByRole("tab", { name, exact: true })).toHaveCount(0);
  }
  await loadedPanel(page, "Conversations");
  await screenshot(page, "analytics-agent");

  // The server refuses what the page hides.
  const costs = await page.request.get("/api/analytics/costs");
  expect(costs.status()).toBe(403);
});
