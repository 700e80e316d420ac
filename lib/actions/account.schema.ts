import { z } from "zod";

/** Same limits as lib/auth/password.ts (kept apart so forms do not bundle bcrypt; a test keeps them equal). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 72;
export const NAME_MAX = 100;

export const personNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(NAME_MAX, `A name has at most ${NAME_MAX} characters.`);

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `A password needs at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`);

export const updateOwnNameSchema = z.object({ name: personNameSchema });
export type UpdateOwnNameInput = z.infer<typeof updateOwnNameSchema>;

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, "Enter your current password.")
      .max(1024, "A password has at most 1024 characters."),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(1024, "A password has at most 1024 characters."),
  })
  .superRefine((value, context) => {
    if (value.newPassword === value.currentPassword) {
      context.addIssue({
        code: "custom",
        path: ["newPassword"],
        message: "The new password must differ from the current one.",
      });
    }
    if (value.confirmPassword !== value.newPassword) {
      context.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords do not match." });
    }
  });
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

export const endOwnSessionSchema = z.object({ sessionId: z.string().min(1).max(128) });
export type EndOwnSessionInput = z.infer<typeof endOwnSessionSchema>;
