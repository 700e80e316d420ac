import "server-only";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { clearSignInFailures, findSignInFailures, recordSignInFailure } from "@/db/queries/sign-in-failures";
import { findUserByEmail, markSignedIn, normaliseEmail } from "@/db/queries/users";
import { publicRateLimit, type FixedWindowRateLimit } from "@/lib/http/rate-limit";

import { TIMING_DUMMY_HASH, verifyPassword } from "./password";
import type { Role } from "./permissions";
import { FAILURE_WINDOW_MS, remainingWaitMs, throttleKey } from "./sign-in-throttle";

export type CredentialsCheck =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks an email and password. Wrong email and wrong password look the same from outside
 * (same answer, same cost); repeated failures per account and per address are slowed down.
 * Before any of that, a flood from one address is refused in memory: each attempt counts against
 * the address (`attempts`, 30 a minute per process) until it proves right, so guesses sent faster
 * cost neither bcrypt nor the database.
 */
export async function checkCredentials(
  db: Database,
  input: { email: string; password: string; clientAddress: string },
  now = new Date(),
  attempts: FixedWindowRateLimit = publicRateLimit("signInAttempts"),
): Promise<CredentialsCheck> {
  const attempt = attempts.take(input.clientAddress, now.getTime());
  if (!attempt.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  const result = await checkPassword(db, input, now);
  // Only guesses stay counted: people signing in from one office address are not held back.
  if (result.ok || result.reason === "disabled") attempts.giveBack(input.clientAddress, now.getTime());
  return result;
}

async function checkPassword(
  db: Database,
  input: { email: string; password: string; clientAddress: string },
  now: Date,
): Promise<CredentialsCheck> {
  const email = normaliseEmail(input.email);
  const keys = [throttleKey("account", email), throttleKey("address", input.clientAddress)];
  const waitMs = remainingWaitMs(await findSignInFailures(db, keys), now);
  if (waitMs > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) };

  const user = await findUserByEmail(db, email);
  const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? TIMING_DUMMY_HASH);
  if (!user || !passwordMatches) {
    for (const key of keys) await recordSignInFailure(db, key, now, FAILURE_WINDOW_MS);
    return { ok: false, reason: "invalid" };
  }
  if (user.disabled) return { ok: false, reason: "disabled" };

  await db.transaction(async (tx) => {
    await clearSignInFailures(tx, keys[0]!);
    await markSignedIn(tx, user.id, now);
    await recordAudit(tx, {
      actor: { id: user.id, email: user.email },
      action: "user.signed_in",
      target: { type: "user", id: user.id },
      details: { address: input.clientAddress },
    });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/**
 * Seconds a signed-in user must wait before their current password is checked again (changing it):
 * wrong guesses there count against the account as failed sign-ins do, so a borrowed session cannot
 * try passwords faster than the sign-in page allows.
 */
export async function currentPasswordWaitSeconds(db: Database, email: string, now = new Date()): Promise<number> {
  const waitMs = remainingWaitMs(await findSignInFailures(db, [throttleKey("account", normaliseEmail(email))]), now);
  return Math.ceil(waitMs / 1000);
}

/** Counts a wrong current password against the account (see {@link currentPasswordWaitSeconds}). */
export async function recordWrongCurrentPassword(db: Database, email: string, now = new Date()): Promise<void> {
  await recordSignInFailure(db, throttleKey("account", normaliseEmail(email)), now, FAILURE_WINDOW_MS);
}

/** The right current password clears the account's failures, as signing in does. */
export async function clearWrongCurrentPasswords(db: Database, email: string): Promise<void> {
  await clearSignInFailures(db, throttleKey("account", normaliseEmail(email)));
}
