import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { SEED } from "@/simulator/seed";

import type { DatabaseHandle } from "./client";
import { findConnectionScope } from "./queries/connection-access";
import { findConnection, updateConnection, upsertConnections } from "./queries/connections";
import { countUsers, findUserByEmail } from "./queries/users";
import { contactConsentEvents, contacts, contactTagLinks, segments } from "./schema";
import { createInitialAdmin, DEMO_COFFEE_ROASTER_CONNECTION_ID, DEMO_PASSWORD, DEMO_USERS, seedDemoContactBook, seedDemoInboxKit, seedDemoUsers } from "./seed";
import { testDatabases } from "./test-databases";

describe.each(testDatabases)("seeding on $name", (database) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await database.open();
  });
  afterEach(async () => {
    await handle.close();
  });

  const scopeOf = async (email: string) => findConnectionScope(handle.db, (await findUserByEmail(handle.db, email))!.id);

  it("creates one demo user per role with a hashed password, once, each working in every connection", async () => {
    expect(await seedDemoUsers(handle.db)).toBe(3);
    expect(await seedDemoUsers(handle.db)).toBe(0);
    for (const demo of DEMO_USERS) {
      const user = await findUserByEmail(handle.db, demo.email);
      expect(user?.role).toBe(demo.role);
      expect(user?.passwordHash).not.toContain(DEMO_PASSWORD);
      expect(await verifyPassword(DEMO_PASSWORD, user!.passwordHash)).toBe(true);
      expect(await scopeOf(demo.email)).toEqual({ all: true });
    }
    expect(await findConnection(handle.db, DEMO_COFFEE_ROASTER_CONNECTION_ID)).toBeUndefined();
  });

  it("with the demo's access, gives the agent only the coffee roaster's connection, before the first sync and after it", async () => {
    expect(await seedDemoUsers(handle.db, { onlyIfEmpty: true, demoAccess: true })).toBe(3);
    expect(await scopeOf("admin@demo.test")).toEqual({ all: true });
    expect(await scopeOf("marketer@demo.test")).toEqual({ all: true });
    expect(await scopeOf("agent@demo.test")).toEqual({ all: false, connectionIds: [DEMO_COFFEE_ROASTER_CONNECTION_ID] });
    expect(await findConnection(handle.db, DEMO_COFFEE_ROASTER_CONNECTION_ID)).toMatchObject({ status: "ACTIVE", label: null });

    // The first sync mirrors the simulator's connection over the row the seed wrote; the grant stays.
    const matonCreatedAt = new Date("2025-01-15T09:12:33.482Z");
    await upsertConnections(handle.db, [
      { id: DEMO_COFFEE_ROASTER_CONNECTION_ID, status: "ACTIVE", connectUrl: null, matonCreatedAt, matonUpdatedAt: matonCreatedAt },
    ]);
    await updateConnection(handle.db, DEMO_COFFEE_ROASTER_CONNECTION_ID, { label: "Lumen Coffee Roasters" });
    expect(await findConnection(handle.db, DEMO_COFFEE_ROASTER_CONNECTION_ID)).toMatchObject({ label: "Lumen Coffee Roasters", matonCreatedAt });
    expect(await scopeOf("agent@demo.test")).toEqual({ all: false, connectionIds: [DEMO_COFFEE_ROASTER_CONNECTION_ID] });
    expect(await seedDemoUsers(handle.db, { onlyIfEmpty: true, demoAccess: true })).toBe(0);
  });

  it("leaves a connection already mirrored as it is when granting it", async () => {
    await upsertConnections(handle.db, [
      { id: DEMO_COFFEE_ROASTER_CONNECTION_ID, status: "FAILED", connectUrl: "https://connect.example/x", matonCreatedAt: null, matonUpdatedAt: null },
    ]);
    await seedDemoUsers(handle.db, { demoAccess: true });
    expect(await findConnection(handle.db, DEMO_COFFEE_ROASTER_CONNECTION_ID)).toMatchObject({
      status: "FAILED",
      connectUrl: "https://connect.example/x",
    });
    expect(await scopeOf("agent@demo.test")).toEqual({ all: false, connectionIds: [DEMO_COFFEE_ROASTER_CONNECTION_ID] });
  });

  it("fills the demo's contact book once, with the consent it claims recorded in each history", async () => {
    expect(await seedDemoContactBook(handle.db)).toBe(true);
    expect(await seedDemoContactBook(handle.db)).toBe(false);
    expect(await seedDemoInboxKit(handle.db)).toBe(true);
    expect(await seedDemoInboxKit(handle.db)).toBe(false);
    const book = await handle.db.select().from(contacts);
    expect(book.length).toBeGreaterThan(10);
    const optedIn = book.filter((contact) => contact.consent === "opted_in");
    expect((await handle.db.select().from(contactConsentEvents)).map((event) => event.contactId).sort()).toEqual(optedIn.map((contact) => contact.id).sort());
    expect((await handle.db.select().from(contactTagLinks)).length).toBeGreaterThan(10);
    expect(await handle.db.select({ name: segments.name }).from(segments)).toEqual([{ name: "Newsletter readers who said yes" }]);
  });

  it("names the simulator's coffee roaster connection", () => {
    expect(DEMO_COFFEE_ROASTER_CONNECTION_ID).toBe(SEED.connections.lumen);
  });

  it("creates the first admin only on an empty database, with every connection", async () => {
    const passwordHash = await hashPassword("a-long-password");
    expect(await createInitialAdmin(handle.db, { email: "Boss@Example.com", passwordHash })).toBe(true);
    const admin = await findUserByEmail(handle.db, "boss@example.com");
    expect(admin?.role).toBe("admin");
    expect(admin?.allConnections).toBe(true);
    expect(await verifyPassword("a-long-password", admin!.passwordHash)).toBe(true);
    expect(await createInitialAdmin(handle.db, { email: "other@example.com", passwordHash })).toBe(false);
    expect(await countUsers(handle.db)).toBe(1);
  });
});
