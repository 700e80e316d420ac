import { z } from "@/lib/zod";

import { invalid } from "@/lib/i18n/validation";

export const signInSchema = z.object({
  email: z.string().trim().min(1, invalid("auth.validation.emailRequired")).max(320, invalid("auth.validation.emailTooLong")),
  password: z.string().min(1, invalid("auth.validation.passwordRequired")).max(1024, invalid("auth.validation.passwordTooLong")),
  callbackUrl: z.string().max(2048).optional(),
});

export type SignInInput = z.infer<typeof signInSchema>;
