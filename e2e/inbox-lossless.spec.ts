import { expect, test } from "@playwright/test";

import { signWebhookBody } from "../lib/webhooks/signature";
import { DEMO_APP_SECRET } from "../lib/whatsapp/demo";
import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerPrefers, customerWrites, SEEDED } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

/** A business-scoped user id no other test uses. */
const uniqueUserId = () => `US.${uniqueCustomerNumber("7")}${Date.now() % 100_000}`;

test("a customer known only by a username writes; the agent answers and the ticks arrive by user id", async ({ page, request }) => {
  const userId = uniqueUserId();
  const username = `ana.${userId.slice(-6)}`;
  const name = `Username ${userId.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "Hi, I kept my number private" } }, { userId, username: `@${username}`, name });
  await signIn(page, "agent");
  await openConversation(page, name);

  const customer = page.getByRole("complementary", { name: "Customer" });
  await expect(customer.getByText(`@${username}`)).toBeVisible();
  await expect(customer.getByText(userId)).toBeVisible();
  await expect(customer.getByText("Number", { exact: true })).toHaveCount(0);

  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill("Thanks Ana, no number needed.");
  await composer.press("Enter");
  const sent = messageList(page).getByRole("listitem").filter({ hasText: "Thanks Ana, no number needed." });
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
  await screenshot(page, "inbox-username-customer");

  // Search finds the customer by username.
  await page.goto(`/inbox?status=all&q=${encodeURIComponent(`@${username}`)}`);
  await expect(page.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
});

test("a customer who stopped marketing gets no marketing template, while a utility template goes", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Opted Out ${from.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: "STOP sending me offers please" } }, { from, name });
  await customerPrefers(request, "stop", { from });
  await signIn(page, "agent");
  // The page is told nothing of the stop, so it offers marketing templates; the server knows better.
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

  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: "Template" }).click();
  const dialog = page.getByRole("dialog", { name: "Send a template" });
  await dialog.getByRole("button", { name: /^welcome_offer en_US/ }).click();
  await dialog.getByLabel("Body {{1}}").fill("Sam");
  await dialog.getByLabel(/^Offer code/).fill("WELCOME10");
  await dialog.getByRole("button", { name: "Send template" }).click();
  await expect(page.getByText(/Customer stopped marketing messages: This customer told WhatsApp/)).toBeVisible();

  await dialog.getByRole("button", { name: /^hello_world en_US/ }).click();
  await dialog.getByRole("button", { name: "Send template" }).click();
  await expect(dialog).toBeHidden();
  await expect(messageList(page).getByRole("listitem").filter({ hasText: /This is a sample message/ })).toBeVisible();
  await expect(messageList(page).getByText(/Welcome to the family/)).toHaveCount(0);

  // Unfooled, the panel says so and the picker offers no marketing template.
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await page.reload();
  await expect(page.getByRole("complementary", { name: "Customer" }).getByText(/^Stopped marketing messages/)).toBeVisible();
  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: "Template" }).click();
  await expect(page.getByRole("dialog", { name: "Send a template" }).getByRole("button", { name: /^welcome_offer en_US/ })).toBeDisabled();
  await screenshot(page, "inbox-marketing-stopped");
});

test("a message the customer edits shows the new text and “Edited”; one they delete says so", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Editor ${from.slice(-5)}`;
  const original = await customerWrites(request, { type: "text", text: { body: "See you at 5 pm" } }, { from, name });
  const doomed = await customerWrites(request, { type: "text", text: { body: "My card number is 4111" } }, { from, name });
  await customerWrites(request, { type: "edit", edit: { original_message_id: original, message: { type: "text", text: { body: "See you at 6 pm" } } } }, { from, name });
  await customerWrites(request, { type: "revoke", revoke: { original_message_id: doomed } }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);

  const edited = messageList(page).getByRole("listitem").filter({ hasText: "See you at 6 pm" });
  await expect(edited).toBeVisible();
  await edited.getByRole("button", { name: "Edited" }).click();
  await expect(edited.getByRole("list", { name: "Earlier versions" })).toContainText("See you at 5 pm");

  const deleted = messageList(page).getByRole("listitem").filter({ hasText: "Deleted by the customer" });
  await expect(deleted).toBeVisible();
  await expect(deleted.getByText("My card number is 4111")).toBeHidden();
  await deleted.getByRole("button", { name: "Show what it said" }).click();
  await expect(deleted.getByText("My card number is 4111")).toBeVisible();
  await expect(messageList(page).getByText(/can't be shown/)).toHaveCount(0);
  await screenshot(page, "inbox-edited-and-deleted");
});

test("a message that cannot be read is kept with its raw JSON, and admins are told what needs attention", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const name = `Odd Payload ${from.slice(-5)}`;
  const now = Math.floor(Date.now() / 1000);
  const wamid = `wamid.e2e.unreadable.${from}`;
  const payload = {
    object: "whatsapp_business_account",
    entry: [
      {
        id: SEEDED.lumenUs.wabaId,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: SEEDED.lumenUs.displayPhoneNumber, phone_number_id: SEEDED.lumenUs.phoneNumberId },
              contacts: [{ profile: { name }, wa_id: from }],
              messages: [
                { from, id: `${wamid}.ok`, timestamp: now, type: "text", text: { body: "Here is where I am" } },
                { from, id: wamid, timestamp: now + 1, type: "location", location: { latitude: "somewhere north", longitude: 2.35 } },
                { from, timestamp: now + 2, type: "text", text: { body: "a message without an id" } },
              ],
            },
          },
        ],
      },
    ],
  };
  const body = JSON.stringify(payload);
  const response = await request.post("/api/webhooks/whatsapp", {
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signWebhookBody(body, DEMO_APP_SECRET) },
    data: body,
  });
  expect(response.status()).toBe(200);

  await signIn(page, "admin");
  await openConversation(page, name);
  const unreadable = messageList(page).getByRole("listitem").filter({ hasText: "This message can't be shown" });
  await expect(unreadable).toBeVisible();
  await expect(unreadable.getByText(/location message the inbox could not read/)).toBeVisible();
  await unreadable.getByRole("button", { name: "Show raw" }).click();
  await expect(unreadable.getByLabel("Raw message")).toContainText("somewhere north");
  await expect(messageList(page).getByText("Here is where I am")).toBeVisible();
  await screenshot(page, "inbox-unreadable-message");

  const banner = page.getByRole("status").filter({ hasText: /need(s)? attention/ });
  await expect(banner).toBeVisible();
  await banner.getByRole("link", { name: "Review deliveries" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks\?show=attention$/);
  await expect(page.getByRole("link", { name: /^Needs attention \(\d+\)$/ })).toHaveAttribute("aria-current", "page");
  const row = page.getByRole("row").filter({ hasText: "message not kept: id" }).first();
  await expect(row.getByText("Needs attention")).toBeVisible();
  await expect(row.getByText("entry[0].changes[0].value.messages[2]")).toBeVisible();
  await screenshot(page, "webhooks-needs-attention");
});
