import { createHash } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { latestAuditEntries } from "@/db/queries/audit";
import { insertUser } from "@/db/queries/users";
import { apiTokens, auditLog } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";
import { authenticateApiToken, createApiToken } from "@/lib/api-tokens/service";
import { startSession } from "@/lib/auth/sessions";

import { createApiTokenAction, revokeApiTokenAction } from "./api-tokens";

const session = vi.hoisted(() => ({ current: undefined as { userId: string; sessionId: string } | undefined }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId, expires: "" } : null),
}));
const database = vi.hoisted(() => ({ handle: undefined as unknown as import("@/db/client").DatabaseHandle }));
vi.mock("@/db", () => ({ getDb: async () => database.handle.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

describe.each(testDatabases)("API token actions on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  let counter = 0;

  /** A fresh user of the given role, signed in. */
  const signInAsNewUser = async (role: "admin" | "marketer" | "agent") => {
    const email = `tokens-${Date.now()}-${(counter += 1)}@example.test`;
    const user = (await insertUser(db(), { email, name: `Person ${counter}`, role, passwordHash: "x" }))!;
    session.current = { userId: user.id, sessionId: (await startSession(db(), { userId: user.id })).id };
    return user;
  };
  const tokenRows = async (userId: string) => db().select().from(apiTokens).where(eq(apiTokens.userId, userId));
  const auditCount = async () => (await db().select({ id: auditLog.id }).from(auditLog)).length;

  beforeAll(async () => {
    handle = await testDatabase.open();
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(() => {
    database.handle = handle;
    session.current = undefined;
  });

  it("refuses both actions without a session", async () => {
    expect((await createApiTokenAction({ name: "x", expiry: "never" })).serverError?.code).toBe("UNAUTHENTICATED");
    expect((await revokeApiTokenAction({ tokenId: "00000000-0000-4000-8000-000000000000" })).serverError?.code).toBe("UNAUTHENTICATED");
  });

  it.each(["agent", "marketer", "admin"] as const)("lets an %s create a token, shown once and stored only as its hash, and audits it", async (role) => {
    const me = await signInAsNewUser(role);
    const result = await createApiTokenAction({ name: " Deploy bot ", expiry: "30" });
    expect(result.serverError).toBeUndefined();
    const { token, record } = result.data!;
    expect(token).toMatch(/^wbd_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: "Deploy bot", prefix: token.slice(0, 12), status: "active", owner: { id: me.id, email: me.email } });
    expect(record.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * DAY);
    expect(record.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(30 * DAY);
    expect(JSON.stringify(record)).not.toContain(token);

    const [row] = await tokenRows(me.id);
    expect(row!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(Object.values(row!).map(String)).not.toContain(token);
    expect((await authenticateApiToken(db(), token)).ok).toBe(true);

    const [entry] = await latestAuditEntries(db(), 1);
    expect(entry).toMatchObject({
      action: "api_token.created",
      actorId: me.id,
      targetType: "api_token",
      targetId: record.id,
      details: { name: "Deploy bot", prefix: token.slice(0, 12), ownerId: me.id, ownerEmail: me.email },
    });
    expect(JSON.stringify(entry)).not.toContain(token.slice(12));
  });

  it("keeps a token without expiry, or until the end of a chosen day", async () => {
    const me = await signInAsNewUser("agent");
    const never = await createApiTokenAction({ name: "forever", expiry: "never" });
    expect(never.data?.record.expiresAt).toBeNull();
    const day = isoDay(new Date(Date.now() + 10 * DAY));
    const custom = await createApiTokenAction({ name: "custom", expiry: "custom", expiresOn: day });
    // Outside a request the time zone is UTC: the last millisecond of that day there.
    expect(custom.data?.record.expiresAt).toEqual(new Date(`${day}T23:59:59.999Z`));
    expect(await tokenRows(me.id)).toHaveLength(2);
  });

  it("refuses a bad name or expiry at its field and changes nothing", async () => {
    const me = await signInAsNewUser("agent");
    await createApiTokenAction({ name: "Taken", expiry: "never" });
    const tokensBefore = (await tokenRows(me.id)).length;
    const auditBefore = await auditCount();

    const blank = await createApiTokenAction({ name: "   ", expiry: "never" });
    expect(blank.validationErrors).toMatchObject({ name: { _errors: ["Give the token a name."] } });
    const long = await createApiTokenAction({ name: "x".repeat(81), expiry: "never" });
    expect(long.validationErrors).toMatchObject({ name: { _errors: ["Use at most 80 characters for the name."] } });
    const taken = await createApiTokenAction({ name: "taken", expiry: "never" });
    expect(taken.serverError).toEqual({
      message: "You already have an active token named “taken”. Choose another name.",
      code: "NAME_TAKEN",
      field: "name",
    });

    const noDate = await createApiTokenAction({ name: "no date", expiry: "custom" });
    expect(noDate.validationErrors).toMatchObject({ expiresOn: { _errors: ["Choose the date the token expires."] } });
    const impossible = await createApiTokenAction({ name: "impossible", expiry: "custom", expiresOn: "2030-02-30" });
    expect(impossible.serverError).toMatchObject({ code: "INVALID_INPUT", field: "expiresOn" });
    const past = await createApiTokenAction({ name: "past", expiry: "custom", expiresOn: isoDay(new Date(Date.now() - 2 * DAY)) });
    expect(past.serverError).toEqual({ message: "The expiry date must be in the future.", code: "INVALID_INPUT", field: "expiresOn" });
    const far = await createApiTokenAction({ name: "far", expiry: "custom", expiresOn: isoDay(new Date(Date.now() + 400 * DAY)) });
    expect(far.serverError).toEqual({
      message: "A token can expire at most one year from today.",
      code: "INVALID_INPUT",
      field: "expiresOn",
    });
    // A choice the form does not offer.
    const unknown = await createApiTokenAction({ name: "odd", expiry: "7" as never });
    expect(unknown.validationErrors).toMatchObject({ expiry: { _errors: ["Choose when the token expires."] } });

    expect(await tokenRows(me.id)).toHaveLength(tokensBefore);
    expect(await auditCount()).toBe(auditBefore);
  });

  it("lets the owner revoke their token once; revoking again answers without an error", async () => {
    const me = await signInAsNewUser("marketer");
    const { token, record } = (await createApiTokenAction({ name: "mine", expiry: "never" })).data!;
    const first = await revokeApiTokenAction({ tokenId: record.id });
    expect(first.data).toMatchObject({ alreadyRevoked: false, record: { status: "revoked", revokedBy: { id: me.id } } });
    expect(await authenticateApiToken(db(), token)).toEqual({ ok: false, reason: "revoked" });
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({
      action: "api_token.revoked",
      actorId: me.id,
      targetId: record.id,
      details: { name: "mine", prefix: record.prefix, ownerId: me.id },
    });
    const auditBefore = await auditCount();
    const second = await revokeApiTokenAction({ tokenId: record.id });
    expect(second.data).toMatchObject({ alreadyRevoked: true, record: { status: "revoked" } });
    expect(await auditCount()).toBe(auditBefore);
  });

  it("does not let an agent revoke another user's token, and lets an admin", async () => {
    const owner = await signInAsNewUser("marketer");
    const { token, record } = await createApiToken(db(), owner, { name: "owner's", expiresAt: null });

    await signInAsNewUser("agent");
    const auditBefore = await auditCount();
    const refused = await revokeApiTokenAction({ tokenId: record.id });
    expect(refused.serverError).toEqual({ message: "This token does not exist or is not yours.", code: "NOT_FOUND", field: "tokenId" });
    expect((await authenticateApiToken(db(), token)).ok).toBe(true);
    expect(await auditCount()).toBe(auditBefore);

    const admin = await signInAsNewUser("admin");
    const revoked = await revokeApiTokenAction({ tokenId: record.id });
    expect(revoked.data).toMatchObject({ alreadyRevoked: false, record: { owner: { id: owner.id }, revokedBy: { id: admin.id, name: admin.name } } });
    expect((await tokenRows(owner.id))[0]?.revokedBy).toBe(admin.id);
    expect(await authenticateApiToken(db(), token)).toEqual({ ok: false, reason: "revoked" });
    expect((await latestAuditEntries(db(), 1))[0]).toMatchObject({
      action: "api_token.revoked",
      actorId: admin.id,
      details: { ownerId: owner.id, ownerEmail: owner.email },
    });
  });

  it("refuses a token id that is not one", async () => {
    await signInAsNewUser("admin");
    const result = await revokeApiTokenAction({ tokenId: "wbd_not-an-id" });
    expect(result.validationErrors).toMatchObject({ tokenId: { _errors: ["This token does not exist or is not yours."] } });
  });
});
