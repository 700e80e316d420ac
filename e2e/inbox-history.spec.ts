import { expect, test } from "@playwright/test";

import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { customerWrites, simNow } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

/** The messages route serves 40 a page (app/api/inbox/conversations/[conversationId]/messages): more than one page. */
const TOTAL = 55;
const label = (index: number) => `History message ${String(index).padStart(2, "0")}`;

test("scrolling up loads older messages in place, down to the start of the conversation", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `History ${from.slice(-5)}`;
  // A minute apart, ending now: distinct timestamps give the conversation one true order.
  const now = await simNow(request);
  for (let start = 1; start <= TOTAL; start += 5) {
    await Promise.all(
      Array.from({ length: Math.min(5, TOTAL - start + 1) }, (_, offset) => start + offset).map((index) =>
        customerWrites(request, { type: "text", text: { body: label(index) }, timestamp: now - (TOTAL - index) * 60 }, { from, name }),
      ),
    );
  }

  // Hold the request for the second page, to see the view while it loads.
  let releaseOlder: () => void = () => undefined;
  const olderHeld = new Promise<void>((resolve) => (releaseOlder = resolve));
  let olderRequested = false;
  await page.route(/\/api\/inbox\/conversations\/[^/]+\/messages\?cursor=/, async (route) => {
    olderRequested = true;
    await olderHeld;
    await route.continue();
  });

  await signIn(page, "agent");
  await openConversation(page, name);
  const list = messageList(page);
  const scroller = page.getByTestId("message-scroller");
  // The list grows upwards (column-reverse): scrollTop is 0 at the newest message and negative above it.
  const scrollTop = () => scroller.evaluate((element) => element.scrollTop);
  const atTheTop = () => scroller.evaluate((element) => -element.scrollTop >= element.scrollHeight - element.clientHeight - 1);
  // A wheel scrolls after the call returns: each wheel's scroll lands before the next wheel or a reading
  // of where things are, so nothing is still moving when positions are compared below.
  const wheelToTheTop = () =>
    expect(async () => {
      if (!(await atTheTop())) {
        const from = await scrollTop();
        await page.mouse.wheel(0, -1500);
        await expect.poll(scrollTop).toBeLessThan(from);
      }
      expect(await atTheTop()).toBe(true);
    }).toPass();
  // The newest page, read from the bottom: the newest message in view, nothing older than the page.
  await expect(list.getByText(label(TOTAL), { exact: true })).toBeInViewport();
  await expect(list.getByText(label(TOTAL - 39), { exact: true })).toBeAttached();
  await expect(list.getByText(label(TOTAL - 40), { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Load older messages" })).not.toBeInViewport();
  expect(olderRequested).toBe(false);

  // The agent scrolls up to the oldest message loaded so far: older ones start loading.
  const oldestLoaded = list.getByText(label(TOTAL - 39), { exact: true });
  await scroller.hover();
  await wheelToTheTop();
  await expect(page.getByRole("button", { name: "Loading older messages…" })).toBeInViewport();
  await expect(oldestLoaded).toBeInViewport();
  const before = await oldestLoaded.boundingBox();

  releaseOlder();
  await expect(list.getByText(label(1), { exact: true })).toBeAttached();
  await expect(page.getByRole("button", { name: /older messages/ })).toHaveCount(0);
  // What the agent was reading has not moved: the older page went in above it.
  await expect(oldestLoaded).toBeInViewport();
  const after = await oldestLoaded.boundingBox();
  expect(Math.abs((after?.y ?? Number.NaN) - (before?.y ?? Number.NaN))).toBeLessThan(2);
  await expect(list.getByText(label(1), { exact: true })).not.toBeInViewport();

  // Further up: the first message and the start of the conversation.
  await wheelToTheTop();
  await expect(page.getByText("Start of the conversation")).toBeInViewport();
  await expect(list.getByText(label(1), { exact: true })).toBeInViewport();

  // Every message once, oldest to newest.
  const bubbles = list.getByRole("article", { name: "Message from the customer" });
  await expect(bubbles).toHaveCount(TOTAL);
  await expect(bubbles).toHaveText(Array.from({ length: TOTAL }, (_, index) => new RegExp(`^${label(index + 1)}\\d\\d:\\d\\d$`)));
});

test("a reply's quote shows its original, loading older messages until it is there", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Quote ${from.slice(-5)}`;
  const now = await simNow(request);
  const original = await customerWrites(request, { type: "text", text: { body: "My very first question" }, timestamp: now - 50 * 60 }, { from, name });
  for (let start = 1; start <= 45; start += 5) {
    await Promise.all(
      Array.from({ length: 5 }, (_, offset) => start + offset).map((index) =>
        customerWrites(request, { type: "text", text: { body: label(index) }, timestamp: now - (46 - index) * 60 }, { from, name }),
      ),
    );
  }
  await customerWrites(request, { type: "text", text: { body: "Any news about that?" }, context: { from, id: original }, timestamp: now }, { from, name });

  await signIn(page, "agent");
  await openConversation(page, name);
  const list = messageList(page);
  const reply = list.getByRole("article", { name: "Message from the customer" }).filter({ hasText: "Any news about that?" });
  await expect(reply).toBeInViewport();
  // The original is older than the first page: only its quote is shown.
  const originalBubble = list.getByRole("article", { name: "Message from the customer" }).filter({ hasText: /^My very first question/ });
  await expect(originalBubble).toHaveCount(0);

  await reply.getByRole("button", { name: "Show the quoted message: My very first question" }).click();
  await expect(originalBubble).toBeInViewport();
  await expect(originalBubble).toHaveClass(/ring-primary/);
});
