import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "../client";
import { testDatabases } from "../test-databases";
import {
  findUserByEmail,
  findUserByIdForUpdate,
  insertUser,
  listUsers,
  lockEnabledAdmins,
  updateUser,
} from "./users";

describe.each(testDatabases)("user queries on $name", (database) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await database.open();
  });
  afterEach(async () => {
    await handle.close();
  });

  const addUser = (email: string, role: "admin" | "marketer" | "agent", extra: { disabled?: boolean; name?: string } = {}) =>
    insertUser(handle.db, { email, name: extra.name ?? email, role, passwordHash: "hash", disabled: extra.disabled ?? false });

  it("lists users without password hashes, enabled first, then by name", async () => {
    await addUser("b@x.test", "agent", { name: "Bea" });
    await addUser("a@x.test", "admin", { name: "Zed", disabled: true });
    await addUser("c@x.test", "marketer", { name: "Al" });
    const listed = await listUsers(handle.db);
    expect(listed.map((user) => user.name)).toEqual(["Al", "Bea", "Zed"]);
    expect(listed[0]).not.toHaveProperty("passwordHash");
  });

  it("updates only the given columns and answers undefined for an unknown id", async () => {
    const user = (await addUser("u@x.test", "agent"))!;
    const updated = await updateUser(handle.db, user.id, { role: "marketer", mustChangePassword: true });
    expect(updated).toMatchObject({ role: "marketer", mustChangePassword: true, name: "u@x.test", disabled: false });
    expect(await updateUser(handle.db, "00000000-0000-4000-8000-000000000000", { name: "x" })).toBeUndefined();
    expect(await findUserByIdForUpdate(handle.db, user.id)).toMatchObject({ passwordHash: "hash" });
  });

  it("locks the enabled admins only", async () => {
    const first = (await addUser("one@x.test", "admin"))!;
    await addUser("two@x.test", "admin", { disabled: true });
    await addUser("three@x.test", "marketer");
    expect(await handle.db.transaction((tx) => lockEnabledAdmins(tx))).toEqual([first.id]);
  });

  it("makes a second transaction wait for the first, then see its change", async () => {
    const first = (await addUser("first@x.test", "admin"))!;
    const second = (await addUser("second@x.test", "admin"))!;
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstHasLock!: () => void;
    const firstLocked = new Promise<void>((resolve) => (firstHasLock = resolve));

    const firstTransaction = handle.db.transaction(async (tx) => {
      expect(await lockEnabledAdmins(tx)).toHaveLength(2);
      firstHasLock();
      await firstMayCommit;
      await updateUser(tx, second.id, { role: "agent" });
    });
    await firstLocked;
    const secondTransaction = handle.db.transaction(async (tx) => lockEnabledAdmins(tx));
    // Give the second transaction time to run into the lock before the first one commits.
    await new Promise((resolve) => setTimeout(resolve, 200));
    releaseFirst();
    await firstTransaction;
    expect(await secondTransaction).toEqual([first.id]);
    expect((await findUserByEmail(handle.db, "second@x.test"))?.role).toBe("agent");
  });
});
