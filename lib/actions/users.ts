"use server";

import { randomInt } from "node:crypto";

import { revalidatePath } from "next/cache";

import { getDb, type Database } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import {
  findUserByIdForUpdate,
  insertUser,
  lockEnabledAdmins,
  updateUser,
  type UserChanges,
  type UserSummary,
} from "@/db/queries/users";
import type { User } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { managedUserView, type ManagedUser } from "@/lib/users/views";

import { adminActionClient } from "./client";
import { ActionError } from "./errors";
import {
  changeUserRoleSchema,
  createUserSchema,
  resetUserPasswordSchema,
  setUserDisabledSchema,
} from "./users.schema";

const USERS_PATH = "/settings/users";
/** No 0/o, 1/l/i: a one-time password is read aloud or copied from a chat. */
const READABLE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function generateOneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}

const actorOf = (user: SessionUser) => ({ id: user.id, email: user.email });

async function findUserForUpdateOrThrow(tx: Database, userId: string): Promise<User> {
  const user = await findUserByIdForUpdate(tx, userId);
  if (!user) throw new ActionError("That user no longer exists. Reload the page.", { code: "NOT_FOUND", field: "userId" });
  return user;
}

/**
 * Refuses a change that would leave no enabled admin. The admin rows are locked first, so two
 * admins demoting each other at the same moment cannot both succeed.
 */
async function assertAnotherAdminRemains(tx: Database, target: User, change: "demote" | "disable", actor: SessionUser) {
  const enabledAdmins = await lockEnabledAdmins(tx);
  const targetIsEnabledAdmin = target.role === "admin" && !target.disabled && enabledAdmins.includes(target.id);
  if (!targetIsEnabledAdmin || enabledAdmins.length > 1) return;
  const who = target.id === actor.id ? "You are" : `${target.name} is`;
  const verb = change === "demote" ? "change the role" : "disable the account";
  throw new ActionError(`${who} the only enabled admin. Make someone else an admin before you ${verb}.`, {
    code: "LAST_ADMIN",
    field: change === "demote" ? "role" : undefined,
  });
}

async function applyOrThrow(tx: Database, userId: string, changes: UserChanges): Promise<UserSummary> {
  const updated = await updateUser(tx, userId, changes);
  if (!updated) throw new ActionError("That user no longer exists. Reload the page.", { code: "NOT_FOUND" });
  return updated;
}

export const createUserAction = adminActionClient
  .metadata({ actionName: "createUser" })
  .inputSchema(createUserSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ user: ManagedUser; oneTimePassword: string }> => {
    const oneTimePassword =
      parsedInput.passwordMode === "manual" && parsedInput.password ? parsedInput.password : generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const db = await getDb();
    const created = await db.transaction(async (tx) => {
      const user = await insertUser(tx, {
        email: parsedInput.email,
        name: parsedInput.name,
        role: parsedInput.role,
        passwordHash,
        mustChangePassword: true,
      });
      if (!user) {
        throw new ActionError("A user with this email already exists.", { code: "EMAIL_TAKEN", field: "email" });
      }
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "user.created",
        target: { type: "user", id: user.id },
        details: {
          email: user.email,
          role: user.role,
          password: parsedInput.passwordMode === "manual" ? "typed by admin" : "generated",
        },
      });
      return user;
    });
    revalidatePath(USERS_PATH);
    return { user: managedUserView(created), oneTimePassword };
  });

export const changeUserRoleAction = adminActionClient
  .metadata({ actionName: "changeUserRole" })
  .inputSchema(changeUserRoleSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ user: ManagedUser; changed: boolean }> => {
    const db = await getDb();
    const result = await db.transaction(async (tx) => {
      const target = await findUserForUpdateOrThrow(tx, parsedInput.userId);
      if (target.role === parsedInput.role) return { user: target, changed: false };
      if (target.role === "admin") await assertAnotherAdminRemains(tx, target, "demote", ctx.user);
      const updated = await applyOrThrow(tx, target.id, { role: parsedInput.role });
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "user.role_changed",
        target: { type: "user", id: target.id },
        details: { email: target.email, from: target.role, to: parsedInput.role },
      });
      return { user: updated, changed: true };
    });
    revalidatePath(USERS_PATH);
    return { user: managedUserView(result.user), changed: result.changed };
  });

export const setUserDisabledAction = adminActionClient
  .metadata({ actionName: "setUserDisabled" })
  .inputSchema(setUserDisabledSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ user: ManagedUser; changed: boolean }> => {
    const db = await getDb();
    const result = await db.transaction(async (tx) => {
      const target = await findUserForUpdateOrThrow(tx, parsedInput.userId);
      if (target.disabled === parsedInput.disabled) return { user: target, changed: false };
      if (parsedInput.disabled) await assertAnotherAdminRemains(tx, target, "disable", ctx.user);
      const updated = await applyOrThrow(tx, target.id, { disabled: parsedInput.disabled });
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: parsedInput.disabled ? "user.disabled" : "user.enabled",
        target: { type: "user", id: target.id },
        details: { email: target.email, role: ROLE_LABELS[target.role] },
      });
      return { user: updated, changed: true };
    });
    revalidatePath(USERS_PATH);
    return { user: managedUserView(result.user), changed: result.changed };
  });

export const resetUserPasswordAction = adminActionClient
  .metadata({ actionName: "resetUserPassword" })
  .inputSchema(resetUserPasswordSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ user: ManagedUser; oneTimePassword: string }> => {
    const oneTimePassword =
      parsedInput.passwordMode === "manual" && parsedInput.password ? parsedInput.password : generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    const db = await getDb();
    const updated = await db.transaction(async (tx) => {
      const target = await findUserForUpdateOrThrow(tx, parsedInput.userId);
      // The user's sessions end: the one-time password is the only way back in.
      const user = await applyOrThrow(tx, target.id, { passwordHash, mustChangePassword: true, sessionsValidFrom: new Date() });
      await recordAudit(tx, {
        actor: actorOf(ctx.user),
        action: "user.password_reset",
        target: { type: "user", id: target.id },
        details: { email: target.email, password: parsedInput.passwordMode === "manual" ? "typed by admin" : "generated" },
      });
      return user;
    });
    revalidatePath(USERS_PATH);
    return { user: managedUserView(updated), oneTimePassword };
  });
