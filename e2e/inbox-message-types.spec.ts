import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { customerWrites, simNow, wamidsSentTo } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

/** The business number as WhatsApp writes it in a reply's `context.from`. */
const BUSINESS_NUMBER = "15550104821";

let customer: { from: string; name: string };

test.beforeEach(async ({ page, request }, testInfo) => {
  const from = uniqueCustomerNumber();
  const name = `Types ${testInfo.title.slice(0, 14)} ${from.slice(-5)}`;
  customer = { from, name };
  await customerWrites(request, { type: "text", text: { body: "I have a question" } }, { from, name });
  await signIn(page, "agent");
  await openConversation(page, name);
});

/** One message row of the open conversation (its bubble, actions and reactions), by who wrote it and its text. */
function messageRow(page: Page, who: "agent" | "customer", text: string | RegExp) {
  const bubble = page.getByRole("article", { name: who === "agent" ? "Message sent" : "Message from the customer" });
  return messageList(page).getByRole("listitem").filter({ has: bubble }).filter({ hasText: text });
}

async function openAttachMenu(page: Page, item: string | RegExp) {
  await page.getByRole("button", { name: "Attach or send something else" }).click();
  // Exact: "Location" must not also match "Ask for location".
  await page.getByRole("menuitem", typeof item === "string" ? { name: item, exact: true } : { name: item }).click();
}

/** Sends with `send`, waits for the message's read tick, and returns the wamid WhatsApp gave it. */
async function sendAndLearnWamid(request: APIRequestContext, send: () => Promise<void>): Promise<string> {
  const before = await wamidsSentTo(request, customer.from);
  await send();
  let added: string[] = [];
  await expect
    .poll(async () => {
      added = [...(await wamidsSentTo(request, customer.from))].filter((wamid) => !before.has(wamid));
      return added.length;
    })
    .toBe(1);
  return added[0]!;
}

