import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "../client";
import { auditLog } from "../schema";
import { testDatabases } from "../test-databases";
import { listAuditActions, listAuditEntries, recordAudit } from "./audit";
import { insertUser } from "./users";

describe.each(testDatabases)("audit log queries on $name", (database) => {
  let handle: DatabaseHandle;
  let ada: { id: string; email: string };
  let bob: { id: string; email: string };

  beforeEach(async () => {
    handle = await database.open();
    ada = (await insertUser(handle.db, { email: "ada@x.test", name: "Ada", role: "admin", passwordHash: "h" }))!;
    bob = (await insertUser(handle.db, { email: "bob@x.test", name: "Bob", role: "agent", passwordHash: "h" }))!;
    const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 0, day, hour));
    await handle.db.insert(auditLog).values([
      { at: at(1), actorId: ada.id, actorEmail: ada.email, action: "user.created", targetType: "user", targetId: bob.id },
      { at: at(2), actorId: bob.id, actorEmail: bob.email, action: "user.signed_in", targetType: "user", targetId: bob.id },
      { at: at(3), actorId: ada.id, actorEmail: ada.email, action: "template.deleted", targetType: "template", targetId: "tpl_1" },
      { at: at(3, 23), actorId: ada.id, actorEmail: ada.email, action: "user.role_changed", targetType: "user", targetId: bob.id },
      { at: at(4), actorId: null, actorEmail: null, action: "webhook.replayed", targetType: "webhook_event", targetId: "7" },
    ]);
  });
  afterEach(async () => {
    await handle.close();
  });

  it("pages newest first and counts every match", async () => {
    const first = await listAuditEntries(handle.db, {}, { page: 1, pageSize: 2 });
    expect(first.total).toBe(5);
    expect(first.entries.map((entry) => entry.action)).toEqual(["webhook.replayed", "user.role_changed"]);
    const last = await listAuditEntries(handle.db, {}, { page: 3, pageSize: 2 });
    expect(last.entries.map((entry) => entry.action)).toEqual(["user.created"]);
  });

  it("names the actor and, for users, the target's email", async () => {
    const { entries } = await listAuditEntries(handle.db, { action: "user.created" }, { page: 1, pageSize: 10 });
    expect(entries[0]).toMatchObject({ actorName: "Ada", targetLabel: "bob@x.test", targetId: bob.id });
    const template = await listAuditEntries(handle.db, { action: "template.deleted" }, { page: 1, pageSize: 10 });
    expect(template.entries[0]).toMatchObject({ targetLabel: null, targetId: "tpl_1" });
  });

  it("filters by actor, action and a date range", async () => {
    const byAda = await listAuditEntries(handle.db, { actorId: ada.id }, { page: 1, pageSize: 10 });
    expect(byAda.total).toBe(3);
    const signIns = await listAuditEntries(handle.db, { action: "user.signed_in" }, { page: 1, pageSize: 10 });
    expect(signIns.entries.map((entry) => entry.actorEmail)).toEqual(["bob@x.test"]);
    const dayThree = await listAuditEntries(
      handle.db,
      { from: new Date(Date.UTC(2026, 0, 3)), before: new Date(Date.UTC(2026, 0, 4)) },
      { page: 1, pageSize: 10 },
    );
    expect(dayThree.entries.map((entry) => entry.action)).toEqual(["user.role_changed", "template.deleted"]);
    const combined = await listAuditEntries(handle.db, { actorId: ada.id, action: "user.created", before: new Date(Date.UTC(2026, 0, 2)) }, { page: 1, pageSize: 10 });
    expect(combined.total).toBe(1);
  });

  it("lists the distinct actions recorded, sorted", async () => {
    await recordAudit(handle.db, { actor: ada, action: "user.created" });
    expect(await listAuditActions(handle.db)).toEqual([
      "template.deleted",
      "user.created",
      "user.role_changed",
      "user.signed_in",
      "webhook.replayed",
    ]);
  });
});
