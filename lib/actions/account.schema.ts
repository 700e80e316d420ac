import { z } from "@/lib/zod";

import { isTimeZone, LOCALES } from "@/i18n/locales";
import { encodeMessage, message } from "@/lib/i18n/translatable";
import { invalid } from "@/lib/i18n/validation";

/** Same limits as lib/auth/password.ts (kept apart so forms do not bundle bcrypt; a test keeps them equal). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 72;
export const NAME_MAX = 100;

export const personNameSchema = z
  .string()
  .trim()
  .min(1, invalid("account.validation.nameRequired"))
  .max(NAME_MAX, invalid("account.validation.nameTooLong"));

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, invalid("account.validation.passwordTooShort"))
  .max(PASSWORD_MAX, invalid("account.validation.passwordTooLong"));

export const updateOwnNameSchema = z.object({ name: personNameSchema });
export type UpdateOwnNameInput = z.infer<typeof updateOwnNameSchema>;

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, invalid("account.validation.currentPasswordRequired"))
      .max(1024, invalid("account.validation.anyPasswordTooLong")),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(1024, invalid("account.validation.anyPasswordTooLong")),
  })
  .superRefine((value, context) => {
    if (value.newPassword === value.currentPassword) {
      context.addIssue({
        code: "custom",
        path: ["newPassword"],
        message: encodeMessage(message("account.validation.passwordUnchanged")),
      });
    }
    if (value.confirmPassword !== value.newPassword) {
      context.addIssue({
        code: "custom",
        path: ["confirmPassword"],
        message: encodeMessage(message("account.validation.passwordsDiffer")),
      });
    }
  });
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

export const endOwnSessionSchema = z.object({ sessionId: z.string().min(1).max(128) });
export type EndOwnSessionInput = z.infer<typeof endOwnSessionSchema>;

/** A user's language and time zone; null follows the browser (Accept-Language, the zone it reports). */
export const updateOwnPreferencesSchema = z.object({
  locale: z.enum(LOCALES, invalid("account.validation.unknownLanguage")).nullable(),
  timeZone: z
    .string(invalid("account.validation.unknownTimeZone"))
    .refine(isTimeZone, invalid("account.validation.unknownTimeZone"))
    .nullable(),
});
export type UpdateOwnPreferencesInput = z.infer<typeof updateOwnPreferencesSchema>;
