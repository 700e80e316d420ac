import { expect, test } from "@playwright/test";

import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites, failNextSendTo, typingIndicatorsOn, wamidsSentTo } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test("a send WhatsApp declines with 131049 shows the explanation and says a retry later is safe", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Engagement ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Any new offers?" } }, { from, name });
  await failNextSendTo(request, from, 131049);
  await signIn(page, "agent");
  await openConversation(page, name);
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill("Our spring sale starts Monday.");
  await composer.press("Enter");

  const sent = messageList(page).getByRole("listitem").filter({ hasText: "Our spring sale starts Monday." });
  await expect(sent.getByText("Not delivered · 131049 · Not delivered, to keep engagement healthy")).toBeVisible({ timeout: 15_000 });
  await expect(sent.getByText(/WhatsApp chose not to deliver this marketing message/)).toBeVisible();
  await expect(sent.getByText(/Retrying later is safe/)).toBeVisible();
  await screenshot(page, "inbox-failed-131049");
});

test("a free-form send WhatsApp later fails with 131047 turns failed with the window explanation", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Late Window ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Hello?" } }, { from, name });
  await failNextSendTo(request, from, 131047);
  await signIn(page, "agent");
  await openConversation(page, name);
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill("Sorry for the wait!");
  await composer.press("Enter");

  const sent = messageList(page).getByRole("listitem").filter({ hasText: "Sorry for the wait!" });
  await expect(sent.getByText("Not delivered · 131047 · 24-hour window closed")).toBeVisible({ timeout: 15_000 });
  await expect(sent.getByText(/More than 24 hours have passed since the customer last wrote/)).toBeVisible();
  await expect(sent).toHaveAttribute("data-status", "failed");
});

test("the agent sends a link button and asks for a location; the customer's location answers it", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Link Button ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Where can I track my order?" } }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);

  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: "Link button" }).click();
  const dialog = page.getByRole("dialog", { name: "Link button" });
  await dialog.getByRole("textbox", { name: "Message text" }).fill("Follow your parcel here.");
  await dialog.getByRole("textbox", { name: "Button label" }).fill("Track my parcel right now please");
  await expect(dialog.getByText("Button label must be at most 20 characters")).toBeVisible();
  await dialog.getByRole("textbox", { name: "Button label" }).fill("Track order");
  await dialog.getByRole("textbox", { name: "Link" }).fill("http://shop.example.com/track/4821");
  await expect(dialog.getByText("Link must start with https://")).toBeVisible();
  await dialog.getByRole("textbox", { name: "Link" }).fill("https://shop.example.com/track/4821");
  await expect(dialog.getByRole("region", { name: "Preview" })).toContainText("Track order");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();
  const link = messageList(page).getByRole("listitem").filter({ hasText: "Follow your parcel here." });
  await expect(link.getByRole("link", { name: "Track order" })).toHaveAttribute("href", "https://shop.example.com/track/4821");
  await expect(link.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });

  const before = await wamidsSentTo(request, from);
  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: "Ask for location" }).click();
  const ask = page.getByRole("dialog", { name: "Ask for location" });
  await ask.getByRole("textbox", { name: "Message text" }).fill("Where should we deliver?");
  await ask.getByRole("button", { name: "Send", exact: true }).click();
  await expect(ask).toBeHidden();
  const request_ = messageList(page).getByRole("listitem").filter({ hasText: "Where should we deliver?" });
  await expect(request_.getByText("📍 Send location")).toBeVisible();
  await expect(request_.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });

  // The customer answers with their location, quoting the request.
  const [requestWamid] = [...(await wamidsSentTo(request, from))].filter((wamid) => !before.has(wamid));
  expect(requestWamid).toBeTruthy();
  await customerWrites(
    request,
    { type: "location", location: { latitude: 37.7793, longitude: -122.4193, name: "Home" }, context: { id: requestWamid, from: "15550104821" } },
    { from, name },
  );
  const answer = messageList(page).getByRole("listitem").filter({ hasText: "Home" });
  await expect(answer.getByRole("button", { name: "Show the quoted message: Where should we deliver?" })).toBeVisible();
  await screenshot(page, "inbox-link-button-and-location-request");
});

test("writing a reply shows the customer that the agent is typing, at most once per 20 seconds", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Typing ${from.slice(-5)}`;
  const wamid = await customerWrites(request, { type: "text", text: { body: "Are you there?" } }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.pressSequentially("Yes, one moment", { delay: 20 });
  await expect.poll(() => typingIndicatorsOn(request, wamid)).toBe(1);
  await composer.pressSequentially(" please", { delay: 20 });
  // Still within 20 seconds of the first: no second indicator.
  expect(await typingIndicatorsOn(request, wamid)).toBe(1);
});

test("an inbound file that cannot be fetched says why, and loads on a retry", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Photo Fail ${from.slice(-5)}`;
  await customerWrites(request, { type: "image", image: { caption: "The damaged box" } }, { from, name });
  await signIn(page, "agent");
  // The first fetches fail as when Meta's media host cannot be reached through the gateway.
  let failing = true;
  await page.route(/\/api\/media\/[\w.-]+(\?.*)?$/, async (route) => {
    if (!failing) return route.continue();
    await route.fulfill({
      status: 502,
      json: { error: { code: "MEDIA_UNREACHABLE", message: "WhatsApp has this file, but it could not be fetched through the Maton gateway (gateway error). Try again in a moment; if it keeps failing, ask the customer to send it another way." } },
    });
  });
  await openConversation(page, name);
  const bubble = messageList(page).getByRole("listitem").filter({ hasText: "The damaged box" });
  await expect(bubble.getByText(/could not be fetched through the Maton gateway/)).toBeVisible();
  failing = false;
  await bubble.getByRole("button", { name: "Try loading again" }).click();
  await expect(bubble.getByRole("img", { name: "The damaged box" })).toBeVisible();
});

test("the agent sends a template with named variables and sees them filled in the preview", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Named Vars ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Is my order ready?" } }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);
  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: "Template" }).click();
  const dialog = page.getByRole("dialog", { name: "Send a template" });
  // Templates the composer cannot fill are never offered.
  await expect(dialog.getByRole("button", { name: /^order_ready en_US/ })).toBeVisible();
  await expect(dialog.getByRole("button", { name: /^roast_carousel/ })).toHaveCount(0);
  await dialog.getByRole("button", { name: /^order_ready en_US/ }).click();
  await dialog.getByLabel("Header {{order_id}}").fill("4821");
  await dialog.getByLabel("Body {{first_name}}").fill("Maya");
  await dialog.getByLabel("Body {{store}}").fill("Civic Center");
  const preview = dialog.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("Order 4821");
  await expect(preview).toContainText("Maya");
  await expect(preview).toContainText("Civic Center");
  await screenshot(page, "inbox-named-template");
  await dialog.getByRole("button", { name: "Send template" }).click();
  await expect(dialog).toBeHidden();
  const sent = messageList(page).getByRole("listitem").filter({ hasText: "Civic Center" });
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
});
