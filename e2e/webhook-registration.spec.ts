import { expect, test } from "@playwright/test";

import { SEEDED, SIM_URL, simGateway } from "./fixtures/simulator";
import { signIn } from "./fixtures/users";

test("an admin registers the callback on an account, and a customer's message then arrives through it live", async ({
  page,
  request,
}) => {
  await signIn(page, "admin");
  await page.goto("/settings/webhooks");
  const accounts = page.getByRole("table").filter({ hasText: SEEDED.lumenUs.wabaId });
  const row = accounts.getByRole("row").filter({ hasText: SEEDED.lumenUs.wabaId });
  await row.getByRole("button", { name: /^Register callback on / }).click();
  await expect(page.getByText("Callback registered on the account.")).toBeVisible();
  await expect(row.getByText("Registered", { exact: true })).toBeVisible();

  const callback = await page.getByLabel("Callback URL", { exact: true }).inputValue();
  const apps = await simGateway(request, "GET", `${SEEDED.lumenUs.wabaId}/subscribed_apps`);
  expect((await apps.json()).data).toContainEqual(expect.objectContaining({ override_callback_uri: callback }));

  await page.goto("/inbox");
  const from = `1555${String(Date.now()).slice(-8)}`;
  const response = await request.post(`${SIM_URL}/_sim/inbound`, {
    data: { phone_number_id: SEEDED.lumenUs.phoneNumberId, from, name: "Registered Route", type: "text", text: { body: "Through the registered callback" } },
  });
  expect((await response.json()).destination).toBe(callback);
  await expect(page.getByRole("link", { name: /Registered Route/ }).first()).toBeVisible({ timeout: 15_000 });
});
