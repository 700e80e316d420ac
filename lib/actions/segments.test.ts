/** Segment actions: who may, names unique whatever their case, filters checked, every change audited. */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { findUserByEmail } from "@/db/queries/users";
import { contactAttributeDefinitions } from "@/db/schema";
import { seedDemoUsers } from "@/db/seed";
import { testDatabases } from "@/db/test-databases";
import { startSession } from "@/lib/auth/sessions";
import { listSegments } from "@/lib/contacts/segments";

import { createSegmentAction, deleteSegmentAction, updateSegmentAction } from "./segments";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));

describe.each(testDatabases)("segment actions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;

  const signInAs = async (role: "admin" | "marketer" | "agent") => {
    const user = (await findUserByEmail(db(), `${role}@demo.test`))!;
    session.current = { userId: user.id, sessionId: (await startSession(db(), { userId: user.id })).id };
    return user;
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
    await seedDemoUsers(handle.db);
    await handle.db.insert(contactAttributeDefinitions).values({ key: "plan", name: "Plan", type: "choice", options: ["Basic", "Pro"] });
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
  });

  it("refuses without a session and refuses agents, changing nothing", async () => {
    expect((await createSegmentAction({ name: "Nobody's", filter: {} })).serverError?.code).toBe("UNAUTHENTICATED");
    await signInAs("agent");
    const refused = await createSegmentAction({ name: "Agent's", filter: {} });
    expect(refused.serverError).toMatchObject({ code: "FORBIDDEN" });
    expect((await updateSegmentAction({ segmentId: "00000000-0000-4000-8000-000000000000", name: "x" })).serverError?.code).toBe("FORBIDDEN");
    expect((await deleteSegmentAction({ segmentId: "00000000-0000-4000-8000-000000000000" })).serverError?.code).toBe("FORBIDDEN");
    expect(await listSegments(db())).toEqual([]);
  });

  it("lets a marketer create, rename and delete a segment, each audited", async () => {
    const marketer = await signInAs("marketer");
    const created = await createSegmentAction({ name: "  Pro customers ", filter: { attributes: [{ key: "plan", op: "eq", value: "Pro" }], consent: ["opted_in"] } });
    expect(created.serverError).toBeUndefined();
    const segment = created.data!;
    expect(segment).toMatchObject({ name: "Pro customers", createdBy: { id: marketer.id }, filter: { consent: ["opted_in"] } });
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "segment.created", actorId: marketer.id, targetType: "segment", targetId: segment.id });

    const renamed = await updateSegmentAction({ segmentId: segment.id, name: "Pro buyers" });
    expect(renamed.data).toMatchObject({ id: segment.id, name: "Pro buyers" });
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({
      action: "segment.updated",
      details: { name: { before: "Pro customers", after: "Pro buyers" } },
    });

    expect((await deleteSegmentAction({ segmentId: segment.id })).serverError).toBeUndefined();
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({ action: "segment.deleted", targetId: segment.id, details: { name: "Pro buyers" } });
    expect(await listSegments(db())).toEqual([]);
    expect((await deleteSegmentAction({ segmentId: segment.id })).serverError).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a name taken in another case, a bad name and a filter that does not fit the attributes, each at its field", async () => {
    await signInAs("admin");
    const first = await createSegmentAction({ name: "Lisbon", filter: {} });
    expect(first.data).toBeDefined();
    const before = (await latestAuditEntries(db(), 1))[0]!.id;

    expect((await createSegmentAction({ name: "LISBON", filter: {} })).serverError).toMatchObject({
      code: "CONFLICT",
      field: "name",
      message: "A segment named “LISBON” already exists.",
    });
    const other = (await createSegmentAction({ name: "Porto", filter: {} })).data!;
    expect((await updateSegmentAction({ segmentId: other.id, name: "lisbon" })).serverError).toMatchObject({ code: "CONFLICT", field: "name" });

    const tooLong = await createSegmentAction({ name: "x".repeat(81), filter: {} });
    expect(tooLong.validationErrors).toMatchObject({ name: { _errors: ["A segment name can be at most 80 characters."] } });

    expect((await createSegmentAction({ name: "Gold", filter: { attributes: [{ key: "plan", op: "eq", value: "Gold" }] } })).serverError).toMatchObject({
      code: "INVALID_INPUT",
      field: "filter.attributes.0.value",
      message: "“Gold” is not one of the options of “plan”.",
    });
    expect((await updateSegmentAction({ segmentId: other.id, filter: { attributes: [{ key: "shoe", op: "is_set" }] } })).serverError).toMatchObject({
      field: "filter.attributes.0.key",
    });
    const names = (await listSegments(db())).map((segment) => segment.name);
    expect(names).toEqual(["Lisbon", "Porto"]);
    // Only the one successful creation after the first was audited.
    const entries = await latestAuditEntries(db(), 5);
    expect(entries.filter((entry) => entry.id > before).map((entry) => entry.action)).toEqual(["segment.created"]);
  });
});
