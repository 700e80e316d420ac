import { expect, test } from "@playwright/test";

import { openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { customerWrites } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";
import { screenshot } from "./fixtures/screenshot";

test("three panes on a wide window, two on a laptop, one at a time on a phone", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Layout ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Hi! Do you ship to Berlin? See https://example.com/order/42 — *thanks*" } }, { from, name });
  await customerWrites(request, { type: "location", location: { latitude: 52.52, longitude: 13.405, name: "Alexanderplatz", address: "10178 Berlin" } }, { from, name });
  await customerWrites(request, { type: "contacts", contacts: [{ name: { formatted_name: "Jonas Weber" }, phones: [{ phone: "+49 151 12345678" }] }] }, { from, name });
  await customerWrites(request, { type: "image", image: { caption: "The box arrived dented" } }, { from, name });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, "agent");
  await openConversation(page, name);
  await page.getByRole("textbox", { name: "Message" }).fill("Yes, we do! Delivery takes _two_ days.");
  await page.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(page.getByRole("complementary", { name: "Customer" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Conversations" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Open map/ })).toHaveAttribute("rel", "noopener noreferrer");
  await expect(page.getByRole("link", { name: "https://example.com/order/42" })).toHaveAttribute("rel", "noopener noreferrer");
  await expect(page.getByRole("img", { name: "Read" }).last()).toBeVisible({ timeout: 15_000 });
  // The list's preview shows the reply's formatting, not its markers.
  const listed = page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: new RegExp(`^${name}`) });
  await expect(listed).toContainText("You: Yes, we do! Delivery takes two days.");
  await expect(listed.locator("em")).toHaveText("two");
  await screenshot(page, "inbox-wide", { fullPage: false });

  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByRole("complementary", { name: "Customer" })).toBeHidden();
  await expect(page.getByRole("list", { name: "Conversations" })).toBeVisible();
  await page.getByRole("button", { name: "Customer details" }).click();
  await expect(page.getByRole("dialog").getByRole("complementary", { name: "Customer" })).toBeVisible();
  await screenshot(page, "inbox-laptop-panel", { fullPage: false });
  await page.keyboard.press("Escape");

  await page.setViewportSize({ width: 390, height: 800 });
  await expect(page.getByRole("list", { name: "Conversations" })).toBeHidden();
  await screenshot(page, "inbox-phone-conversation", { fullPage: false });
  await page.getByRole("link", { name: "Back to the conversation list" }).click();
  await expect(page.getByRole("list", { name: "Conversations" })).toBeVisible();
  await screenshot(page, "inbox-phone-list", { fullPage: false });
});
