import { randomUUID } from "node:crypto";

import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites, SEEDED } from "./fixtures/simulator";
import { chooseOption, untilHydrated } from "./fixtures/ui";
import { signIn } from "./fixtures/users";

// A campaign of dozens of recipients runs within Maton's shared budget (10 requests per second), with an agent's reply in the middle.
test.describe.configure({ timeout: 180_000 });

/** Enough recipients that the run lasts 15 s at the shared budget: long enough to pause it midway on a busy machine. */
const RECIPIENTS = 150;

/** The marketer's API token, made in Settings › API tokens as a person would (the campaign and its contacts are set up through the API). */
async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/settings/api-tokens");
  const open = page.getByRole("button", { name: "Create token" });
  await untilHydrated(open);
  await open.click();
  const dialog = page.getByRole("dialog", { name: "Create an API token" });
  await dialog.getByLabel("Name").fill(name);
  await chooseOption(page, dialog.getByRole("combobox", { name: "Expiry" }), "30 days");
  await dialog.getByRole("button", { name: "Create token" }).click();
  const created = page.getByRole("dialog", { name: `Token “${name}” created` });
  const token = await created.getByRole("textbox", { name: "New API token" }).inputValue();
  await created.getByRole("button", { name: "Done" }).click();
  return token;
}

