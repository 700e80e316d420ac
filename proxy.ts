import { randomUUID } from "node:crypto";

import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

import { decodeSessionToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { crossOriginResponse, isSameOrigin, needsSameOrigin } from "@/lib/http/same-origin";
import {
  contentSecurityPolicy,
  newNonce,
  originOf,
  strictTransportSecurity,
  WHATSAPP_PICTURE_ORIGIN,
} from "@/lib/http/security-headers";

/**
 * Paths reachable without a session: the sign-in page, Auth.js itself, the public API (each call
 * brings its own Bearer token, checked by the route) and its reference. Webhooks and health skip the proxy.
 */
const PUBLIC_PATHS = [/^\/login$/, /^\/api\/auth(\/|$)/, /^\/api\/v1(\/|$)/, /^\/docs\/api(\/|$)/];
/** The public API reads no cookie, only its Bearer token: a page of another site gains nothing by calling it. */
const TOKEN_API = /^\/api\/v1(\/|$)/;

/**
 * In front of every page and API route but the few the matcher skips:
 * - gives the request an id (`x-request-id`, replacing any the client sent) that logs carry and the
 *   response echoes;
 * - gives each page a nonce and its Content-Security-Policy (Next reads the nonce from the request's
 *   policy and puts it on its scripts; the root layout hands it to the theme script);
 * - refuses mutating API calls from other sites (403 CROSS_ORIGIN), but for the public API's, which
 *   carry a token rather than a cookie;
 * - sends visitors without a session cookie to sign in (API calls get 401). It only reads the cookie:
 *   whether the session is still active and the user enabled and allowed is checked again on the
 *   server by every page, action and route.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const settings = env();
  const requestId = randomUUID();
  const nonce = newNonce();
  const imageOrigins = [...new Set([WHATSAPP_PICTURE_ORIGIN, originOf(settings.matonGatewayUrl)])].filter((origin) => origin !== undefined);
  const hsts = strictTransportSecurity(settings.appUrl);
  const policy = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    imageOrigins,
    upgradeInsecureRequests: hsts !== undefined,
  });

  const forwarded = new Headers(request.headers);
  forwarded.set("x-request-id", requestId);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", policy);

  const finish = <R extends Response>(response: R): R => {
    response.headers.set("x-request-id", requestId);
    // API answers keep their own (the media route serves files with a sandboxing policy).
    if (!pathname.startsWith("/api/")) response.headers.set("Content-Security-Policy", policy);
    if (hsts) response.headers.set("Strict-Transport-Security", hsts);
    return response;
  };
  const pass = () => finish(NextResponse.next({ request: { headers: forwarded } }));

  if (!TOKEN_API.test(pathname) && needsSameOrigin(request.method, pathname) && !isSameOrigin(request.headers, request.url, settings.appUrl)) {
    return finish(crossOriginResponse());
  }
  if (PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return pass();
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  const token = await getToken({ req: request, secret: settings.authSecret, secureCookie: protocol === "https", decode: decodeSessionToken });
  // A cookie without a session id predates server-side sessions: signed out, like the server treats it.
  if (token?.sub && token.sid) return pass();
  if (pathname.startsWith("/api/")) {
    return finish(NextResponse.json({ error: { message: "Sign in first.", code: "UNAUTHENTICATED" } }, { status: 401 }));
  }
  // A relative callback keeps the browser on the host it used (127.0.0.1 or a public name).
  const login = new URL("/login", request.nextUrl);
  login.search = "";
  if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return finish(NextResponse.redirect(login));
}

export const config = {
  // Meta's deliveries and health checks carry no session: they skip the proxy and check their own way.
  // The client catalogs (api/i18n) are the interface's words, public like its scripts.
  // Media uploads and contact imports (CSV files up to 50 MB) skip it too, so large files stream
  // instead of being buffered; the routes check the session (or the API token) and the Origin themselves.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|manifest\\.webmanifest$|api/webhooks|api/health|api/i18n/|api/media/upload|api/contacts/imports$|api/v1/contacts/imports$|.*\\.(?:png|svg|ico|webp)$).*)"],
};
