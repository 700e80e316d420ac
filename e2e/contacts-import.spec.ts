import { readFile, writeFile } from "node:fs/promises";

import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";

import { screenshot } from "./fixtures/screenshot";
import { untilHydrated } from "./fixtures/ui";
import { signIn } from "./fixtures/users";

// Each import goes through the job engine on a machine shared with other suites: be patient with it.
test.describe.configure({ timeout: 120_000 });

const IMPORT_URL = /\/contacts\/imports\/[0-9a-f-]{36}$/;

/** A Spanish mobile number no other run uses: 6 and eight digits, as people write them at home. */
function spanishMobile(taken: Set<string>): string {
  for (;;) {
    const digits = `6${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    if (!taken.has(digits)) {
      taken.add(digits);
      return digits;
    }
  }
}

/**
 * A small CSV of this run's own customers: three good rows (two national numbers read with the
 * default country, one international), a number that is no number, and the first customer again.
 */
async function writeContactsCsv(): Promise<{ path: string; fileName: string; tag: string; badNumber: string }> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const taken = new Set<string>();
  const [ana, ben, caro] = [spanishMobile(taken), spanishMobile(taken), spanishMobile(taken)];
  const tag = `e2e-import-${suffix}`;
  const badNumber = "12345";
  const fileName = `customers-${suffix}.csv`;
  const lines = [
    "name,phone,tags",
    `Ana ${suffix},${ana.replace(/^(\d{3})(\d{2})(\d{2})(\d{2})$/, "$1 $2 $3 $4")},${tag};vip`,
    `Ben ${suffix},+34 ${ben},${tag}`,
    `Caro ${suffix},${caro},`,
    `Bad ${suffix},${badNumber},`,
    `Ana again ${suffix},+34${ana},`,
  ];
  const path = test.info().outputPath(fileName);
  await writeFile(path, `${lines.join("\n")}\n`, "utf8");
  return { path, fileName, tag, badNumber };
}

/** From the imports list: "Import CSV", then the file, then the mapping step of the new import. */
async function uploadFile(page: Page, path: string, fileName: string) {
  await page.goto("/contacts/imports");
  await expect(page.getByRole("heading", { level: 2, name: "Imports" })).toBeVisible();
  await page.getByRole("link", { name: "Import CSV" }).first().click();
  await expect(page).toHaveURL(/\/contacts\/imports\/new$/);
  const input = page.getByLabel("CSV file to import");
  await untilHydrated(input);
  await input.setInputFiles(path);
  await expect(page).toHaveURL(IMPORT_URL);
  await expect(page.getByRole("heading", { level: 2, name: fileName })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Map the columns" })).toBeVisible();
}

/** Starts the mapped import and waits, on the page's own state, for it to finish. */
async function startAndWaitForTheEnd(page: Page) {
  const start = page.getByRole("button", { name: "Start import" });
  await untilHydrated(start);
  await start.click();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 90_000 });
}

const counts = (page: Page) => page.getByRole("list", { name: "Import results" });

test("a marketer imports a CSV, reads its rejected rows, and importing it again changes nothing", async ({ page }) => {
  const csv = await writeContactsCsv();
  await signIn(page, "marketer");

  await page.goto("/contacts/imports");
  await expect(page.getByRole("navigation", { name: "Contacts sections" }).getByRole("link", { name: "Imports" })).toHaveAttribute("aria-current", "page");
  await screenshot(page, "contacts-imports-list");
  await page.getByRole("link", { name: "Import CSV" }).first().click();
  await expect(page.getByRole("heading", { name: "Choose a CSV file" })).toBeVisible();
  await screenshot(page, "contacts-import-upload");

  // The mapping step: the columns recognised from the header, the first rows shown under them.
  await uploadFile(page, csv.path, csv.fileName);
  await expect(page.getByRole("combobox", { name: "Field for column “phone”" })).toHaveValue("phone");
  await expect(page.getByRole("combobox", { name: "Field for column “name”" })).toHaveValue("name");
  await expect(page.getByRole("combobox", { name: "Field for column “tags”" })).toHaveValue("tags");
  await expect(page.getByText("5 rows; phone from column “phone”")).toBeVisible();
  await expect(page.getByRole("region", { name: "The file's first rows" }).getByText(csv.badNumber)).toBeVisible();
  const country = page.getByRole("combobox", { name: "Default country" });
  await untilHydrated(country);
  await country.selectOption("ES");
  await screenshot(page, "contacts-import-mapping");

  await startAndWaitForTheEnd(page);
  await expect(counts(page).getByText("3 created")).toBeVisible();
  await expect(counts(page).getByText("0 updated")).toBeVisible();
  await expect(counts(page).getByText("2 rejected")).toBeVisible();
  await expect(page.getByRole("link", { name: "See the contacts" })).toHaveAttribute("href", "/contacts");
  await screenshot(page, "contacts-import-finished");

  // The rejected rows as they were in the file, each with its row number and reason.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download rejected rows (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(csv.fileName.replace(/\.csv$/, "-rejects.csv"));
  const rejects = parse(await readFile(await download.path(), "utf8"), { bom: true }) as string[][];
  expect(rejects[0]).toEqual(["name", "phone", "tags", "row", "reason"]);
  expect(rejects).toHaveLength(3);
  const [bad, again] = rejects.slice(1);
  expect(bad?.slice(1, 4)).toEqual([csv.badNumber, "", "5"]);
  expect(bad?.[4]).toContain(csv.badNumber);
  expect(again?.[3]).toBe("6");
  expect(again?.[4]).toBe("Same number as row 2.");

  // The same file again: every good row is already there as it is.
  await uploadFile(page, csv.path, csv.fileName);
  // The country chosen last time is offered again.
  await expect(page.getByRole("combobox", { name: "Default country" })).toHaveValue("ES");
  await startAndWaitForTheEnd(page);
  await expect(counts(page).getByText("0 created")).toBeVisible();
  await expect(counts(page).getByText("0 updated")).toBeVisible();
  await expect(counts(page).getByText("3 unchanged")).toBeVisible();
  await expect(counts(page).getByText("2 rejected")).toBeVisible();

  // Both runs are listed, the newest first, with what each did.
  await page.getByRole("link", { name: "All imports" }).click();
  const rows = page.getByRole("table", { name: "Imports" }).getByRole("row").filter({ hasText: csv.fileName });
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByText("Finished")).toBeVisible();
  await screenshot(page, "contacts-imports-list-after");
});

test("an agent opening the import page gets the 403 page", async ({ page }) => {
  await signIn(page, "agent");
  const response = await page.goto("/contacts/imports/new");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});
