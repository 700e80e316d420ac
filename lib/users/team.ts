import "server-only";

import { randomInt } from "node:crypto";

import type { Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { replaceConnectionAccess } from "@/db/queries/connection-access";
import { insertUser, lockEnabledAdmins, updateUser, type UserChanges, type UserSummary } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { message } from "@/lib/i18n/translatable";

import { resolveInitialAccess, keepEveryConnection, type RequestedAccess, type TeamActor } from "./access";
import { findUserForUpdateOrThrow, TeamRefusal } from "./refusal";
import { accessView, managedUserView, type ManagedUser, type TeamMember } from "./views";

/** No 0/o, 1/l/i: a one-time password is read aloud or copied from a chat. */
const READABLE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function generateOneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}

/** "generate": the server makes a readable one; "manual": the admin typed `password`. */
export interface PasswordChoice {
  passwordMode: "generate" | "manual";
  password?: string | undefined;
}

const chosenPassword = (choice: PasswordChoice) =>
  choice.passwordMode === "manual" && choice.password ? choice.password : generateOneTimePassword();
const passwordOrigin = (choice: PasswordChoice) => (choice.passwordMode === "manual" ? "typed by admin" : "generated");

/**
 * The user a role change or a disabling is about, locked, after the rows of every enabled admin
 * (returned): always in that order, so two admins demoting or disabling each other at the same
 * moment queue instead of deadlocking (each locking its target first would wait for the other's).
 */
async function lockAdminsThenTarget(tx: Database, userId: string): Promise<{ target: User; enabledAdmins: string[] }> {
  const enabledAdmins = await lockEnabledAdmins(tx);
  return { enabledAdmins, target: await findUserForUpdateOrThrow(tx, userId) };
}

/** Refuses a change that would leave no enabled admin (`enabledAdmins` locked by {@link lockAdminsThenTarget}). */
function assertAnotherAdminRemains(enabledAdmins: string[], target: User, change: "demote" | "disable", actor: TeamActor) {
  const targetIsEnabledAdmin = target.role === "admin" && !target.disabled && enabledAdmins.includes(target.id);
  if (!targetIsEnabledAdmin || enabledAdmins.length > 1) return;
  throw new TeamRefusal(
    message("users.refusals.lastAdmin", { self: target.id === actor.id ? "yes" : "no", name: target.name, change }),
    "LAST_ADMIN",
    change === "demote" ? "role" : undefined,
  );
}

async function applyOrThrow(tx: Database, userId: string, changes: UserChanges): Promise<UserSummary> {
  const updated = await updateUser(tx, userId, changes);
  if (!updated) throw new TeamRefusal(message("users.refusals.userGone"), "NOT_FOUND");
  return updated;
}

/**
 * Creates a user who signs in with a one-time password and must replace it, with the connections
 * they may work in (none unless asked; admins all), in one transaction with its audit entry.
 */
export async function createTeamMember(
  db: Database,
  actor: TeamActor,
  input: PasswordChoice & { name: string; email: string; role: User["role"]; access?: RequestedAccess | undefined },
): Promise<{ user: TeamMember; oneTimePassword: string }> {
  const oneTimePassword = chosenPassword(input);
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await db.transaction(async (tx) => {
    const initial = await resolveInitialAccess(tx, input.role, input.access, input.name);
    const created = await insertUser(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
      mustChangePassword: true,
      allConnections: initial.access.all,
    });
    if (!created) throw new TeamRefusal(message("users.refusals.emailTaken"), "EMAIL_TAKEN", "email");
    if (initial.access.connectionIds.length > 0) await replaceConnectionAccess(tx, created.id, initial.access);
    await recordAudit(tx, {
      actor,
      action: "user.created",
      target: { type: "user", id: created.id },
      details: {
        email: created.email,
        role: created.role,
        password: passwordOrigin(input),
        access: initial.description,
        ...(initial.access.connectionIds.length > 0 ? { connectionIds: initial.access.connectionIds } : {}),
      },
    });
    return { ...managedUserView(created), access: accessView(created, initial.access.connectionIds) };
  });
  return { user, oneTimePassword };
}

/** Changes a user's role, never leaving the team without an enabled admin. Admins, and former admins, have every connection. */
export async function changeTeamMemberRole(
  db: Database,
  actor: TeamActor,
  input: { userId: string; role: User["role"] },
): Promise<{ user: ManagedUser; changed: boolean }> {
  return db.transaction(async (tx) => {
    const { target, enabledAdmins } = await lockAdminsThenTarget(tx, input.userId);
    if (target.role === input.role) return { user: managedUserView(target), changed: false };
    if (target.role === "admin") assertAnotherAdminRemains(enabledAdmins, target, "demote", actor);
    const updated = await applyOrThrow(tx, target.id, { role: input.role });
    await recordAudit(tx, {
      actor,
      action: "user.role_changed",
      target: { type: "user", id: target.id },
      details: { email: target.email, from: target.role, to: input.role },
    });
    if (input.role === "admin") await keepEveryConnection(tx, actor, target, "made admin");
    else if (target.role === "admin") await keepEveryConnection(tx, actor, target, "kept from the admin role");
    return { user: managedUserView(updated), changed: true };
  });
}

/** Disables or re-enables a user; the last enabled admin cannot be disabled. */
export async function setTeamMemberDisabled(
  db: Database,
  actor: TeamActor,
  input: { userId: string; disabled: boolean },
): Promise<{ user: ManagedUser; changed: boolean }> {
  return db.transaction(async (tx) => {
    const { target, enabledAdmins } = await lockAdminsThenTarget(tx, input.userId);
    if (target.disabled === input.disabled) return { user: managedUserView(target), changed: false };
    if (input.disabled) assertAnotherAdminRemains(enabledAdmins, target, "disable", actor);
    const updated = await applyOrThrow(tx, target.id, { disabled: input.disabled });
    await recordAudit(tx, {
      actor,
      action: input.disabled ? "user.disabled" : "user.enabled",
      target: { type: "user", id: target.id },
      details: { email: target.email, role: ROLE_LABELS[target.role] },
    });
    return { user: managedUserView(updated), changed: true };
  });
}

/** Gives a user a new one-time password they must replace, ending their sessions. */
export async function resetTeamMemberPassword(
  db: Database,
  actor: TeamActor,
  input: PasswordChoice & { userId: string },
): Promise<{ user: ManagedUser; oneTimePassword: string }> {
  const oneTimePassword = chosenPassword(input);
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await db.transaction(async (tx) => {
    const target = await findUserForUpdateOrThrow(tx, input.userId);
    // The user's sessions end: the one-time password is the only way back in.
    const now = new Date();
    const updated = await applyOrThrow(tx, target.id, { passwordHash, mustChangePassword: true, sessionsValidFrom: now });
    await revokeAllSessions(tx, target.id, now);
    await recordAudit(tx, {
      actor,
      action: "user.password_reset",
      target: { type: "user", id: target.id },
      details: { email: target.email, password: passwordOrigin(input) },
    });
    return updated;
  });
  return { user: managedUserView(user), oneTimePassword };
}