test("the agent sends reply buttons, limits checked as they type, and the customer's tap quotes them", async ({ page, request }) => {
  await openAttachMenu(page, "Reply buttons");
  const dialog = page.getByRole("dialog", { name: "Reply buttons" });
  await dialog.getByLabel("Message text").fill("When should we deliver your beans?");
  await dialog.getByLabel("Button 1", { exact: true }).fill("Tomorrow before nine o'clock");
  await expect(dialog.getByText("Button title must be at most 20 characters")).toBeVisible();
  await expect(dialog.getByLabel("Button 1", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Button 1", { exact: true }).fill("Tomorrow morning");
  await expect(dialog.getByText("Button title must be at most 20 characters")).toBeHidden();

  await dialog.getByRole("button", { name: "Add a button" }).click();
  await dialog.getByLabel("Button 2", { exact: true }).fill("Friday");
  await dialog.getByRole("button", { name: "Add a button" }).click();
  await dialog.getByLabel("Button 3", { exact: true }).fill("Next week");
  // A fourth button cannot be added.
  await expect(dialog.getByRole("button", { name: "Add a button" })).toBeDisabled();
  await expect(dialog.getByText("WhatsApp allows at most 3 reply buttons.")).toBeVisible();
  await expect(dialog.getByLabel("Button 4", { exact: true })).toHaveCount(0);

  const wamid = await sendAndLearnWamid(request, async () => {
    await dialog.getByRole("button", { name: "Send" }).click();
    await expect(dialog).toBeHidden();
    const sent = messageRow(page, "agent", "When should we deliver your beans?");
    await expect(sent.getByRole("list", { name: "Buttons" }).getByRole("listitem")).toHaveText(["Tomorrow morning", "Friday", "Next week"]);
    await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
  });

  // The customer taps "Friday" on that message.
  await customerWrites(
    request,
    { type: "interactive", interactive: { type: "button_reply", button_reply: { id: "button-2", title: "Friday" } }, context: { from: BUSINESS_NUMBER, id: wamid } },
    customer,
  );
  const tap = messageRow(page, "customer", "Tapped a button");
  await expect(tap).toBeVisible();
  await expect(tap.getByRole("article")).toContainText("Friday");
  const quote = tap.getByRole("blockquote");
  await expect(quote).toContainText("You");
  await expect(quote).toContainText("When should we deliver your beans?");
});

test("the agent sends a location after fixing bad coordinates, and the customer's location links to the map", async ({ page, request }) => {
  await openAttachMenu(page, "Location");
  const dialog = page.getByRole("dialog", { name: "Send a location" });
  await dialog.getByLabel("Latitude").fill("95");
  await dialog.getByLabel("Longitude").fill("east");
  await dialog.getByLabel("Place name (optional)").fill("Lumen Roastery");
  await dialog.getByLabel("Address (optional)").fill("Torstraße 1, 10119 Berlin");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog.getByText("Latitude must be between -90 and 90")).toBeVisible();
  await expect(dialog.getByText("Longitude must be a number")).toBeVisible();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Latitude").fill("52.5291");
  await dialog.getByLabel("Longitude").fill("13.4013");
  await expect(dialog.getByText("Latitude must be between -90 and 90")).toBeHidden();
  await expect(dialog.getByText("Longitude must be a number")).toBeHidden();
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();

  const sent = messageRow(page, "agent", "Lumen Roastery");
  await expect(sent).toContainText("Torstraße 1, 10119 Berlin");
  const sentMap = sent.getByRole("link", { name: "Open map (52.52910, 13.40130)" });
  await expect(sentMap).toHaveAttribute("href", "https://www.openstreetmap.org/?mlat=52.5291&mlon=13.4013#map=16/52.5291/13.4013");
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });

  await customerWrites(
    request,
    { type: "location", location: { latitude: 51.5111, longitude: -0.1197, name: "Pickup point", address: "Strand, London WC2R 0RN" } },
    customer,
  );
  const received = messageRow(page, "customer", "Pickup point");
  await expect(received).toContainText("Strand, London WC2R 0RN");
  const receivedMap = received.getByRole("link", { name: /^Open map/ });
  await expect(receivedMap).toHaveAttribute("href", "https://www.openstreetmap.org/?mlat=51.5111&mlon=-0.1197#map=16/51.5111/-0.1197");
  await expect(receivedMap).toHaveAttribute("target", "_blank");
});

test("the agent sends a contact card, and the customer's shared contact shows its name and numbers", async ({ page, request }) => {
  await openAttachMenu(page, "Contact card");
  const dialog = page.getByRole("dialog", { name: "Send a contact card" });
  await dialog.getByLabel("Phone (optional)").fill("+1 555 010 7788");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog.getByText("the contact's full name is required")).toBeVisible();
  await dialog.getByLabel("Full name").fill("Ana Roaster");
  await dialog.getByLabel("Email (optional)").fill("ana@lumen.example");
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();

  const sent = messageRow(page, "agent", "Ana Roaster");
  const card = sent.getByRole("list", { name: "Shared contacts" }).getByRole("listitem");
  await expect(card).toContainText("Ana Roaster");
  await expect(card).toContainText("+1 555 010 7788");
  await expect(card).toContainText("ana@lumen.example");
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });

  await customerWrites(
    request,
    {
      type: "contacts",
      contacts: [
        {
          name: { formatted_name: "Dr. Lee Park", first_name: "Lee", last_name: "Park", prefix: "Dr." },
          phones: [
            { phone: "+44 7700 900123", type: "CELL", wa_id: "447700900123" },
            { phone: "+44 20 7946 0000", type: "WORK" },
          ],
          org: { company: "Park Dental" },
        },
      ],
    },
    customer,
  );
  const received = messageRow(page, "customer", "Dr. Lee Park");
  const shared = received.getByRole("list", { name: "Shared contacts" }).getByRole("listitem");
  await expect(shared).toHaveCount(1);
  await expect(shared.getByText("Dr. Lee Park", { exact: true })).toBeVisible();
  await expect(shared.getByText("+44 7700 900123", { exact: true })).toBeVisible();
  await expect(shared.getByText("+44 20 7946 0000", { exact: true })).toBeVisible();
  await expect(shared.getByText("Park Dental", { exact: true })).toBeVisible();
});

