import { expect, test, type Page } from "@playwright/test";

import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { addUser, chooseFirstPassword, openUsersAsAdmin, signInWith, uniqueEmail } from "./fixtures/team";
import { untilHydrated } from "./fixtures/ui";
import { signIn } from "./fixtures/users";

/** A shortcut no other run uses: letters and digits only, as the composer's "/" reads it. */
const uniqueShortcut = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** On Settings › Canned responses: creates a response in the open tab's library. */
async function createResponse(page: Page, response: { shortcut: string; text: string; title: string }) {
  const newButton = page.getByRole("button", { name: "New response" });
  await untilHydrated(newButton);
  await newButton.click();
  const dialog = page.getByRole("dialog", { name: response.title });
  await dialog.getByLabel("Shortcut").fill(response.shortcut);
  await dialog.getByLabel("Text", { exact: true }).fill(response.text);
  return dialog;
}

test("a marketer's team response is chosen with / in the composer, edited, and only then sent", async ({ page, request }) => {
  const shortcut = uniqueShortcut("greet");
  await signIn(page, "marketer");
  await page.goto("/settings/canned-responses");
  await expect(page.getByRole("heading", { level: 1, name: "Canned responses" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Team", selected: true })).toBeVisible();
  const dialog = await createResponse(page, { shortcut, text: "Hello ", title: "New team response" });
  // The variables are inserted where the caret is, and the preview follows the text with WhatsApp's formatting.
  await dialog.getByRole("button", { name: "Insert {{contact.name}}" }).click();
  await dialog.getByLabel("Text", { exact: true }).press("End");
  await dialog.getByLabel("Text", { exact: true }).pressSequentially(", *thanks* for writing to us!");
  await expect(dialog.getByLabel("Text", { exact: true })).toHaveValue("Hello {{contact.name}}, *thanks* for writing to us!");
  await expect(dialog.getByRole("region", { name: "Preview" }).locator("span", { hasText: /^thanks$/ })).toBeVisible();
  await screenshot(page, "canned-responses-editor");
  await dialog.getByRole("button", { name: "Create response" }).click();
  await expect(dialog).toBeHidden();
  const teamTable = page.getByRole("table", { name: "Team canned responses" });
  await expect(teamTable.getByRole("row").filter({ hasText: `/${shortcut}` })).toContainText("Hello {{contact.name}}, thanks for writing to us!");
  await screenshot(page, "canned-responses-settings");

  // A duplicate in another case is refused at the field, naming the library.
  const duplicate = await createResponse(page, { shortcut: shortcut.toUpperCase(), text: "Again", title: "New team response" });
  await duplicate.getByRole("button", { name: "Create response" }).click();
  await expect(duplicate.getByText(`The team already has a response with the shortcut /${shortcut.toUpperCase()}.`)).toBeVisible();
  await duplicate.getByRole("button", { name: "Cancel" }).click();

  // An agent, in a conversation whose window is open.
  const from = uniqueCustomerNumber();
  const customer = `Canned Customer ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Are you open today?" } }, { from, name: customer });
  const agentPage = await (await page.context().browser()!.newContext()).newPage();
  await signIn(agentPage, "agent");
  await openConversation(agentPage, customer);
  const composer = agentPage.getByRole("textbox", { name: "Message" });
  await untilHydrated(composer);
  await composer.click();
  await composer.pressSequentially("/");
  const picker = agentPage.getByRole("listbox", { name: "Canned responses" });
  await expect(picker).toBeVisible();
  await composer.pressSequentially(shortcut.slice(0, -2));
  await expect(picker.getByRole("option")).toHaveCount(1);
  await expect(picker.getByRole("option").first()).toContainText(`/${shortcut}`);
  await expect(picker.getByRole("option").first()).toContainText(`Hello ${customer}, *thanks* for writing to us!`);
  await expect(picker.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await screenshot(agentPage, "canned-responses-picker");
  await composer.press("Enter");
  await expect(picker).toBeHidden();
  // Filled in for this customer, not sent: the agent edits it first.
  await expect(composer).toHaveValue(`Hello ${customer}, *thanks* for writing to us!`);
  await expect(messageList(agentPage).getByRole("listitem").filter({ hasText: `Hello ${customer}` })).toHaveCount(0);
  await composer.press("End");
  await composer.pressSequentially(" Yes, until 6 pm.");
  await composer.press("Enter");
  await expect(composer).toHaveValue("");
  const sent = messageList(agentPage).getByRole("listitem").filter({ hasText: `Hello ${customer}, thanks for writing to us! Yes, until 6 pm.` });
  await expect(sent).toBeVisible();
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });

  // Escape closes the picker and leaves the "/…" typed; nothing is sent.
  await composer.pressSequentially("/zzzz-nothing");
  await expect(agentPage.getByText("No canned response matches /zzzz-nothing.")).toBeVisible();
  await composer.press("Escape");
  await expect(agentPage.getByText("No canned response matches /zzzz-nothing.")).toBeHidden();
  await expect(composer).toHaveValue("/zzzz-nothing");
  await agentPage.context().close();
});

test("an agent keeps a personal response that another agent neither sees nor can pick", async ({ browser, page, request }) => {
  const shortcut = uniqueShortcut("mine");
  await signIn(page, "agent");
  await page.goto("/settings/canned-responses");
  // The team library is read-only for agents.
  await expect(page.getByRole("tab", { name: "Team", selected: true })).toBeVisible();
  await expect(page.getByText("Marketers and admins keep the team library.")).toBeVisible();
  await expect(page.getByRole("button", { name: "New response" })).toHaveCount(0);
  await page.getByRole("tab", { name: "Mine" }).click();
  const dialog = await createResponse(page, { shortcut, text: "Talk soon, {{agent.name}}", title: "New personal response" });
  await dialog.getByRole("button", { name: "Create response" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Your canned responses" }).getByRole("row").filter({ hasText: `/${shortcut}` })).toBeVisible();
  await screenshot(page, "canned-responses-mine");

  // Another agent, new to the team.
  const admin = await openUsersAsAdmin(browser);
  const other = { name: `Other Agent ${Date.now().toString(36)}`, email: uniqueEmail("canned-agent"), role: "Agent" as const };
  const oneTimePassword = await addUser(admin, other);
  await admin.context().close();
  const otherPage = await (await browser.newContext()).newPage();
  await signInWith(otherPage, other.email, oneTimePassword);
  await chooseFirstPassword(otherPage, oneTimePassword, "canned-pass-1234567");
  await otherPage.goto("/settings/canned-responses");
  await otherPage.getByRole("tab", { name: "Mine" }).click();
  await expect(otherPage.getByRole("heading", { name: "No personal responses yet" })).toBeVisible();
  await expect(otherPage.getByText(`/${shortcut}`)).toHaveCount(0);

  // Nor in the composer's picker.
  const from = uniqueCustomerNumber();
  const customer = `Canned Private ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Hello?" } }, { from, name: customer });
  await openConversation(otherPage, customer);
  const composer = otherPage.getByRole("textbox", { name: "Message" });
  await untilHydrated(composer);
  await composer.click();
  await composer.pressSequentially(`/${shortcut}`);
  await expect(otherPage.getByText(`No canned response matches /${shortcut}.`).or(otherPage.getByText("No canned responses yet."))).toBeVisible();
  await otherPage.context().close();
});
