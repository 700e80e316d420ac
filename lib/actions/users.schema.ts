import { z } from "@/lib/zod";

import { ROLES } from "@/lib/auth/permissions";
import { invalid } from "@/lib/i18n/validation";

import { newPasswordSchema, personNameSchema } from "./account.schema";

export const EMAIL_MAX = 320;
/** Generated one-time passwords: four groups of four readable characters. */
export const ONE_TIME_PASSWORD_PATTERN = /^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$/;

const userIdSchema = z.uuid(invalid("users.validation.pickUser"));
const roleSchema = z.enum(ROLES, invalid("users.validation.pickRole"));

/**
 * Where a user may work: every connection (including ones linked later), or exactly the listed ones.
 * With `all`, the list is ignored. Whether the ids are known connections is the server's check.
 */
export const connectionAccessSchema = z.object({
  all: z.boolean(invalid("users.validation.allOrList")),
  connectionIds: z
    .array(
      z.string().trim().min(1, invalid("users.validation.pickConnections")).max(200, invalid("users.validation.pickConnections")),
      invalid("users.validation.pickConnections"),
    )
    .max(500, invalid("users.validation.tooManyConnections")),
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
      .min(1, invalid("users.validation.emailRequired"))
      .max(EMAIL_MAX, invalid("users.validation.emailTooLong"))
      .pipe(z.email(invalid("users.validation.emailInvalid"))),
    role: roleSchema,
    passwordMode: passwordModeSchema,
    password: z.string().max(1024, invalid("users.validation.passwordTooLong")).optional(),
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
    password: z.string().max(1024, invalid("users.validation.passwordTooLong")).optional(),
  })
  .superRefine(requirePasswordWhenManual);
export type ResetUserPasswordInput = z.input<typeof resetUserPasswordSchema>;
