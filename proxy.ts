import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

import { env } from "@/lib/env";

/** Paths reachable without a session: the sign-in page and Auth.js itself (webhooks and health skip the proxy). */
const PUBLIC_PATHS = [/^\/login$/, /^\/api\/auth(\/|$)/];

/**
 * Sends visitors without a valid session cookie to sign in (API calls get 401). It only reads the
 * cookie: whether the user still exists, is enabled and holds the role is checked again on the
 * server by every page, action and route.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return NextResponse.next();
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  const token = await getToken({ req: request, secret: env().authSecret, secureCookie: protocol === "https" });
  if (token?.sub) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { message: "Sign in first.", code: "UNAUTHENTICATED" } }, { status: 401 });
  }
  // A relative callback keeps the browser on the host it used (127.0.0.1 or a public name).
  const login = new URL("/login", request.nextUrl);
  login.search = "";
  if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Meta's deliveries and health checks carry no session: they skip the proxy and check their own way.
  // Media uploads skip it too, so large files stream instead of being buffered; the route checks the session.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|manifest\\.webmanifest$|api/webhooks|api/health|api/media/upload|.*\\.(?:png|svg|ico|webp)$).*)"],
};
