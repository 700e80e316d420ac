import { expect, test } from "@playwright/test";

import { uniqueCustomerNumber } from "./fixtures/inbox";
import { customerWrites } from "./fixtures/simulator";
import { chooseOption } from "./fixtures/ui";
import { signIn } from "./fixtures/users";

test("search by name, number and message text, and the filters, live in the URL", async ({ page, request }) => {
  const a = uniqueCustomerNumber();
  const b = uniqueCustomerNumber();
  const marker = `Zeppelin${a.slice(-5)}`;
  await customerWrites(request, { type: "text", text: { body: `Where is parcel ${marker}?` } }, { from: a, name: `Alma ${a.slice(-5)}` });
  await customerWrites(request, { type: "text", text: { body: "Just saying thanks" } }, { from: b, name: `Bruno ${b.slice(-5)}` });
  await signIn(page, "agent");
  await page.goto("/inbox?status=all");
  const conversations = page.getByRole("list", { name: "Conversations" });

  const search = page.getByRole("searchbox", { name: "Search conversations" });
  await search.fill(marker);
  await expect(page).toHaveURL(new RegExp(`q=${marker}`));
  await expect(conversations.getByRole("link")).toHaveCount(1);
  await expect(conversations.getByRole("link").first()).toHaveAccessibleName(new RegExp(`^Alma ${a.slice(-5)}`));

  // Words in any language: Chinese by two of its characters, accents and case typed or not.
  const c = uniqueCustomerNumber();
  await customerWrites(request, { type: "text", text: { body: `你好，订单${c.slice(-5)}什么时候到？Obrigada, São Paulo` } }, { from: c, name: `陈静 ${c.slice(-5)}` });
  await search.fill(`时候到 ${c.slice(-5)}`);
  await expect(conversations.getByRole("link")).toHaveCount(1);
  await expect(conversations.getByRole("link").first()).toHaveAccessibleName(new RegExp(`^陈静 ${c.slice(-5)}`));
  await search.fill(`SAO PAULO obrigada ${c.slice(-5)}`);
  await expect(conversations.getByRole("link")).toHaveCount(1);
  await expect(conversations.getByRole("link").first()).toHaveAccessibleName(new RegExp(`^陈静 ${c.slice(-5)}`));

  await search.fill(`+${b}`);
  await expect(page).toHaveURL(new RegExp(`q=%2B${b}`));
  await expect(conversations.getByRole("link")).toHaveCount(1);
  await expect(conversations.getByRole("link").first()).toHaveAccessibleName(new RegExp(`^Bruno ${b.slice(-5)}`));

  await search.fill(`Alma ${a.slice(-5)}`);
  await expect(page).toHaveURL(new RegExp(`q=Alma`));
  await expect(conversations.getByRole("link")).toHaveCount(1);
  await conversations.getByRole("link", { name: new RegExp(`^Alma ${a.slice(-5)}`) }).click();
  await expect(page.getByRole("heading", { name: `Alma ${a.slice(-5)}`, level: 2 }).first()).toBeVisible();
  // Mine: nothing until the agent takes it.
  await page.getByRole("button", { name: "Mine" }).click();
  await expect(page).toHaveURL(/assignee=mine/);
  await expect(page.getByText(`No conversation matches “Alma ${a.slice(-5)}”.`)).toBeVisible();
  await page.getByRole("button", { name: /^Assignee: nobody/ }).click();
  await page.getByRole("menuitem", { name: "Me", exact: true }).click();
  await expect(conversations.getByRole("link")).toHaveCount(1);
  await expect(conversations.getByRole("link").first()).toHaveAccessibleName(/assigned to Sam Agent/);

  await page.getByRole("button", { name: "Unassigned" }).click();
  await expect(page.getByText(`No conversation matches “Alma ${a.slice(-5)}”.`)).toBeVisible();
  await chooseOption(page, page.getByRole("combobox", { name: "24-hour window" }), "Window closed");
  await expect(page).toHaveURL(/window=closed/);
});

test("keyboard shortcuts move between conversations, focus the composer, resolve, search and explain themselves", async ({ page, request }) => {
  const tag = uniqueCustomerNumber().slice(-6);
  const first = uniqueCustomerNumber();
  const second = uniqueCustomerNumber();
  await customerWrites(request, { type: "text", text: { body: `Older ${tag}` } }, { from: first, name: `Kbd One ${tag}` });
  await customerWrites(request, { type: "text", text: { body: `Newer ${tag}` } }, { from: second, name: `Kbd Two ${tag}` });
  await signIn(page, "agent");
  await page.goto(`/inbox?status=all&q=${tag}`);
  const conversations = page.getByRole("list", { name: "Conversations" });
  await expect(conversations.getByRole("link")).toHaveCount(2);
  expect(first).not.toBe(second);

  // Both wrote within the same second: read the order the list shows.
  const labels = await conversations.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("aria-label") ?? ""));
  const names = labels.map((label) => label.split(",")[0]!);
  const [top, next] = names;
  // The shortcuts listen from an effect, not in the server's HTML: keys pressed before the page's
  // script runs are lost. "Live" shows once the inbox's effects have run.
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await page.keyboard.press("j");
  await expect(page.getByRole("heading", { name: top, level: 2 }).first()).toBeVisible();
  await page.keyboard.press("j");
  await expect(page.getByRole("heading", { name: next, level: 2 }).first()).toBeVisible();
  await page.keyboard.press("k");
  await expect(page.getByRole("heading", { name: top, level: 2 }).first()).toBeVisible();

  await page.keyboard.press("r");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("e");
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
  await page.keyboard.press("e");
  await expect(page.getByRole("button", { name: "Resolve" })).toBeVisible();

  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search conversations" })).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByText("Next conversation")).toBeVisible();
});
