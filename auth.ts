import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { z } from "@/lib/zod";

import { authConfig } from "@/auth.config";
import { getDb } from "@/db";
import { checkCredentials } from "@/lib/auth/credentials";
import { sessionFromCookie } from "@/lib/auth/session-cookie";
import { startSession } from "@/lib/auth/sessions";
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

/** The row of a new sign-in, with the address and browser it came from; its id goes into the cookie. */
async function startSessionOfRequest(userId: string): Promise<string> {
  const requestHeaders = await headers();
  const address = clientAddressOf(requestHeaders);
  const session = await startSession(await getDb(), {
    userId,
    // "unknown" (no forwarding header): nothing worth showing on the account page.
    address: address === "unknown" ? null : address,
    userAgent: requestHeaders.get("user-agent"),
  });
  return session.id;
}

const nextAuth = NextAuth(() => ({
  ...authConfig,
  secret: env().authSecret,
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      // Only at sign-in (authorize() accepted the credentials): later requests keep the cookie's session id.
      if (params.trigger === "signIn" && params.user?.id) token.sid = await startSessionOfRequest(params.user.id);
      return token;
    },
  },
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

export const { handlers, signIn, signOut } = nextAuth;

/**
 * The session the request's cookie names (user id, session id), or null: Auth.js's decoding of the
 * cookie without the rest of its `auth()` (see lib/auth/session-cookie.ts). Pages, actions and
 * routes then check it against the database through lib/auth/session.ts.
 */
export const auth = sessionFromCookie;
