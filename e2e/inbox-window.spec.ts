import { expect, test } from "@playwright/test";

import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { customerWrites } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test("25 hours after the customer wrote the window is closed and only templates can be sent", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Closed Window ${from.slice(-5)}`;
  const twentyFiveHoursAgo = Math.floor(Date.now() / 1000) - 25 * 3600;
  await customerWrites(request, { type: "text", text: { body: "Are you open on Sunday?" }, timestamp: String(twentyFiveHoursAgo) }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);

  await expect(page.getByLabel(/^24-hour window: closed since /)).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveCount(0);
  await expect(page.getByText("Only templates can be sent now")).toBeVisible();
  await expect(page.getByText(/More than 24 hours have passed since the customer last wrote/)).toBeVisible();
  await page.getByRole("button", { name: "Choose a template" }).click();
  const dialog = page.getByRole("dialog", { name: "Send a template" });
  await expect(dialog.getByText(/24-hour window closed/)).toBeVisible();
  await dialog.getByRole("button", { name: /^hello_world en_US/ }).click();
  await dialog.getByRole("button", { name: "Send template" }).click();
  await expect(dialog).toBeHidden();
  await expect(messageList(page).getByText(/This is a sample message/)).toBeVisible();
});

test("the server refuses a free-form send outside the window, even when the browser is fooled", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Forced Send ${from.slice(-5)}`;
  const twentyFiveHoursAgo = Math.floor(Date.now() / 1000) - 25 * 3600;
  await customerWrites(request, { type: "text", text: { body: "Hello from yesterday" }, timestamp: String(twentyFiveHoursAgo) }, { from, name });
  await signIn(page, "agent");
  // The page is told the customer just wrote, so it offers the composer; the server knows better.
  await page.route(/\/api\/inbox\/conversations\/[0-9a-f-]+$/, async (route) => {
    try {
      const response = await route.fetch();
      const body = (await response.json()) as { lastInboundAt: string };
      await route.fulfill({ response, json: { ...body, lastInboundAt: new Date().toISOString() } });
    } catch {
      // The browser gave up on this request (a newer refetch replaced it): nothing to fool.
    }
  });
  await openConversation(page, name);
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill("A free-form reply that must not go out");
  await composer.press("Enter");
  await expect(page.getByText(/24-hour window closed: More than 24 hours have passed/)).toBeVisible();
  await expect(messageList(page).getByText("A free-form reply that must not go out")).toHaveCount(0);
});

test("a failed send shows its explanation and a retry sends it once more, as the same message", async ({ page, request }) => {
  const from = uniqueCustomerNumber("999");
  const name = `Unreachable ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Can you call me back?" } }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill("We will call you at 3 pm.");
  await composer.press("Enter");

  const sent = messageList(page).getByRole("listitem").filter({ hasText: "We will call you at 3 pm." });
  await expect(sent.getByText("Not delivered · 131026 · Message undeliverable")).toBeVisible({ timeout: 15_000 });
  await expect(sent.getByText(/WhatsApp could not deliver the message/)).toBeVisible();
  await sent.getByRole("button", { name: "Retry" }).click();
  await expect(sent.getByRole("img", { name: "Sending" }).or(sent.getByText("Not delivered · 131026 · Message undeliverable"))).toBeVisible();
  await expect(sent.getByText("Not delivered · 131026 · Message undeliverable")).toBeVisible({ timeout: 15_000 });
  await expect(messageList(page).getByText("We will call you at 3 pm.")).toHaveCount(1);
});
