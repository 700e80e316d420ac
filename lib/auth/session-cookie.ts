import "server-only";

import type { Session } from "next-auth";
import { getToken } from "next-auth/jwt";
import { headers } from "next/headers";

import { env } from "@/lib/env";

import { decodeSessionToken } from "./session-token";

/**
 * This request's session as its cookie says it, decoded and checked exactly as Auth.js's `auth()`
 * does (the same cookie name, secret, encryption and expiry), or null when there is no cookie, it
 * does not decode or it has expired. What `auth()` adds on a page is a renewed cookie, signed and
 * then dropped (a page cannot set one), and a round through Auth.js's request handling: two more
 * key derivations and an encryption per request, for nothing the server checks.
 *
 * A cookie verified once is not decrypted again while it lasts (./session-token.ts). It only says
 * who the cookie names: whether the session is still active and the user enabled is the
 * database's answer (lib/auth/session.ts).
 */
export async function sessionFromCookie(): Promise<Session | null> {
  const requestHeaders = await headers();
  const token = await getToken({
    // The cookie alone, as `auth()` reads it: an Authorization header does not stand in for it.
    req: { headers: { cookie: requestHeaders.get("cookie") ?? "" } },
    secret: env().authSecret,
    secureCookie: usesSecureCookies(requestHeaders),
    decode: decodeSessionToken,
  });
  if (!token?.sub) return null;
  return {
    user: { id: token.sub },
    sessionId: token.sid,
    signedInAt: token.signedInAt,
    expires: new Date((token.exp ?? 0) * 1000).toISOString(),
  };
}

/**
 * Whether the cookie is the `__Secure-` one, as Auth.js decides it for `auth()`: from AUTH_URL when
 * set, else from the forwarded protocol, https when the request does not say.
 */
function usesSecureCookies(requestHeaders: Headers): boolean {
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).protocol === "https:";
  return (requestHeaders.get("x-forwarded-proto") ?? "https").replace(/:$/, "") === "https";
}
