import { randomUUID } from "node:crypto";

import { expect, test, type Locator, type Page } from "@playwright/test";

import { screenshot } from "./fixtures/screenshot";
import { customerPrefers, customerWrites, wamidsSentTo } from "./fixtures/simulator";
import { untilHydrated } from "./fixtures/ui";
import { signIn } from "./fixtures/users";

// Customers write through the simulator, an import of tags and a segment are built, then a campaign: the machine is shared.
test.describe.configure({ timeout: 180_000 });

const contactRows = (page: Page) => page.getByRole("table", { name: "Contacts" }).locator("tbody tr[data-contact-id]");

async function pickInPopover(page: Page, trigger: Locator, option: string) {
  await untilHydrated(trigger);
  await trigger.click();
  const box = page.getByRole("dialog").getByRole("checkbox", { name: option });
  await box.click();
  await expect(box).toBeChecked();
}

const fourDigits = () => String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
/** A United States number in a range that exists for drama and tests. */
const usNumber = () => `1202555${fourDigits()}`;
/** A London number in Ofcom's range for drama. */
const ukNumber = () => `44207946${fourDigits()}`;

/** Marks a contact opted in from its record, as a person does when the customer agreed. */
async function markOptedIn(page: Page, name: string) {
  await contactRows(page).filter({ hasText: name }).getByRole("link", { name, exact: true }).click();
  const mark = page.getByRole("button", { name: "Mark opted in" });
  await untilHydrated(mark);
  await mark.click();
  await page.getByRole("dialog").getByRole("button", { name: "Mark opted in" }).click();
  await expect(page.getByText(`${name} is now opted in to marketing.`)).toBeVisible();
  await page.goBack();
}

