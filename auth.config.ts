import type { NextAuthConfig } from "next-auth";

import { isRole } from "@/lib/auth/permissions";

/** Paths reachable without a session: the sign-in page, Auth.js itself, health checks and Meta's webhooks. */
const PUBLIC_PATHS = [/^\/login$/, /^\/api\/auth(\/|$)/, /^\/api\/health$/, /^\/api\/webhooks(\/|$)/];

/**
 * The part of the Auth.js configuration that needs no database, shared by the proxy
 * (which only reads the session cookie) and by auth.ts (which also checks passwords).
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const { pathname } = request.nextUrl;
      if (PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return true;
      if (auth?.user) return true;
      if (pathname.startsWith("/api/")) {
        return Response.json({ error: { message: "Sign in first.", code: "UNAUTHENTICATED" } }, { status: 401 });
      }
      // A relative callback keeps the browser on the host it used (127.0.0.1 or a public name).
      const login = new URL("/login", request.nextUrl);
      login.search = "";
      if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${request.nextUrl.search}`);
      return Response.redirect(login);
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        if ("role" in user && isRole(user.role)) token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