/** A tag made on Contacts › Tags. */
async function createTag(page: Page, name: string) {
  await page.goto("/contacts/tags");
  const newTag = page.getByRole("button", { name: "New tag", exact: true }).first();
  await untilHydrated(newTag);
  await newTag.click();
  const dialog = page.getByRole("dialog", { name: "New tag" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByText(`Tag “${name}” created`)).toBeVisible();
}

async function api(request: APIRequestContext, token: string, method: "POST" | "GET", path: string, data?: unknown) {
  const response = await request.fetch(`/api/v1${path}`, { method, data, headers: { Authorization: `Bearer ${token}` } });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

/** The status badge beside the campaign's name. */
const campaignStatus = (page: Page) => page.locator("main header [data-slot=badge][data-status]").first();

const funnelCount = (page: Page, stage: string) =>
  page.getByRole("table", { name: "Funnel" }).getByRole("row").filter({ has: page.getByRole("cell", { name: stage, exact: true }) }).getByRole("cell").nth(1);

test("a marketer starts a campaign, watches the funnel fill, pauses and resumes it; an agent's reply during the run goes out at once", async ({ browser, page, request }) => {
  const run = randomUUID().slice(0, 8);
  const tagName = `Run ${run}`;
  const campaignName = `Spring run ${run}`;

  // Set-up: a tag, RECIPIENTS contacts with it, and a draft campaign of the approved utility template hello_world to them.
  await signIn(page, "marketer");
  await createTag(page, tagName);
  const token = await createToken(page, `campaign run ${run}`);
  // São Paulo mobile numbers (+55 11 9xxxx-xxxx), a block of its own for this run.
  const block = String(1000 + Math.floor(Math.random() * 9000));
  const phones = Array.from({ length: RECIPIENTS }, (_, index) => `55119${block}${String(index).padStart(4, "0")}`);
  for (let first = 0; first < RECIPIENTS; first += 10) {
    await Promise.all(
      phones.slice(first, first + 10).map((phone, offset) =>
        api(request, token, "POST", "/contacts", { phone: `+${phone}`, display_name: `Recipient ${first + offset + 1} ${run}`, tags: [tagName] }),
      ),
    );
  }
  const created = await api(request, token, "POST", "/campaigns", {
    name: campaignName,
    phone_number_id: SEEDED.lumenUs.phoneNumberId,
    template: { name: "hello_world", language: "en_US" },
    audience: { tags: [tagName] },
  });
  const campaignId = String(created.id);

  // The list shows the draft under its filters, kept in the URL.
  await page.goto(`/campaigns?status=draft&q=${run}`);
  await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New campaign" })).toBeVisible();
  const row = page.getByRole("table", { name: "Campaigns" }).locator(`tr[data-campaign-id="${campaignId}"]`);
  await expect(row).toContainText("Draft");
  await expect(row).toContainText(`${RECIPIENTS} recipients`);
  await screenshot(page, "campaigns-list");

  // The draft's page leads to the builder's review step to send it.
  await row.getByRole("link", { name: campaignName }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}$`));
  await expect(page.getByRole("heading", { level: 1, name: campaignName })).toBeVisible();
  await expect(page.getByRole("link", { name: "Review and send" })).toHaveAttribute("href", `/campaigns/${campaignId}/edit?step=review`);
  await screenshot(page, "campaign-draft");

  // An agent has a customer waiting in the inbox (the 24-hour window open).
  const customer = uniqueCustomerNumber();
  const customerName = `Waiting ${run}`;
  await customerWrites(request, { type: "text", text: { body: "Is my order on its way?" } }, { from: customer, name: customerName });
  const agentPage = await (await browser.newContext()).newPage();
  await signIn(agentPage, "agent");
  await openConversation(agentPage, customerName);

  // Sent now. The agent's reply goes out at once, ahead of the campaign's sends waiting for the same
  // budget: it is sent while the campaign still has recipients to go (its latency is in the benchmark).
  await api(request, token, "POST", `/campaigns/${campaignId}/start`, {});
  const composer = agentPage.getByRole("textbox", { name: "Message" });
  await composer.fill(`Yes, it ships today ${run}`);
  await composer.press("Enter");
  const reply = messageList(agentPage).getByRole("listitem").filter({ hasText: `it ships today ${run}` }).last();
  await expect(reply.getByRole("img", { name: /Sent|Delivered|Read/ })).toBeVisible({ timeout: 30_000 });
  const during = (await api(request, token, "GET", `/campaigns/${campaignId}`)) as { status: string; counts: { eligible: number; sent: number } };
  expect(during.status).toBe("sending");
  expect(during.counts.sent).toBeLessThan(during.counts.eligible);

  // The results page follows it live.
  const progress = page.getByRole("progressbar", { name: "Sending progress" });
  await expect(campaignStatus(page)).toHaveAttribute("data-status", "sending");
  await page.getByRole("tab", { name: "Table" }).click();
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  await screenshot(agentPage, "campaign-agent-reply");

  // Paused midway: the status says so and some recipients are still waiting.
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText("Campaign paused.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Resume" })).toBeVisible();
  await expect(campaignStatus(page)).toHaveAttribute("data-status", "paused");
  expect(Number(await progress.getAttribute("aria-valuenow"))).toBeLessThan(RECIPIENTS);
  await screenshot(page, "campaign-paused");

  // Resumed: every eligible recipient is sent, and delivered follows from the simulator's statuses.
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(progress).toHaveAttribute("aria-valuenow", String(RECIPIENTS), { timeout: 60_000 });
  await expect(funnelCount(page, "Sent")).toHaveText(String(RECIPIENTS));
  await expect(funnelCount(page, "Delivered")).toHaveText(String(RECIPIENTS), { timeout: 30_000 });
  await expect(campaignStatus(page)).toHaveAttribute("data-status", "finished", { timeout: 30_000 });

  // A recipient answers: the funnel counts the reply, and the agent sees the campaign on the conversation.
  const replier = `Recipient 1 ${run}`;
  await customerWrites(request, { type: "text", text: { body: "Yes please, two bags" } }, { from: phones[0]!, name: replier });
  await expect(funnelCount(page, "Replied")).toHaveText("1");
  await expect(funnelCount(page, "Read")).toHaveText(String(RECIPIENTS), { timeout: 30_000 });
  await page.getByRole("tab", { name: "Chart" }).click();
  await screenshot(page, "campaign-results");
  await openConversation(agentPage, replier);
  await expect(agentPage.getByRole("link", { name: `Campaign ${campaignName}` })).toHaveAttribute("href", `/campaigns/${campaignId}`);
  await expect(messageList(agentPage).getByText(`Campaign ${campaignName}`)).toBeVisible();
  await expect(messageList(agentPage).getByText("Yes please, two bags")).toBeVisible();
  await screenshot(agentPage, "campaign-conversation");

  // The recipients table: filtered by status in the URL, each with a link to their conversation; the CSV link.
  await page.getByRole("navigation", { name: "Filter recipients by status" }).getByRole("link", { name: "Read", exact: true }).click();
  await expect(page).toHaveURL(/status=read/);
  const recipients = page.getByRole("table", { name: "Recipients" });
  await expect(recipients.locator("tbody tr[data-recipient-id]").first()).toBeVisible();
  await expect(recipients.getByRole("link", { name: /^Open the conversation with Recipient/ }).first()).toHaveAttribute("href", /^\/inbox\//);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", `/api/campaigns/${campaignId}/export`);
  // Searched by name (a word of it, any case) or by number as typed, kept in the URL with the status.
  await page.getByRole("navigation", { name: "Filter recipients by status" }).getByRole("link", { name: "All", exact: true }).click();
  const search = page.getByRole("searchbox", { name: "Search recipients" });
  await search.fill(`recipient 137 ${run.toUpperCase()}`);
  await expect(page).toHaveURL(/q=recipient/);
  await expect(recipients.locator("tbody tr[data-recipient-id]")).toHaveCount(1);
  await expect(recipients.getByRole("row").filter({ hasText: `Recipient 137 ${run}` })).toBeVisible();
  // A reload (or a shared link) opens on the same single recipient.
  await page.reload();
  await expect(search).toHaveValue(`recipient 137 ${run.toUpperCase()}`);
  await expect(recipients.locator("tbody tr[data-recipient-id]")).toHaveCount(1);
  await search.fill(`+55 11 9${block} ${phones[2]!.slice(-4)}`);
  await expect(recipients.locator("tbody tr[data-recipient-id]")).toHaveCount(1);
  await expect(recipients.getByRole("row").filter({ hasText: `Recipient 3 ${run}` })).toBeVisible();
  await search.fill(`nobody ${run}`);
  await expect(page.getByRole("heading", { name: "No recipient found" })).toBeVisible();
  await screenshot(page, "campaign-recipients-search-empty");
  await search.press("Escape");
  await expect(recipients.locator("tbody tr[data-recipient-id]").first()).toBeVisible();
  await screenshot(page, "campaign-recipients");

  // The list shows it finished with its counts.
  await page.goto(`/campaigns?q=${run}`);
  await expect(row).toContainText("Finished");

  // An agent sees the results, read-only.
  await agentPage.goto(`/campaigns/${campaignId}`);
  await expect(agentPage.getByRole("heading", { level: 1, name: campaignName })).toBeVisible();
  await expect(agentPage.getByRole("progressbar", { name: "Sending progress" })).toHaveAttribute("aria-valuenow", String(RECIPIENTS));
  await expect(agentPage.getByRole("group", { name: "Campaign controls" })).toHaveCount(0);
  await agentPage.goto("/campaigns");
  await expect(agentPage.getByRole("link", { name: "New campaign" })).toHaveCount(0);
  await screenshot(agentPage, "campaigns-list-agent");
});
