"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import type { SessionUser } from "@/lib/auth/session";
import { changeConnectionAccess } from "@/lib/users/access";
import { TeamRefusal } from "@/lib/users/refusal";
import { changeTeamMemberRole, createTeamMember, resetTeamMemberPassword, setTeamMemberDisabled } from "@/lib/users/team";

import { adminActionClient } from "./client";
import { ActionError } from "./errors";
import {
  changeUserRoleSchema,
  createUserSchema,
  resetUserPasswordSchema,
  setUserAccessSchema,
  setUserDisabledSchema,
} from "./users.schema";

const USERS_PATH = "/settings/users";

const actorOf = (user: SessionUser) => ({ id: user.id, email: user.email });

/** Runs a team change, then refreshes the users page; a refusal reaches the form as the action's error, at its field. */
async function teamChange<Result>(change: () => Promise<Result>): Promise<Result> {
  try {
    const result = await change();
    revalidatePath(USERS_PATH);
    return result;
  } catch (error) {
    if (error instanceof TeamRefusal) throw new ActionError(error.said, { code: error.code, field: error.field });
    throw error;
  }
}

export const createUserAction = adminActionClient
  .metadata({ actionName: "createUser" })
  .inputSchema(createUserSchema)
  .action(async ({ parsedInput, ctx }) => teamChange(async () => createTeamMember(await getDb(), actorOf(ctx.user), parsedInput)));

export const changeUserRoleAction = adminActionClient
  .metadata({ actionName: "changeUserRole" })
  .inputSchema(changeUserRoleSchema)
  .action(async ({ parsedInput, ctx }) => teamChange(async () => changeTeamMemberRole(await getDb(), actorOf(ctx.user), parsedInput)));

export const setUserAccessAction = adminActionClient
  .metadata({ actionName: "setUserAccess" })
  .inputSchema(setUserAccessSchema)
  .action(async ({ parsedInput, ctx }) => teamChange(async () => changeConnectionAccess(await getDb(), actorOf(ctx.user), parsedInput)));

export const setUserDisabledAction = adminActionClient
  .metadata({ actionName: "setUserDisabled" })
  .inputSchema(setUserDisabledSchema)
  .action(async ({ parsedInput, ctx }) => teamChange(async () => setTeamMemberDisabled(await getDb(), actorOf(ctx.user), parsedInput)));

export const resetUserPasswordAction = adminActionClient
  .metadata({ actionName: "resetUserPassword" })
  .inputSchema(resetUserPasswordSchema)
  .action(async ({ parsedInput, ctx }) => teamChange(async () => resetTeamMemberPassword(await getDb(), actorOf(ctx.user), parsedInput)));
