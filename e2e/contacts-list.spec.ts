import { randomUUID } from "node:crypto";

import { expect, test, type Locator, type Page } from "@playwright/test";

import { uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { untilHydrated } from "./fixtures/ui";
import { signIn } from "./fixtures/users";

// Two customers write through the simulator and the list is read again until they are in it; the machine is shared.
test.describe.configure({ timeout: 90_000 });

const contactsTable = (page: Page) => page.getByRole("table", { name: "Contacts" });
/** The table's contact rows (the header row aside). */
const contactRows = (page: Page) => contactsTable(page).locator("tbody tr[data-contact-id]");

/** Opens the list at a URL, reading it again until the rows expected are there (a new contact arrives by webhook). */
async function openList(page: Page, url: string, rows: number) {
  await expect(async () => {
    await page.goto(url);
    await expect(contactRows(page)).toHaveCount(rows, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Ticks a box in a popover (tag pickers, filters) and closes it. */
async function pickInPopover(page: Page, trigger: Locator, option: string) {
  await untilHydrated(trigger);
  await trigger.click();
  const box = page.getByRole("dialog").getByRole("checkbox", { name: option });
  // A filter's box shows the URL's state: ticked once the list has moved to the new address.
  await box.click();
  await expect(box).toBeChecked();
}

test("a marketer tags two contacts in bulk, filters by the tag, and saves a segment of them", async ({ page, request }) => {
  const run = randomUUID().slice(0, 8);
  const ana = `Ana Lista ${run}`;
  const bruno = `Bruno Lista ${run}`;
  const tagName = `VIP ${run}`;
  const segmentName = `VIP unknown consent ${run}`;
  await customerWrites(request, { type: "text", text: { body: "Hello" } }, { from: uniqueCustomerNumber(), name: ana });
  await customerWrites(request, { type: "text", text: { body: "Hi there" } }, { from: uniqueCustomerNumber(), name: bruno });

  await signIn(page, "marketer");
  await page.goto("/contacts");
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Contacts sections" }).getByRole("link", { name: "Imports" })).toBeVisible();

  // The tag, created on the Tags tab.
  await page.getByRole("navigation", { name: "Contacts sections" }).getByRole("link", { name: "Tags" }).click();
  await expect(page).toHaveURL(/\/contacts\/tags$/);
  const newTag = page.getByRole("button", { name: "New tag", exact: true }).first();
  await untilHydrated(newTag);
  await newTag.click();
  const tagDialog = page.getByRole("dialog", { name: "New tag" });
  await tagDialog.getByLabel("Name").fill(tagName);
  // The colours are swatches with their names: a person clicks the one they want.
  await tagDialog.getByText("Violet", { exact: true }).click();
  await expect(tagDialog.getByRole("radio", { name: "Violet" })).toBeChecked();
  await tagDialog.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByText(`Tag “${tagName}” created`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Tags" }).getByRole("row").filter({ hasText: tagName })).toContainText("0 contacts");
  await screenshot(page, "contacts-tags");

  // Both customers, found by the run's word; ticked, then tagged in bulk.
  await openList(page, `/contacts?q=${run}`, 2);
  await expect(page.getByText("2 contacts", { exact: true })).toBeVisible();
  for (const name of [ana, bruno]) {
    const box = page.getByRole("checkbox", { name: `Select ${name}` });
    await untilHydrated(box);
    await box.check();
    await expect(box).toBeChecked();
  }
  const bulk = page.getByRole("region", { name: "Selected contacts" });
  await expect(bulk).toContainText("2 selected");
  await pickInPopover(page, bulk.getByRole("button", { name: "Tag…", exact: true }), tagName);
  await page.getByRole("dialog").getByRole("button", { name: "Tag 2 contacts" }).click();
  await expect(page.getByText("Tagged 2 contacts")).toBeVisible();
  for (const name of [ana, bruno]) {
    await expect(contactRows(page).filter({ hasText: name }).getByRole("list", { name: `Tags of ${name}` })).toContainText(tagName);
  }
  await expect(bulk).toBeHidden();
  await screenshot(page, "contacts-list");

  // Filtering by the tag alone shows exactly them, and the URL keeps it.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await pickInPopover(page, page.getByRole("button", { name: "Tags", exact: true }), tagName);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]tag=[0-9a-f-]{36}/);
  await expect(contactRows(page)).toHaveCount(2);
  await expect(page.getByText("2 contacts", { exact: true })).toBeVisible();
  await page.reload();
  await expect(contactRows(page)).toHaveCount(2);
  await expect(contactRows(page).filter({ hasText: ana })).toBeVisible();
  await expect(contactRows(page).filter({ hasText: bruno })).toBeVisible();

  // A segment of the tag and unknown consent: its live count matches, then it is saved.
  await page.getByRole("navigation", { name: "Contacts sections" }).getByRole("link", { name: "Segments" }).click();
  const newSegment = page.getByRole("link", { name: "New segment", exact: true }).first();
  await newSegment.click();
  await expect(page).toHaveURL(/\/contacts\/segments\/new$/);
  const name = page.getByLabel("Name", { exact: true });
  await untilHydrated(name);
  await name.fill(segmentName);
  await pickInPopover(page, page.getByRole("button", { name: "Has any of", exact: true }), tagName);
  await page.keyboard.press("Escape");
  await page.getByRole("checkbox", { name: "Unknown", exact: true }).check();
  await expect(page.getByTestId("segment-count")).toHaveText("2 contacts match");
  await screenshot(page, "contacts-segment-builder");
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByText(`Segment “${segmentName}” saved`)).toBeVisible();
  await expect(page).toHaveURL(/\/contacts\/segments$/);

  // Listed with its size; opened from the list; its contacts seen in the list.
  const row = page.getByRole("table", { name: "Segments" }).getByRole("row").filter({ hasText: segmentName });
  await expect(row.getByRole("cell").nth(3)).toHaveText("2");
  await screenshot(page, "contacts-segments");
  await row.getByRole("link", { name: segmentName, exact: true }).click();
  await expect(page).toHaveURL(/\/contacts\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 2, name: segmentName })).toBeVisible();
  await expect(page.getByTestId("segment-count")).toHaveText("2 contacts match");
  await page.getByRole("link", { name: "See them" }).click();
  await expect(page).toHaveURL(/\/contacts\?segment=[0-9a-f-]{36}$/);
  await expect(contactRows(page)).toHaveCount(2);
});

test("an agent sees the contact list without ticking, bulk actions, export or imports", async ({ page, request }) => {
  const name = `Carla Lista ${randomUUID().slice(0, 8)}`;
  await customerWrites(request, { type: "text", text: { body: "Hola" } }, { from: uniqueCustomerNumber(), name });
  await signIn(page, "agent");
  await openList(page, `/contacts?q=${encodeURIComponent(name)}`, 1);
  await expect(contactRows(page).getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Selected contacts" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Contacts sections" }).getByRole("link", { name: "Imports" })).toHaveCount(0);
  await screenshot(page, "contacts-list-agent");
});
