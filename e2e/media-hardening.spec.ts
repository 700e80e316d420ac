import { expect, test, type Page } from "@playwright/test";

import { chooseFiles, openMediaPage, uniquePng, uniqueTag, type TestFile } from "./fixtures/media";
import { signIn } from "./fixtures/users";

// Uploads stream through the dashboard to the simulator; the machine is shared, so be patient.
test.setTimeout(90_000);

const upload = (page: Page, name: string) => page.getByRole("list", { name: "Uploads" }).getByRole("listitem", { name });
const card = (page: Page, name: string) => page.getByRole("list", { name: "Media library" }).getByRole("button", { name: `Open ${name}` });

test("a web page renamed to .png is refused by its content, and nothing is added to the library", async ({ page }) => {
  await signIn(page, "marketer");
  await openMediaPage(page);
  const disguised: TestFile = {
    name: `invoice-${uniqueTag()}.png`,
    mimeType: "image/png",
    buffer: Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"),
  };
  await chooseFiles(page, [disguised]);
  await expect(upload(page, disguised.name).getByText("This file is not a PNG image: its content looks like HTML.")).toBeVisible({ timeout: 45_000 });
  await expect(card(page, disguised.name)).toHaveCount(0);
});

test("a deleted file is no longer served", async ({ page }) => {
  await signIn(page, "marketer");
  await openMediaPage(page);
  const image = uniquePng();
  await chooseFiles(page, [image]);
  await expect(upload(page, image.name).getByText(/^(Uploaded|Already in the library — reused)$/)).toBeVisible({ timeout: 45_000 });

  await card(page, image.name).click();
  const dialog = page.getByRole("dialog", { name: image.name });
  const mediaId = (await dialog.locator("code").textContent())!;
  expect(mediaId).toMatch(/^\d+$/);
  expect((await page.request.get(`/api/media/${mediaId}`)).status()).toBe(200);

  await dialog.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${image.name}?` });
  await confirm.getByRole("button", { name: "Delete file" }).click();
  await expect(confirm).toBeHidden({ timeout: 15_000 });
  await expect(card(page, image.name)).toHaveCount(0);

  const gone = await page.request.get(`/api/media/${mediaId}`);
  expect(gone.status()).toBe(404);
  expect(await gone.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
});
