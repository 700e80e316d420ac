import { expect, test } from "@playwright/test";

import { openConversation, messageList, uniqueCustomerNumber } from "./fixtures/inbox";
import { customerWrites, simNow } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test("a customer's message appears in the open inbox without a reload, newest first", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Live Customer ${from.slice(-5)}`;
  const earlierFrom = uniqueCustomerNumber();
  const earlierName = `Earlier Customer ${earlierFrom.slice(-5)}`;
  await signIn(page, "agent");
  await page.goto("/inbox?status=all");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  const conversations = page.getByRole("list", { name: "Conversations" });

  await customerWrites(request, { type: "text", text: { body: "Just saying hello" } }, { from: earlierFrom, name: earlierName });
  const earlier = conversations.getByRole("link", { name: new RegExp(`^${earlierName}, 1 unread`) });
  await expect(earlier).toBeVisible();
  // WhatsApp's timestamps have whole seconds: the second message is written a second later.
  const later = String((await simNow(request)) + 1);
  await customerWrites(request, { type: "text", text: { body: "Is the Guji roast back in stock?" }, timestamp: later }, { from, name });
  const arrived = conversations.getByRole("link", { name: new RegExp(`^${name}, 1 unread, window open`) });
  await expect(arrived).toContainText("Is the Guji roast back in stock?");
  // Other tests' customers may write meanwhile; of these two, the newer one is listed first.
  const order = await conversations.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("aria-label") ?? ""));
  const position = (prefix: string) => order.findIndex((label) => label.startsWith(prefix));
  expect(position(name)).toBeLessThan(position(earlierName));
});

test("a message that lands while the inbox is still connecting is not lost", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Early Customer ${from.slice(-5)}`;
  const earlierFrom = uniqueCustomerNumber();
  const earlierName = `Earlier Customer ${earlierFrom.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Before you came in" } }, { from: earlierFrom, name: earlierName });
  await signIn(page, "agent");
  // The live stream is held back until the message has landed: the list is read before it, the
  // stream starts listening after it, and neither alone would show it.
  let releaseStream = () => {};
  const streamReleased = new Promise<void>((resolve) => (releaseStream = resolve));
  await page.route("**/api/events*", async (route) => {
    await streamReleased;
    await route.continue();
  });
  await page.goto("/inbox?status=all");
  const conversations = page.getByRole("list", { name: "Conversations" });
  await expect(conversations.getByRole("link", { name: new RegExp(`^${earlierName}, 1 unread`) })).toBeVisible();
  await expect(page.getByText("Connecting…")).toBeVisible();

  await customerWrites(request, { type: "text", text: { body: "Written while your page was loading" } }, { from, name });
  releaseStream();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await expect(conversations.getByRole("link", { name: new RegExp(`^${name}, 1 unread`) })).toContainText("Written while your page was loading");
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
