/** The profile and phone-number actions on a real database, against the in-process simulator. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findSelectedPhoneNumberId } from "@/db/queries/phone-numbers";
import { findUserByEmail } from "@/db/queries/users";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { users } from "@/db/schema";
import { openTestSessions } from "@/db/test-sessions";
import { syncAccounts } from "@/lib/accounts/sync";
import { simControl } from "@/lib/gateway/test-helpers";
import { DEMO_MATON_API_KEY } from "@/lib/whatsapp/demo";
import { SEED } from "@/simulator/seed";
import { type RunningSimulator, startSimulator } from "@/simulator/server";

import { getSelectedPhoneNumberAction, listPhoneNumbersAction, selectPhoneNumberAction } from "./phone-numbers";
import { getBusinessProfileAction, updateBusinessProfileAction, updateProfilePictureAction } from "./profile";
import { formValuesOf, profileChanges } from "./profile.schema";

const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
vi.mock("@/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: `test-session-${session.userId}`, expires: "" } : null) }));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const gatewayBox = vi.hoisted(() => ({ client: undefined as unknown as import("@/lib/gateway").GatewayClient }));
vi.mock("@/lib/gateway/server", () => ({ gateway: () => gatewayBox.client }));

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const US = SEED.phoneNumbers.lumenUs;

let sim: RunningSimulator;
let control: ReturnType<typeof simControl>;
let handle: DatabaseHandle;

async function profilePosts(): Promise<number> {
  const response = await fetch(`${sim.url}/_sim/requests?limit=1000`);
  const { requests } = (await response.json()) as { requests: { method: string; path: string }[] };
  return requests.filter((request) => request.method === "POST" && (request.path.includes("whatsapp_business_profile") || request.path.includes("uploads"))).length;
}

const signInAs = async (email: string) => {
  session.userId = (await findUserByEmail(handle.db, email))!.id;
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0, webhookUrl: null });
  control = simControl(sim.url);
  const { createGatewayClient } = await import("@/lib/gateway");
  gatewayBox.client = createGatewayClient({ apiKey: DEMO_MATON_API_KEY, gatewayUrl: sim.url, ctrlUrl: sim.url, limiter: false });
  handle = await testDatabases[0]!.open();
  database.handle = handle;
  await seedDemoUsers(handle.db);
  // These tests work on numbers of every connection (some of no known connection): everyone may see them all.
  await handle.db.update(users).set({ allConnections: true });
  await openTestSessions(handle.db);
});
afterAll(async () => {
  await handle?.close();
  await sim?.close();
});
beforeEach(async () => {
  await control.reset();
  await syncAccounts(handle.db, gatewayBox.client);
});

describe("business profile actions", () => {
  it("lets everyone read the profile", async () => {
    await signInAs("agent@demo.test");
    const result = await getBusinessProfileAction({ phoneNumberId: US });
    expect(result.data).toMatchObject({ ok: true, profile: { vertical: "RESTAURANT", websites: ["https://lumen-coffee.example.com"] } });
  });

  it.each(["agent@demo.test", "marketer@demo.test"])("refuses %s an edit on the server, and sends nothing", async (email) => {
    await signInAs(email);
    const before = await profilePosts();
    const result = await updateBusinessProfileAction({ phoneNumberId: US, changes: { about: "Hijacked" } });
    expect(result.serverError?.code).toBe("FORBIDDEN");
    const form = new FormData();
    form.set("phoneNumberId", US);
    form.set("picture", new File([PNG], "p.png", { type: "image/png" }));
    expect((await updateProfilePictureAction(form)).serverError?.code).toBe("FORBIDDEN");
    expect(await profilePosts()).toBe(before);
  });

  it("sends only the changed fields, records the audit entry, and answers the profile read back", async () => {
    await signInAs("admin@demo.test");
    const result = await updateBusinessProfileAction({ phoneNumberId: US, changes: { about: "Open daily", websites: ["https://a.example.com", "https://b.example.com"] } });
    expect(result.data?.changed).toEqual(["about", "websites"]);
    expect(result.data?.load).toMatchObject({ ok: true, profile: { about: "Open daily", websites: ["https://a.example.com", "https://b.example.com"], vertical: "RESTAURANT" } });
    const [entry] = await latestAuditEntries(handle.db, 1);
    expect(entry).toMatchObject({ action: "profile.updated", targetId: US, details: { fields: ["about", "websites"] } });
  });

  it("shows a Graph refusal naming a field at that field", async () => {
    await signInAs("admin@demo.test");
    // The client accepts it (http(s) and no spaces); WhatsApp wants a domain.
    const result = await updateBusinessProfileAction({ phoneNumberId: US, changes: { websites: ["https://localhost"] } });
    expect(result.serverError).toMatchObject({ field: "websites.0", code: "GRAPH_100" });
    expect(result.serverError?.message).toContain("websites[0]");
  });

  it("refuses limits before anything is sent", async () => {
    await signInAs("admin@demo.test");
    const before = await profilePosts();
    const result = await updateBusinessProfileAction({ phoneNumberId: US, changes: { about: "a".repeat(140) } });
    expect(result.validationErrors).toBeDefined();
    expect(await profilePosts()).toBe(before);
  });

  it("uploads a picture through the resumable upload and sets it", async () => {
    await signInAs("admin@demo.test");
    const form = new FormData();
    form.set("phoneNumberId", US);
    form.set("picture", new File([PNG], "p.png", { type: "image/png" }));
    const result = await updateProfilePictureAction(form);
    expect(result.data?.load).toMatchObject({ ok: true });
    const url = (result.data?.load as { profile: { profilePictureUrl: string } }).profile.profilePictureUrl;
    expect(url).toContain("/pps/");
    const gif = new FormData();
    gif.set("phoneNumberId", US);
    gif.set("picture", new File([PNG], "p.gif", { type: "image/gif" }));
    expect((await updateProfilePictureAction(gif)).serverError).toMatchObject({ field: "picture" });
  });
});

describe("phone number actions", () => {
  it("lists the numbers and remembers each user's choice", async () => {
    await signInAs("agent@demo.test");
    await handle.db.execute(sql`update users set selected_phone_number_id = null`);
    expect((await getSelectedPhoneNumberAction()).data).toEqual({ selectedId: null });
    const list = await listPhoneNumbersAction({});
    expect(list.data?.numbers.map((number) => number.id)).toEqual(expect.arrayContaining([US, SEED.phoneNumbers.lumenUk, SEED.phoneNumbers.harbor]));
    expect(list.data?.numbers.find((number) => number.id === SEED.phoneNumbers.lumenUk)).toMatchObject({ qualityRating: "YELLOW", messagingLimitTier: "TIER_250" });
    expect((await selectPhoneNumberAction({ phoneNumberId: SEED.phoneNumbers.lumenUk })).data).toEqual({ selectedId: SEED.phoneNumbers.lumenUk });
    expect(await findSelectedPhoneNumberId(handle.db, session.userId!)).toBe(SEED.phoneNumbers.lumenUk);
    expect((await listPhoneNumbersAction({})).data?.selectedId).toBe(SEED.phoneNumbers.lumenUk);
    expect((await getSelectedPhoneNumberAction()).data).toEqual({ selectedId: SEED.phoneNumbers.lumenUk });
    expect((await selectPhoneNumberAction({ phoneNumberId: "999" })).serverError?.code).toBe("NOT_FOUND");
  });
});

describe("profile form changes", () => {
  it("keeps only what changed, websites without empty boxes, never an empty vertical", () => {
    const initial = formValuesOf({ about: "A", address: "", description: "", email: "", websites: ["https://a.example.com"], vertical: "" });
    expect(profileChanges(initial, initial)).toEqual({});
    expect(profileChanges(initial, { ...initial, websites: ["", "https://a.example.com"] })).toEqual({});
    expect(profileChanges(initial, { ...initial, about: "B", websites: ["https://a.example.com", "https://b.example.com"], vertical: "RETAIL" })).toEqual({
      about: "B",
      websites: ["https://a.example.com", "https://b.example.com"],
      vertical: "RETAIL",
    });
  });
});
