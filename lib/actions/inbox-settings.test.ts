import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { findAutoAssignment, findBusinessHours } from "@/db/queries/inbox-settings";
import { insertUser } from "@/db/queries/users";
import { connections, liveEvents, phoneNumbers } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";

import { loadInboxSettingsAction, saveAutoAssignmentAction, saveAutomaticMessagesAction, saveBusinessHoursAction } from "./inbox-settings";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const NUMBER = "pn-inbox-settings";
const nineToFive = [{ from: "09:00", to: "17:00" }];
const week = { "1": nineToFive, "2": nineToFive, "3": nineToFive, "4": nineToFive, "5": nineToFive, "6": [], "7": [] };

describe.each(testDatabases)("inbox settings actions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const users: Record<"admin" | "marketer" | "agent" | "outsider", string> = { admin: "", marketer: "", agent: "", outsider: "" };

  const signInAs = async (who: keyof typeof users) => {
    session.current = { userId: users[who], sessionId: (await startSession(handle.db, { userId: users[who] })).id };
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
    await handle.db.insert(connections).values([
      { id: "conn-settings", status: "ACTIVE" },
      { id: "conn-other", status: "ACTIVE" },
    ]);
    await handle.db.insert(phoneNumbers).values({ id: NUMBER, wabaId: "waba-settings", connectionId: "conn-settings", displayPhoneNumber: "+1 555 0142" });
    for (const role of ["admin", "marketer", "agent"] as const) {
      users[role] = (await insertUser(handle.db, { email: `${role}@inbox-settings.test`, name: `The ${role}`, role, passwordHash: "x" }))!.id;
      await replaceConnectionAccess(handle.db, users[role], { all: true, connectionIds: [] });
    }
    // An agent of another connection only: they may not take this number's conversations.
    users.outsider = (await insertUser(handle.db, { email: "outsider@inbox-settings.test", name: "Olga Outsider", role: "agent", passwordHash: "x" }))!.id;
    await replaceConnectionAccess(handle.db, users.outsider, { all: false, connectionIds: ["conn-other"] });
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
  });

  it("refuses everyone but admins, before reading or changing anything", async () => {
    expect((await loadInboxSettingsAction({ phoneNumberId: NUMBER })).serverError?.code).toBe("UNAUTHENTICATED");
    for (const role of ["agent", "marketer"] as const) {
      await signInAs(role);
      expect((await loadInboxSettingsAction({ phoneNumberId: NUMBER })).serverError?.code).toBe("FORBIDDEN");
      expect((await saveBusinessHoursAction({ phoneNumberId: NUMBER, timeZone: "UTC", weekly: week, holidays: [] })).serverError?.code).toBe("FORBIDDEN");
      expect((await saveAutomaticMessagesAction({ phoneNumberId: NUMBER, awayEnabled: true, awayText: "x", welcomeEnabled: false, welcomeText: "" })).serverError?.code).toBe("FORBIDDEN");
      expect((await saveAutoAssignmentAction({ phoneNumberId: NUMBER, enabled: true, agentIds: [users.agent] })).serverError?.code).toBe("FORBIDDEN");
    }
    expect(await findBusinessHours(handle.db, NUMBER)).toBeUndefined();
    expect((await findAutoAssignment(handle.db, NUMBER)).enabled).toBe(false);
  });

  it("refuses an unknown number", async () => {
    await signInAs("admin");
    expect((await loadInboxSettingsAction({ phoneNumberId: "no-such-number" })).serverError).toMatchObject({ code: "NOT_FOUND", field: "phoneNumberId" });
  });

  it("refuses automatic messages before business hours, then saves hours and messages with audit entries and live events", async () => {
    await signInAs("admin");
    const early = await saveAutomaticMessagesAction({ phoneNumberId: NUMBER, awayEnabled: true, awayText: "Closed", welcomeEnabled: false, welcomeText: "" });
    expect(early.serverError).toMatchObject({ code: "INVALID_INPUT", field: "awayEnabled" });

    const saved = await saveBusinessHoursAction({ phoneNumberId: NUMBER, timeZone: "Europe/London", weekly: week, holidays: ["2026-12-25"] });
    expect(saved.serverError).toBeUndefined();
    expect(await saveAutomaticMessagesAction({ phoneNumberId: NUMBER, awayEnabled: true, awayText: " Closed now ", welcomeEnabled: false, welcomeText: "" })).toMatchObject({ data: { saved: true } });
    const row = await findBusinessHours(handle.db, NUMBER);
    expect(row).toMatchObject({ timeZone: "Europe/London", holidays: ["2026-12-25"], awayEnabled: true, awayText: "Closed now" });
    const actions = (await latestAuditEntries(handle.db, 10)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["inbox_settings.hours_updated", "inbox_settings.messages_updated"]));
    const events = await handle.db.select().from(liveEvents);
    expect(events.filter((event) => event.kind === "inbox_settings.updated").length).toBeGreaterThanOrEqual(2);
  });

  it("names the field of a schedule's problem and changes nothing", async () => {
    await signInAs("admin");
    const before = await findBusinessHours(handle.db, NUMBER);
    const refused = await saveBusinessHoursAction({ phoneNumberId: NUMBER, timeZone: "UTC", weekly: { ...week, "2": [{ from: "17:00", to: "09:00" }] }, holidays: [] });
    expect(refused.serverError).toMatchObject({ code: "INVALID_INPUT", field: "weekly.2.0.to", message: "The closing time must be after 17:00." });
    const zone = await saveBusinessHoursAction({ phoneNumberId: NUMBER, timeZone: "Nowhere/Town", weekly: week, holidays: [] });
    expect(zone.serverError).toMatchObject({ field: "timeZone" });
    const text = await saveAutomaticMessagesAction({ phoneNumberId: NUMBER, awayEnabled: true, awayText: "  ", welcomeEnabled: false, welcomeText: "" });
    expect(text.serverError).toMatchObject({ field: "awayText", message: "Write the message before switching it on." });
    expect(await findBusinessHours(handle.db, NUMBER)).toEqual(before);
  });

  it("chooses agents who may work on the number, refuses one who may not, and shows each one's availability", async () => {
    await signInAs("admin");
    const outsider = await saveAutoAssignmentAction({ phoneNumberId: NUMBER, enabled: true, agentIds: [users.agent, users.outsider] });
    expect(outsider.serverError).toMatchObject({ code: "INVALID_INPUT", field: "agentIds", message: expect.stringContaining("Olga Outsider") });
    expect(await saveAutoAssignmentAction({ phoneNumberId: NUMBER, enabled: true, agentIds: [users.agent, users.marketer] })).toMatchObject({ data: { saved: true } });
    const view = (await loadInboxSettingsAction({ phoneNumberId: NUMBER })).data!;
    expect(view.assignment).toEqual({ enabled: true, agentIds: expect.arrayContaining([users.agent, users.marketer]) });
    expect(view.teammates.map((teammate) => teammate.id)).not.toContain(users.outsider);
    expect(view.teammates.find((teammate) => teammate.id === users.agent)).toMatchObject({ availability: "available", mayWork: true });
    expect((await latestAuditEntries(handle.db, 1))[0]!.action).toBe("inbox_settings.assignment_updated");
  });
});
