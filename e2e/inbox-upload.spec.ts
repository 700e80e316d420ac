import { expect, test, type Page } from "@playwright/test";

import { messageList, openConversation, uniqueCustomerNumber } from "./fixtures/inbox";
import { dropFiles, openMediaPage, postUpload, uniquePng, uniqueTag, type TestFile } from "./fixtures/media";
import { customerWrites, SEEDED } from "./fixtures/simulator";
import { signIn, type DemoRole } from "./fixtures/users";
import { screenshot } from "./fixtures/screenshot";

async function customerWritesThenOpen(page: Page, role: DemoRole, title: string) {
  const from = uniqueCustomerNumber();
  const name = `Upload ${title.slice(0, 10)} ${from.slice(-5)}`;
  await customerWrites(page.request, { type: "text", text: { body: "Can you send me a picture?" } }, { from, name });
  await signIn(page, role);
  await openConversation(page, name);
}

async function openSendMedia(page: Page) {
  await page.getByRole("button", { name: "Attach or send something else" }).click();
  await page.getByRole("menuitem", { name: /Image, video, audio or document/ }).click();
  const dialog = page.getByRole("dialog", { name: "Send media" });
  await expect(dialog).toBeVisible();
  return dialog;
}

const chooseFile = (page: Page, file: TestFile) =>
  page.getByRole("dialog", { name: "Send media" }).getByLabel("Upload a file").setInputFiles({ name: file.name, mimeType: file.mimeType, buffer: file.buffer });

test("a marketer answering a customer uploads an image from the composer, captions it and sends it", async ({ page }, testInfo) => {
  await customerWritesThenOpen(page, "marketer", testInfo.title);
  const dialog = await openSendMedia(page);
  const image = uniquePng();
  await chooseFile(page, image);

  const uploaded = dialog.getByRole("group", { name: image.name });
  await expect(uploaded.getByText("uploaded and added to the media library")).toBeVisible({ timeout: 30_000 });
  // Picked for sending: its WhatsApp media id filled in, and it is the library's selected file.
  await expect(dialog.getByLabel("Media id")).toHaveValue(/^\d+$/);
  await expect(dialog.getByRole("list", { name: "Media library" }).getByRole("button", { name: new RegExp(image.name) })).toHaveAttribute("aria-pressed", "true");
  const caption = `Our new roast ${uniqueTag()}`;
  await dialog.getByLabel("Caption (optional)").fill(caption);
  await screenshot(page, "inbox-send-media-uploaded", { fullPage: false });
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect(dialog).toBeHidden();

  const sent = messageList(page).getByRole("listitem").filter({ has: page.getByRole("img", { name: caption }) });
  await expect(sent.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 15_000 });
  // The picture itself came back through the dashboard's media route.
  await expect.poll(() => sent.getByRole("img", { name: caption }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);

  // The uploaded file is in the media library too.
  await openMediaPage(page);
  await expect(page.getByRole("list", { name: "Media library" }).getByRole("button", { name: `Open ${image.name}` })).toBeVisible();
});

test("a file too large or of a refused type is stopped with the limit it broke, and nothing is sent", async ({ page }, testInfo) => {
  await customerWritesThenOpen(page, "marketer", testInfo.title);
  const dialog = await openSendMedia(page);
  const send = dialog.getByRole("button", { name: "Send" });

  const large: TestFile = { name: `poster-${uniqueTag()}.png`, mimeType: "image/png", buffer: Buffer.concat([uniquePng().buffer, Buffer.alloc(6 * 1024 * 1024)]).subarray(0, 6 * 1024 * 1024) };
  await chooseFile(page, large);
  const tooLarge = dialog.getByRole("group", { name: large.name });
  await expect(tooLarge.getByRole("alert")).toHaveText("Not uploaded: Images can be at most 5 MB; this file is 6 MB.");
  await expect(tooLarge.getByRole("progressbar")).toHaveCount(0);
  await expect(send).toBeDisabled();

  // Dropped rather than chosen: the same checks.
  const gif: TestFile = { name: `animation-${uniqueTag()}.gif`, mimeType: "image/gif", buffer: Buffer.from("GIF89a-not-really") };
  await dropFiles(dialog.getByText(/Or drop it here/), [gif]);
  await expect(dialog.getByRole("group", { name: gif.name }).getByRole("alert")).toContainText(`WhatsApp does not accept files of type image/gif (${gif.name}). Accepted: images JPEG or PNG, up to 5 MB`);
  await expect(dialog.getByRole("group", { name: large.name })).toHaveCount(0);
  await expect(send).toBeDisabled();

  // What only the server can refuse is shown the same way.
  const longName: TestFile = { ...uniquePng(), name: `${"a-very-long-file-name-".repeat(11)}.png` };
  await chooseFile(page, longName);
  await expect(dialog.getByRole("group", { name: longName.name }).getByRole("alert")).toHaveText("Not uploaded: The file needs a name (at most 240 characters, no slashes).", { timeout: 15_000 });
  await expect(send).toBeDisabled();

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  // Only the customer's message: nothing went out.
  await expect(messageList(page).getByRole("listitem").filter({ hasText: "Can you send me a picture?" })).toHaveCount(1);
  await expect(messageList(page).getByRole("img", { name: /^(Sending|Sent|Delivered|Read|Failed)$/ })).toHaveCount(0);
});

test("an agent picks from the library only: uploading new files is for marketers and admins", async ({ page }, testInfo) => {
  await customerWritesThenOpen(page, "agent", testInfo.title);
  const dialog = await openSendMedia(page);
  await expect(dialog.getByLabel("Upload a file")).toHaveCount(0);
  await expect(dialog.getByText("Uploading new files is for marketers and admins")).toBeVisible();
  // The server holds the same rule, whatever the page shows.
  const refused = await postUpload(page, SEEDED.lumenUs.phoneNumberId, uniquePng());
  expect(refused.status()).toBe(403);
});
