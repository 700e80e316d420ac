import { expect, test, type Browser, type Page } from "@playwright/test";

import { escapeRegExp, messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { untilHydrated } from "./fixtures/ui";
import { signIn, type DemoRole } from "./fixtures/users";

// Scenarios sign in more than once (bcrypt) on a machine shared with other suites.
test.describe.configure({ timeout: 90_000 });

const customerPanel = (page: Page) => page.getByRole("complementary", { name: "Customer" });

/** A unique suffix, so tests sharing one server never meet each other's data. */
const unique = () => `${Date.now() % 1_000_000}${Math.floor(Math.random() * 100)}`;

async function signedIn(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, role);
  return page;
}

/** Replies in the open conversation: writing to the customer is what lets an agent edit them. */
async function reply(page: Page, text: string) {
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill(text);
  await composer.press("Enter");
  await expect(messageList(page).getByRole("listitem").filter({ hasText: text })).toBeVisible();
}

/** Opens the panel's "Add tag" and returns the list of tags to add, narrowed to `search`. */
async function searchTags(page: Page, search: string) {
  const add = customerPanel(page).getByRole("button", { name: "Add tag" });
  await untilHydrated(add);
  await add.click();
  await page.getByRole("searchbox", { name: "Search tags" }).fill(search);
  return page.getByRole("list", { name: "Tags to add" });
}

