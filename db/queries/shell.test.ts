import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "../client";
import { connections, users, webhookEndpoints, webhookEvents } from "../schema";
import { testDatabases } from "../test-databases";
import { countEndpointsDisabledForFailing } from "./outbound-webhooks";
import { findShellSnapshot } from "./shell";
import { insertUser } from "./users";
import { countWebhookEventsNeedingAttention } from "./webhook-events";

describe.each(testDatabases)("the dashboard frame's snapshot on $name", (database) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await database.open();
  });
  afterEach(async () => {
    await handle.close();
  });

  const addUser = async (email: string) => (await insertUser(handle.db, { email, name: email, role: "admin", passwordHash: "hash" }))!;
  const at = (day: number) => new Date(Date.UTC(2026, 0, day));

  it("lists the usable connections oldest first, with the user's pick", async () => {
    const user = await addUser("frame@x.test");
    await handle.db.insert(connections).values([
      { id: "newer", status: "ACTIVE", matonCreatedAt: at(3) },
      { id: "older", status: "ACTIVE", matonCreatedAt: at(1), isDefault: true },
      { id: "undated", status: "ACTIVE" },
      { id: "pending", status: "PENDING", matonCreatedAt: at(2) },
      { id: "unlinked", status: "ACTIVE", matonCreatedAt: at(2), unlinkedAt: at(4) },
    ]);
    await handle.db.update(users).set({ selectedConnectionId: "newer" }).where(eq(users.id, user.id));

    const snapshot = await findShellSnapshot(handle.db, user.id);
    expect(snapshot.usableConnections.map((connection) => connection.id)).toEqual(["older", "newer", "undated"]);
    expect(snapshot).toMatchObject({ selectedConnectionId: "newer", disabledEndpoints: 0, deliveriesNeedingAttention: 0 });
    // An unknown user (a session that ended meanwhile): nothing, rather than an error.
    expect(await findShellSnapshot(handle.db, "00000000-0000-4000-8000-000000000000")).toEqual({
      usableConnections: [],
      selectedConnectionId: null,
      disabledEndpoints: 0,
      deliveriesNeedingAttention: 0,
    });
    expect(snapshot.usableConnections[0]).toMatchObject({ id: "older", isDefault: true, status: "ACTIVE" });
  });

  it("counts what admins are told about, as the settings pages' own counts do", async () => {
    const user = await addUser("admin-frame@x.test");
    await handle.db.insert(webhookEndpoints).values([
      { url: "https://x.test/a", events: ["message.received"], secret: "whsec_a", enabled: false, disabledReason: "failing" },
      { url: "https://x.test/b", events: ["message.received"], secret: "whsec_b", enabled: false, disabledReason: "admin" },
      { url: "https://x.test/c", events: ["message.received"], secret: "whsec_c" },
    ]);
    await handle.db.insert(webhookEvents).values([
      { body: "{}", authenticatedBy: "signature", error: "broken" },
      { body: "{}", authenticatedBy: "signature", attention: 2 },
      { body: "{}", authenticatedBy: "signature" },
    ]);
    const snapshot = await findShellSnapshot(handle.db, user.id);
    // No connection at all: one row all the same, carrying the counts.
    expect(snapshot).toEqual({ usableConnections: [], selectedConnectionId: null, disabledEndpoints: 1, deliveriesNeedingAttention: 2 });
    expect(snapshot.disabledEndpoints).toBe(await countEndpointsDisabledForFailing(handle.db));
    expect(snapshot.deliveriesNeedingAttention).toBe(await countWebhookEventsNeedingAttention(handle.db));
  });
});
