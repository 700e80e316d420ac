import { expect, test } from "@playwright/test";

import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { customerWrites } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test.beforeEach(async ({ page, request }, testInfo) => {
  const from = uniqueCustomerNumber();
  const name = `Send ${testInfo.title.slice(0, 12)} ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "I have a question" } }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);
});

test("the agent sends an image by media id", async ({ page }) => {
  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: /Image, video, audio or document/ }).click();
  const dialog = page.getByRole("dialog", { name: "Send media" });
  await dialog.getByLabel("Media id").fill("1480000000000001");
  await dialog.getByLabel("Caption (optional)").fill("Our new logo");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();
  // The bubble is found by its caption: the picture itself is loaded lazily, and is checked on its own.
  const sent = messageList(page).getByRole("listitem").filter({ hasText: "Our new logo" });
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
  await expect(sent.getByRole("img", { name: "Our new logo" })).toBeVisible();
});

test("the agent sends a list message, with its limits checked as they type", async ({ page }) => {
  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: "List message" }).click();
  const dialog = page.getByRole("dialog", { name: "List message" });
  await dialog.getByLabel("Message text").fill("Which roast would you like?");
  await dialog.getByLabel("List button").fill("Choose a roast");
  await dialog.getByLabel("Row 1 title").fill("Ethiopia Guji, light and fruity roast");
  await expect(dialog.getByText("Row title must be at most 24 characters")).toBeVisible();
  await dialog.getByLabel("Row 1 title").fill("Ethiopia Guji");
  await expect(dialog.getByText("Row title must be at most 24 characters")).toBeHidden();
  await dialog.getByRole("button", { name: "Add a row" }).click();
  await dialog.getByLabel("Row 2 title").fill("Colombia Huila");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();
  const sent = messageList(page).getByRole("listitem").filter({ hasText: "Which roast would you like?" });
  await expect(sent.getByText("Choose a roast")).toBeVisible();
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
});

test("the agent sends a template with its variables and sees the live preview", async ({ page }) => {
  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: "Template" }).click();
  const dialog = page.getByRole("dialog", { name: "Send a template" });
  await dialog.getByRole("button", { name: /^order_confirmation en_US/ }).click();
  await dialog.getByLabel("Header {{1}}").fill("#4512");
  await dialog.getByLabel("Body {{1}}").fill("Maya");
  await dialog.getByLabel("Body {{2}}").fill("2 bags of Guji");
  const preview = dialog.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("Hi Maya, thanks for your order of 2 bags of Guji. It will arrive on {{3}}.");
  await dialog.getByRole("button", { name: "Send template" }).click();
  await expect(dialog.getByText("Fill in body variable {{3}}.")).toBeVisible();
  await dialog.getByLabel("Body {{3}}").fill("Friday");
  await dialog.getByLabel(/“Track order” link/).fill("4512");
  await expect(preview).toContainText("Order #4512 confirmed");
  await dialog.getByRole("button", { name: "Send template" }).click();
  await expect(dialog).toBeHidden();
  const sent = messageList(page).getByRole("listitem").filter({ hasText: "It will arrive on Friday." });
  await expect(sent.getByText("Track order")).toBeVisible();
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
});
