import "server-only";

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

import type { Database } from "@/db";
import {
  activeApiTokenNameTaken,
  countActiveApiTokens,
  findApiTokenByHash,
  findApiTokenRow,
  insertApiToken,
  listApiTokens,
  markApiTokenRevoked,
  touchApiTokenLastUsed,
  type ApiTokenRow,
} from "@/db/queries/api-tokens";
import { recordAudit } from "@/db/queries/audit";
import { findUserByIdForUpdate } from "@/db/queries/users";
import type { SessionUser } from "@/lib/auth/session";
import { sessionUserOf } from "@/lib/auth/session-user";
import { can, type Role } from "@/lib/auth/permissions";
import { message, type Translatable } from "@/lib/i18n/translatable";

import { ACTIVE_TOKENS_MAX, latestExpiry, TOKEN_NAME_MAX } from "./rules";
import type { ApiTokenStatus } from "./views";

export type { ApiTokenStatus };

/** Every token starts so: secret scanners and people can tell what it is. */
export const TOKEN_PREFIX = "wbd_";
/** 32 random bytes, base64url without padding. */
const TOKEN_PATTERN = /^wbd_[A-Za-z0-9_-]{43}$/;
/** `wbd_` and 8 characters: enough to tell tokens apart in a list, far too little to guess the rest. */
const SHOWN_PREFIX_LENGTH = 12;

/** A token's last use is recorded at most this often: calls do not each write. */
export const LAST_USED_RESOLUTION_MS = 60 * 1000;

/** A token as it is listed: never its text or hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: ApiTokenStatus;
  owner: { id: string; name: string; email: string };
  revokedBy: { id: string; name: string | null } | null;
}

export type ApiTokenAuthentication =
  | { ok: true; user: SessionUser; tokenId: string }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" | "expired" | "user_disabled" };

/**
 * A token change refused for a reason the person can act on: `said` is written for them (put into
 * their language by the door it leaves by), `code` is for callers to branch on, `field` places it in a form.
 */
export class ApiTokenRefusal extends Error {
  override name = "ApiTokenRefusal";
  constructor(
    readonly said: Translatable,
    readonly code: "INVALID_INPUT" | "NAME_TAKEN" | "TOO_MANY_TOKENS" | "NOT_FOUND",
    readonly field?: "name" | "expiresAt" | "tokenId",
  ) {
    super(said.key);
  }
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function statusOf(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiTokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

function viewOf(row: ApiTokenRow, now: Date): ApiTokenView {
  const { token } = row;
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    status: statusOf(token, now),
    owner: row.owner,
    revokedBy: token.revokedBy ? { id: token.revokedBy, name: row.revokedByName } : null,
  };
}

/** The name as stored (trimmed), or a refusal naming the field. */
function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new ApiTokenRefusal(message("apiTokens.refusals.nameRequired"), "INVALID_INPUT", "name");
  if (trimmed.length > TOKEN_NAME_MAX) {
    throw new ApiTokenRefusal(message("apiTokens.refusals.nameTooLong", { maximum: TOKEN_NAME_MAX }), "INVALID_INPUT", "name");
  }
  return trimmed;
}

function checkExpiry(expiresAt: Date | null, now: Date): void {
  if (expiresAt === null) return;
  if (Number.isNaN(expiresAt.getTime())) throw new ApiTokenRefusal(message("apiTokens.refusals.expiryInvalid"), "INVALID_INPUT", "expiresAt");
  if (expiresAt.getTime() <= now.getTime()) throw new ApiTokenRefusal(message("apiTokens.refusals.expiryPast"), "INVALID_INPUT", "expiresAt");
  if (expiresAt.getTime() > latestExpiry(now).getTime()) {
    throw new ApiTokenRefusal(message("apiTokens.refusals.expiryTooFar"), "INVALID_INPUT", "expiresAt");
  }
}

/**
 * A new token for the actor, acting with their own role. The token text is returned only here: the
 * database keeps its SHA-256, so it can be checked but never shown again.
 */
