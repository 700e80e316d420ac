import { expect, test } from "@playwright/test";

import { escapeRegExp, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { chooseOption } from "./fixtures/ui";
import { signIn } from "./fixtures/users";

test("a marketer creates a label; an agent labels a conversation, filters by it, then labels and resolves two in bulk", async ({ browser, request }) => {
  const tag = uniqueCustomerNumber().slice(-6);
  const labelName = `Refund ${tag}`;
  const customers = ["A", "B", "C"].map((suffix) => ({ number: uniqueCustomerNumber(), name: `Lena ${tag} ${suffix}` }));
  for (const customer of customers) {
    await customerWrites(request, { type: "text", text: { body: `Order question ${customer.name}` } }, { from: customer.number, name: customer.name });
  }

  // The marketer creates the label in Settings › Labels.
  const marketerContext = await browser.newContext();
  const marketer = await marketerContext.newPage();
  await signIn(marketer, "marketer");
  await marketer.goto("/settings/labels");
  await marketer.getByRole("button", { name: "New label" }).first().click();
  const form = marketer.getByRole("dialog", { name: "New label" });
  await form.getByRole("textbox", { name: "Name" }).fill(labelName);
  await form.getByText("Violet", { exact: true }).click();
  await expect(form.getByRole("radio", { name: "Violet" })).toBeChecked();
  await screenshot(marketer, "labels-create-dialog");
  await form.getByRole("button", { name: "Create label" }).click();
  await expect(form).toBeHidden();
  const table = marketer.getByRole("table", { name: "Conversation labels" });
  await expect(table.getByRole("row", { name: new RegExp(escapeRegExp(labelName)) })).toBeVisible();
  await screenshot(marketer, "labels-settings");
  await marketerContext.close();

  // The agent puts it on Lena A from the conversation header.
  const agentContext = await browser.newContext();
  const page = await agentContext.newPage();
  await signIn(page, "agent");
  await page.goto(`/inbox?status=all&q=${encodeURIComponent(`Lena ${tag}`)}`);
  const list = page.getByRole("list", { name: "Conversations" });
  await expect(list.getByRole("link")).toHaveCount(3);
  await list.getByRole("link", { name: new RegExp(`^${escapeRegExp(customers[0]!.name)}`) }).click();
  await expect(page.getByRole("heading", { name: customers[0]!.name, level: 2 }).first()).toBeVisible();
  await page.getByRole("button", { name: "Labels", exact: true }).click();
  const picker = page.getByRole("dialog", { name: "Choose labels" });
  await picker.getByRole("searchbox", { name: "Search labels" }).fill(tag);
  await picker.getByRole("checkbox", { name: labelName }).check();
  await expect(picker.getByRole("checkbox", { name: labelName })).toBeChecked();
  await screenshot(page, "labels-picker");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("list", { name: "Labels of this conversation" }).getByText(labelName)).toBeVisible();
  // The list shows the chip on the row too.
  await expect(list.getByRole("listitem").filter({ hasText: customers[0]!.name }).getByText(labelName)).toBeVisible();

  // Filtering the list by the label leaves Lena A alone, and the filter is in the URL.
  await chooseOption(page, page.getByRole("combobox", { name: "Label" }), labelName);
  await expect(page).toHaveURL(/label=[0-9a-f-]{36}/);
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(list.getByRole("link").first()).toHaveAccessibleName(new RegExp(`^${escapeRegExp(customers[0]!.name)}`));
  await screenshot(page, "labels-list-filtered");
  await chooseOption(page, page.getByRole("combobox", { name: "Label" }), "Any label");
  await expect(list.getByRole("link")).toHaveCount(3);

  // Newest first: C, then B. A click on C and a shift-click on B select both.
  await list.getByRole("checkbox", { name: `Select ${customers[2]!.name}` }).click();
  await list.getByRole("checkbox", { name: `Select ${customers[1]!.name}` }).click({ modifiers: ["Shift"] });
  const bulk = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bulk.getByText("2 selected")).toBeVisible();
  await expect(list.getByRole("checkbox", { name: `Select ${customers[0]!.name}` })).not.toBeChecked();

  await bulk.getByRole("button", { name: "Label" }).click();
  const bulkLabels = page.getByRole("dialog", { name: "Add or remove a label" });
  await bulkLabels.getByRole("searchbox", { name: "Search labels" }).fill(tag);
  // Applied at once on the server; the box shows it once both conversations carry the label.
  await bulkLabels.getByRole("checkbox", { name: labelName }).click();
  await expect(page.getByText("Labels changed on 2 conversations")).toBeVisible();
  await expect(bulkLabels.getByRole("checkbox", { name: labelName })).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(bulkLabels).toBeHidden();
  await screenshot(page, "labels-bulk-bar");

  await bulk.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByText("Resolved 2 conversations")).toBeVisible();

  // All three carry the label now; only Lena A is still open.
  await page.goto(`/inbox?status=all&q=${encodeURIComponent(`Lena ${tag}`)}`);
  await chooseOption(page, page.getByRole("combobox", { name: "Label" }), labelName);
  await expect(list.getByRole("link")).toHaveCount(3);
  await chooseOption(page, page.getByRole("combobox", { name: "Status" }), /^Open$/);
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(list.getByRole("link").first()).toHaveAccessibleName(new RegExp(`^${escapeRegExp(customers[0]!.name)}`));
  await agentContext.close();
});
