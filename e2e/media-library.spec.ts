import { expect, test, type Page } from "@playwright/test";

import { messageList, uniqueCustomerNumber } from "./fixtures/inbox";
import { chooseFiles, dropFiles, openMediaPage, postUpload, uniquePdf, uniquePng, videoFile, type TestFile } from "./fixtures/media";
import { customerWrites, SEEDED, SIM_URL } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

// Uploads stream through the dashboard to the simulator; the machine is shared, so be patient.
test.setTimeout(90_000);

const upload = (page: Page, name: string) => page.getByRole("list", { name: "Uploads" }).getByRole("listitem", { name });
const card = (page: Page, name: string) => page.getByRole("list", { name: "Media library" }).getByRole("button", { name: `Open ${name}` });

async function uploadThroughPage(page: Page, files: TestFile[]) {
  await chooseFiles(page, files);
  for (const file of files) {
    await expect(upload(page, file.name).getByText(/^(Uploaded|Already in the library — reused)$/)).toBeVisible({ timeout: 45_000 });
  }
}

async function simulatorMediaIds(page: Page): Promise<string[]> {
  const state = (await (await page.request.get(`${SIM_URL}/_sim/state`)).json()) as { media?: Array<{ id: string }> | Record<string, unknown> };
  const media = state.media;
  return Array.isArray(media) ? media.map((entry) => entry.id) : Object.keys(media ?? {});
}