export async function createApiToken(
  db: Database,
  actor: { id: string; email: string },
  input: { name: string; expiresAt: Date | null },
  now = new Date(),
): Promise<{ token: string; record: ApiTokenView }> {
  const name = checkedName(input.name);
  checkExpiry(input.expiresAt, now);
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, SHOWN_PREFIX_LENGTH);

  const record = await db.transaction(async (tx) => {
    // The owner's row, locked: two creations at once cannot both pass the name and count checks.
    const owner = await findUserByIdForUpdate(tx, actor.id);
    if (!owner) throw new ApiTokenRefusal(message("apiTokens.refusals.ownerGone"), "NOT_FOUND");
    if (await activeApiTokenNameTaken(tx, owner.id, name, now)) {
      throw new ApiTokenRefusal(message("apiTokens.refusals.nameTaken", { name }), "NAME_TAKEN", "name");
    }
    if ((await countActiveApiTokens(tx, owner.id, now)) >= ACTIVE_TOKENS_MAX) {
      throw new ApiTokenRefusal(message("apiTokens.refusals.tooMany", { maximum: ACTIVE_TOKENS_MAX }), "TOO_MANY_TOKENS");
    }
    const stored = await insertApiToken(tx, {
      userId: owner.id,
      name,
      prefix,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: input.expiresAt,
    });
    await recordAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "api_token.created",
      target: { type: "api_token", id: stored.id },
      details: { name, prefix, ownerId: owner.id, ownerEmail: owner.email, expiresAt: input.expiresAt?.toISOString() ?? null },
    });
    return viewOf({ token: stored, owner: { id: owner.id, name: owner.name, email: owner.email }, revokedByName: null }, now);
  });
  return { token, record };
}

/**
 * The user a bearer token stands for, as the dashboard's session would build them, or why not. The
 * owner's row is read on every call, so disabling a user stops their tokens at once; the last use is
 * recorded at most once a minute.
 */
export async function authenticateApiToken(db: Database, token: string, now = new Date()): Promise<ApiTokenAuthentication> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: "malformed" };
  const hash = hashToken(token);
  const found = await findApiTokenByHash(db, hash);
  // Found by an index on the hash; the bytes are compared once more in constant time all the same.
  if (!found || !timingSafeEqual(Buffer.from(found.token.tokenHash, "hex"), Buffer.from(hash, "hex"))) {
    return { ok: false, reason: "unknown" };
  }
  const status = statusOf(found.token, now);
  if (status !== "active") return { ok: false, reason: status };
  const { user } = found;
  if (user.disabled) return { ok: false, reason: "user_disabled" };

  const { lastUsedAt } = found.token;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!lastUsedAt || lastUsedAt.getTime() < staleBefore.getTime()) {
    await touchApiTokenLastUsed(db, found.token.id, now, staleBefore);
  }

  return {
    ok: true,
    tokenId: found.token.id,
    user: await sessionUserOf(db, user),
  };
}

/**
 * The tokens the actor may see: their own, or (admins, `scope: "everyone"`) every user's. A
 * non-admin asking for everyone's gets their own.
 */
export async function listApiTokensFor(
  db: Database,
  actor: { id: string; role: Role },
  scope: "mine" | "everyone" = "mine",
  now = new Date(),
): Promise<ApiTokenView[]> {
  const everyone = scope === "everyone" && can(actor.role, "apiTokens.manageAll");
  const rows = await listApiTokens(db, everyone ? {} : { ownerId: actor.id });
  return rows.map((row) => viewOf(row, now));
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Revokes a token: one's own, or (admins) anyone's. A token already revoked answers as it is
 * (`alreadyRevoked`), not as an error: the outcome the person wanted holds. A token the actor may not
 * touch is "not found", so nobody learns which other users' tokens exist.
 */
export async function revokeApiToken(
  db: Database,
  actor: { id: string; email: string; role: Role },
  tokenId: string,
  now = new Date(),
): Promise<{ record: ApiTokenView; alreadyRevoked: boolean }> {
  const notFound = () => new ApiTokenRefusal(message("apiTokens.refusals.notFound"), "NOT_FOUND", "tokenId");
  if (!UUID_PATTERN.test(tokenId)) throw notFound();
  return db.transaction(async (tx) => {
    const row = await findApiTokenRow(tx, tokenId, { lock: true });
    if (!row) throw notFound();
    if (row.owner.id !== actor.id && !can(actor.role, "apiTokens.manageAll")) throw notFound();
    if (row.token.revokedAt) return { record: viewOf(row, now), alreadyRevoked: true };
    await markApiTokenRevoked(tx, tokenId, actor.id, now);
    await recordAudit(tx, {
      actor: { id: actor.id, email: actor.email },
      action: "api_token.revoked",
      target: { type: "api_token", id: tokenId },
      details: { name: row.token.name, prefix: row.token.prefix, ownerId: row.owner.id, ownerEmail: row.owner.email },
    });
    const revoked = await findApiTokenRow(tx, tokenId);
    return { record: viewOf(revoked ?? row, now), alreadyRevoked: false };
  });
}
