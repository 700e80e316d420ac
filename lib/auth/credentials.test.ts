import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findUserByEmail, insertUser } from "@/db/queries/users";
import { DEMO_PASSWORD, seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";

import { checkCredentials } from "./credentials";
import { hashPassword } from "./password";

describe.each(testDatabases)("checkCredentials on $name", (database) => {
  let handle: DatabaseHandle;
  const now = new Date("2026-03-01T10:00:00Z");
  const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  const attempt = (email: string, password: string, at = now, clientAddress = "10.0.0.1") =>
    checkCredentials(handle.db, { email, password, clientAddress }, at);

  beforeEach(async () => {
    handle = await database.open();
    await seedDemoUsers(handle.db);
  });
  afterEach(async () => {
    await handle.close();
  });

  it("accepts the right password, records the sign-in and audits it", async () => {
    const result = await attempt("  Agent@Demo.Test ", DEMO_PASSWORD);
    expect(result).toMatchObject({ ok: true, user: { email: "agent@demo.test", role: "agent", name: "Sam Agent" } });
    expect((await findUserByEmail(handle.db, "agent@demo.test"))?.lastSignInAt).toEqual(now);
    const [entry] = await latestAuditEntries(handle.db, 1);
    expect(entry).toMatchObject({ action: "user.signed_in", actorEmail: "agent@demo.test", targetType: "user" });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    expect(await attempt("agent@demo.test", "wrong-password")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("nobody@demo.test", DEMO_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled user even with the right password", async () => {
    await insertUser(handle.db, {
      email: "gone@demo.test",
      name: "Gone",
      role: "agent",
      disabled: true,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    expect(await attempt("gone@demo.test", DEMO_PASSWORD)).toEqual({ ok: false, reason: "disabled" });
  });

  it("slows down an account after five failures, even with the right password", async () => {
    for (let i = 0; i < 5; i += 1) await attempt("agent@demo.test", `wrong-${i}`, later(i));
    const blocked = await attempt("agent@demo.test", DEMO_PASSWORD, later(4.5));
    expect(blocked).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    // Another account from another address is not affected.
    expect((await attempt("admin@demo.test", DEMO_PASSWORD, later(4.5), "10.0.0.2")).ok).toBe(true);
    // Once the wait is over the right password works and clears the account's count.
    expect((await attempt("agent@demo.test", DEMO_PASSWORD, later(6))).ok).toBe(true);
    expect(await attempt("agent@demo.test", "wrong-again", later(7))).toEqual({ ok: false, reason: "invalid" });
  });
});
