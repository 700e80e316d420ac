import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import { users } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { verifyPassword } from "@/lib/auth/password";

import {
  changeUserRoleAction,
  createUserAction,
  resetUserPasswordAction,
  setUserDisabledAction,
} from "./users";
import { ONE_TIME_PASSWORD_PATTERN } from "./users.schema";

// Each test says who is signed in; the database is a real one per test database.
// `as` runs one call as a given user, so two calls can run at once as two different admins.
const session = vi.hoisted(() => ({ userId: undefined as string | undefined }));
const callAs = await vi.hoisted(async () => {
  const { AsyncLocalStorage } = await import("node:async_hooks");
  return new AsyncLocalStorage<string>();
});
vi.mock("@/auth", () => ({
  auth: async () => {
    const userId = callAs.getStore() ?? session.userId;
    return userId ? { user: { id: userId }, expires: "" } : null;
  },
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe.each(testDatabases)("user administration on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const idOf = async (email: string) => (await findUserByEmail(db(), email))!.id;
  const signInAs = async (email: string | undefined) => {
    session.userId = email ? await idOf(email) : undefined;
  };
  let counter = 0;
  const freshEmail = () => `person-${Date.now()}-${(counter += 1)}@example.test`;

  beforeAll(async () => {
    handle = await testDatabase.open();
    database.handle = handle;
    await seedDemoUsers(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    database.handle = handle;
    await signInAs("admin@demo.test");
  });

  describe("refusals by role", () => {
    const someUserId = "00000000-0000-4000-8000-000000000000";
    const calls = {
      createUser: () =>
        createUserAction({ name: "X", email: "x@example.test", role: "agent", passwordMode: "generate" }),
      changeUserRole: () => changeUserRoleAction({ userId: someUserId, role: "admin" }),
      setUserDisabled: () => setUserDisabledAction({ userId: someUserId, disabled: true }),
      resetUserPassword: () => resetUserPasswordAction({ userId: someUserId, passwordMode: "generate" }),
    };

    it.each(Object.keys(calls))("%s refuses a visitor without a session", async (name) => {
      await signInAs(undefined);
      const result = await calls[name as keyof typeof calls]();
      expect(result.serverError?.code).toBe("UNAUTHENTICATED");
      expect(result.data).toBeUndefined();
    });

    it.each(Object.keys(calls).flatMap((name) => [[name, "agent@demo.test"], [name, "marketer@demo.test"]]))(
      "%s refuses %s",
      async (name, email) => {
        await signInAs(email);
        const result = await calls[name as keyof typeof calls]();
        expect(result.serverError?.code).toBe("FORBIDDEN");
      },
    );

    it("refuses a disabled admin as signed out", async () => {
      const email = freshEmail();
      await insertUser(db(), { email, name: "Gone", role: "admin", passwordHash: "x", disabled: true });
      await signInAs(email);
      expect((await calls.createUser()).serverError?.code).toBe("UNAUTHENTICATED");
    });
  });

  describe("creating a user", () => {
    it("creates the user with a generated one-time password they must change, and audits it", async () => {
      const email = freshEmail();
      const result = await createUserAction({ name: "  Nora New ", email: email.toUpperCase(), role: "marketer", passwordMode: "generate" });
      expect(result.serverError).toBeUndefined();
      const { user, oneTimePassword } = result.data!;
      expect(user).toMatchObject({ email, name: "Nora New", role: "marketer", disabled: false, mustChangePassword: true, lastSignInAt: null });
      expect(oneTimePassword).toMatch(ONE_TIME_PASSWORD_PATTERN);
      expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
      const stored = await findUserByEmail(db(), email);
      expect(await verifyPassword(oneTimePassword, stored!.passwordHash)).toBe(true);
      const [entry] = await latestAuditEntries(db(), 1);
      expect(entry).toMatchObject({
        action: "user.created",
        actorEmail: "admin@demo.test",
        targetType: "user",
        targetId: user.id,
        details: { email, role: "marketer", password: "generated" },
      });
      expect(JSON.stringify(entry?.details)).not.toContain(oneTimePassword);
    });

    it("uses a password the admin typed", async () => {
      const email = freshEmail();
      const result = await createUserAction({ name: "Typed", email, role: "agent", passwordMode: "manual", password: "typed-by-admin-1" });
      expect(result.data?.oneTimePassword).toBe("typed-by-admin-1");
      expect(await verifyPassword("typed-by-admin-1", (await findUserByEmail(db(), email))!.passwordHash)).toBe(true);
    });

    it("refuses a taken email at the email field, whatever its case, and changes nothing", async () => {
      const before = (await latestAuditEntries(db(), 1))[0]?.id;
      const result = await createUserAction({ name: "Copy", email: "Marketer@Demo.test", role: "agent", passwordMode: "generate" });
      expect(result.serverError).toEqual({ message: "A user with this email already exists.", code: "EMAIL_TAKEN", field: "email" });
      expect((await findUserByEmail(db(), "marketer@demo.test"))?.name).toBe("Mia Marketer");
      expect((await latestAuditEntries(db(), 1))[0]?.id).toBe(before);
    });

    it.each([
      [{ email: "not-an-email" }, "email", "Enter a valid email address, like name@example.com."],
      [{ name: "" }, "name", "Enter a name."],
      [{ name: "n".repeat(101) }, "name", "A name has at most 100 characters."],
      [{ role: "owner" }, "role", "Pick a role: admin, marketer or agent."],
      [{ passwordMode: "manual", password: "short" }, "password", "A password needs at least 12 characters."],
      [{ passwordMode: "manual", password: "p".repeat(73) }, "password", "A password has at most 72 characters."],
    ])("rejects %o at the %s field and creates nothing", async (change, field, message) => {
      const email = freshEmail();
      const input = { name: "Valid", email, role: "agent", passwordMode: "generate", ...change };
      const result = await createUserAction(input as Parameters<typeof createUserAction>[0]);
      expect(result.validationErrors).toMatchObject({ [field]: { _errors: [message] } });
      expect(result.data).toBeUndefined();
      expect(await findUserByEmail(db(), email)).toBeUndefined();
    });
  });

  describe("roles, disabling and the last admin", () => {
    const createUser = async (role: "admin" | "marketer" | "agent") => {
      const email = freshEmail();
      const result = await createUserAction({ name: `New ${role}`, email, role, passwordMode: "generate" });
      // As if they had signed in and replaced the one-time password, so they may act.
      await db().update(users).set({ mustChangePassword: false }).where(eq(users.id, result.data!.user.id));
      return result.data!.user;
    };

    it("changes a role and audits from and to", async () => {
      const user = await createUser("agent");
      const result = await changeUserRoleAction({ userId: user.id, role: "marketer" });
      expect(result.data).toMatchObject({ changed: true, user: { id: user.id, role: "marketer" } });
      const [entry] = await latestAuditEntries(db(), 1);
      expect(entry).toMatchObject({ action: "user.role_changed", targetId: user.id, details: { from: "agent", to: "marketer" } });
    });

    it("writes nothing when the role is already the one asked for", async () => {
      const user = await createUser("agent");
      const before = (await latestAuditEntries(db(), 1))[0]?.id;
      expect((await changeUserRoleAction({ userId: user.id, role: "agent" })).data?.changed).toBe(false);
      expect((await latestAuditEntries(db(), 1))[0]?.id).toBe(before);
    });

    it("answers NOT_FOUND for an unknown user", async () => {
      const result = await changeUserRoleAction({ userId: "00000000-0000-4000-8000-000000000000", role: "agent" });
      expect(result.serverError?.code).toBe("NOT_FOUND");
    });

    it("names the field for an id that is not a user id", async () => {
      const result = await setUserDisabledAction({ userId: "nope", disabled: true });
      expect(result.validationErrors).toMatchObject({ userId: { _errors: ["Pick a user from the list."] } });
    });

    it("disables and re-enables a user; the disabled user is signed out at once", async () => {
      const user = await createUser("marketer");
      const disabled = await setUserDisabledAction({ userId: user.id, disabled: true });
      expect(disabled.data).toMatchObject({ changed: true, user: { disabled: true } });
      expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "user.disabled", targetId: user.id });

      session.userId = user.id;
      const refused = await createUserAction({ name: "X", email: freshEmail(), role: "agent", passwordMode: "generate" });
      expect(refused.serverError?.code).toBe("UNAUTHENTICATED");

      await signInAs("admin@demo.test");
      const enabled = await setUserDisabledAction({ userId: user.id, disabled: false });
      expect(enabled.data?.user.disabled).toBe(false);
      expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "user.enabled", targetId: user.id });
    });

    it("resets a password to a new one-time password the user must change, ending their sessions", async () => {
      const user = await createUser("agent");
      await handle.db.execute(`update users set must_change_password = false where id = '${user.id}'`);
      const resetAt = Date.now();
      const result = await resetUserPasswordAction({ userId: user.id, passwordMode: "generate" });
      expect((await findUserByEmail(db(), user.email))!.sessionsValidFrom!.getTime()).toBeGreaterThanOrEqual(resetAt);
      expect(result.data?.user.mustChangePassword).toBe(true);
      const stored = await findUserByEmail(db(), user.email);
      expect(await verifyPassword(result.data!.oneTimePassword, stored!.passwordHash)).toBe(true);
      expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "user.password_reset", targetId: user.id });
    });

    it("refuses to demote or disable the only enabled admin, even themself, and changes nothing", async () => {
      const adminId = await idOf("admin@demo.test");
      const before = (await latestAuditEntries(db(), 1))[0]?.id;
      const demote = await changeUserRoleAction({ userId: adminId, role: "marketer" });
      expect(demote.serverError).toMatchObject({ code: "LAST_ADMIN", field: "role" });
      expect(demote.serverError?.message).toBe(
        "You are the only enabled admin. Make someone else an admin before you change the role.",
      );
      const disable = await setUserDisabledAction({ userId: adminId, disabled: true });
      expect(disable.serverError).toMatchObject({ code: "LAST_ADMIN" });
      const stored = await findUserByEmail(db(), "admin@demo.test");
      expect(stored).toMatchObject({ role: "admin", disabled: false });
      expect((await latestAuditEntries(db(), 1))[0]?.id).toBe(before);
    });

    it("counts only enabled admins: a disabled second admin does not make the first removable", async () => {
      const second = await createUser("admin");
      expect((await setUserDisabledAction({ userId: second.id, disabled: true })).data?.changed).toBe(true);
      const adminId = await idOf("admin@demo.test");
      expect((await changeUserRoleAction({ userId: adminId, role: "agent" })).serverError?.code).toBe("LAST_ADMIN");
      // Re-enabling a disabled admin is always allowed; then either may step down.
      expect((await setUserDisabledAction({ userId: second.id, disabled: false })).data?.changed).toBe(true);
      expect((await changeUserRoleAction({ userId: second.id, role: "agent" })).data?.changed).toBe(true);
    });

    it("lets an admin step down when another enabled admin remains", async () => {
      const other = await createUser("admin");
      session.userId = other.id;
      const result = await changeUserRoleAction({ userId: other.id, role: "marketer" });
      expect(result.data?.user.role).toBe("marketer");
      await signInAs("admin@demo.test");
    });

    it("lets exactly one of two admins demoting each other at the same moment succeed", async () => {
      const adminId = await idOf("admin@demo.test");
      const other = await createUser("admin");
      // Each request runs as a different admin, through the real action, at once.
      const results = await Promise.all([
        callAs.run(adminId, () => changeUserRoleAction({ userId: other.id, role: "agent" })),
        callAs.run(other.id, () => changeUserRoleAction({ userId: adminId, role: "agent" })),
      ]);
      const succeeded = results.filter((result) => result.data?.changed);
      const refused = results.filter((result) => result.serverError);
      expect(succeeded).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(["LAST_ADMIN", "FORBIDDEN", "UNAUTHENTICATED"]).toContain(refused[0]!.serverError!.code);
      const admins = await handle.db.execute(`select count(*)::int as n from users where role = 'admin' and not disabled`);
      const rows = (admins as unknown as { rows?: Array<{ n: number }> }).rows ?? (admins as unknown as Array<{ n: number }>);
      expect(rows[0]?.n).toBe(1);
      // Whoever is left is an admin again for the next tests.
      const adminLeft = (await findUserByEmail(db(), "admin@demo.test"))!.role === "admin";
      if (!adminLeft) {
        session.userId = other.id;
        await changeUserRoleAction({ userId: adminId, role: "admin" });
        await changeUserRoleAction({ userId: other.id, role: "agent" });
      }
    });
  });
});