test("an agent tags a customer and sets an attribute from the inbox, and the contact's page shows both", async ({ browser, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Panel ${from.slice(-5)}`;
  const tag = `Roastery tour ${unique()}`;
  await customerWrites(request, { type: "text", text: { body: "Do you ship to Leeds?" } }, { from, name });

  // A marketer creates the tag from the panel (adding it), then takes it off again: it exists, unused.
  const marketer = await signedIn(browser, "marketer");
  await openConversation(marketer, name);
  const created = await searchTags(marketer, tag);
  await created.getByRole("button", { name: new RegExp(`^Create tag “${escapeRegExp(tag)}”`) }).click();
  const marketerTags = customerPanel(marketer).getByRole("list", { name: `Tags of ${name}` });
  await expect(marketerTags).toContainText(tag);
  await marketerTags.getByRole("button", { name: `Remove tag ${tag}` }).click();
  await expect(marketerTags.getByText(tag)).toHaveCount(0);
  await marketer.context().close();

  const page = await signedIn(browser, "agent");
  await openConversation(page, name);
  const panel = customerPanel(page);
  await expect(panel.getByText("Unknown", { exact: true })).toBeVisible();
  await expect(panel.getByText("The customer has not said whether they want marketing messages.")).toBeVisible();
  // Not theirs yet: the record is read only until they write to the customer.
  await expect(panel.getByText("No tags", { exact: true })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Add tag" })).toHaveCount(0);
  await reply(page, "Yes, we ship to Leeds.");

  const choices = await searchTags(page, tag);
  // An agent adds existing tags only.
  await expect(choices.getByRole("button", { name: /^Create tag/ })).toHaveCount(0);
  await choices.getByRole("button", { name: tag }).click();
  const tags = panel.getByRole("list", { name: `Tags of ${name}` });
  await expect(tags.getByRole("button", { name: `Remove tag ${tag}` })).toBeVisible();

  await panel.getByRole("button", { name: "Edit City" }).click();
  const city = panel.getByRole("textbox", { name: "City" });
  await city.fill("Leeds");
  await city.press("Enter");
  await expect(city).toHaveCount(0);
  await expect(panel.getByText("Leeds", { exact: true })).toBeVisible();
  await screenshot(page, "inbox-customer-panel-contact", { fullPage: false });

  await panel.getByRole("link", { name: "Open contact" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Tags" })).toContainText(tag);
  const attributes = page.getByRole("region", { name: "Attributes" });
  await expect(attributes.getByText("Leeds", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Conversations" }).getByRole("link", { name: /^Open in inbox/ })).toBeVisible();
  await screenshot(page, "contact-record");
});

test("a customer who writes STOP is opted out: the panel says so and a marketing template is refused", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Stopper ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Hi, what's new?" } }, { from, name });
  await customerWrites(request, { type: "text", text: { body: "STOP" } }, { from, name });
  await signIn(page, "agent");
  // The page is told the consent is unknown, so the picker offers marketing; the server knows better.
  await page.route(/\/api\/inbox\/conversations\/[0-9a-f-]+$/, async (route) => {
    try {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...body, consent: { state: "unknown", source: null, at: null } } });
    } catch {
      // The browser gave up on this request (a newer refetch replaced it): nothing to fool.
    }
  });
  await openConversation(page, name);

  // The panel reads the contact's own record: opted out by the keyword.
  const panel = customerPanel(page);
  await expect(panel.getByText("Opted out", { exact: true })).toBeVisible();
  await expect(panel.getByText(/^Opted out: wrote “STOP” on /)).toBeVisible();

  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: "Template" }).click();
  const dialog = page.getByRole("dialog", { name: "Send a template" });
  await dialog.getByRole("button", { name: /^welcome_offer en_US/ }).click();
  await dialog.getByLabel("Body {{1}}").fill("Sam");
  await dialog.getByLabel(/^Offer code/).fill("WELCOME10");
  await dialog.getByRole("button", { name: "Send template" }).click();
  await expect(page.getByText(/This customer opted out of marketing messages/).first()).toBeVisible();
  await expect(messageList(page).getByText(/Welcome to the family/)).toHaveCount(0);

  // Unfooled, the customer is still opted out and the picker offers no marketing template.
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await page.reload();
  await expect(customerPanel(page).getByText(/^Opted out: wrote “STOP” on /)).toBeVisible();
  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: "Template" }).click();
  await expect(page.getByRole("dialog", { name: "Send a template" }).getByRole("button", { name: /^welcome_offer en_US/ })).toBeDisabled();
  await page.keyboard.press("Escape");
  await screenshot(page, "inbox-customer-opted-out", { fullPage: false });
});

test("an admin defines a choice attribute in the contact settings, and it shows on a contact's page", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const customer = `Chooser ${from.slice(-5)}`;
  const attribute = `Roast ${unique()}`;
  await customerWrites(request, { type: "text", text: { body: "Light or dark, which is better?" } }, { from, name: customer });
  await signIn(page, "admin");

  await page.goto("/settings/contacts");
  await expect(page.getByRole("heading", { level: 1, name: "Contact settings" })).toBeVisible();
  await expect(page.getByText(/A customer who writes one of these words as their whole message/)).toBeVisible();
  const add = page.getByRole("button", { name: "Add attribute" });
  await untilHydrated(add);
  await add.click();
  const dialog = page.getByRole("dialog", { name: "Add a custom attribute" });
  await dialog.getByLabel("Name").fill(attribute);
  // The key is suggested from the name.
  await expect(dialog.getByLabel("Key")).toHaveValue(attribute.toLowerCase().replace(" ", "_"));
  await dialog.getByLabel("Type").selectOption("choice");
  const option = dialog.getByRole("textbox", { name: "Options" });
  await option.fill("Light");
  await option.press("Enter");
  await option.fill("Dark");
  await option.press("Enter");
  // A choice twice is refused at the field.
  await option.fill("dark");
  await option.press("Enter");
  await expect(dialog.getByText("It is already in the list.")).toBeVisible();
  await option.fill("");
  await dialog.getByRole("button", { name: "Add attribute" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("table", { name: "Custom attributes" }).getByRole("row").filter({ hasText: attribute });
  await expect(row).toContainText("Choice");
  await expect(row).toContainText("Light · Dark");
  await screenshot(page, "contacts-settings");

  await openConversation(page, customer);
  await customerPanel(page).getByRole("link", { name: "Open contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: customer })).toBeVisible();
  const attributes = page.getByRole("region", { name: "Attributes" });
  const edit = attributes.getByRole("button", { name: `Edit ${attribute}` });
  await untilHydrated(edit);
  await edit.click();
  await attributes.getByRole("combobox", { name: attribute }).selectOption("Dark");
  await attributes.getByRole("button", { name: "Save" }).click();
  await expect(attributes.getByRole("button", { name: `Clear ${attribute}` })).toBeVisible();
  await expect(attributes.getByText("Dark", { exact: true })).toBeVisible();
  await screenshot(page, "contact-record-choice");
});
