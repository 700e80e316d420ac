import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";

import { authConfig } from "@/auth.config";
import { getDb } from "@/db";
import { checkCredentials } from "@/lib/auth/credentials";
import { env } from "@/lib/env";
import { clientAddressOf } from "@/lib/http/client-address";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** Thrown from authorize(); its code reaches the sign-in action, never a hint of which part was wrong. */
export class SignInRefused extends CredentialsSignin {
  constructor(code: "invalid" | "disabled" | `throttled:${number}`) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: env().authSecret,
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("invalid");
        const result = await checkCredentials(await getDb(), {
          ...parsed.data,
          clientAddress: clientAddressOf(request.headers),
        });
        if (result.ok) return result.user;
        throw new SignInRefused(result.reason === "throttled" ? `throttled:${result.retryAfterSeconds}` : result.reason);
      },
    }),
  ],
}));
