import { expect, test, type Page } from "@playwright/test";

import ar from "../messages/ar.json" with { type: "json" };
import en from "../messages/en.json" with { type: "json" };
import es from "../messages/es.json" with { type: "json" };
import zhCN from "../messages/zh-CN.json" with { type: "json" };
import { escapeRegExp, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { addUser, chooseFirstPassword, openUsersAsAdmin, signInWith, uniqueEmail } from "./fixtures/team";

type Catalog = typeof en;

/** A catalog message as a pattern: its placeholders ({date}, {remaining}) match whatever fills them. */
function matching(message: string, options: { whole?: boolean } = {}): RegExp {
  const pattern = message
    .split(/\{[^}]*\}/)
    .map(escapeRegExp)
    .join(".+");
  return new RegExp(options.whole ? `^${pattern}$` : pattern);
}

async function chooseLanguage(page: Page, current: Catalog, language: string, lang: string) {
  await page.goto("/account");
  await page.getByLabel(current.account.preferences.language, { exact: true }).selectOption({ label: language });
  await page.getByRole("button", { name: current.account.preferences.save }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

test("the sign-in page follows a stranger's browser language, and says a refusal in it", async ({ browser }) => {
  const cases = [
    { locale: "es-MX", lang: "es", dir: "ltr", catalog: es },
    { locale: "zh-CN", lang: "zh-CN", dir: "ltr", catalog: zhCN },
    { locale: "ar-EG", lang: "ar", dir: "rtl", catalog: ar },
    { locale: "fr-FR", lang: "en", dir: "ltr", catalog: en },
  ] as const;
  for (const { locale, lang, dir, catalog } of cases) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.locator("html")).toHaveAttribute("dir", dir);
    await expect(page.getByRole("heading", { name: catalog.auth.signIn.title })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(escapeRegExp(catalog.auth.signIn.title)));
    if (locale === "es-MX") {
      await page.getByLabel(catalog.auth.signIn.email).fill("nobody@demo.test");
      await page.getByLabel(catalog.auth.signIn.password).fill("not-the-password");
      await page.getByRole("button", { name: catalog.auth.signIn.submit }).click();
      await expect(page.getByText(catalog.auth.errors.invalidCredentials)).toBeVisible();
    }
    if (locale === "ar-EG") await screenshot(page, "languages-sign-in-arabic");
    await context.close();
  }
});

test("an agent works in Chinese, then in Arabic right to left, then in English again", async ({ browser, page, request }) => {
  // A new user, a first password and three languages, each with the inbox: longer than one test's minute on a busy runner.
  test.slow();
  const from = uniqueCustomerNumber();
  const name = `Idiomas ${from.slice(-5)}`;
  const twentyFiveHoursAgo = Math.floor(Date.now() / 1000) - 25 * 3600;
  await customerWrites(request, { type: "text", text: { body: "¿Siguen abiertos el domingo?" }, timestamp: String(twentyFiveHoursAgo) }, { from, name });

  // A user of their own: the language is a setting of the account, and other tests sign in as the demo users.
  const admin = await openUsersAsAdmin(browser);
  const email = uniqueEmail("polyglot");
  const oneTimePassword = await addUser(admin, { name: "Lin Polyglot", email, role: "Agent" });
  await admin.context().close();
  await signInWith(page, email, oneTimePassword);
  await chooseFirstPassword(page, oneTimePassword, "a-new-password-for-lin");

  // 简体中文: the inbox, the window indicator and the closed window's explanation.
  await chooseLanguage(page, en, "简体中文", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: zhCN.account.page.title })).toBeVisible();
  await openConversation(page, name);
  await expect(page.getByRole("list", { name: zhCN.inbox.list.conversations })).toBeVisible();
  await expect(page.getByLabel(matching(zhCN.inbox.window.label.closed, { whole: true }))).toBeVisible();
  await expect(page.getByText(zhCN.inbox.pane.templatesOnly)).toBeVisible();
  await expect(page.getByText(zhCN.gateway.codes["131047"].explanation, { exact: false }).first()).toBeVisible();
  // The customer's own words are never translated.
  await expect(page.getByRole("list", { name: zhCN.conversation.timeline.messages }).getByText("¿Siguen abiertos el domingo?")).toBeVisible();
  await screenshot(page, "languages-inbox-chinese");

  // العربية: right to left, the panes mirrored (the list at the start side, on the right).
  await chooseLanguage(page, zhCN, "العربية", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await openConversation(page, name);
  const list = page.getByRole("list", { name: ar.inbox.list.conversations });
  const messages = page.getByRole("list", { name: ar.conversation.timeline.messages });
  await expect(messages).toBeVisible();
  const [listBox, messagesBox] = [await list.boundingBox(), await messages.boundingBox()];
  expect(listBox && messagesBox && listBox.x > messagesBox.x + messagesBox.width - 1).toBe(true);
  // The customer's Spanish bubble keeps its own direction inside the Arabic page.
  await expect(messages.locator('[dir="auto"]', { hasText: "¿Siguen abiertos el domingo?" }).first()).toBeVisible();
  await expect(page.getByLabel(matching(ar.inbox.window.label.closed, { whole: true }))).toBeVisible();
  await screenshot(page, "languages-inbox-arabic");
  await page.goto("/account");
  await expect(page.getByLabel(ar.account.name.label, { exact: true })).toHaveValue("Lin Polyglot");
  await screenshot(page, "languages-account-arabic");

  // And back to English.
  await chooseLanguage(page, ar, "English", "en");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await openConversation(page, name);
  await expect(page.getByLabel(/^24-hour window: closed since /)).toBeVisible();
  await expect(page.getByText("Only templates can be sent now")).toBeVisible();
});
