import { createHash } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/db/client";
import { ALL_CONNECTIONS, replaceConnectionAccess } from "@/db/queries/connection-access";
import { upsertConnections } from "@/db/queries/connections";
import { insertUser, updateUser } from "@/db/queries/users";
import { apiTokens } from "@/db/schema";
import { testDatabases } from "@/db/test-databases";

import { ACTIVE_TOKENS_MAX } from "./rules";
import {
  ApiTokenRefusal,
  authenticateApiToken,
  createApiToken,
  LAST_USED_RESOLUTION_MS,
  listApiTokensFor,
  revokeApiToken,
} from "./service";

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabases)("API tokens on $name", (testDatabase) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  let counter = 0;
  const newUser = async (role: "admin" | "marketer" | "agent" = "agent") => {
    const email = `token-owner-${Date.now()}-${(counter += 1)}@example.test`;
    const user = await insertUser(db(), { email, name: `Owner ${counter}`, role, passwordHash: "x" });
    return user!;
  };
  const storedRow = async (id: string) => (await db().select().from(apiTokens).where(eq(apiTokens.id, id)))[0]!;
  const refusalOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiTokenRefusal);
    return error as ApiTokenRefusal;
  };

  beforeAll(async () => {
    handle = await testDatabase.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it("creates a token shown once, stored as its SHA-256, listed by its prefix", async () => {
    const owner = await newUser();
    const { token, record } = await createApiToken(db(), owner, { name: "  CI script  ", expiresAt: null });
    expect(token).toMatch(/^wbd_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: "CI script", prefix: token.slice(0, 12), status: "active", expiresAt: null, lastUsedAt: null });
    expect(record.owner).toEqual({ id: owner.id, name: owner.name, email: owner.email });
    const row = await storedRow(record.id);
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token.slice(12));
    expect(JSON.stringify(await listApiTokensFor(db(), owner))).not.toContain(row.tokenHash);
  });

  it("authenticates a token as its owner's session would, with their connections", async () => {
    const connectionId = `conn-${Date.now()}`;
    await upsertConnections(db(), [{ id: connectionId, status: "ACTIVE", connectUrl: null, matonCreatedAt: null, matonUpdatedAt: null }]);
    const agent = await newUser("agent");
    await replaceConnectionAccess(db(), agent.id, { all: false, connectionIds: [connectionId] });
    await updateUser(db(), agent.id, { locale: "es", timeZone: "America/Mexico_City" });
    const { token, record } = await createApiToken(db(), agent, { name: "agent", expiresAt: null });
    const answer = await authenticateApiToken(db(), token);
    expect(answer).toEqual({
      ok: true,
      tokenId: record.id,
      user: {
        id: agent.id,
        email: agent.email,
        name: agent.name,
        role: "agent",
        mustChangePassword: false,
        locale: "es",
        timeZone: "America/Mexico_City",
        connections: { all: false, connectionIds: [connectionId] },
      },
    });

    const admin = await newUser("admin");
    const adminToken = await createApiToken(db(), admin, { name: "admin", expiresAt: null });
    const adminAnswer = await authenticateApiToken(db(), adminToken.token);
    expect(adminAnswer.ok && adminAnswer.user.connections).toEqual(ALL_CONNECTIONS);
  });

  it("refuses malformed and unknown tokens", async () => {
    for (const text of ["", "Bearer x", "wbd_short", "wbd_" + "a".repeat(44), "xyz_" + "a".repeat(43), "wbd_" + "a".repeat(42) + "="]) {
      expect(await authenticateApiToken(db(), text)).toEqual({ ok: false, reason: "malformed" });
    }
    expect(await authenticateApiToken(db(), "wbd_" + "A".repeat(43))).toEqual({ ok: false, reason: "unknown" });
    // One character off a real token is another token.
    const { token } = await createApiToken(db(), await newUser(), { name: "real", expiresAt: null });
    const changed = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(await authenticateApiToken(db(), changed)).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses a revoked token, and revoking it again answers without an error", async () => {
    const owner = await newUser("marketer");
    const { token, record } = await createApiToken(db(), owner, { name: "to revoke", expiresAt: null });
    expect((await authenticateApiToken(db(), token)).ok).toBe(true);
    const first = await revokeApiToken(db(), { ...owner, role: owner.role }, record.id);
    expect(first).toMatchObject({ alreadyRevoked: false, record: { status: "revoked", revokedBy: { id: owner.id, name: owner.name } } });
    expect(await authenticateApiToken(db(), token)).toEqual({ ok: false, reason: "revoked" });
    const second = await revokeApiToken(db(), { ...owner, role: owner.role }, record.id);
    expect(second).toMatchObject({ alreadyRevoked: true, record: { status: "revoked" } });
    expect(second.record.revokedAt).toEqual(first.record.revokedAt);
  });

  it("refuses an expired token from the moment it expires", async () => {
    const owner = await newUser();
    const created = new Date("2030-01-01T00:00:00Z");
    const expiresAt = new Date(created.getTime() + 30 * DAY);
    const { token } = await createApiToken(db(), owner, { name: "month", expiresAt }, created);
    expect((await authenticateApiToken(db(), token, new Date(expiresAt.getTime() - 1))).ok).toBe(true);
    expect(await authenticateApiToken(db(), token, expiresAt)).toEqual({ ok: false, reason: "expired" });
    expect((await listApiTokensFor(db(), owner, "mine", expiresAt))[0]?.status).toBe("expired");
  });

  it("stops a token at once when its owner is disabled after it was made", async () => {
    const owner = await newUser();
    const { token } = await createApiToken(db(), owner, { name: "before", expiresAt: null });
    expect((await authenticateApiToken(db(), token)).ok).toBe(true);
    await updateUser(db(), owner.id, { disabled: true });
    expect(await authenticateApiToken(db(), token)).toEqual({ ok: false, reason: "user_disabled" });
    await updateUser(db(), owner.id, { disabled: false });
    expect((await authenticateApiToken(db(), token)).ok).toBe(true);
  });

  it("records the last use at most once a minute", async () => {
    const owner = await newUser();
    const start = new Date("2031-06-01T10:00:00Z");
    const { token, record } = await createApiToken(db(), owner, { name: "busy", expiresAt: null }, start);
    await authenticateApiToken(db(), token, start);
    expect((await storedRow(record.id)).lastUsedAt).toEqual(start);
    await authenticateApiToken(db(), token, new Date(start.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect((await storedRow(record.id)).lastUsedAt).toEqual(start);
    const later = new Date(start.getTime() + LAST_USED_RESOLUTION_MS + 1);
    await authenticateApiToken(db(), token, later);
    expect((await storedRow(record.id)).lastUsedAt).toEqual(later);
  });

  it("refuses a bad name or expiry, naming the field, and stores nothing", async () => {
    const owner = await newUser();
    const now = new Date("2032-03-01T12:00:00Z");
    const cases = [
      { input: { name: "   ", expiresAt: null }, field: "name", key: "apiTokens.refusals.nameRequired" },
      { input: { name: "x".repeat(81), expiresAt: null }, field: "name", key: "apiTokens.refusals.nameTooLong" },
      { input: { name: "past", expiresAt: new Date(now.getTime() - 1) }, field: "expiresAt", key: "apiTokens.refusals.expiryPast" },
      { input: { name: "now", expiresAt: now }, field: "expiresAt", key: "apiTokens.refusals.expiryPast" },
      { input: { name: "far", expiresAt: new Date(now.getTime() + 367 * DAY) }, field: "expiresAt", key: "apiTokens.refusals.expiryTooFar" },
      { input: { name: "bad", expiresAt: new Date(Number.NaN) }, field: "expiresAt", key: "apiTokens.refusals.expiryInvalid" },
    ];
    for (const { input, field, key } of cases) {
      const refusal = await refusalOf(createApiToken(db(), owner, input, now));
      expect({ field: refusal.field, key: refusal.said.key, code: refusal.code }).toEqual({ field, key, code: "INVALID_INPUT" });
    }
    expect(await listApiTokensFor(db(), owner)).toEqual([]);
    // Exactly 80 characters, and a year ahead, are allowed.
    await createApiToken(db(), owner, { name: "x".repeat(80), expiresAt: new Date(now.getTime() + 365 * DAY) }, now);
  });

  it("keeps names unique among a user's active tokens only", async () => {
    const owner = await newUser();
    const other = await newUser();
    const { record } = await createApiToken(db(), owner, { name: "Deploy", expiresAt: null });
    const refusal = await refusalOf(createApiToken(db(), owner, { name: " deploy ", expiresAt: null }));
    expect(refusal).toMatchObject({ code: "NAME_TAKEN", field: "name", said: { key: "apiTokens.refusals.nameTaken", values: { name: "deploy" } } });
    // Another user's token, or a revoked one, does not hold the name.
    await createApiToken(db(), other, { name: "Deploy", expiresAt: null });
    await revokeApiToken(db(), { ...owner, role: owner.role }, record.id);
    await createApiToken(db(), owner, { name: "Deploy", expiresAt: null });
    expect((await listApiTokensFor(db(), owner)).map((token) => [token.name, token.status])).toEqual([
      ["Deploy", "active"],
      ["Deploy", "revoked"],
    ]);
  });

  it("limits a user's active tokens, even when created at once", async () => {
    const owner = await newUser();
    const made = await Promise.allSettled(
      Array.from({ length: ACTIVE_TOKENS_MAX + 2 }, (_, index) => createApiToken(db(), owner, { name: `token ${index}`, expiresAt: null })),
    );
    const refused = made.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason as unknown);
    expect(made.filter((result) => result.status === "fulfilled")).toHaveLength(ACTIVE_TOKENS_MAX);
    expect(refused).toHaveLength(2);
    for (const reason of refused) expect(reason).toMatchObject({ code: "TOO_MANY_TOKENS" });
    // Revoking one makes room again.
    const [first] = await listApiTokensFor(db(), owner);
    await revokeApiToken(db(), { ...owner, role: owner.role }, first!.id);
    await createApiToken(db(), owner, { name: "one more", expiresAt: null });
  });

  it("lists one's own tokens; an admin may list everyone's, others get their own", async () => {
    const agent = await newUser("agent");
    const admin = await newUser("admin");
    const agentToken = await createApiToken(db(), agent, { name: "agent's", expiresAt: null });
    const adminToken = await createApiToken(db(), admin, { name: "admin's", expiresAt: null });
    expect((await listApiTokensFor(db(), agent, "everyone")).map((token) => token.id)).toEqual([agentToken.record.id]);
    expect((await listApiTokensFor(db(), admin, "mine")).map((token) => token.id)).toEqual([adminToken.record.id]);
    const everyone = await listApiTokensFor(db(), admin, "everyone");
    expect(everyone.map((token) => token.id)).toEqual(expect.arrayContaining([agentToken.record.id, adminToken.record.id]));
    expect(everyone.find((token) => token.id === agentToken.record.id)?.owner.email).toBe(agent.email);
  });

  it("lets only the owner or an admin revoke a token", async () => {
    const owner = await newUser("agent");
    const stranger = await newUser("marketer");
    const admin = await newUser("admin");
    const { token, record } = await createApiToken(db(), owner, { name: "mine", expiresAt: null });
    const refusal = await refusalOf(revokeApiToken(db(), { ...stranger, role: stranger.role }, record.id));
    expect(refusal).toMatchObject({ code: "NOT_FOUND", said: { key: "apiTokens.refusals.notFound" } });
    expect((await authenticateApiToken(db(), token)).ok).toBe(true);
    await refusalOf(revokeApiToken(db(), { ...admin, role: admin.role }, "not-a-token-id"));
    await refusalOf(revokeApiToken(db(), { ...admin, role: admin.role }, "00000000-0000-4000-8000-000000000000"));
    const revoked = await revokeApiToken(db(), { ...admin, role: admin.role }, record.id);
    expect(revoked.record.revokedBy).toEqual({ id: admin.id, name: admin.name });
    expect((await storedRow(record.id)).revokedBy).toBe(admin.id);
    expect(await authenticateApiToken(db(), token)).toEqual({ ok: false, reason: "revoked" });
  });
});