test("a marketer builds a campaign from a segment, sees who is skipped and the estimate, sends a test and starts it; a spare draft is deleted", async ({ page, request }) => {
  const run = randomUUID().slice(0, 8);
  const people = { optedIn: `Olivia Campaign ${run}`, optedInUk: `Oscar Campaign ${run}`, optedOut: `Omar Campaign ${run}`, unknown: `Uma Campaign ${run}` };
  // Numbers that exist (the campaign skips invalid ones): three in the United States, one in the United Kingdom.
  const numbers = { optedIn: usNumber(), optedInUk: ukNumber(), optedOut: usNumber(), unknown: usNumber() };
  const tagName = `Spring ${run}`;
  const segmentName = `Spring campaign ${run}`;
  const campaignName = `Spring launch ${run}`;
  const ownNumber = usNumber();
  for (const key of ["optedIn", "optedInUk", "optedOut", "unknown"] as const) {
    await customerWrites(request, { type: "text", text: { body: "Hello" } }, { from: numbers[key], name: people[key] });
  }
  await customerPrefers(request, "stop", { from: numbers.optedOut });

  await signIn(page, "marketer");

  // A rate for the United States' marketing messages; the United Kingdom's stays unknown.
  await page.goto("/settings/pricing");
  await expect(page.getByRole("heading", { level: 1, name: "Pricing" })).toBeVisible();
  const addRate = page.getByRole("button", { name: "Add rate" });
  await untilHydrated(addRate);
  await addRate.click();
  const rows = page.getByRole("table", { name: "Message rates" }).locator("tbody tr");
  const last = await rows.count();
  await page.getByLabel(`Country, row ${last}`).selectOption("US");
  await page.getByLabel(`Category, row ${last}`).selectOption("marketing");
  await page.getByLabel(`Currency, row ${last}`).fill("USD");
  await page.getByLabel(`Amount, row ${last}`).fill("0.025");
  await page.getByLabel(`Source, row ${last}`).fill(`Meta rate card ${run}`);
  await page.getByRole("button", { name: "Save rates" }).click();
  await expect(page.getByText("Rates saved.")).toBeVisible();
  await screenshot(page, "settings-pricing");

  // The segment's tag, on the three contacts; one opted in from the record.
  await page.goto("/contacts/tags");
  const newTag = page.getByRole("button", { name: "New tag", exact: true }).first();
  await untilHydrated(newTag);
  await newTag.click();
  const tagDialog = page.getByRole("dialog", { name: "New tag" });
  await tagDialog.getByLabel("Name").fill(tagName);
  await tagDialog.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByText(`Tag “${tagName}” created`)).toBeVisible();

  await expect(async () => {
    await page.goto(`/contacts?q=${run}`);
    await expect(contactRows(page)).toHaveCount(4, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await markOptedIn(page, people.optedIn);
  await markOptedIn(page, people.optedInUk);
  await expect(contactRows(page)).toHaveCount(4);
  for (const name of Object.values(people)) {
    const box = page.getByRole("checkbox", { name: `Select ${name}` });
    await untilHydrated(box);
    await box.check();
  }
  const bulk = page.getByRole("region", { name: "Selected contacts" });
  await pickInPopover(page, bulk.getByRole("button", { name: "Tag…", exact: true }), tagName);
  await page.getByRole("dialog").getByRole("button", { name: "Tag 4 contacts" }).click();
  await expect(page.getByText("Tagged 4 contacts")).toBeVisible();

  await page.goto("/contacts/segments/new");
  const segmentField = page.getByLabel("Name", { exact: true });
  await untilHydrated(segmentField);
  await segmentField.fill(segmentName);
  await pickInPopover(page, page.getByRole("button", { name: "Has any of", exact: true }), tagName);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("segment-count")).toHaveText("4 contacts match");
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByText(`Segment “${segmentName}” saved`)).toBeVisible();

  // Step 1: name, number and a marketing template.
  await page.goto("/campaigns/new");
  await expect(page.getByRole("heading", { level: 1, name: "New campaign" })).toBeVisible();
  const name = page.getByLabel("Campaign name");
  await untilHydrated(name);
  await name.fill(campaignName);
  await page.getByRole("radio", { name: /\+1 555-010-4821/ }).check();
  await page.getByRole("searchbox", { name: "Search templates" }).fill("welcome_offer");
  await page.getByRole("radio", { name: /welcome_offer/ }).check();
  await expect(page.getByText("Chosen: welcome_offer")).toBeVisible();
  await screenshot(page, "campaign-builder-template");
  await page.getByRole("button", { name: "Continue" }).click();

  // Step 2: the segment.
  await expect(page.getByRole("heading", { level: 2, name: "Who receives it" })).toBeVisible();
  await page.getByRole("radio", { name: /A segment/ }).check();
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: segmentName });
  await expect(page.getByText("4 contacts match this segment now.")).toBeVisible();
  await screenshot(page, "campaign-builder-audience");
  await page.getByRole("button", { name: "Continue" }).click();

  // Step 3: {{1}} from the contact's name, with a fallback; the copy-code button's offer code, the same for everyone.
  await expect(page.getByRole("heading", { level: 2, name: "Fill in the template" })).toBeVisible();
  await expect(page).toHaveURL(/\/campaigns\/new\?step=variables$/);
  const variable = page.getByRole("group", { name: "Body {{1}}" });
  await variable.getByLabel("Value from").selectOption("field");
  await variable.getByLabel("Field", { exact: true }).selectOption("name");
  await variable.getByLabel("Fallback").fill("friend");
  const offerCode = page.getByRole("group", { name: "Offer code (at most 15 characters)" });
  await offerCode.getByLabel("Value from").selectOption("fixed");
  await offerCode.getByLabel("Text", { exact: true }).fill("WELCOME10");
  await screenshot(page, "campaign-builder-variables");
  await page.getByRole("button", { name: "Continue" }).click();

  // Step 4: the draft is saved (the address and the heading name it); two will be sent, two skipped with their reasons, and the estimate.
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit\?step=review$/);
  await expect(page.getByText("Draft saved")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: campaignName })).toBeVisible();
  const campaignId = /\/campaigns\/([0-9a-f-]{36})\/edit/.exec(page.url())![1]!;
  const recipients = page.getByRole("region", { name: "Recipients" });
  await expect(recipients).toContainText("2 will be sent");
  await expect(recipients).toContainText("2 skipped");
  const reasons = page.getByRole("list", { name: "Skipped, by reason" });
  await expect(reasons.getByRole("listitem").filter({ hasText: "Opted out" })).toContainText("1");
  await expect(reasons.getByRole("listitem").filter({ hasText: "No consent for a marketing template" })).toContainText("1");
  const estimate = page.getByRole("table", { name: "Estimated cost by category and country" });
  await expect(estimate.getByRole("row").filter({ hasText: "United States" })).toContainText("$0.025");
  await expect(estimate.getByRole("row").filter({ hasText: "United Kingdom" })).toContainText("Unknown");
  await expect(page.getByText("1 message has no rate and is not in the total.")).toBeVisible();
  await screenshot(page, "campaign-builder-review");

  // Back keeps the step in the address, and the saved mapping (the offer code too) comes back with the draft.
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}/edit\\?step=variables$`));
  await expect(page.getByRole("group", { name: "Offer code (at most 15 characters)" }).getByLabel("Text", { exact: true })).toHaveValue("WELCOME10");

  // The draft's page links to its review, and the builder opens right there.
  await page.goto(`/campaigns/${campaignId}`);
  await page.getByRole("group", { name: "Campaign controls" }).getByRole("link", { name: "Review and send" }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}/edit\\?step=review$`));
  await expect(page.getByRole("heading", { level: 1, name: campaignName })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Review and send" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Recipients" })).toContainText("2 will be sent");

  // The preview steps through the audience: the opted-in customer's name is filled in.
  await expect(page.getByText("Recipient 1 of 4")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Recipient 2 of 4")).toBeVisible();
  await page.getByRole("button", { name: "Previous" }).click();

  // A test to the marketer's own number reaches the simulator.
  const before = await wamidsSentTo(request, ownNumber);
  await page.getByRole("button", { name: "Send a test" }).click();
  const testDialog = page.getByRole("dialog", { name: "Send a test" });
  await testDialog.getByLabel("Your phone number").fill(`+${ownNumber}`);
  await screenshot(page, "campaign-builder-test");
  await testDialog.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByText(`Test sent to +${ownNumber}.`)).toBeVisible();
  await expect(async () => expect((await wamidsSentTo(request, ownNumber)).size).toBe(before.size + 1)).toPass({ timeout: 20_000 });

  // Send now, confirmed: the results page of the campaign.
  await page.getByRole("button", { name: "Send now" }).click();
  await page.getByRole("alertdialog", { name: "Send to 2 recipients now?" }).getByRole("button", { name: "Send now" }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}$`));
  await expect(page.getByText(campaignName).first()).toBeVisible();

  // A spare draft (a template without variables, the same segment), deleted from the builder after a
  // destructive confirmation: back on the list with a toast, and gone from it.
  const spareName = `Spare draft ${run}`;
  await page.goto("/campaigns/new");
  const spare = page.getByLabel("Campaign name");
  await untilHydrated(spare);
  await spare.fill(spareName);
  await page.getByRole("radio", { name: /\+1 555-010-4821/ }).check();
  await page.getByRole("searchbox", { name: "Search templates" }).fill("hello_world");
  await page.getByRole("radio", { name: /hello_world/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: /A segment/ }).check();
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: segmentName });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("This template has no variables to fill.")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit\?step=review$/);
  await expect(page.getByRole("heading", { level: 1, name: spareName })).toBeVisible();
  await page.getByRole("button", { name: "Delete draft" }).click();
  const confirmDelete = page.getByRole("alertdialog", { name: `Delete the draft “${spareName}”?` });
  await screenshot(page, "campaign-builder-delete");
  await confirmDelete.getByRole("button", { name: "Delete draft" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByText(`Draft “${spareName}” deleted.`)).toBeVisible();
  await expect(page.getByRole("link", { name: spareName, exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: campaignName, exact: true })).toBeVisible();
});