test("reactions: the customer reacts to the agent's message and removes it, the agent reacts and takes it back", async ({ page, request }) => {
  // The customer reacts to the agent's message (first, while it is the only one sent: its wamid is the new one).
  const composer = page.getByRole("textbox", { name: "Message" });
  const answer = messageRow(page, "agent", "We open at nine tomorrow.");
  const wamid = await sendAndLearnWamid(request, async () => {
    await composer.fill("We open at nine tomorrow.");
    await composer.press("Enter");
    await expect(answer.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
  });
  const reactedAt = await simNow(request);
  await customerWrites(request, { type: "reaction", reaction: { message_id: wamid, emoji: "❤️" }, timestamp: reactedAt }, customer);
  await expect(answer.getByRole("img", { name: "Reactions: ❤️" })).toBeVisible();
  // The reaction is not a message of its own.
  await expect(messageList(page).getByRole("article", { name: "Message from the customer" })).toHaveCount(1);

  // A moment later the customer takes it back: WhatsApp sends the reaction again without an emoji.
  await customerWrites(request, { type: "reaction", reaction: { message_id: wamid, emoji: "" }, timestamp: reactedAt + 1 }, customer);
  await expect(answer.getByRole("img", { name: /^Reactions/ })).toHaveCount(0);

  // The agent reacts to the customer's message from its actions.
  const question = messageRow(page, "customer", "I have a question");
  await question.hover();
  await question.getByRole("button", { name: "React to this message" }).click();
  await page.getByRole("menuitem", { name: "React with 👍" }).click();
  await expect(question.getByRole("img", { name: "Reactions: 👍" })).toBeVisible();

  // Changing it replaces it: one reaction per side.
  await question.hover();
  await question.getByRole("button", { name: "React to this message" }).click();
  await page.getByRole("menuitem", { name: "React with 🙏" }).click();
  await expect(question.getByRole("img", { name: "Reactions: 🙏" })).toBeVisible();

  // And taking it back removes it (WhatsApp's empty emoji).
  await question.hover();
  await question.getByRole("button", { name: "React to this message" }).click();
  await page.getByRole("menuitem", { name: "Remove your reaction" }).click();
  await expect(question.getByRole("img", { name: /^Reactions/ })).toHaveCount(0);
  // Nothing else took the reactions: the agent's message and the thread are as they were.
  await expect(messageList(page).getByRole("article")).toHaveCount(2);
});

test("the agent replies to a customer's message and the reply quotes it", async ({ page, request }) => {
  await customerWrites(request, { type: "text", text: { body: "Do you ship to Canada?" } }, customer);
  const question = messageRow(page, "customer", "Do you ship to Canada?");
  await question.hover();
  await question.getByRole("button", { name: "Reply to this message" }).click();
  await expect(page.getByText("Replying to the customer")).toBeVisible();
  const composer = page.getByRole("textbox", { name: "Message" });
  await expect(composer).toBeFocused();
  await page.keyboard.type("Yes, in 5 to 7 days.");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Replying to the customer")).toBeHidden();

  const reply = messageRow(page, "agent", "Yes, in 5 to 7 days.");
  const quote = reply.getByRole("blockquote");
  await expect(quote).toContainText("Customer");
  await expect(quote).toContainText("Do you ship to Canada?");
  await expect(quote).not.toContainText("I have a question");
  await expect(reply.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
  // Still quoted once the optimistic copy has been replaced by the stored message.
  await expect(reply).toHaveAttribute("data-status", "read");
  await expect(reply.getByRole("blockquote")).toContainText("Do you ship to Canada?");
});
