import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findConnectionScope } from "@/db/queries/connection-access";
import { upsertConnections, updateConnection } from "@/db/queries/connections";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import { users } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { verifyPassword } from "@/lib/auth/password";
import { startSession } from "@/lib/auth/sessions";
import { loadTeam } from "@/lib/users/access";

import {
  changeUserRoleAction,
  createUserAction,
  resetUserPasswordAction,
  setUserAccessAction,
  setUserDisabledAction,
} from "./users";
import { ONE_TIME_PASSWORD_PATTERN } from "./users.schema";

// Each test says who is signed in (a user and one of their sessions); the database is a real one per test database.
// `as` runs one call as a given signed-in user, so two calls can run at once as two different admins.
type SignedIn = { userId: string; sessionId: string };
const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
const callAs = await vi.hoisted(async () => {
  const { AsyncLocalStorage } = await import("node:async_hooks");
  return new AsyncLocalStorage<{ userId: string; sessionId: string }>();
});
vi.mock("@/auth", () => ({
  auth: async () => {
    const signedIn = callAs.getStore() ?? session.current;
    return signedIn ? { user: { id: signedIn.userId }, sessionId: signedIn.sessionId, expires: "" } : null;
  },
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe.each(testDatabases)("user administration on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const idOf = async (email: string) => (await findUserByEmail(db(), email))!.id;
  const sessionOf = async (userId: string): Promise<SignedIn> => ({ userId, sessionId: (await startSession(db(), { userId })).id });
  const signInAsId = async (userId: string) => {
    session.current = await sessionOf(userId);
  };
  const signInAs = async (email: string | undefined) => {
    session.current = email ? await sessionOf(await idOf(email)) : undefined;
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
      setUserAccess: () => setUserAccessAction({ userId: someUserId, access: { all: true, connectionIds: [] } }),
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

      await signInAsId(user.id);
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
      const theirSession = await sessionOf(user.id);
      const asThem = () => callAs.run(theirSession, () => setUserDisabledAction({ userId: user.id, disabled: true }));
      expect((await asThem()).serverError?.code).toBe("FORBIDDEN");
      const resetAt = Date.now();
      const result = await resetUserPasswordAction({ userId: user.id, passwordMode: "generate" });
      expect((await asThem()).serverError?.code).toBe("UNAUTHENTICATED");
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
      await signInAsId(other.id);
      const result = await changeUserRoleAction({ userId: other.id, role: "marketer" });
      expect(result.data?.user.role).toBe("marketer");
      await signInAs("admin@demo.test");
    });

    it("lets exactly one of two admins demoting each other at the same moment succeed", async () => {
      const adminId = await idOf("admin@demo.test");
      const other = await createUser("admin");
      // Each request runs as a different admin, through the real action, at once.
      const [adminSession, otherSession] = [await sessionOf(adminId), await sessionOf(other.id)];
      const results = await Promise.all([
        callAs.run(adminSession, () => changeUserRoleAction({ userId: other.id, role: "agent" })),
        callAs.run(otherSession, () => changeUserRoleAction({ userId: adminId, role: "agent" })),
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
        await signInAsId(other.id);
        await changeUserRoleAction({ userId: adminId, role: "admin" });
        await changeUserRoleAction({ userId: other.id, role: "agent" });
      }
    });
  });

  describe("access by connection", () => {
    const LUMEN = "c0ffee00-0000-4000-8000-000000000001";
    const HARBOR = "de47a100-0000-4000-8000-000000000002";
    const GONE = "90de0000-0000-4000-8000-000000000003";

    beforeAll(async () => {
      const linked = (id: string) => ({ id, status: "ACTIVE", connectUrl: null, matonCreatedAt: null, matonUpdatedAt: null });
      await upsertConnections(db(), [linked(LUMEN), linked(HARBOR), linked(GONE)]);
      await updateConnection(db(), LUMEN, { label: "Lumen Coffee Roasters", isDefault: true });
      await updateConnection(db(), HARBOR, { label: "Harbor Dental Clinic" });
      await updateConnection(db(), GONE, { label: "Old Bakery", unlinkedAt: new Date() });
    });

    const newUser = async (role: "admin" | "marketer" | "agent", access?: { all: boolean; connectionIds: string[] }) => {
      const result = await createUserAction({ name: `Access ${role}`, email: freshEmail(), role, passwordMode: "generate", access });
      expect(result.serverError).toBeUndefined();
      return result.data!.user;
    };
    const latestAudit = async () => (await latestAuditEntries(db(), 1))[0];
    const memberAccess = async (userId: string) => (await loadTeam(db())).members.find((member) => member.id === userId)?.access;

    it("gives an agent exactly the chosen connections, audits from and to, and lists them on the team page", async () => {
      const agent = await newUser("agent");
      const result = await setUserAccessAction({ userId: agent.id, access: { all: false, connectionIds: [LUMEN] } });
      expect(result.data).toEqual({ changed: true, access: { kind: "some", connectionIds: [LUMEN] } });
      expect(await findConnectionScope(db(), agent.id)).toEqual({ all: false, connectionIds: [LUMEN] });
      expect(await latestAudit()).toMatchObject({
        action: "user.access_changed",
        actorEmail: "admin@demo.test",
        targetId: agent.id,
        details: { email: agent.email, from: "No connections", to: "Lumen Coffee Roasters", added: [LUMEN] },
      });
      expect(await memberAccess(agent.id)).toEqual({ kind: "some", connectionIds: [LUMEN] });

      await setUserAccessAction({ userId: agent.id, access: { all: false, connectionIds: [HARBOR] } });
      expect(await findConnectionScope(db(), agent.id)).toEqual({ all: false, connectionIds: [HARBOR] });
      expect((await latestAudit())?.details).toMatchObject({
        from: "Lumen Coffee Roasters",
        to: "Harbor Dental Clinic",
        added: [HARBOR],
        removed: [LUMEN],
      });
    });

    it("gives all connections, including ones linked later, and narrows them again", async () => {
      const marketer = await newUser("marketer", { all: false, connectionIds: [HARBOR] });
      expect((await setUserAccessAction({ userId: marketer.id, access: { all: true, connectionIds: [LUMEN] } })).data).toEqual({
        changed: true,
        access: { kind: "all" },
      });
      expect(await findConnectionScope(db(), marketer.id)).toEqual({ all: true });
      expect((await latestAudit())?.details).toMatchObject({ from: "Harbor Dental Clinic", to: "All connections", removed: [HARBOR] });
      expect(await memberAccess(marketer.id)).toEqual({ kind: "all" });

      await setUserAccessAction({ userId: marketer.id, access: { all: false, connectionIds: [LUMEN, HARBOR] } });
      expect(await findConnectionScope(db(), marketer.id)).toMatchObject({ all: false, connectionIds: expect.arrayContaining([LUMEN, HARBOR]) });
      expect((await latestAudit())?.details).toMatchObject({ from: "All connections", to: expect.stringContaining("Lumen Coffee Roasters") });
    });

    it("writes nothing when the access asked for is the one already held, in any order, with repeats", async () => {
      const agent = await newUser("agent", { all: false, connectionIds: [LUMEN, HARBOR] });
      const before = (await latestAudit())?.id;
      const result = await setUserAccessAction({ userId: agent.id, access: { all: false, connectionIds: [HARBOR, LUMEN, HARBOR] } });
      expect(result.data?.changed).toBe(false);
      expect((await latestAudit())?.id).toBe(before);
    });

    it("refuses an id that is no known connection, naming it at the access field, and changes nothing", async () => {
      const agent = await newUser("agent", { all: false, connectionIds: [LUMEN] });
      const before = (await latestAudit())?.id;
      const result = await setUserAccessAction({ userId: agent.id, access: { all: false, connectionIds: [HARBOR, "no-such-connection"] } });
      expect(result.serverError).toEqual({
        message: 'No connection has the id "no-such-connection". Reload the page and choose again.',
        code: "UNKNOWN_CONNECTION",
        field: "access",
      });
      expect(await findConnectionScope(db(), agent.id)).toEqual({ all: false, connectionIds: [LUMEN] });
      expect((await latestAudit())?.id).toBe(before);
    });

    it("keeps an unlinked connection's grant until it is removed, and offers it by its name", async () => {
      const agent = await newUser("agent", { all: false, connectionIds: [LUMEN, GONE] });
      expect(await findConnectionScope(db(), agent.id)).toMatchObject({ connectionIds: expect.arrayContaining([LUMEN, GONE]) });
      const { connections } = await loadTeam(db());
      expect(connections.find((connection) => connection.id === GONE)).toEqual({
        id: GONE,
        label: "Old Bakery",
        status: "ACTIVE",
        isDefault: false,
        unlinked: true,
      });
      // Linked connections come first.
      expect(connections.at(-1)?.id).toBe(GONE);
      await setUserAccessAction({ userId: agent.id, access: { all: false, connectionIds: [LUMEN] } });
      expect(await findConnectionScope(db(), agent.id)).toEqual({ all: false, connectionIds: [LUMEN] });
      expect((await latestAudit())?.details).toMatchObject({ removed: [GONE] });
    });

    it("refuses to narrow an admin's access, and takes all connections for one as no change", async () => {
      const admin = await newUser("admin");
      const before = (await latestAudit())?.id;
      const narrowed = await setUserAccessAction({ userId: admin.id, access: { all: false, connectionIds: [LUMEN] } });
      expect(narrowed.serverError).toMatchObject({ code: "ADMIN_HAS_ALL", field: "access" });
      expect(narrowed.serverError?.message).toBe(
        "Admins always have every connection, including ones linked later. To limit Access admin's access, choose another role first.",
      );
      expect(await findConnectionScope(db(), admin.id)).toEqual({ all: true });
      const all = await setUserAccessAction({ userId: admin.id, access: { all: true, connectionIds: [] } });
      expect(all.data).toEqual({ changed: false, access: { kind: "admin" } });
      expect((await latestAudit())?.id).toBe(before);
    });

    it("answers NOT_FOUND for an unknown user and names the field for a malformed request", async () => {
      const unknown = await setUserAccessAction({ userId: "00000000-0000-4000-8000-000000000000", access: { all: true, connectionIds: [] } });
      expect(unknown.serverError?.code).toBe("NOT_FOUND");
      const malformed = await setUserAccessAction({ userId: "nope", access: { all: false, connectionIds: [""] } });
      expect(malformed.validationErrors).toMatchObject({ userId: { _errors: ["Pick a user from the list."] } });
    });

    describe("when creating a user", () => {
      it("stores the chosen connections and records them in the creation's audit entry", async () => {
        const agent = await newUser("agent", { all: false, connectionIds: [HARBOR, LUMEN] });
        expect(agent.access).toEqual({ kind: "some", connectionIds: [HARBOR, LUMEN] });
        expect(await findConnectionScope(db(), agent.id)).toMatchObject({ all: false, connectionIds: expect.arrayContaining([HARBOR, LUMEN]) });
        expect(await latestAudit()).toMatchObject({
          action: "user.created",
          targetId: agent.id,
          details: { access: "Harbor Dental Clinic, Lumen Coffee Roasters", connectionIds: [HARBOR, LUMEN] },
        });
      });

      it("gives a marketer or agent no connection when none is asked for", async () => {
        const agent = await newUser("agent");
        expect(await findConnectionScope(db(), agent.id)).toEqual({ all: false, connectionIds: [] });
        expect((await latestAudit())?.details).toMatchObject({ access: "No connections" });
        expect(await memberAccess(agent.id)).toEqual({ kind: "some", connectionIds: [] });
      });

      it("gives all connections when asked", async () => {
        const marketer = await newUser("marketer", { all: true, connectionIds: [] });
        expect(await findConnectionScope(db(), marketer.id)).toEqual({ all: true });
      });

      it("gives an admin every connection, and refuses a narrower choice for one, creating nothing", async () => {
        const admin = await newUser("admin");
        expect(admin.access).toEqual({ kind: "admin" });
        expect(await findConnectionScope(db(), admin.id)).toEqual({ all: true });
        const email = freshEmail();
        const refused = await createUserAction({
          name: "Narrow Admin",
          email,
          role: "admin",
          passwordMode: "generate",
          access: { all: false, connectionIds: [LUMEN] },
        });
        expect(refused.serverError).toMatchObject({ code: "ADMIN_HAS_ALL", field: "access" });
        expect(await findUserByEmail(db(), email)).toBeUndefined();
      });

      it("refuses unknown connection ids, naming each, and creates nothing", async () => {
        const email = freshEmail();
        const result = await createUserAction({
          name: "Unknown Access",
          email,
          role: "agent",
          passwordMode: "generate",
          access: { all: false, connectionIds: [LUMEN, "gone-1", "gone-2"] },
        });
        expect(result.serverError).toEqual({
          message: 'No connections have the ids "gone-1", "gone-2". Reload the page and choose again.',
          code: "UNKNOWN_CONNECTION",
          field: "access",
        });
        expect(await findUserByEmail(db(), email)).toBeUndefined();
      });
    });

    it("gives a user made admin every connection, audited, and they keep it when given another role again", async () => {
      const agent = await newUser("agent", { all: false, connectionIds: [LUMEN] });
      await db().update(users).set({ mustChangePassword: false }).where(eq(users.id, agent.id));
      expect((await changeUserRoleAction({ userId: agent.id, role: "admin" })).data?.changed).toBe(true);
      expect(await findConnectionScope(db(), agent.id)).toEqual({ all: true });
      expect(await latestAudit()).toMatchObject({
        action: "user.access_changed",
        targetId: agent.id,
        details: { from: "Lumen Coffee Roasters", to: "All connections", reason: "made admin" },
      });
      expect((await changeUserRoleAction({ userId: agent.id, role: "marketer" })).data?.changed).toBe(true);
      expect(await findConnectionScope(db(), agent.id)).toEqual({ all: true });
      expect(await memberAccess(agent.id)).toEqual({ kind: "all" });
    });

    it("keeps every connection for a former admin whose row did not record it", async () => {
      const email = freshEmail();
      const stored = (await insertUser(db(), { email, name: "Old Admin", role: "admin", passwordHash: "x", allConnections: false }))!;
      expect((await changeUserRoleAction({ userId: stored.id, role: "agent" })).data?.changed).toBe(true);
      expect(await findConnectionScope(db(), stored.id)).toEqual({ all: true });
      expect((await latestAudit())?.details).toMatchObject({ from: "No connections", to: "All connections", reason: "kept from the admin role" });
    });
  });
});
