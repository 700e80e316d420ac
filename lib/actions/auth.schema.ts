import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(320, "An email address has at most 320 characters."),
  password: z.string().min(1, "Enter your password.").max(1024, "A password has at most 1024 characters."),
  callbackUrl: z.string().max(2048).optional(),
});

export type SignInInput = z.infer<typeof signInSchema>;