test("a marketer uploads an image and a PDF with progress, previews them and deletes one", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "marketer");
  await openMediaPage(page);
  const image = uniquePng();
  const pdf = uniquePdf();
  await uploadThroughPage(page, [image, pdf]);
  for (const file of [image, pdf]) {
    const bar = upload(page, file.name).getByRole("progressbar", { name: `Upload of ${file.name}` });
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
  }

  // The image: shown, its id copied, a fresh download link.
  await card(page, image.name).click();
  const dialog = page.getByRole("dialog", { name: image.name });
  await expect(dialog.getByRole("img", { name: `Preview of ${image.name}` })).toBeVisible();
  await expect(dialog.getByText("30 days left")).toBeVisible();
  await dialog.getByRole("button", { name: "Copy media id" }).click();
  const mediaId = await page.evaluate(() => navigator.clipboard.readText());
  expect(mediaId).toMatch(/^\d+$/);
  await expect(dialog.getByText(mediaId)).toBeVisible();
  await dialog.getByRole("button", { name: "Get download link" }).click();
  const link = dialog.getByRole("link", { name: `Download ${image.name}` });
  await expect(link).toBeVisible({ timeout: 15_000 });
  const bytes = await page.request.get((await link.getAttribute("href"))!);
  expect(bytes.status()).toBe(200);
  expect(bytes.headers()["content-disposition"]).toContain("attachment");
  expect(Buffer.compare(await bytes.body(), image.buffer)).toBe(0);
  await page.keyboard.press("Escape");

  // The PDF: described, then deleted at the gateway and from the library.
  await card(page, pdf.name).click();
  const pdfDialog = page.getByRole("dialog", { name: pdf.name });
  await expect(pdfDialog.getByText(/application\/pdf/).first()).toBeVisible();
  await expect(pdfDialog.getByRole("link", { name: "Open the document" })).toBeVisible();
  const pdfId = (await pdfDialog.locator("code").textContent())!;
  expect(await simulatorMediaIds(page)).toContain(pdfId);
  await pdfDialog.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${pdf.name}?` });
  await confirm.getByRole("button", { name: "Delete file" }).click();
  await expect(confirm).toBeHidden({ timeout: 15_000 });
  await expect(card(page, pdf.name)).toHaveCount(0);
  await expect(card(page, image.name)).toBeVisible();
  expect(await simulatorMediaIds(page)).not.toContain(pdfId);
});

test("an oversized video and a refused type are stopped in the browser and on the server, naming the limit", async ({ page }) => {
  await signIn(page, "marketer");
  await openMediaPage(page);
  const big = videoFile(17.2);
  const gif: TestFile = { name: `animation-${Date.now()}.gif`, mimeType: "image/gif", buffer: Buffer.from("GIF89a-not-really") };
  await chooseFiles(page, [big, gif]);
  await expect(upload(page, big.name).getByText("Videos can be at most 16 MB; this file is 17.2 MB.")).toBeVisible();
  await expect(upload(page, gif.name).getByText(/WhatsApp does not accept files of type image\/gif .*images JPEG or PNG, up to 5 MB/)).toBeVisible();
  await expect(upload(page, big.name).getByRole("progressbar")).toHaveCount(0);

  // The server checks again, whatever the browser did (lib/actions/media.test.ts shows nothing reaches the gateway).
  const refused = await postUpload(page, SEEDED.lumenUs.phoneNumberId, big);
  expect(refused.status()).toBe(413);
  expect((await refused.json()).error.message).toBe("Videos can be at most 16 MB; this file is 17.2 MB.");
  const wrongType = await postUpload(page, SEEDED.lumenUs.phoneNumberId, gif);
  expect(wrongType.status()).toBe(415);
  expect((await wrongType.json()).error.message).toContain("images JPEG or PNG, up to 5 MB");
  await page.reload();
  await expect(card(page, big.name)).toHaveCount(0);
  await expect(card(page, gif.name)).toHaveCount(0);
});

test("a 16 MB video streams through to the gateway", async ({ page }) => {
  await signIn(page, "marketer");
  await openMediaPage(page);
  const video = videoFile(16);
  await uploadThroughPage(page, [video]);
  await card(page, video.name).click();
  const dialog = page.getByRole("dialog", { name: video.name });
  await expect(dialog.getByText("Video · 16 MB")).toBeVisible();
  await expect(dialog.getByLabel(`Video ${video.name}`)).toBeVisible();
});

test("the same file uploaded twice is reused, not uploaded again", async ({ page }) => {
  await signIn(page, "marketer");
  await openMediaPage(page);
  const image = uniquePng();
  await uploadThroughPage(page, [image]);
  await expect(upload(page, image.name).getByText("Uploaded", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Clear finished" }).click();

  // The copy is dragged onto the page instead of chosen.
  const again: TestFile = { ...image, name: image.name.replace(".png", "-copy.png") };
  await dropFiles(page.getByText("Drop files here, or click to choose"), [again]);
  await expect(upload(page, again.name).getByText(/^(Uploaded|Already in the library — reused)$/)).toBeVisible({ timeout: 45_000 });
  await expect(upload(page, again.name).getByText("Already in the library — reused")).toBeVisible();
  await expect(card(page, image.name)).toHaveCount(1);
  await expect(card(page, again.name)).toHaveCount(0);

  const answer = await postUpload(page, SEEDED.lumenUs.phoneNumberId, image);
  expect(answer.status()).toBe(200);
  expect((await answer.json()).reused).toBe(true);
});

test("a library file is sent to a conversation from the media page", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const customer = `Media ${from.slice(-6)}`;
  await customerWrites(request, { type: "text", text: { body: "Can you send me the photo?" } }, { from, name: customer });
  await signIn(page, "marketer");
  await openMediaPage(page);
  const image = uniquePng();
  await uploadThroughPage(page, [image]);
  await card(page, image.name).click();
  const preview = page.getByRole("dialog", { name: image.name });
  const mediaId = (await preview.locator("code").textContent())!;
  await preview.getByRole("button", { name: "Send to a conversation" }).click();
  const chooser = page.getByRole("dialog", { name: "Send to a conversation" });
  await chooser.getByLabel("Search conversations").fill(customer);
  await chooser.getByRole("button", { name: new RegExp(customer) }).click();

  await expect(page).toHaveURL(/\/inbox\/[\w-]+$/, { timeout: 15_000 });
  const attach = page.getByRole("dialog", { name: "Send media" });
  await expect(attach.getByLabel("Media id")).toHaveValue(mediaId);
  await expect(attach.getByRole("button", { name: new RegExp(image.name) })).toHaveAttribute("aria-pressed", "true");
  await attach.getByLabel("Caption (optional)").fill(`Here it is ${from.slice(-4)}`);
  await attach.getByRole("button", { name: "Send" }).click();
  await expect(attach).toBeHidden();
  const sent = messageList(page).getByRole("listitem").filter({ has: page.getByRole("img", { name: `Here it is ${from.slice(-4)}` }) });
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 20_000 });
});

test("an agent browses the library but the server refuses their uploads", async ({ page }) => {
  await signIn(page, "agent");
  await openMediaPage(page);
  await expect(page.getByRole("button", { name: "Upload files" })).toHaveCount(0);
  await expect(page.getByLabel("Choose files to upload")).toHaveCount(0);
  const image = uniquePng();
  const refused = await postUpload(page, SEEDED.lumenUs.phoneNumberId, image);
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: "Your role (Agent) does not allow this." } });
  await page.reload();
  await expect(card(page, image.name)).toHaveCount(0);
});

test("media from customers shows under its own tab, from the message that carried it", async ({ page, request }) => {
  const from = uniqueCustomerNumber();
  const customer = `Photo sender ${from.slice(-6)}`;
  const caption = `Broken cup ${from.slice(-5)}`;
  await customerWrites(request, { type: "image", image: { caption } }, { from, name: customer });
  await signIn(page, "agent");
  await openMediaPage(page);
  await page.getByRole("tab", { name: "From customers" }).click();
  await page.getByLabel("Search by name").fill(caption);
  const item = page.getByRole("list", { name: "Media from customers" }).getByRole("button", { name: `Open ${caption}` });
  await expect(item).toBeVisible({ timeout: 15_000 });
  await item.click();
  const dialog = page.getByRole("dialog", { name: caption });
  await expect(dialog.getByText(`Sent by ${customer}`)).toBeVisible();
  await dialog.getByRole("link", { name: "Open the conversation" }).click();
  await expect(page).toHaveURL(/\/inbox\/[\w-]+$/);
});
