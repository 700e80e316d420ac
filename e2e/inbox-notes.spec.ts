import { expect, test } from "@playwright/test";

import { escapeRegExp, messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites, wamidsSentTo } from "./fixtures/simulator";
import { addUser, chooseFirstPassword, openUsersAsAdmin, signInWith, uniqueEmail } from "./fixtures/team";
import { signIn } from "./fixtures/users";

// Two people sign in (bcrypt each time) and one of them chooses a first password, on a shared 2-core machine.
test.describe.configure({ timeout: 90_000 });

test("a private note with a mention is never sent and notifies the teammate's open tab, which opens the conversation", async ({ browser, request }) => {
  // The teammate: a new agent, signed in, with the inbox open in a browser of their own.
  const suffix = Math.random().toString(36).slice(2, 7);
  const teammateName = `Nora Note${suffix}`;
  const email = uniqueEmail("notes");
  const admin = await openUsersAsAdmin(browser);
  const oneTimePassword = await addUser(admin, { name: teammateName, email, role: "Agent", access: "all" });
  await admin.context().close();
  const teammate = await (await browser.newContext()).newPage();
  await signInWith(teammate, email, oneTimePassword);
  await chooseFirstPassword(teammate, oneTimePassword, `notes-password-${suffix}`);
  await teammate.goto("/inbox");
  await expect(teammate.getByRole("button", { name: /^Notifications/ })).toBeVisible();

  // A customer of this test alone writes in.
  const customerNumber = uniqueCustomerNumber();
  const customerName = `Nadia Notes ${suffix}`;
  await customerWrites(request, { type: "text", text: { body: "My parcel came damaged." } }, { from: customerNumber, name: customerName });
  const sentBefore = await wamidsSentTo(request, customerNumber);

  const page = await (await browser.newContext()).newPage();
  await signIn(page, "agent");
  await openConversation(page, customerName);
  await expect(messageList(page).getByText("My parcel came damaged.")).toBeVisible();

  // Note mode: the toggle, the amber composer, "Only your team sees this", "Add note".
  const toggle = page.getByRole("button", { name: "Note", exact: true });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Only your team sees this")).toBeVisible();
  const note = page.getByRole("combobox", { name: "Private note" });
  await expect(note).toHaveAttribute("placeholder", "Write a private note… @ to mention");
  await expect(page.getByRole("button", { name: "Attach or send something else" })).toHaveCount(0);

  // "@" and the teammate's name: the picker lists them; Enter picks them.
  await note.fill("Photos are in the chat, ");
  await note.pressSequentially(`@${teammateName.slice(0, 6)}`);
  const picker = page.getByRole("listbox", { name: "Teammates" });
  const option = picker.getByRole("option", { name: new RegExp(escapeRegExp(teammateName)) });
  await expect(option).toBeVisible();
  await note.press("ArrowDown");
  await note.press("ArrowUp");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await note.press("Enter");
  await expect(picker).toHaveCount(0);
  await expect(note).toHaveValue(`Photos are in the chat, @${teammateName} `);
  await note.pressSequentially("please arrange a replacement.");
  await screenshot(page, "inbox-note-composer");
  await page.getByRole("button", { name: "Add note" }).click();

  // The timeline shows it as a private note, with the mention, no ticks.
  const noteBubble = messageList(page).getByRole("article", { name: /^Private note by / });
  await expect(noteBubble).toContainText("please arrange a replacement.");
  await expect(noteBubble.getByText(`@${teammateName}`)).toBeVisible();
  await expect(noteBubble.getByRole("img")).toHaveCount(0);
  await screenshot(page, "inbox-note-timeline");

  // The teammate's open tab: the bell counts it and a toast says who mentioned them.
  const bell = teammate.getByRole("button", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();
  await expect(teammate.getByText(/mentioned you/).first()).toBeVisible();
  await bell.click();
  await teammate.getByRole("link", { name: /mentioned you/ }).first().click();
  await expect(teammate).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
  await expect(teammate.getByRole("heading", { name: customerName, level: 2 }).first()).toBeVisible();
  await expect(messageList(teammate).getByRole("article", { name: /^Private note by / })).toContainText("please arrange a replacement.");
  await screenshot(teammate, "inbox-note-mentioned");

  // Nothing reached the customer: the simulator reports no new message to them.
  await page.reload();
  await expect(messageList(page).getByRole("article", { name: /^Private note by / })).toBeVisible();
  expect(await wamidsSentTo(request, customerNumber)).toEqual(sentBefore);

  await teammate.context().close();
  await page.context().close();
});
