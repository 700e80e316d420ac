import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { hashPassword, verifyPassword } from "@/lib/auth/password";

import type { DatabaseHandle } from "./client";
import { countUsers, findUserByEmail } from "./queries/users";
import { createInitialAdmin, DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from "./seed";
import { testDatabases } from "./test-databases";

describe.each(testDatabases)("seeding on $name", (database) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await database.open();
  });
  afterEach(async () => {
    await handle.close();
  });

  it("creates one demo user per role with a hashed password, once", async () => {
    expect(await seedDemoUsers(handle.db)).toBe(3);
    expect(await seedDemoUsers(handle.db)).toBe(0);
    for (const demo of DEMO_USERS) {
      const user = await findUserByEmail(handle.db, demo.email);
      expect(user?.role).toBe(demo.role);
      expect(user?.passwordHash).not.toContain(DEMO_PASSWORD);
      expect(await verifyPassword(DEMO_PASSWORD, user!.passwordHash)).toBe(true);
    }
  });

  it("creates the first admin only on an empty database", async () => {
    const passwordHash = await hashPassword("a-long-password");
    expect(await createInitialAdmin(handle.db, { email: "Boss@Example.com", passwordHash })).toBe(true);
    const admin = await findUserByEmail(handle.db, "boss@example.com");
    expect(admin?.role).toBe("admin");
    expect(await verifyPassword("a-long-password", admin!.passwordHash)).toBe(true);
    expect(await createInitialAdmin(handle.db, { email: "other@example.com", passwordHash })).toBe(false);
    expect(await countUsers(handle.db)).toBe(1);
  });
});
