import { expect, type BrowserContext, type Page, test } from "@playwright/test";

import { NUMBERS, newAdminContext, setSimProfile, simProfile, type SimProfile } from "./fixtures/profile";
import { screenshot } from "./fixtures/screenshot";
import { chooseOption, untilHydrated } from "./fixtures/ui";

/**
 * Editing changes "Meta"'s state, which every test shares: these run one after another, on the +44
 * number (the demo data's second), as an admin of their own, and put the original values back.
 */
test.describe.serial("editing the business profile", () => {
  test.setTimeout(120_000);
  let context: BrowserContext;
  let page: Page;
  let original: SimProfile;

  test.beforeAll(async ({ browser, request }) => {
    test.setTimeout(120_000);
    original = await simProfile(request, NUMBERS.uk.id);
    context = await newAdminContext(browser);
    page = await context.newPage();
  });

  test.afterAll(async ({ request }) => {
    await setSimProfile(request, NUMBERS.uk.id, {
      about: original.about,
      address: original.address ?? "",
      description: original.description ?? "",
      email: original.email ?? "",
      websites: original.websites ?? [],
      vertical: original.vertical,
    });
    await context?.close();
  });

  const form = () => page.getByRole("form", { name: "Business profile" });
  const preview = () => page.getByRole("figure", { name: /Preview/ });

  test("switching the number shows that number's profile, and the inbox opens on it", async () => {
    await page.goto("/profile");
    await untilHydrated(form().getByLabel("About"));
    await expect(page.getByRole("heading", { level: 1, name: "Business profile" })).toBeVisible();
    await expect(page.getByRole("heading", { name: `Profile of ${NUMBERS.us.display}` })).toBeVisible();
    await expect(form().getByLabel("About")).toHaveValue("Small-batch coffee, roasted every Tuesday ☕");

    await chooseOption(page, page.getByRole("combobox", { name: "Phone number" }), new RegExp(NUMBERS.uk.display.replace(/[+]/g, "\\+")));
    await expect(page.getByRole("heading", { name: `Profile of ${NUMBERS.uk.display}` })).toBeVisible({ timeout: 15_000 });
    await expect(form().getByLabel("About")).toHaveValue(original.about ?? "");
    await expect(page.getByRole("row", { name: NUMBERS.uk.display }).getByText("In use")).toBeVisible();

    // Remembered for this user: a reload keeps it, and the inbox's number filter starts on it.
    await page.reload();
    await expect(page.getByRole("heading", { name: `Profile of ${NUMBERS.uk.display}` })).toBeVisible();
    await page.goto("/inbox");
    await expect(page).toHaveURL(new RegExp(`number=${NUMBERS.uk.id}`), { timeout: 15_000 });
  });

  test("edits and saves every field; the simulator holds the new values", async ({ request }) => {
    await page.goto("/profile");
    await untilHydrated(form().getByLabel("About"));
    await expect(page.getByRole("heading", { name: `Profile of ${NUMBERS.uk.display}` })).toBeVisible();
    const values = {
      about: "Fresh beans in Shoreditch",
      description: "Speciality coffee roasted in London.\nWholesale and retail.",
      address: "12 Rivington Street, London EC2A 3DU",
      email: "london@lumen-coffee.example.com",
      website1: "https://lumen-coffee.example.co.uk/shop",
      website2: "https://instagram.example.com/lumenlondon",
    };
    await form().getByLabel("About").fill(values.about);
    await expect(page.locator("#profile-about-count")).toHaveText(`${[...values.about].length}/139 characters`);
    await form().getByLabel("Description").fill(values.description);
    await form().getByLabel("Address").fill(values.address);
    await form().getByLabel("Email").fill(values.email);
    await form().getByLabel("Website 1").fill(values.website1);
    await form().getByLabel("Website 2").fill(values.website2);
    await chooseOption(page, form().getByRole("combobox", { name: "Industry" }), "Travel and transportation");

    // The preview follows the form before anything is saved.
    await expect(preview().getByText(values.about)).toBeVisible();
    await expect(preview().getByText(values.website2)).toBeVisible();
    await expect(preview().getByText("Travel and transportation").first()).toBeVisible();
    await expect(form().getByText("6 unsaved changes")).toBeVisible();
    await screenshot(page, "profile-editing");

    await form().getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/WhatsApp accepted the change \(about, address, description, email, websites, industry\)/)).toBeVisible({ timeout: 20_000 });
    await expect(form().getByText("No unsaved changes")).toBeVisible();
    expect(await simProfile(request, NUMBERS.uk.id)).toMatchObject({
      about: values.about,
      description: values.description,
      address: values.address,
      email: values.email,
      websites: [values.website1, values.website2],
      vertical: "TRAVEL",
    });

    // Only what changed is sent.
    await form().getByLabel("Website 2").fill("");
    await form().getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("WhatsApp accepted the change (websites)")).toBeVisible({ timeout: 20_000 });
    expect(await simProfile(request, NUMBERS.uk.id)).toMatchObject({ about: values.about, websites: [values.website1] });
  });

  test("uploads a profile picture cropped to a square", async ({ request }) => {
    await page.goto("/profile");
    await untilHydrated(form().getByLabel("About"));
    await expect(page.getByRole("heading", { name: `Profile of ${NUMBERS.uk.display}` })).toBeVisible();
    const png = await page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = 400;
      canvas.height = 260;
      const context = canvas.getContext("2d")!;
      context.fillStyle = "#7c3f12";
      context.fillRect(0, 0, 400, 260);
      context.fillStyle = "#f5deb3";
      context.beginPath();
      context.arc(200, 130, 90, 0, Math.PI * 2);
      context.fill();
      return canvas.toDataURL("image/png").split(",")[1]!;
    });
    await page.getByRole("button", { name: "Change picture" }).click();
    const dialog = page.getByRole("dialog", { name: "Profile picture" });
    // A type WhatsApp refuses is stopped before any upload.
    await dialog.getByLabel("Picture file").setInputFiles({ name: "logo.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a") });
    await expect(dialog.getByText(/must be a JPEG or PNG image/)).toBeVisible();
    await dialog.getByLabel("Picture file").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(png, "base64") });
    await expect(dialog.getByRole("img", { name: "How the picture looks on WhatsApp" })).toBeVisible();
    await dialog.getByLabel("Zoom").fill("1.5");
    await screenshot(page, "profile-picture-crop");
    await dialog.getByRole("button", { name: "Upload picture" }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(preview().getByRole("img", { name: "Profile picture" })).toHaveAttribute("src", /\/pps\//);
    expect((await simProfile(request, NUMBERS.uk.id)).profile_picture_url).toMatch(/\/pps\/.+\.jpg$/);
  });

  test("refuses values over the limits at the field, before anything is sent", async ({ request }) => {
    await page.goto("/profile");
    await untilHydrated(form().getByLabel("About"));
    await expect(page.getByRole("heading", { name: `Profile of ${NUMBERS.uk.display}` })).toBeVisible();
    const before = await simProfile(request, NUMBERS.uk.id);
    const about = form().getByLabel("About");
    await about.fill("x".repeat(140));
    await expect(page.locator("#profile-about-count")).toHaveText("140/139 characters");
    await expect(about).toHaveAttribute("aria-invalid", "true");
    await expect(form().getByText("About must be at most 139 characters.")).toBeVisible();
    await form().getByLabel("Email").fill("not-an-address");
    await expect(form().getByText("Enter a valid email address, like hello@example.com.")).toBeVisible();
    await form().getByLabel("Website 1").fill("ftp://files.example.com");
    await expect(form().getByText(/A website must be a full address starting with http/)).toBeVisible();
    await form().getByLabel("Description").fill("d".repeat(513));
    await expect(form().getByText("The description must be at most 512 characters.")).toBeVisible();
    await form().getByLabel("Address").fill("a".repeat(257));
    await expect(form().getByText("The address must be at most 256 characters.")).toBeVisible();
    await screenshot(page, "profile-limits");
    await form().getByRole("button", { name: "Save changes" }).click();
    await expect(about).toBeFocused();
    expect(await simProfile(request, NUMBERS.uk.id)).toEqual(before);
    await form().getByRole("button", { name: "Discard" }).click();
  });

  test("shows WhatsApp's refusal at the field it names", async ({ request }) => {
    await page.goto("/profile");
    await untilHydrated(form().getByLabel("About"));
    await expect(page.getByRole("heading", { name: `Profile of ${NUMBERS.uk.display}` })).toBeVisible();
    const before = await simProfile(request, NUMBERS.uk.id);
    // Accepted here (http(s), no spaces); WhatsApp wants a domain name.
    await form().getByLabel("Website 1").fill("https://localhost");
    await form().getByRole("button", { name: "Save changes" }).click();
    await expect(form().getByText(/WhatsApp refused this: Param websites\[0\] must be a URL/)).toBeVisible({ timeout: 20_000 });
    await expect(form().getByLabel("Website 1")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/Not saved\. WhatsApp refused the websites/)).toBeVisible();
    await screenshot(page, "profile-refused");
    expect(await simProfile(request, NUMBERS.uk.id)).toEqual(before);
  });

  test("asks before leaving with unsaved changes", async () => {
    await page.goto("/profile");
    await untilHydrated(form().getByLabel("About"));
    await form().getByLabel("About").fill("Not saved yet");
    await page.getByRole("link", { name: "Inbox" }).first().click();
    const dialog = page.getByRole("alertdialog", { name: "Discard unsaved changes?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Keep editing" }).click();
    await expect(page).toHaveURL(/\/profile$/);
    await expect(form().getByLabel("About")).toHaveValue("Not saved yet");
    await page.getByRole("link", { name: "Inbox" }).first().click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Discard changes" }).click();
    await expect(page).toHaveURL(/\/inbox/);
  });
});
