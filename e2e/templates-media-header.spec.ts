import { expect, test } from "@playwright/test";

import { uniquePng, uniqueTag } from "./fixtures/media";
import { templateAtMeta } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test("a marketer creates a template with an image header by picking a PNG, sees it in the preview, and submits it", async ({ page, request }) => {
  const name = `spring_photo_${uniqueTag().toLowerCase().replace(/[^a-z0-9]/g, "")}`;
  await signIn(page, "marketer");
  await page.goto("/templates/new");
  await expect(page.getByRole("heading", { name: "New template" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Category").selectOption("MARKETING");
  await page.getByLabel("Header type").selectOption("IMAGE");
  await page.getByLabel("Body", { exact: true }).fill("Our spring roast is here: come and taste it this week.");
  const picker = page.getByLabel("Image sample");
  await expect(picker).toHaveAccessibleDescription(/JPEG or PNG of at most 960 kB/);

  // A file of the wrong type is refused in the browser, naming what is taken; nothing is uploaded.
  await picker.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(picker).toHaveAccessibleDescription(/must be a JPEG or PNG of at most 960 kB/);

  const png = uniquePng("spring-roast.png");
  await picker.setInputFiles({ name: png.name, mimeType: png.mimeType, buffer: png.buffer });
  await expect(page.getByText("Sample uploaded: spring-roast.png")).toBeVisible({ timeout: 15_000 });
  const preview = page.getByRole("figure", { name: "Message preview" });
  const image = preview.getByRole("img", { name: "Header image: spring-roast.png" });
  await expect(image).toBeVisible();
  expect(await image.getAttribute("src")).toMatch(/^blob:/);
  expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByText("Ready to submit: no problems found.")).toBeVisible();

  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("[data-slot=page-header] [data-status]")).toHaveText(/Pending/);

  // Meta received the template with the handle of the uploaded sample.
  const created = await templateAtMeta(request, page.url().split("/").pop()!);
  expect(created).toMatchObject({ name, status: "PENDING" });
  const header = created.components.find((component) => component.type === "HEADER") as { format: string; example: { header_handle: string[] } };
  expect(header.format).toBe("IMAGE");
  expect(header.example.header_handle[0]).toMatch(/\S/);
});
