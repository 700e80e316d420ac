import { expect, test } from "@playwright/test";

import { NUMBERS, deliverQualityUpdate, newAdminContext, simProfile } from "./fixtures/profile";
import { screenshot } from "./fixtures/screenshot";
import { afterServerAction, carrying } from "./fixtures/server-actions";
import { signIn } from "./fixtures/users";

test.describe("who may change the business profile", () => {
  test.setTimeout(120_000);

  test("agents and marketers see it read-only", async ({ page }) => {
    await signIn(page, "agent");
    await page.goto("/profile");
    await expect(page.getByText("Only admins can change the business profile.")).toBeVisible();
    await expect(page.getByRole("form", { name: "Business profile" }).getByLabel("About")).not.toBeEditable();
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Phone numbers" })).toBeVisible();
  });

  for (const role of ["agent", "marketer"] as const) {
    test(`the server refuses an edit by a ${role}, and nothing reaches WhatsApp`, async ({ browser, request }) => {
      // An admin's page with the form enabled, whose session then becomes the other role's: only the server can refuse.
      const adminContext = await newAdminContext(browser);
      const page = await adminContext.newPage();
      await page.goto("/profile");
      const form = page.getByRole("form", { name: "Business profile" });
      await expect(form.getByLabel("About")).toBeEnabled();
      const phoneNumberText = (await page.getByRole("heading", { name: /^Profile of / }).textContent()) ?? "";
      const number = phoneNumberText.includes(NUMBERS.uk.display) ? NUMBERS.uk : NUMBERS.us;
      const before = await simProfile(request, number.id);
      await form.getByLabel("About").fill(`Changed by a ${role}`);

      const otherContext = await browser.newContext();
      const otherPage = await otherContext.newPage();
      await signIn(otherPage, role);
      await adminContext.clearCookies();
      await adminContext.addCookies(await otherContext.cookies());
      await otherContext.close();

      await afterServerAction(page, () => form.getByRole("button", { name: "Save changes" }).click(), carrying(`Changed by a ${role}`));
      await expect(page.getByText(`Your role (${role === "agent" ? "Agent" : "Marketer"}) does not allow this.`)).toBeVisible();
      expect(await simProfile(request, number.id)).toEqual(before);
      await adminContext.close();
    });
  }
});

test("a quality change reported by webhook shows live, and a refresh reads WhatsApp again", async ({ page, request }) => {
  test.setTimeout(90_000);
  await signIn(page, "marketer");
  await page.goto("/profile");
  const row = page.getByRole("row", { name: NUMBERS.uk.display });
  await expect(row.getByText("Medium · YELLOW")).toBeVisible();
  await expect(row.getByText(/Some customers blocked or reported/)).toBeVisible();
  await deliverQualityUpdate(request, NUMBERS.uk, "FLAGGED");
  await expect(row.getByText("Low · RED")).toBeVisible({ timeout: 15_000 });
  await expect(row.locator('[data-quality="RED"]')).toHaveAttribute("data-variant", "destructive");
  await screenshot(page, "profile-numbers-live");
  await afterServerAction(page, () => page.getByRole("button", { name: "Refresh from WhatsApp" }).click(), carrying('"refresh":"now"'));
  await expect(row.getByText("Medium · YELLOW")).toBeVisible();
});
