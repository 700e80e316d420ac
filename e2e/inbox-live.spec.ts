import { expect, test } from "@playwright/test";

import { openConversation, messageList, uniqueCustomerNumber } from "./fixtures/inbox";
import { customerWrites } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test("a customer's message appears in the open inbox without a reload, newest first", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Live Customer ${from.slice(-5)}`;
  await signIn(page, "agent");
  await page.goto("/inbox?status=all");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  await customerWrites(request, { type: "text", text: { body: "Is the Guji roast back in stock?" } }, { from, name });
  const conversations = page.getByRole("list", { name: "Conversations" });
  const first = conversations.getByRole("link").first();
  await expect(first).toHaveAccessibleName(new RegExp(`^${name}, 1 unread, window open`));
  await expect(first).toContainText("Is the Guji roast back in stock?");
});

test("the agent replies and the ticks go from pending to read live", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Tick Customer ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Hello!" } }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);
  await expect(page.getByLabel(/^24-hour window: open · 2[34] h \d\d min left$/)).toBeVisible();

  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill("Hi! *Yes*, it is back.");
  await composer.press("Enter");
  const sent = messageList(page).getByRole("listitem").filter({ hasText: "it is back." }).last();
  await expect(sent.getByRole("img", { name: "Sending" }).or(sent.getByRole("img", { name: /Sent|Delivered|Read/ }))).toBeVisible();
  await expect(sent.locator("strong", { hasText: "Yes" })).toBeVisible();
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
  await expect(sent).toHaveAttribute("data-status", "read");
  // Exactly one message, however the live refreshes and the optimistic copy met.
  await expect(messageList(page).getByText("it is back.")).toHaveCount(1);
});

test("an inbound <script> is shown as text, never run", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Script Customer ${from.slice(-5)}`;
  const attack = `<script>window.__pwned = true</script><img src=x onerror="window.__pwned=true">`;
  await customerWrites(request, { type: "text", text: { body: attack } }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);
  await expect(messageList(page).getByText(attack, { exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await expect(messageList(page).locator("script")).toHaveCount(0);
});
