import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { findShellSnapshot } from "@/db/queries/shell";
import { insertUser } from "@/db/queries/users";
import { connections, users } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";

import { pickWorkingConnection, workingConnection } from "./working-connection";

describe.each(testDatabases)("the working connection on $name", (database) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await database.open();
  });
  afterEach(async () => {
    await handle.close();
  });

  const addUser = async (email: string) => (await insertUser(handle.db, { email, name: email, role: "admin", passwordHash: "hash" }))!;
  const at = (day: number) => new Date(Date.UTC(2026, 0, day));

  it("picks the working connection as the header does: the user's pick, else the default, else the oldest of theirs", async () => {
    const user = await addUser("picker@x.test");
    await handle.db.insert(connections).values([
      { id: "a", status: "ACTIVE", matonCreatedAt: at(1) },
      { id: "b", status: "ACTIVE", matonCreatedAt: at(2), isDefault: true },
      { id: "c", status: "ACTIVE", matonCreatedAt: at(3) },
      { id: "gone", status: "ACTIVE", matonCreatedAt: at(4), unlinkedAt: at(5) },
    ]);
    const pick = async (selected: string | null, scope: Parameters<typeof pickWorkingConnection>[2]) => {
      await handle.db.update(users).set({ selectedConnectionId: selected }).where(eq(users.id, user.id));
      const snapshot = await findShellSnapshot(handle.db, user.id);
      const picked = pickWorkingConnection(snapshot.usableConnections, snapshot.selectedConnectionId, scope)?.id;
      // The header's pick (from the frame's snapshot) and the one gateway calls use are the same.
      expect((await workingConnection(handle.db, { id: user.id, connections: scope }))?.id).toBe(picked);
      return picked;
    };
    expect(await pick("c", { all: true })).toBe("c");
    expect(await pick(null, { all: true })).toBe("b");
    // A pick that is no longer usable, or outside the user's connections, falls back.
    expect(await pick("gone", { all: true })).toBe("b");
    expect(await pick("c", { all: false, connectionIds: ["a"] })).toBe("a");
    expect(await pick(null, { all: false, connectionIds: ["c", "a"] })).toBe("a");
    expect(await pick(null, { all: false, connectionIds: [] })).toBeUndefined();
  });
});
