import { z } from "zod";

import { ROLES } from "@/lib/auth/permissions";

import { newPasswordSchema, personNameSchema } from "./account.schema";

export const EMAIL_MAX = 320;
/** Generated one-time passwords: four groups of four readable characters. */
export const ONE_TIME_PASSWORD_PATTERN = /^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$/;

const userIdSchema = z.uuid("Pick a user from the list.");
const roleSchema = z.enum(ROLES, "Pick a role: admin, marketer or agent.");

/**
 * Where a user may work: every connection (including ones linked later), or exactly the listed ones.
 * With `all`, the list is ignored. Whether the ids are known connections is the server's check.
 */
export const connectionAccessSchema = z.object({
  all: z.boolean("Choose all connections or a list of them."),
  connectionIds: z
    .array(z.string().trim().min(1, "Pick connections from the list.").max(200, "Pick connections from the list."), "Pick connections from the list.")
    .max(500, "Pick at most 500 connections; or give all connections."),
});
export type ConnectionAccessInput = z.infer<typeof connectionAccessSchema>;

/** "generate": the server makes a readable one; "manual": the admin types it. */
const passwordModeSchema = z.enum(["generate", "manual"]);

/** The password field only matters when the admin types one. */
function requirePasswordWhenManual(
  value: { passwordMode: "generate" | "manual"; password?: string | undefined },
  context: z.RefinementCtx,
) {
  if (value.passwordMode !== "manual") return;
  const result = newPasswordSchema.safeParse(value.password ?? "");
  for (const issue of result.error?.issues ?? []) {
    context.addIssue({ code: "custom", path: ["password"], message: issue.message });
  }
}

export const createUserSchema = z
  .object({
    name: personNameSchema,
    email: z
      .string()
      .trim()
      .min(1, "Enter an email address.")
      .max(EMAIL_MAX, `An email address has at most ${EMAIL_MAX} characters.`)
      .pipe(z.email("Enter a valid email address, like name@example.com.")),
    role: roleSchema,
    passwordMode: passwordModeSchema,
    password: z.string().max(1024, "A password has at most 1024 characters.").optional(),
    /** Left out: no connection for a new marketer or agent (admins always have all). */
    access: connectionAccessSchema.optional(),
  })
  .superRefine(requirePasswordWhenManual);
export type CreateUserInput = z.input<typeof createUserSchema>;

export const changeUserRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
export type ChangeUserRoleInput = z.infer<typeof changeUserRoleSchema>;

export const setUserAccessSchema = z.object({ userId: userIdSchema, access: connectionAccessSchema });
export type SetUserAccessInput = z.infer<typeof setUserAccessSchema>;

export const setUserDisabledSchema = z.object({ userId: userIdSchema, disabled: z.boolean() });
export type SetUserDisabledInput = z.infer<typeof setUserDisabledSchema>;

export const resetUserPasswordSchema = z
  .object({
    userId: userIdSchema,
    passwordMode: passwordModeSchema,
    password: z.string().max(1024, "A password has at most 1024 characters.").optional(),
  })
  .superRefine(requirePasswordWhenManual);
export type ResetUserPasswordInput = z.input<typeof resetUserPasswordSchema>;
