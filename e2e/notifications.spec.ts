import { expect, test, type Page } from "@playwright/test";

import { escapeRegExp, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { screenshot } from "./fixtures/screenshot";
import { customerWrites } from "./fixtures/simulator";
import { addUser, chooseFirstPassword, openUsersAsAdmin, signInWith, uniqueEmail } from "./fixtures/team";
import { demoUsers } from "./fixtures/users";

// Two people sign in (bcrypt) and a customer writes twice, on a 2-core machine shared with other suites.
test.describe.configure({ timeout: 120_000 });

interface RecordedNotification {
  title: string;
  body: string;
  conversationId: string | null;
}

/**
 * The browser's Notification, recorded: each one's title, body and conversation, and its onclick
 * callable from the test (a real desktop notification cannot be clicked by Playwright).
 */
function recordDesktopNotifications() {
  const shown: Array<{ title: string; body: string; data: unknown; onclick: (() => void) | null; close(): void }> = [];
  class RecordedNotification {
    static permission: NotificationPermission = "granted";
    static requestPermission = async () => "granted" as NotificationPermission;
    onclick: (() => void) | null = null;
    readonly body: string;
    readonly data: unknown;
    constructor(
      readonly title: string,
      options: NotificationOptions = {},
    ) {
      this.body = options.body ?? "";
      this.data = options.data;
      shown.push(this);
    }
    close() {}
  }
  Object.assign(window, { Notification: RecordedNotification, __desktopNotifications: shown });
}

const desktopNotifications = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { __desktopNotifications: Array<{ title: string; body: string; data: unknown }> }).__desktopNotifications ?? []).map(
      (shown): RecordedNotification => ({
        title: shown.title,
        body: shown.body,
        conversationId: (shown.data as { conversationId?: string } | undefined)?.conversationId ?? null,
      }),
    ),
  );

/** The "(N) " in front of the tab's title, or 0 without one. */
const titleCount = async (page: Page) => Number(/^\((\d+)\) /.exec(await page.title())?.[1] ?? 0);

test("an agent gets desktop notifications, an unread count in the tab title, a bell for assignments, and sets themself away", async ({ browser, request }) => {
  const admin = await openUsersAsAdmin(browser);
  const suffix = Date.now().toString(36);
  const agentName = `Nia Notify ${suffix}`;
  const email = uniqueEmail("notify");
  const oneTimePassword = await addUser(admin, { name: agentName, email, role: "Agent" });

  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  await context.addInitScript(recordDesktopNotifications);
  const page = await context.newPage();
  await signInWith(page, email, oneTimePassword);
  await chooseFirstPassword(page, oneTimePassword, `notify-password-${suffix}`);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  // Account › Notifications: turning the switch on asks the browser, which allows it.
  await page.goto("/account");
  const desktopSwitch = page.getByRole("switch", { name: "Desktop notifications" });
  await expect(desktopSwitch).toHaveAttribute("aria-checked", "false");
  await expect(desktopSwitch).toBeEnabled();
  await desktopSwitch.click();
  await expect(desktopSwitch).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("This browser allows notifications from the dashboard.")).toBeVisible();
  await screenshot(page, "account-notifications");

  // A customer writes in a new (unassigned) conversation: a desktop notification names them.
  const customer = `Nora Desktop ${suffix}`;
  await customerWrites(request, { type: "text", text: { body: "Is my order on its way?" } }, { from: uniqueCustomerNumber(), name: customer });
  await expect.poll(async () => (await desktopNotifications(page)).map((shown) => shown.title)).toContain(customer);
  const [recorded] = (await desktopNotifications(page)).filter((shown) => shown.title === customer);
  expect(recorded!.conversationId).toMatch(/^[0-9a-f-]{36}$/);

  // The tab's title counts unread conversations (the agent's and unassigned ones), this one among them.
  await expect.poll(() => titleCount(page)).toBeGreaterThanOrEqual(1);

  // Clicking the notification opens its conversation, which reads it: the list no longer marks it
  // unread, and the title follows the server's count. (Other suites' customers write to unassigned
  // conversations meanwhile, so the count itself may rise as well as fall.)
  await page.evaluate((title) => {
    const shown = (window as unknown as { __desktopNotifications: Array<{ title: string; onclick: (() => void) | null }> }).__desktopNotifications;
    shown.find((notification) => notification.title === title)?.onclick?.();
  }, customer);
  await expect(page).toHaveURL(new RegExp(`/inbox/${recorded!.conversationId}$`));
  await expect(page.getByRole("heading", { name: customer, level: 2 }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`^${escapeRegExp(customer)}, `) })).not.toHaveAccessibleName(/unread/);
  await expect
    .poll(async () => {
      const counts = (await (await page.request.get("/api/inbox/counts")).json()) as { unreadConversations: number };
      return (await titleCount(page)) === counts.unreadConversations;
    })
    .toBe(true);

  // An admin assigns another conversation to the agent: the bell counts it, a toast tells it.
  const assigned = `Omar Assigned ${suffix}`;
  await customerWrites(request, { type: "text", text: { body: "Can someone call me back?" } }, { from: uniqueCustomerNumber(), name: assigned });
  await page.goto("/account");
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await openConversation(admin, assigned);
  await admin.getByRole("button", { name: "Assignee: nobody. Change" }).click();
  await admin.getByRole("menuitem", { name: agentName }).click();
  await expect(admin.getByRole("button", { name: `Assignee: ${agentName}. Change` })).toBeVisible();

  const bell = page.getByRole("button", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();
  await expect(page.getByText(`${demoUsers.admin.name} assigned you a conversation`)).toBeVisible();
  await expect.poll(async () => (await desktopNotifications(page)).map((shown) => shown.title)).toContain(`${demoUsers.admin.name} assigned you a conversation`);
  await bell.click();
  const item = page.getByRole("link", { name: new RegExp(`^${escapeRegExp(`${demoUsers.admin.name} assigned you · ${assigned}`)}`) });
  await expect(item).toBeVisible();
  await screenshot(page, "notifications-bell");
  await item.click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: assigned, level: 2 }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();

  // Available or away, from the header.
  await page.getByRole("button", { name: "Availability: Available" }).click();
  await page.getByRole("menuitem", { name: "Away" }).click();
  await expect(page.getByRole("button", { name: "Availability: Away" })).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Availability: Away" }).click();
  await page.getByRole("menuitem", { name: "Available" }).click();
  await expect(page.getByRole("button", { name: "Availability: Available" })).toBeVisible();

  await context.close();
  await admin.context().close();
});
